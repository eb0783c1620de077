"""The use cases: the only way data changes. One module per kind of record (its field
table and add/update/get/delete), the shared rules (``fields``, ``records``), what
forms choose from (``choices``), and undoable operations (``operations``, ``restore``).
"""
