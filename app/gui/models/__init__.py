"""Qt item models over the read queries of :mod:`app.core.lists.queries`."""

from app.gui.models.record_list import RecordListModel

__all__ = ["RecordListModel"]
