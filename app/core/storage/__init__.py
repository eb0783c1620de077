"""Storage: where a case file lives and how bytes reach the disk safely.

The engine and schema upgrades (``db``), the mappings (``models``), the open workspace
(``workspace``) and its lock, paths and open hooks, the attachment store (``store``),
bulk inserts for imports (``bulk``), the audit trail (``audit``), encryption at rest
(``crypto``, ``encryption``), and the one way any file is written whole (``atomic``).
Nothing here imports the safety subsystem: it registers itself through ``hooks``.
"""
