"""The search field and its results, grouped by kind (a widget for a dock).

Typing waits ``DEBOUNCE_MS`` after the last keystroke, then calls
:func:`app.core.search.search` (a selective search takes about a millisecond, so
it runs on the GUI thread). Activating a hit emits
``recordActivated(kind, case_id, record_id)``; the main window navigates. A
person in no case has ``case_id`` 0.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.core.search import KIND_LABELS, Hit, search

DEBOUNCE_MS = 250
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2


class _HtmlDelegate(QStyledItemDelegate):
    """Paints an item's (already escaped) HTML, so the matched words show in bold."""

    def paint(self, painter, option, index) -> None:  # type: ignore[no-untyped-def]
        markup = index.data(HTML_ROLE)
        if not markup:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        doc.setHtml(markup)
        painter.save()
        painter.translate(opt.rect.topLeft())
        painter.setClipRect(opt.rect.translated(-opt.rect.topLeft()))
        doc.drawContents(painter)
        painter.restore()

    def sizeHint(self, option, index):  # type: ignore[no-untyped-def]
        size = super().sizeHint(option, index)
        if index.data(HTML_ROLE):
            size.setHeight(int(size.height() * 2.4))
        return size


class SearchPanel(QWidget):
    recordActivated = Signal(str, int, int)  # kind, case id (0: none), record id

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.case_id: int | None = None
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Search all cases…")
        self.field.setClearButtonEnabled(True)
        self.status = QLabel(self)
        self.model = QStandardItemModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.tree.setItemDelegate(_HtmlDelegate(self.tree))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.field)
        layout.addWidget(self.status)
        layout.addWidget(self.tree)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_search)
        self.field.textChanged.connect(lambda _text: self.timer.start())
        self.field.returnPressed.connect(self.run_search)
        self.tree.activated.connect(self._activated)
        self.hits: list[Hit] = []

    def set_case(self, case_id: int | None) -> None:
        """Search only this case (None: every case)."""
        self.case_id = case_id
        self.field.setPlaceholderText("Search this case…" if case_id else "Search all cases…")
        if self.field.text():
            self.run_search()

    def run_search(self) -> None:
        self.timer.stop()
        query = self.field.text()
        self.hits = search(self.context.workspace, query, case_id=self.case_id, limit=50)
        self._show(self.hits, bool(query.strip()))

    def _show(self, hits: list[Hit], asked: bool) -> None:
        self.model.clear()
        groups: dict[str, QStandardItem] = {}
        for hit in hits:
            group = groups.get(hit.kind)
            if group is None:
                group = QStandardItem(KIND_LABELS[hit.kind])
                group.setSelectable(False)
                groups[hit.kind] = group
                self.model.appendRow(group)
            item = QStandardItem(f"{hit.title}\n{hit.snippet}")
            item.setData(hit, HIT_ROLE)
            item.setData(
                f"<div>{_escape(hit.title)}</div><div>{hit.snippet_html()}</div>",
                HTML_ROLE,
            )
            item.setToolTip(hit.case_caption)
            group.appendRow(item)
        for kind, group in groups.items():
            group.setText(f"{KIND_LABELS[kind]} ({group.rowCount()})")
        self.tree.expandAll()
        self.status.setText("" if not asked else f"{len(hits)} found" if hits else "No matches")

    def _activated(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if isinstance(hit, Hit):
            self.recordActivated.emit(hit.kind, hit.case_id or 0, hit.id)


def _escape(text: str) -> str:
    import html

    return html.escape(text)
