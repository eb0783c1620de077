"""A list section of a case: a filter, a sortable table and a detail pane.

The section knows nothing about forms or the database beyond its model: the
buttons emit requests (add, edit, delete, open, add files) that the main window
turns into actions, and links in the detail pane emit ``navigate``.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.core.kinds import KIND_OF_SECTION, KINDS
from app.gui import style
from app.gui.models.record_list import RecordListModel
from app.gui.sections import button_row, details
from app.gui.sections.fold import FoldingSplitter
from app.gui.sections.record_table import RecordTable
from app.gui.settings import bytes_setting
from app.gui.widgets.accessible import name_line_edit

FILTER_DELAY_MS = 180  # type-to-filter waits for a pause so each key is not a query
# Lists whose rows are too wide to share the width with the detail pane: it goes under
# the table instead (the court appearances, a ledger of nine columns, and the deadlines).
DETAIL_BELOW = frozenset({"court", "deadlines"})
# What an empty list says beyond "add the first one", where it helps to know why.
EMPTY_HINTS = {
    "court": "Record each court date: what happened, the date it was adjourned to and who"
    " asked for it. The speedy-trial clock counts from these.",
    "filings": "Record the People's statements of readiness, certificates of compliance,"
    " motions and decisions filed between court dates.",
    "deadlines": "Add the deadlines no rule computes, such as a motion schedule set by the court.",
}


class FilterField(QLineEdit):
    """The type-to-filter box: Escape clears it, Down moves into the list."""

    move_down = Signal()

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.addAction(style.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.setMinimumWidth(150)  # a narrow window still has room for the list beside it
        self.setMaximumWidth(380)
        name_line_edit(self, placeholder.split("  (")[0])  # the edit and its Clear button

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        if event.key() == Qt.Key.Key_Down:
            self.move_down.emit()
            return
        super().keyPressEvent(event)


class EmptyState(QWidget):
    """What an empty list shows instead of a blank grid: a line of text and, maybe, a button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        self.icon = QLabel(alignment=Qt.AlignmentFlag.AlignHCenter)
        self.title = style.heading("", 1.15)
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.text = style.muted(QLabel(alignment=Qt.AlignmentFlag.AlignHCenter))
        self.text.setWordWrap(True)
        self.button = QPushButton()
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.button)
        row.addStretch()
        for widget in (self.icon, self.title, self.text):
            layout.addWidget(widget)
        layout.addSpacing(style.SPACING)
        layout.addLayout(row)
        layout.addStretch(3)

    def show_message(self, icon_name: str, title: str, text: str, button: str = "") -> None:
        self.icon.setPixmap(style.icon(icon_name).pixmap(48, 48, QIcon.Mode.Disabled))
        self.title.setText(title)
        self.text.setText(text)
        self.button.setText(button)
        self.button.setVisible(bool(button))


