"""The list of cases in the workspace, and what an empty workspace offers instead."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import CasefileError
from app.gui import style
from app.gui.models.record_list import RecordListModel
from app.gui.sections.list_section import FILTER_DELAY_MS, EmptyState, FilterField, RecordTable
from app.gui.settings import bytes_setting
from app.gui.widgets.accessible import tab_order

if TYPE_CHECKING:
    from app.context import AppContext


class WelcomePage(QWidget):
    """An empty workspace: say so plainly and offer the two ways to start."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        logo = QLabel(alignment=Qt.AlignmentFlag.AlignHCenter)
        logo.setPixmap(style.app_icon().pixmap(96, 96))
        title = style.heading("No cases in this workspace yet", 1.4)
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        text = style.muted(
            QLabel(
                "Start a new case file, or open the sample case "
                "(People v. Derrick Ingram) to see how Casefile keeps one.",
                alignment=Qt.AlignmentFlag.AlignHCenter,
            )
        )
        text.setWordWrap(True)
        text.setFixedWidth(520)
        text.setMinimumHeight(text.heightForWidth(520))  # wrapped lines need their height
        self.new_button = QPushButton(style.icon("new"), "New case")
        self.new_button.setDefault(True)
        self.new_button.setToolTip("Start a new case file (Ctrl+N)")
        self.sample_button = QPushButton(style.icon("folder"), "Open the sample case")
        self.sample_button.setToolTip("Add the built-in sample case to this workspace and open it")
        self.workspace_label = style.muted(QLabel(alignment=Qt.AlignmentFlag.AlignHCenter))
        self.workspace_label.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.setSpacing(style.MARGIN)
        buttons.addStretch()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setSpacing(style.SPACING)
        layout.addStretch(2)
        layout.addWidget(logo)
        layout.addSpacing(style.SPACING)
        layout.addWidget(title)
        layout.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(style.MARGIN * 2)
        layout.addLayout(buttons)
        layout.addSpacing(style.MARGIN * 2)
        layout.addWidget(self.workspace_label)
        layout.addStretch(3)


class _CaseListModel(RecordListModel):
    """The cases; with ``deferred``, no rows (and no query) until :meth:`read_now`."""

    def __init__(self, ctx: AppContext | None, parent: QWidget, deferred: bool) -> None:
        self.pending = deferred  # read by _load, which the base class calls at once
        super().__init__(ctx, "cases", parent=parent)

    def _load(self) -> None:
        if self.pending:
            self._keys, self._positions = [], None
            self._pages.clear()
            self._last_page, self._last_number = None, -1
            return
        super()._load()

    def read_now(self) -> None:
        if self.pending:
            self.pending = False
            self.refresh()


