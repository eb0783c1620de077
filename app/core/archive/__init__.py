"""The portable case archive (docs/archive-format.md): ``transfer`` is the front door
(export, check, import); ``write`` makes ``case.json``, ``container`` opens the zip
safely, ``read`` checks what it says, ``importer`` adds it in one transaction, and
``history`` carries the audit trail.
"""
