"""One lazy table model for every list: rows come from SQL a page at a time.

The model never holds more rows than the view has scrolled to. ``rowCount`` is
what has been fetched; ``canFetchMore``/``fetchMore`` bring the next page (the
view asks as the user scrolls). Sorting and filtering re-run the query in SQL
and start again from the first page.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from app.context import AppContext
from app.core import queries
from app.core.dates import PartialDate
from app.core.vocab import label

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 200
KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's key, e.g. {"id": 7}
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the whole row dict (for details and tests)


def format_date(value: str | None) -> str:
    if not value:
        return ""
    try:
        return PartialDate.from_iso(value).display()
    except ValueError:
        return value


def format_size(size: int | None) -> str:
    if size is None:
        return ""
    amount = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if amount < 1024 or unit == "GB":
            return f"{int(amount)} {unit}" if unit == "bytes" else f"{amount:.1f} {unit}"
        amount /= 1024
    return str(size)


def format_stamp(value: Any) -> str:
    if not isinstance(value, dt.datetime):
        return str(value or "")
    if value.tzinfo is None:  # SQLite hands back the stored UTC time without its zone
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone().strftime("%b %d, %Y %H:%M")


def format_cell(column: queries.Column, value: Any) -> str:
    if value is None:
        return ""
    kind = column.kind
    if kind == "date":
        return format_date(value)
    if kind in {"vocab", "todo"}:
        return label(column.vocabulary or {}, value)
    if kind == "roles":
        try:
            codes = json.loads(value) if isinstance(value, str) else list(value)
        except ValueError:
            return str(value)
        return ", ".join(label(column.vocabulary or {}, code) for code in codes)
    if kind == "size":
        return format_size(value)
    if kind == "flag":
        return "Yes" if value else ""
    if kind == "stamp":
        return format_stamp(value)
    text = " ".join(str(value).split())  # one line per row: fixed row heights
    if kind == "text" and len(str(value)) >= queries.EXCERPT:
        text += "…"
    return text


class RecordListModel(QAbstractTableModel):
    """Rows of one :class:`~app.core.queries.ListSpec`, fetched lazily from SQL."""

    def __init__(
        self,
        ctx: AppContext,
        list_name: str,
        case_id: int | None = None,
        parent: QObject | None = None,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.spec = queries.SPECS[list_name]
        self.page_size = page_size
        self.query = queries.ListQuery(self.spec, case_id=case_id)
        self._rows: list[dict[str, Any]] = []
        self._total = 0
        if case_id is not None or not self.spec.case_scoped:
            self._load(page_size)

    # -- what to show --------------------------------------------------------

    @property
    def total(self) -> int:
        """All rows matching the filter, fetched or not."""
        return self._total

    @property
    def case_id(self) -> int | None:
        return self.query.case_id

    def set_case(self, case_id: int | None) -> None:
        self._requery(case_id=case_id)

    def set_filter(self, text: str) -> None:
        if text != self.query.text:
            self._requery(text=text)

    def filter_text(self) -> str:
        return self.query.text

    def sort_key(self) -> str:
        return self.query.sort or self.spec.default_sort

    def refresh(self) -> None:
        """Re-read after a change, keeping as many rows loaded as before."""
        self.beginResetModel()
        self._load(max(len(self._rows), self.page_size), reset=False)
        self.endResetModel()

    def _requery(self, **changes: Any) -> None:
        self.beginResetModel()
        self.query = replace(self.query, **changes)
        self._load(self.page_size, reset=False)
        self.endResetModel()

    def _load(self, count: int, reset: bool = True) -> None:
        if reset:
            self.beginResetModel()
        if self.spec.case_scoped and self.query.case_id is None:
            self._rows, self._total = [], 0
        else:
            ws = self.ctx.workspace
            self._total = queries.count_rows(ws, self.query)
            self._rows = queries.fetch_rows(ws, self.query, 0, count) if self._total else []
        if reset:
            self.endResetModel()

    # -- rows and keys -------------------------------------------------------

    def row_data(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def key_at(self, row: int) -> dict[str, Any]:
        data = self._rows[row]
        return {name: data[name] for name in self.spec.key}

    def find_row(self, key: dict[str, Any]) -> int | None:
        """The row holding ``key``, fetching up to it if needed; None if the filter hides it."""
        for row, data in enumerate(self._rows):
            if all(data.get(name) == value for name, value in key.items()):
                return row
        position = queries.row_position(self.ctx.workspace, self.query, key)
        if position is None:
            return None
        if position >= len(self._rows):
            self._fetch(position + 1 - len(self._rows))
        return position if position < len(self._rows) else None

    # -- QAbstractTableModel -------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.spec.columns)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._fetch(self.page_size)

    def _fetch(self, count: int) -> None:
        start = len(self._rows)
        wanted = min(max(count, self.page_size), self._total - start)
        if wanted <= 0:
            return
        rows = queries.fetch_rows(self.ctx.workspace, self.query, start, wanted)
        if not rows:
            # The table shrank under us (someone else deleted rows): trust what SQL says now.
            self._total = start
            return
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.spec.columns):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        key = self.spec.columns[column].key
        if (key, descending) != (self.sort_key(), self.query.descending):
            self._requery(sort=key, descending=descending)

    def sort_column(self) -> int:
        keys = [column.key for column in self.spec.columns]
        return keys.index(self.sort_key())

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.spec.columns):
            return None
        column = self.spec.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(column)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.spec.columns[index.column()]
        value = row.get(column.key)
        if role == Qt.ItemDataRole.DisplayRole:
            text = format_cell(column, value)
            if column.kind == "date" and row.get("time"):
                text = f"{text}, {row['time']}" if text else row["time"]
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            text = format_cell(column, value)
            if column.kind == "text" and len(text) > 40:
                # Rich text so long statements wrap instead of running off the screen.
                return f"<p>{html.escape(str(value))}</p>"
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(column)
        if role == Qt.ItemDataRole.FontRole and column.kind == "date" and _approximate(value):
            font = QFont()
            font.setItalic(True)  # "about June 2020" reads as uncertain at a glance
            return font
        if role == Qt.ItemDataRole.DecorationRole and self.spec.name == "chronology":
            if column.key == "kind":
                from app.gui.style import icon

                return icon("statement" if row.get("record") == "statement" else "event")
            return None
        if role == KEY_ROLE:
            return {name: row[name] for name in self.spec.key}
        if role == ROW_ROLE:
            return dict(row)
        return None


def _alignment(column: queries.Column) -> Qt.AlignmentFlag:
    horizontal = (
        Qt.AlignmentFlag.AlignRight
        if column.kind in {"int", "size"}
        else Qt.AlignmentFlag.AlignLeft
    )
    return horizontal | Qt.AlignmentFlag.AlignVCenter


def _approximate(value: Any) -> bool:
    return isinstance(value, str) and value.endswith("~")
