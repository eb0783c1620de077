"""Search over every record: what a person typed (``terms``), the query
(``query``: FTS5 on SQLite, tsvector on PostgreSQL), the index (``schema``) and the
hits it returns (``hits``).
"""
