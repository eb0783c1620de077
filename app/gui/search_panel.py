"""The search field and its results, grouped by kind (a widget for a dock).

Typing waits ``DEBOUNCE_MS`` after the last keystroke, then calls
:func:`app.core.search.query.search` (a selective search takes about a millisecond, so
it runs on the GUI thread). Activating a hit emits
``recordActivated(kind, case_id, record_id)``; the main window navigates. A
person in no case has ``case_id`` 0. When nothing is found, a nearby spelling from
the index's own words is offered ("Did you mean: scarf?",
:mod:`app.core.search.suggest`) as a button that searches for it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.core.search.query import KIND_LABELS, Hit, search
from app.core.search.suggest import did_you_mean
from app.gui.search_delegate import HIT_ROLE, HitDelegate, HitTree
from app.gui.widgets.accessible import name_line_edit

DEBOUNCE_MS = 250
SHOWN = 50  # hits shown of each kind, the best first
__all__ = ["DEBOUNCE_MS", "HIT_ROLE", "SHOWN", "SearchPanel"]


class SearchPanel(QWidget):
    recordActivated = Signal(str, int, int)  # kind, case id (0: none), record id

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.case_id: int | None = None
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Search all cases…")
        self.field.setClearButtonEnabled(True)
        name_line_edit(self.field, "Search")
        # Where to search: every case, or the case on screen (offered by the window).
        self.scope = QComboBox(self)
        self.scope.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.scope.setMinimumContentsLength(12)
        self.scope.setToolTip("Search every case, or only the case on screen")
        self.scope.addItem("All cases", None)
        self.scope.hide()
        self._offered: tuple[int | None, str] = (None, "")
        self._prefer_case = True  # with a case on screen, search it unless told otherwise
        self.status = QLabel(self)
        # "Did you mean: scarf?" when nothing was found; pressing it searches for that.
        self.suggestion = ""
        self.suggest_button = QPushButton(self)
        self.suggest_button.setFlat(True)
        self.suggest_button.setCursor(Qt.CursorShape.PointingHandCursor)
        # Drawn as a link, with a visible outline when it has the keyboard focus.
        self.suggest_button.setStyleSheet(
            "QPushButton { text-align: left; text-decoration: underline; color: palette(link);"
            " border: 2px solid transparent; border-radius: 3px; padding: 2px 4px; }"
            " QPushButton:focus { border-color: palette(highlight); }"
        )
        self.suggest_button.setAccessibleDescription(
            "Nothing was found for what you typed; this searches for a nearby spelling "
            "that the case files hold."
        )
        self.suggest_button.setAccessibleName("Did you mean")
        self.suggest_button.clicked.connect(self.use_suggestion)
        self.suggest_button.hide()
        self.model = QStandardItemModel(self)
        self.tree = HitTree(self)
        self.tree.setAccessibleName("Search results")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setEditTriggers(HitTree.EditTrigger.NoEditTriggers)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setVerticalScrollMode(HitTree.ScrollMode.ScrollPerPixel)
        self.delegate = HitDelegate(self.tree, show_case=lambda: self.case_id is None)
        self.tree.setItemDelegate(self.delegate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.field)
        layout.addWidget(self.scope)
        layout.addWidget(self.status)
        layout.addWidget(self.suggest_button)
        layout.addWidget(self.tree)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_search)
        self.field.textChanged.connect(lambda _text: self.timer.start())
        self.field.returnPressed.connect(self.run_search)
        self.field.installEventFilter(self)
        self.tree.activated.connect(self._activated)
        self.scope.activated.connect(self._scope_chosen)
        self.hits: list[Hit] = []
        self.more: set[str] = set()  # kinds with more matches than are shown

    def set_case(self, case_id: int | None) -> None:
        """Search only this case (None: every case)."""
        changed = case_id != self.case_id
        self.case_id = case_id
        self.field.setPlaceholderText("Search this case…" if case_id else "Search all cases…")
        if self.field.text() and changed:
            self.run_search()

    def offer_case(self, case_id: int | None, caption: str = "") -> None:
        """The case on screen (None: none), offered as the scope of the search. The
        person's last choice between it and every case carries over to the next case."""
        if (case_id, caption) == self._offered:
            return
        self._offered = (case_id, caption)
        self.scope.clear()
        self.scope.addItem("All cases", None)
        if case_id is not None:
            self.scope.addItem(f"This case: {caption}" if caption else "This case", case_id)
            self.scope.setCurrentIndex(1 if self._prefer_case else 0)
        self.scope.setVisible(case_id is not None)
        self.set_case(self.scope.currentData())

    def _scope_chosen(self, index: int) -> None:
        case_id = self.scope.itemData(index)
        self._prefer_case = case_id is not None
        self.set_case(case_id)

    def refresh(self) -> None:
        """Search again for what is typed (the records changed)."""
        if self.field.text().strip():
            self.run_search()

    def run_search(self) -> None:
        self.timer.stop()
        query = self.field.text()
        # One more than is shown of each kind: whether a kind has more than SHOWN.
        found = search(self.context.workspace, query, case_id=self.case_id, limit=SHOWN + 1)
        per_kind: dict[str, int] = {}
        self.hits, self.more = [], set()
        for hit in found:
            count = per_kind[hit.kind] = per_kind.get(hit.kind, 0) + 1
            if count > SHOWN:
                self.more.add(hit.kind)
            else:
                self.hits.append(hit)
        self._show(self.hits, bool(query.strip()))
        self._offer_spelling(query if not found and query.strip() else "")

    def _offer_spelling(self, query: str) -> None:
        """Offer a nearby spelling of what found nothing (never for what found something)."""
        suggestion = did_you_mean(self.context.workspace, query, self.case_id) if query else None
        self.suggestion = suggestion or ""
        if suggestion:
            self.suggest_button.setText(f"Did you mean: {suggestion}?")
            self.suggest_button.setAccessibleName(f"Did you mean: {suggestion}? Search for it")
            self.suggest_button.setToolTip(f"Search for “{suggestion}” instead")
        self.suggest_button.setVisible(bool(suggestion))

    def use_suggestion(self) -> None:
        """Search for the offered spelling (it replaces what was typed)."""
        if self.suggestion:
            self.field.setText(self.suggestion)
            self.run_search()
            self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the search field goes to the first result, as in a browser's bar."""
        if (
            watched is self.field
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.hits
        ):
            first = self.model.index(0, 0)
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
            self.tree.setCurrentIndex(self.model.index(0, 0, first))
            return True
        return super().eventFilter(watched, event)

    def _show(self, hits: list[Hit], asked: bool) -> None:
        self.delegate.forget_sizes()
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
            item.setToolTip(hit.case_caption)
            group.appendRow(item)
        for kind, group in groups.items():
            more = "+" if kind in self.more else ""
            group.setText(f"{KIND_LABELS[kind]} ({group.rowCount()}{more})")
            if more:
                group.setToolTip(f"The best {SHOWN} are shown; type more words to narrow them.")
        self.tree.expandAll()
        if not asked:
            self.status.setText("")
        elif not hits:
            self.status.setText("No matches")
        else:
            self.status.setText(f"{len(hits)}{'+' if self.more else ''} found")

    def _activated(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if isinstance(hit, Hit):
            self.recordActivated.emit(hit.kind, hit.case_id or 0, hit.id)
