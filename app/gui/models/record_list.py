"""One lazy table model for every list: the keys up front, rows a page at a time.

Opening a list, sorting or filtering runs one SQL query for the ordered keys of all
matching rows (ids: 50,000 of them are ~2 MB), so ``rowCount`` is the whole list from
the start and the scroll bar is true. ``data`` then reads the rows of the page it
needs by key (one indexed query of ``PAGE_SIZE`` rows) and keeps the last few pages,
so scrolling to the end of 50,000 rows reads one page, not every page before it.
Sorting and filtering happen in SQL; nothing sorts rows in Python.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections import OrderedDict
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from app.context import AppContext
from app.core import queries
from app.core.dates import PartialDate
from app.core.vocab import label

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 100  # rows per read: ~3 screens; a read of long statements costs ~1 ms
CACHED_PAGES = 10  # pages of rows kept, so jumping back and forth does not re-read
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
        cached_pages: int = CACHED_PAGES,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.spec = queries.SPECS[list_name]
        self.page_size = page_size
        self.cached_pages = max(2, cached_pages)
        self.query = queries.ListQuery(self.spec, case_id=case_id)
        self._keys: list[Any] = []  # every matching row's key, in order
        self._positions: dict[Any, int] | None = None  # key -> row, built when first needed
        self._pages: OrderedDict[int, list[dict[str, Any] | None]] = OrderedDict()
        self._last_page: list[dict[str, Any] | None] | None = None
        self._last_number = -1
        self.page_reads = 0  # pages read from SQL (tests and benchmarks look)
        self._load()

    # -- what to show --------------------------------------------------------

    @property
    def total(self) -> int:
        """All rows matching the filter."""
        return len(self._keys)

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
        """Re-read after a change: the keys again, and rows as they are shown."""
        self._requery()

    def cached_rows(self) -> int:
        """How many rows are held in memory now (at most ``cached_pages`` pages)."""
        return sum(len(page) for page in self._pages.values())

    def _requery(self, **changes: Any) -> None:
        self.beginResetModel()
        if changes:
            self.query = replace(self.query, **changes)
        self._load()
        self.endResetModel()

    def _load(self) -> None:
        self._pages.clear()
        self._last_page, self._last_number = None, -1
        self._positions = None
        if self.spec.case_scoped and self.query.case_id is None:
            self._keys = []
        else:
            self._keys = queries.fetch_keys(self.ctx.workspace, self.query)

    def _page(self, number: int) -> list[dict[str, Any] | None]:
        """Rows ``number * page_size`` onwards, from the cache or one query by key."""
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        start = number * self.page_size
        keys = self._keys[start : start + self.page_size]
        found = queries.fetch_by_keys(self.ctx.workspace, self.query, keys)
        # A row deleted since the keys were read (by another user) shows blank until
        # the next refresh rather than shifting every row below it.
        page = [found.get(key) for key in keys]
        self.page_reads += 1
        self._pages[number] = page
        while len(self._pages) > self.cached_pages:
            self._pages.popitem(last=False)
        return page

    def _row(self, row: int) -> dict[str, Any] | None:
        if not 0 <= row < len(self._keys):
            return None
        number = row // self.page_size
        # A paint asks for every cell in several roles: keep the page it is on at hand.
        if number != self._last_number or self._last_page is None:
            self._last_page, self._last_number = self._page(number), number
        return self._last_page[row % self.page_size]

    # -- rows and keys -------------------------------------------------------

    def row_data(self, row: int) -> dict[str, Any]:
        data = self._row(row)
        if data is None:
            raise IndexError(row)
        return data

    def key_at(self, row: int) -> dict[str, Any]:
        key = self._keys[row]
        values = key if isinstance(key, tuple) else (key,)
        return dict(zip(self.spec.key, values, strict=True))

    def find_row(self, key: dict[str, Any]) -> int | None:
        """The row holding ``key``, or None if the filter hides it (or it does not exist)."""
        try:
            values = tuple(key[name] for name in self.spec.key)
        except KeyError:
            return None
        wanted = values if len(values) > 1 else values[0]
        if self._positions is None:
            self._positions = {k: row for row, k in enumerate(self._keys)}
        return self._positions.get(wanted)

    # -- QAbstractTableModel -------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.spec.columns)

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
        if not index.isValid():
            return None
        if role == KEY_ROLE:
            return self.key_at(index.row()) if index.row() < len(self._keys) else None
        row = self._row(index.row())
        if row is None:
            return None
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
