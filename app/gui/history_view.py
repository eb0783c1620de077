"""History: the audit trail of a case or of one record, read-only, newest first.

Three parts, as for the other tables: what to query (``Scope``: a case, or a few
(table, id) pairs), the lazy model (``HistoryModel``: a page of entries at a time,
keyset-paged by id so a case with 100,000 entries opens as fast as one with ten,
every string of a page worked out once when it is fetched), and the dialog.

Entries are shown readably (``app.gui.history_format``): field labels from the
entity specs, dates as a lawyer writes them, codes as their labels, ids as the
names of what they point at (looked up once per page), long texts elided in the
table with more in the tooltip and all of it in the pane below. Nothing here can
change the trail.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import ColumnElement, and_, false, func, or_, select

from app.context import AppContext
from app.core.kinds import KINDS
from app.core.storage import audit_chain
from app.core.storage.audit import chain_problems
from app.core.storage.models import AuditEntry, Case, Party
from app.gui import style
from app.gui.dialogs.base import Buttons, Dialog
from app.gui.history_format import (
    ACTIONS,
    Formatter,
    Names,
    local_time,
)

PAGE = 200
CELL_CHARS = 70  # a value in the Changes column
TIP_CHARS = 600  # a value in a tooltip
_LOG = AuditEntry.__table__.c


# -- what to show ------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """Which entries: a whole case (``case_id``), or some records as (table, id) pairs."""

    title: str
    case_id: int | None = None
    records: tuple[tuple[str, int], ...] = ()

    def condition(self) -> ColumnElement[bool]:
        if self.case_id is not None:
            people = select(Party.person_id).where(Party.case_id == self.case_id)
            return or_(
                _LOG.case_id == self.case_id,
                and_(_LOG.table_name == "people", _LOG.record_id.in_(people)),
            )
        if not self.records:
            return false()
        return or_(*(and_(_LOG.table_name == t, _LOG.record_id == i) for t, i in self.records))


def case_scope(ctx: AppContext, case_id: int) -> Scope:
    with ctx.workspace.reader() as session:
        caption = session.scalar(select(Case.caption).where(Case.id == case_id))
    return Scope(f"History of {caption or f'case {case_id}'}", case_id=case_id)


def record_scope(ctx: AppContext, kind: str, record_id: int) -> Scope:
    """One record's history; a party's includes its person's (name, contact ...)."""
    if kind == "case":
        return case_scope(ctx, record_id)
    table = KINDS[kind].table
    records: list[tuple[str, int]] = [(table, record_id)]
    if table == "parties":
        with ctx.workspace.reader() as session:
            person = session.scalar(select(Party.person_id).where(Party.id == record_id))
        if person is not None:
            records.append(("people", person))
    names = Names(ctx)
    names.want(table, [record_id])
    names.load()
    label = names.get(table, record_id) or str(record_id)
    return Scope(f"History of {KINDS[kind].label.lower()} {label}", records=tuple(records))


# -- the model ---------------------------------------------------------------------


def _entry(row: Any) -> dict[str, Any]:
    note, at, changes = row.note or "", None, {}
    try:
        at = audit_chain.stored_time(row.at)
        changes = audit_chain.stored_changes(row.changes)
    except audit_chain.Unreadable as exc:
        note = f"this entry cannot be read ({exc}): it was changed outside Casefile"
    return {
        "id": row.id,
        "at": at,
        "user": row.user or "",
        "action": row.action or "",
        "table": row.table_name,
        "record_id": row.record_id,
        "changes": changes,
        "note": note,
    }


def _problems_of(ctx: AppContext) -> Any:
    """Work for a worker thread: the chain check reads every entry of the workspace."""

    def work(_control: Any) -> list[str]:
        handle = ctx.workspace.for_worker()
        try:
            return chain_problems(handle)
        finally:
            handle.close()

    return work


@dataclass
class HistoryRow:
    entry: dict[str, Any]
    cells: tuple[str, str, str, str, str]
    tips: tuple[str, str, str, str, str]