class ListSection(QWidget):
    """One list of a case (People, Statements, ...), with its filter and detail pane."""

    add_requested = Signal()
    edit_requested = Signal(dict)  # the row key
    delete_requested = Signal(dict)
    navigate = Signal(str, dict)  # section name, row key
    selection_changed = Signal()

    def __init__(
        self,
        ctx: AppContext,
        name: str,
        title: str,
        icon_name: str,
        noun: str,
        plural: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.name = name
        self.title_text = title
        self.icon_name = icon_name
        self.noun = noun
        self.plural = plural
        self.count_nouns = (noun, plural)
        self.model = RecordListModel(ctx, name, parent=self)
        self.table = RecordTable(self.model, self)
        self.filter = FilterField(f"Filter {plural}  (Ctrl+L)", self)
        # What a screen reader says on reaching the list and its filter (no label shows).
        self.table.setAccessibleName(plural.capitalize())
        self.filter.setAccessibleName(f"Filter {plural}")
        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.filter.textChanged.connect(lambda _text: self._filter_timer.start())
        self.filter.returnPressed.connect(self._apply_filter)
        self.filter.move_down.connect(self._focus_table)

        self.heading = style.heading(title)
        self.count_label = style.muted(QLabel())
        self.add_button = QPushButton(style.icon("new"), f"New {noun}")
        self.add_button.setToolTip(f"Add a {noun} (Ctrl+N)")
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button = QPushButton(style.icon("edit"), "Edit")
        self.edit_button.setToolTip(f"Edit the selected {noun} (F2 or Enter)")
        self.edit_button.clicked.connect(self._request_edit)
        self.delete_button = QPushButton(style.icon("delete"), "Delete")
        self.delete_button.setToolTip(f"Delete the selected {noun} (Del)")
        self.delete_button.clicked.connect(self._request_delete)

        top = QHBoxLayout()
        top.setSpacing(style.SPACING)
        top.addWidget(self.heading)
        top.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch()
        top.addWidget(self.filter)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(style.SPACING)
        self.buttons.addWidget(self.add_button)
        self.buttons.addWidget(self.edit_button)
        self.buttons.addWidget(self.delete_button)
        self.buttons.addStretch()

        self.empty = EmptyState(self)
        self.empty.button.clicked.connect(self._empty_button_clicked)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        self.detail = QTextBrowser(self)
        self.detail.setAccessibleName(f"The selected {noun}")
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self._link_clicked)
        self.detail.document().setDocumentMargin(style.MARGIN)
        self.detail.document().setDefaultStyleSheet(
            "h2 { margin-bottom: 2px; } h3 { margin-top: 14px; margin-bottom: 4px; }"
            " ul { margin-left: 0px; -qt-list-indent: 1; } li { margin-bottom: 3px; }"
            " blockquote { margin-left: 8px; margin-right: 8px; }"
        )
        # Beside the list on a wide window, under it on a narrow one (always under it for
        # the lists too wide to share the width).
        self.splitter = FoldingSplitter(name in DETAIL_BELOW, self)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.apply_shares()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.PAGE_MARGIN, style.MARGIN, style.PAGE_MARGIN, 0)
        layout.setSpacing(style.SPACING)
        layout.addLayout(top)
        layout.addLayout(self.buttons)
        layout.addWidget(self.splitter, 1)

        self.table.row_activated.connect(lambda _row: self._request_edit())
        self.model.modelReset.connect(self._model_changed)
        self.model.rowsInserted.connect(self._update_count)
        self._connect_selection()
        self._model_changed()

    def fit_width(self, width: int) -> None:
        """Lay out for ``width`` (the room the window gives the section): below what the
        buttons' labels need, they show their icons only."""
        room = width - 2 * style.PAGE_MARGIN
        button_row.set_compact(self.buttons, room < button_row.full_width(self.buttons))

    # -- wiring ---------------------------------------------------------------

    def _connect_selection(self) -> None:
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

    def _focus_table(self) -> None:
        if self.model.rowCount() and not self.table.current_key():
            self.table.select_row(0)
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _apply_filter(self) -> None:
        self._filter_timer.stop()
        key = self.current_key()
        self.model.set_filter(self.filter.text().strip())
        if key is not None:
            self.table.select_key(key)
        self._show_detail()

    def _request_edit(self) -> None:
        key = self.current_key()
        if key is not None:
            self.edit_requested.emit(key)

    def _request_delete(self) -> None:
        key = self.current_key()
        if key is not None:
            self.delete_requested.emit(key)

    def _empty_button_clicked(self) -> None:
        if self.model.filter_text():
            self.filter.clear()
            self._apply_filter()
        else:
            self.add_requested.emit()

    def _link_clicked(self, url: QUrl) -> None:
        target = details.parse_link(url.toString())
        if target is not None and target[0] == details.SOURCE_LINK:
            from app.gui.viewer import open_source

            open_source(self.ctx, target[1]["record"], target[1]["id"], self.window())
        elif target is not None:
            self.navigate.emit(*target)

    def _selection_changed(self, *_args: Any) -> None:
        self._show_detail()
        self._update_buttons()
        self.selection_changed.emit()

    def _update_buttons(self) -> None:
        selected = self.current_key() is not None
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)

    def _model_changed(self) -> None:
        self._update_count()
        if self.model.total == 0:
            if self.model.filter_text():
                self.empty.show_message(
                    "search",
                    f"No {self.plural} match “{self.model.filter_text()}”",
                    "Try fewer or different words.",
                    "Clear the filter",
                )
            else:
                self.empty.show_message(
                    self.icon_name,
                    f"No {self.plural} yet",
                    self.empty_hint(),
                    f"New {self.noun}",
                )
            self.stack.setCurrentWidget(self.empty)
        else:
            self.stack.setCurrentWidget(self.table)
        self._show_detail()
        self._update_buttons()

    def empty_hint(self) -> str:
        first = f"Add the first {self.noun} with New {self.noun} (Ctrl+N)."
        return f"{EMPTY_HINTS[self.name]}\n{first}" if self.name in EMPTY_HINTS else first

    def _update_count(self, *_args: Any) -> None:
        total = self.model.total
        noun = self.count_nouns[0] if total == 1 else self.count_nouns[1]
        self.count_label.setText(f"{total:,} {noun}")

    def _show_detail(self) -> None:
        key = self.current_key()
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        if key is None:
            text = f"Select a {self.noun} to see it here." if self.model.total else ""
            self.detail.setHtml(f'<p style="color:{muted}">{text}</p>')
            return
        shade = self.palette().color(QPalette.ColorRole.AlternateBase).name()
        self.detail.setHtml(details.render(self.ctx, self.name, key, muted, shade))

    # -- what the case view and main window use -------------------------------

    def set_case(self, case_id: int | None) -> None:
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.blockSignals(False)
        self.model.set_case(case_id)
        if self.model.rowCount():
            self.table.select_row(0)

    def current_key(self) -> dict[str, Any] | None:
        return self.table.current_key()

    def record_kind(self, key: dict[str, Any] | None = None) -> str:
        """The actions' record kind for a new record, or for the row ``key``."""
        return KIND_OF_SECTION[self.name]

    def refresh(self) -> None:
        """Re-read after a change, keeping the selected row if it still exists."""
        key = self.current_key()
        scroll = self.table.verticalScrollBar().value()
        self.model.refresh()
        if key is not None and not self.table.select_key(key) and self.model.rowCount():
            self.table.select_row(0)
        self.table.verticalScrollBar().setValue(scroll)
        self._show_detail()

    def select_key(self, key: dict[str, Any]) -> bool:
        """Select ``key``, clearing the filter if it hides the row."""
        if self.table.select_key(key):
            return True
        if self.model.filter_text():
            self.filter.blockSignals(True)
            self.filter.clear()
            self.filter.blockSignals(False)
            self.model.set_filter("")
            return self.table.select_key(key)
        return False

    def focus_filter(self) -> None:
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    def focus_list(self) -> None:
        if self.stack.currentWidget() is self.table:
            self._focus_table()
        else:
            self.empty.button.setFocus()

    def save_state(self, settings: MutableMapping[str, Any]) -> None:
        settings[f"sections/{self.name}/splitter"] = self.splitter.saveState()
        # The columns under a key of their own: widths saved before the columns sized
        # themselves to their content are not brought back over that.
        header = self.table.horizontalHeader()
        settings[f"sections/{self.name}/columns"] = header.saveState()
        settings[f"sections/{self.name}/columns_custom"] = int(self.table.columns_fitted)

    def restore_state(self, settings: MutableMapping[str, Any]) -> None:
        splitter = bytes_setting(settings, f"sections/{self.name}/splitter")
        if splitter is not None:
            self.splitter.restore(splitter)
        header = bytes_setting(settings, f"sections/{self.name}/columns")
        if header is not None:
            self.table.horizontalHeader().restoreState(header)
            if str(settings.get(f"sections/{self.name}/columns_custom", 0)) in {"1", "true"}:
                self.table.keep_widths()
            # The saved sort indicator is not the model's sort: keep them in step.
            header_ = self.table.horizontalHeader()
            self.model.sort(header_.sortIndicatorSection(), header_.sortIndicatorOrder())


class ChronologySection(ListSection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.count_nouns = ("entry", "entries")
        self._update_count()

    def record_kind(self, key: dict[str, Any] | None = None) -> str:
        # A row is edited as the record it is (a statement, or a court date should the
        # chronology list those); New adds an event.
        record = key.get("record") if key is not None else None
        return record if record in KINDS else "event"

    def empty_hint(self) -> str:
        return (
            "Events, dated statements, court appearances and filings appear here in time"
            " order. Add an event with Ctrl+N."
        )
