"""One lazy table model for every list: the keys when needed, rows a page at a time.

Opening a list in date order counts its rows and reads the keys of its first page only
(LIMIT, a walk of a few index entries), so ``rowCount`` is the whole list from the
start, the scroll bar is true and the first screen paints without the rest. The keys of
the last pages come the same way, read backwards, so jumping to the end needs no more.
Any other row (or :meth:`RecordListModel.find_row`) reads the ordered keys of every
matching row in one query (ids: 50,000 of them are ~2 MB). A filtered list, or one
sorted on another column, reads all its keys at once: counting a filter costs as much
as listing its matches, and the first page of a text sort as much as sorting them all.
``data`` reads the rows of the page it needs by key (one indexed query of
``PAGE_SIZE`` rows), formats their text once, and keeps the last few pages, so
scrolling to the end of 50,000 rows reads one page, not every page before it.
Sorting and filtering happen in SQL; nothing sorts rows in Python.

A model is laid out from its list's columns (``app.core.lists.columns``) alone, and loads
``app.core.lists.queries`` (and with it SQLAlchemy) when it first reads: a list made before
the workspace opens, as the app's first frame has it, costs no database import.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections import OrderedDict
from dataclasses import replace
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from app.core.dates import PartialDate
from app.core.lists.columns import EXCERPT, LAYOUTS, Column, ListQuery
from app.core.vocab import label

if TYPE_CHECKING:
    from app.context import AppContext
    from app.core.storage.workspace import Workspace

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


def _queries() -> ModuleType:
    """``app.core.lists.queries``, imported at a list's first read (it loads SQLAlchemy)."""
    from app.core.lists import queries

    return queries


def format_cell(column: Column, value: Any) -> str:
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
    if kind == "text" and len(str(value)) >= EXCERPT:
        text += "…"
    return text