class HistoryModel(QAbstractTableModel):
    """The entries of a scope, newest first, fetched a page at a time as the view scrolls."""

    HEADERS = ("When", "Who", "Action", "Record", "Changes")

    def __init__(self, ctx: AppContext, scope: Scope, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.scope = scope
        self.rows: list[HistoryRow] = []
        self.total = 0
        self._exhausted = False
        self.reload()

    # -- reading ----------------------------------------------------------------

    def reload(self) -> None:
        """Start again from the newest entry (after a change, or a new workspace)."""
        self.beginResetModel()
        self.rows = []
        self._exhausted = False
        with self.ctx.workspace.reader() as session:
            self.total = (
                session.scalar(
                    select(func.count())
                    .select_from(AuditEntry.__table__)
                    .where(self.scope.condition())
                )
                or 0
            )
        self.rows = self._page(None)
        self.endResetModel()

    def _page(self, before_id: int | None) -> list[HistoryRow]:
        # Ids first, then their rows: the planner sorts the whole match for ORDER BY
        # (the case OR its people), which is cheap for ids and not for every changes column.
        page = select(_LOG.id).where(self.scope.condition()).order_by(_LOG.id.desc()).limit(PAGE)
        if before_id is not None:
            page = page.where(_LOG.id < before_id)
        # Time and changes read raw: an entry overwritten with nonsense outside the app
        # (SQLite keeps any text) is shown as unreadable instead of failing the page.
        with self.ctx.workspace.reader() as session:
            ids = list(session.scalars(page))
            found = (
                session.execute(select(*audit_chain.raw_columns()).where(_LOG.id.in_(ids)))
                if ids
                else []
            )
            entries = sorted((_entry(r) for r in found), key=lambda e: -e["id"])
        if len(entries) < PAGE:
            self._exhausted = True
        formatter = Formatter(Names(self.ctx))
        formatter.prepare(entries)
        return [self._row(formatter, entry) for entry in entries]

    def _row(self, fmt: Formatter, entry: dict[str, Any]) -> HistoryRow:
        record = fmt.record(entry)
        lines = fmt.summary(entry, CELL_CHARS)
        tip_lines = fmt.summary(entry, TIP_CHARS)
        note = entry["note"]
        if note:  # in brackets after the changes; alone (an import, say) it is the text
            lines.append(f"({note})" if lines else note)
            tip_lines.append(f"({note})" if tip_lines else note)
        action = ACTIONS.get(entry["action"], entry["action"].capitalize())
        at = entry["at"]
        return HistoryRow(
            entry,
            (local_time(at), entry["user"], action, record, "; ".join(lines)),
            (local_time(at, seconds=True), entry["user"], action, record, "\n".join(tip_lines)),
        )

    def entry(self, row: int) -> HistoryRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    # -- Qt -----------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if parent.isValid() or self._exhausted or not self.rows:
            self._exhausted = self._exhausted or not self.rows
            return
        more = self._page(self.rows[-1].entry["id"])
        if not more:
            return
        start = len(self.rows)
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = row.tips[index.column()]
            return tip if tip else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable  # never editable


# -- the dialog --------------------------------------------------------------------


def entry_html(row: HistoryRow, fmt: Formatter, muted: str) -> str:
    """The whole of one entry: who, when, what, and every field before and after."""
    entry = row.entry
    when, who, action, record = row.tips[0], row.tips[1], row.tips[2], row.tips[3]
    parts = [
        f"<p><b>{html.escape(action)}</b> {html.escape(record)}<br>"
        f'<span style="color:{muted}">by {html.escape(who)} on {html.escape(when)}</span></p>'
    ]
    if entry["note"]:
        parts.append(f'<p style="color:{muted}">{html.escape(entry["note"])}</p>')
    pairs = fmt.pairs(entry)
    if pairs:
        head = {"create": ("", "Value"), "delete": ("Value", "")}.get(
            entry["action"], ("Before", "After")
        )
        cells = "".join(
            f'<th align="left" style="padding-right:14px">{h}</th>'
            for h in ("Field", *[h for h in head if h])
        )
        parts.append(f'<table cellspacing="0" cellpadding="3"><tr>{cells}</tr>')
        for label, old, new in pairs:
            values = [v for v, h in zip((old, new), head, strict=True) if h]
            shown = "".join(
                f'<td valign="top" style="padding-right:14px">{_multiline(v)}</td>' for v in values
            )
            parts.append(
                f'<tr><td valign="top" style="color:{muted}; padding-right:14px">'
                f"{html.escape(label)}</td>{shown}</tr>"
            )
        parts.append("</table>")
    return "".join(parts)


def _multiline(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


class HistoryDialog(Dialog):
    """The history of a case or a record. Read-only: there is nothing to save."""

    default_size = (1100, 640)

    def __init__(self, ctx: AppContext, scope: Scope, parent: QWidget | None = None) -> None:
        super().__init__(parent, title=f"{scope.title} — Casefile", ctx=ctx)
        self.ctx = ctx
        self.model = HistoryModel(ctx, scope, self)
        self.heading = style.heading(scope.title, 1.2)
        self.heading.setWordWrap(True)
        self.count_label = style.muted(QLabel())
        self.warning_label = QLabel(self)  # shown when the chain check finds tampering
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("font-weight: bold")
        self.warning_label.hide()

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setShowGrid(False)
        self.table.setAccessibleName("History entries")
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # never measure every row
        rows.setDefaultSectionSize(style.row_height(self.table))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        for column, width in enumerate((150, 110, 80, 260)):
            self.table.setColumnWidth(column, width)

        self.detail = QTextBrowser(self)
        self.detail.setOpenLinks(False)
        self.detail.document().setDocumentMargin(style.MARGIN)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        buttons = self.button_box(Buttons.Close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING)
        layout.addWidget(self.heading)
        layout.addWidget(self.count_label)
        layout.addWidget(self.warning_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_entry())
        self.model.modelReset.connect(self._model_reset)
        self._model_reset()
        ctx.tasks.start("history-chain-check", _problems_of(ctx), on_done=self._warn)

    def reload(self) -> None:
        self.model.reload()

    def _warn(self, problems: list[str]) -> None:
        if not problems or not shiboken6.isValid(self.warning_label):  # closed meanwhile
            return
        self.warning_label.setText(
            f"Warning: the audit trail was tampered with ({problems[0]}). What remains of it "
            "is shown, and may be incomplete or changed; Check Workspace names where."
        )
        self.warning_label.show()

    def _model_reset(self) -> None:
        total = self.model.total
        entries = "entry" if total == 1 else "entries"
        self.count_label.setText(
            f"{total:,} {entries}, newest first. The history is kept by Casefile and cannot "
            "be changed."
        )
        if self.model.rowCount():
            self.table.selectRow(0)
        self._show_entry()

    def _muted(self) -> str:
        return self.palette().color(QPalette.ColorRole.PlaceholderText).name()

    def _show_entry(self) -> None:
        row = self.model.entry(self.table.currentIndex().row())
        if row is None:
            text = "No changes recorded yet." if not self.model.total else ""
            self.detail.setHtml(f'<p style="color:{self._muted()}">{text}</p>')
            return
        formatter = Formatter(Names(self.ctx))
        formatter.prepare([row.entry])
        self.detail.setHtml(entry_html(row, formatter, self._muted()))
