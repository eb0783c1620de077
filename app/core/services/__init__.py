"""The use cases: the only way data changes. One module per kind of record (its field
table and add/update/get/delete), the shared rules (``fields``, ``records``), what
forms choose from (``choices``), and undoable operations (``operations``, ``restore``).
"""

# Every change through a service keeps each case's speedy-trial last day current
# (a session hook, installed on import).
from app.core.clock import kept  # noqa: E402, F401