class RecordListModel(QAbstractTableModel):
    """Rows of one list (``app.core.lists.specs``), fetched lazily from SQL.

    ``ctx`` may be None while the workspace is not open yet, for a model that does not
    read until it is given one (the case list of the app's first frame)."""

    def __init__(
        self,
        ctx: AppContext | None,
        list_name: str,
        case_id: int | None = None,
        parent: QObject | None = None,
        page_size: int = PAGE_SIZE,
        cached_pages: int = CACHED_PAGES,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.spec = LAYOUTS[list_name]
        self.page_size = page_size
        self.cached_pages = max(2, cached_pages)
        self.query = ListQuery(self.spec, case_id=case_id)
        self._alignments = tuple(_alignment(column) for column in self.spec.columns)
        self._keys: list[Any] | None = []  # every matching row's key, in order; None: not read yet
        self._total = 0  # rows matching (len(self._keys) once they are read)
        self._head: list[Any] = []  # until then: the keys of the first rows
        self._tail: list[Any] = []  # ... and of the last rows, once wanted
        self._positions: dict[Any, int] | None = None  # key -> row, built when first needed
        self._pages: OrderedDict[int, list[_Entry | None]] = OrderedDict()
        self._last_page: list[_Entry | None] | None = None
        self._last_number = -1
        self.page_reads = 0  # pages read from SQL (tests and benchmarks look)
        self.key_reads = 0  # full key lists read from SQL (tests look)
        self._load()

    # -- what to show --------------------------------------------------------

    @property
    def total(self) -> int:
        """All rows matching the filter."""
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
        """Re-read after a change: the keys again, and rows as they are shown."""
        self._requery()

    def cached_rows(self) -> int:
        """How many rows are held in memory now (at most ``cached_pages`` pages)."""
        return sum(len(page) for page in self._pages.values())

    def _workspace(self) -> Workspace:
        if self.ctx is None:
            raise RuntimeError("the list has no workspace to read yet")
        return self.ctx.workspace

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
        self._head, self._tail = [], []
        if self.spec.case_scoped and self.query.case_id is None:
            self._keys = []
        elif self.query.text.strip() or self.spec.column(self.sort_key()).kind != "date":
            # Counting a filter costs as much as listing its matches, and the first page
            # of a sort on text needs the sort of every row: read all the keys at once.
            self._read_keys()
        else:
            queries, ws = _queries(), self._workspace()
            self._head = queries.fetch_keys(ws, self.query, self.page_size)
            if len(self._head) < self.page_size:
                self._keys = self._head  # that is all of them
            else:
                self._keys = None
                self._total = queries.count_keys(ws, self.query)
                return
        self._total = len(self._keys or [])

    def _read_keys(self) -> list[Any]:
        """Every key, in order. Rows added since the count (by another user) wait for the
        next refresh; rows deleted since then leave blank rows at the end until it."""
        keys = _queries().fetch_keys(self._workspace(), self.query)
        self.key_reads += 1
        if self._keys is None:
            del keys[self._total :]
        self._keys, self._head, self._tail = keys, [], []
        return keys

    def _page_keys(self, number: int) -> list[Any]:
        """The keys of page ``number``: from the first or last keys while those are all
        that has been read, else from the whole list (read now if need be)."""
        start = number * self.page_size
        stop = min(start + self.page_size, self._total)
        keys = self._keys
        if keys is not None:
            return keys[start:stop]
        if stop <= len(self._head):
            return self._head[start:stop]
        tail_start = self._total - len(self._tail)
        last_page = (self._total - 1) // self.page_size
        if start < tail_start and number >= last_page - 1:
            # The end of the list (its last two pages: one screen can straddle them),
            # read backwards, so scrolling to the bottom needs no full key list.
            tail_start = max(0, (last_page - 1) * self.page_size)
            self._tail = _queries().fetch_keys(
                self._workspace(), self.query, self._total - tail_start, from_end=True
            )
            tail_start = self._total - len(self._tail)
        if start >= tail_start:
            return self._tail[start - tail_start : stop - tail_start]
        return self._read_keys()[start:stop]

    def _all_keys(self) -> list[Any]:
        return self._keys if self._keys is not None else self._read_keys()

    def _page(self, number: int) -> list[_Entry | None]:
        """Rows ``number * page_size`` onwards, from the cache or one query by key."""
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        keys = self._page_keys(number)
        found = _queries().fetch_by_keys(self._workspace(), self.query, keys)
        # A row deleted since the keys were read (by another user) shows blank until
        # the next refresh rather than shifting every row below it.
        page = [None if (row := found.get(key)) is None else self._entry(key, row) for key in keys]
        self.page_reads += 1
        self._pages[number] = page
        while len(self._pages) > self.cached_pages:
            self._pages.popitem(last=False)
        return page

    def _entry(self, key: Any, row: dict[str, Any]) -> _Entry:
        return _Entry(key, row, self.spec.columns)

    def _at(self, row: int) -> _Entry | None:
        if not 0 <= row < self._total:
            return None
        number = row // self.page_size
        # A paint asks for every cell in several roles: keep the page it is on at hand.
        if number != self._last_number or self._last_page is None:
            self._last_page, self._last_number = self._page(number), number
        offset = row % self.page_size
        return self._last_page[offset] if offset < len(self._last_page) else None

    def _row(self, row: int) -> dict[str, Any] | None:
        entry = self._at(row)
        return None if entry is None else entry.row

    # -- rows and keys -------------------------------------------------------

    def row_data(self, row: int) -> dict[str, Any]:
        data = self._row(row)
        if data is None:
            raise IndexError(row)
        return data

    def sample_texts(self, column: int, limit: int = PAGE_SIZE) -> list[str]:
        """The text of ``column`` in the list's first rows (at most ``limit``), as shown.

        What a view sizes a column to: the first page is read for the first screen anyway,
        so this costs no query of its own, and never touches the rest of the list."""
        if self._total == 0 or not 0 <= column < len(self.spec.columns):
            return []
        page = self._page(0)
        return [entry.texts[column] for entry in page[:limit] if entry is not None]

    def key_at(self, row: int) -> dict[str, Any]:
        if not 0 <= row < self._total:
            raise IndexError(row)
        key = self._all_keys()[row]  # IndexError for a blank row (deleted by another user)
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
            self._positions = {k: row for row, k in enumerate(self._all_keys())}
        return self._positions.get(wanted)

    # -- QAbstractTableModel -------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

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
        # A paint asks each cell for seven roles: the common ones go first, with no
        # more Python than they need; the ones no list answers return at once.
        if role == _DISPLAY:
            entry = self._at(index.row())  # None for an invalid index too (row -1)
            return None if entry is None else entry.texts[index.column()]
        if role == _ALIGNMENT:
            column = index.column()
            return self._alignments[column] if 0 <= column < len(self._alignments) else None
        if role not in _ANSWERED or not index.isValid():
            return None
        if role == KEY_ROLE:
            try:
                return self.key_at(index.row())
            except IndexError:
                return None
        entry = self._at(index.row())
        if entry is None:
            return None
        row = entry.row
        column = self.spec.columns[index.column()]
        value = row.get(column.key)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = entry.texts[index.column()]
            if column.kind == "text" and len(text) > 40:
                # Rich text so long statements wrap instead of running off the screen.
                return f"<p>{html.escape(str(value))}</p>"
            return None
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


_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_ANSWERED = frozenset(
    role.value if isinstance(role, Qt.ItemDataRole) else int(role)
    for role in (
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.DecorationRole,
        KEY_ROLE,
        ROW_ROLE,
    )
)


class _Entry:
    """A row read, with its cells' text formatted when first shown, then kept: once per
    read, not once per paint, and not for the rows of a page that are never shown."""

    __slots__ = ("_columns", "_texts", "key", "row")

    def __init__(self, key: Any, row: dict[str, Any], columns: tuple[Column, ...]):
        self.key, self.row, self._columns = key, row, columns
        self._texts: tuple[str, ...] | None = None

    @property
    def texts(self) -> tuple[str, ...]:
        """Each column's text as shown."""
        if self._texts is None:
            row, texts = self.row, []
            for column in self._columns:
                text = format_cell(column, row.get(column.key))
                if column.kind == "date" and row.get("time"):
                    text = f"{text}, {row['time']}" if text else row["time"]
                texts.append(text)
            self._texts = tuple(texts)
        return self._texts


def _alignment(column: Column) -> Qt.AlignmentFlag:
    horizontal = (
        Qt.AlignmentFlag.AlignRight
        if column.kind in {"int", "size"}
        else Qt.AlignmentFlag.AlignLeft
    )
    return horizontal | Qt.AlignmentFlag.AlignVCenter


def _approximate(value: Any) -> bool:
    return isinstance(value, str) and value.endswith("~")