class CaseListPage(QWidget):
    """Every case: caption, docket, client, status and next court date; type to filter."""

    open_case = Signal(int)
    new_case_requested = Signal()
    sample_loaded = Signal(int)  # the sample case's id, once it is in the workspace
    selection_changed = Signal()

    def __init__(self, ctx: AppContext | None, parent: QWidget | None = None) -> None:
        """Without ``ctx`` (the app's first frame, painted while the workspace opens) the
        list is laid out with no rows, saying the workspace is opening; it reads its cases
        at :meth:`read_cases`, once :meth:`attach` has given it the workspace."""
        super().__init__(parent)
        self.ctx = ctx
        self._focus_when_read = False
        self.model = _CaseListModel(ctx, self, deferred=ctx is None)
        self.table = RecordTable(self.model, self)
        self.table.row_activated.connect(self._open_row)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.selection_changed.emit()
        )
        self.filter = FilterField("Filter by caption, docket, client or status  (Ctrl+L)", self)
        self.filter.setMinimumWidth(340)
        self.filter.setMaximumWidth(420)
        self.filter.setAccessibleName("Filter cases")
        self.table.setAccessibleName("Cases")
        self._timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._timer.timeout.connect(self._apply_filter)
        self.filter.textChanged.connect(lambda _text: self._timer.start())
        self.filter.returnPressed.connect(self._apply_filter)
        self.filter.move_down.connect(self.focus_list)

        self.heading = style.heading("Cases", 1.5)
        self.count_label = style.muted(QLabel())
        self.new_button = QPushButton(style.icon("new"), "New case")
        self.new_button.setToolTip("Start a new case file (Ctrl+N)")
        self.new_button.clicked.connect(self.new_case_requested)
        self.open_button = QPushButton(style.icon("open"), "Open")
        self.open_button.setToolTip("Open the selected case (Enter)")
        self.open_button.clicked.connect(lambda: self._open_row(self._current_row()))

        self.no_match = EmptyState(self)
        self.no_match.button.clicked.connect(self.filter.clear)
        self._welcome: WelcomePage | None = None  # made when first shown

        list_page = QWidget(self)
        top = QHBoxLayout()
        top.setSpacing(style.SPACING)
        top.addWidget(self.heading)
        top.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch()
        top.addWidget(self.filter)
        buttons = QHBoxLayout()
        buttons.setSpacing(style.SPACING)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch()
        self.body = QStackedWidget(self)
        self.body.addWidget(self.table)
        self.body.addWidget(self.no_match)
        column = QVBoxLayout(list_page)
        column.setContentsMargins(style.PAGE_MARGIN, style.MARGIN, style.PAGE_MARGIN, 0)
        column.setSpacing(style.SPACING)
        column.addLayout(top)
        column.addLayout(buttons)
        column.addWidget(self.body, 1)
        # Tab reads the page as the eye does: the filter at the top, the buttons, the list.
        tab_order(self.filter, self.new_button, self.open_button, self.table)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(list_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.model.modelReset.connect(self._model_changed)
        self._model_changed()

    @property
    def welcome(self) -> WelcomePage:
        """The empty workspace's page, made when first needed (not in the first frame)."""
        if self._welcome is None:
            page = WelcomePage(self)
            page.new_button.clicked.connect(self.new_case_requested)
            page.sample_button.clicked.connect(self.load_sample)
            self.pages.addWidget(page)
            self._welcome = page
        return self._welcome

    def _current_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _open_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.open_case.emit(int(self.model.key_at(row)["id"]))

    def _apply_filter(self) -> None:
        self._timer.stop()
        key = self.table.current_key()
        self.model.set_filter(self.filter.text().strip())
        if key is None or not self.table.select_key(key):
            if self.model.rowCount():
                self.table.select_row(0)

    def read_cases(self) -> None:
        """Read the cases of a list made without its workspace (once; later calls, and
        lists made with one, do nothing)."""
        if not self.model.pending:
            return
        self.model.read_now()
        if self._focus_when_read:
            self.focus_list()

    def attach(self, ctx: AppContext) -> None:
        """The workspace is open: the list reads it at :meth:`read_cases`."""
        self.ctx = self.model.ctx = ctx
        self._model_changed()

    def _model_changed(self) -> None:
        self.new_button.setEnabled(self.ctx is not None)
        if self.model.pending:  # the list as it will look, its rows a moment later
            self.count_label.setText("Opening the workspace…" if self.ctx is None else "")
            self.pages.setCurrentIndex(0)
            self.body.setCurrentWidget(self.table)
            self.open_button.setEnabled(False)
            return
        total = self.model.total
        self.count_label.setText(f"{total:,} case{'s' if total != 1 else ''}")
        filtering = bool(self.model.filter_text())
        if total == 0 and not filtering:
            self.welcome.workspace_label.setText(f"Workspace: {self.ctx.workspace.describe()}")
            self.pages.setCurrentWidget(self.welcome)
            return
        self.pages.setCurrentIndex(0)
        if total == 0:
            self.no_match.show_message(
                "search",
                f"No cases match “{self.model.filter_text()}”",
                "Try fewer or different words.",
                "Clear the filter",
            )
            self.body.setCurrentWidget(self.no_match)
        else:
            self.body.setCurrentWidget(self.table)
        self.open_button.setEnabled(total > 0)

    def load_sample(self) -> None:
        """Add the built-in sample case (an import, not an edit: it is not undone)."""
        talk = self.ctx.interaction
        try:
            from app.core.sample import load_sample
        except ImportError:
            talk.inform(self, "Casefile", "The sample case is not in this build.")
            return
        QApplication.setOverrideCursor(style.busy_cursor())
        try:
            case_id = load_sample(self.ctx.workspace)
        except CasefileError as exc:
            QApplication.restoreOverrideCursor()
            talk.warn(self, "Casefile", f"The sample case could not be loaded: {exc}")
            return
        QApplication.restoreOverrideCursor()
        self.refresh()
        self.sample_loaded.emit(case_id)

    # -- used by the main window ---------------------------------------------

    def is_empty_workspace(self) -> bool:
        return self._welcome is not None and self.pages.currentWidget() is self._welcome

    def current_case_id(self) -> int | None:
        key = self.table.current_key()
        return int(key["id"]) if key else None

    def select_case(self, case_id: int) -> None:
        self.table.select_key({"id": case_id})

    def refresh(self) -> None:
        self.model.pending = False
        key = self.table.current_key()
        self.model.refresh()
        if key is None or not self.table.select_key(key):
            if self.model.rowCount():
                self.table.select_row(0)

    def reload(self) -> None:
        """Start afresh (another workspace): no filter, first row selected."""
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.blockSignals(False)
        self.model.pending = False
        self.model.set_filter("")
        self.model.refresh()
        if self.model.rowCount():
            self.table.select_row(0)

    def focus_filter(self) -> None:
        if self.is_empty_workspace():
            self.welcome.new_button.setFocus()
            return
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    def focus_list(self) -> None:
        self._focus_when_read = self.model.pending
        if self.is_empty_workspace():
            self.welcome.new_button.setFocus()
            return
        if self.model.rowCount() and self.table.current_key() is None:
            self.table.select_row(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def save_state(self, settings: MutableMapping[str, Any]) -> None:
        settings["cases/header"] = self.table.horizontalHeader().saveState()

    def restore_state(self, settings: MutableMapping[str, Any]) -> None:
        header = bytes_setting(settings, "cases/header")
        if header is not None:
            self.table.horizontalHeader().restoreState(header)
            self.table.columns_fitted = True
            section = self.table.horizontalHeader()
            self.model.sort(section.sortIndicatorSection(), section.sortIndicatorOrder())
