"""The main window: menus, toolbar, status bar and the two pages (cases, an open case).

No business logic lives here. Edits go through ``app.gui.actions`` (forms and undo
commands); the window only decides which record an action is about and refreshes
the visible lists when the undo stack moves.

How the window holds its workspace (painted before it is open, given it by ``attach``,
switched to another) is in ``app/gui/window/workspace.py``. Nothing imported here loads
SQLAlchemy; the case view (the open case's sections) is made when a case is opened.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, MutableMapping
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from app.core.errors import CasefileError
from app.core.kinds import KINDS
from app.gui import settings as prefs
from app.gui import style
from app.gui.case_list import CaseListPage
from app.gui.sections import CASE_LIST_READS, SECTION_NAMES
from app.gui.sections.documents import DocumentsSection
from app.gui.sections.list_section import ListSection
from app.gui.window.search import WindowSearch
from app.gui.window.workspace import WindowWorkspace, WorkspaceOpener, open_for_desktop

if TYPE_CHECKING:
    from app.context import AppContext
    from app.gui.case_view import CaseView

NOT_IN_BUILD = "not available in this build"
KIND_NOUNS = {code: kind.shown_noun.capitalize() for code, kind in KINDS.items()}


@cache
def _module_present(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


class MainWindow(WindowWorkspace, WindowSearch, QMainWindow):
    def __init__(
        self,
        ctx: AppContext | None = None,
        *,
        settings: MutableMapping[str, Any] | None = None,
        opening: str = "",
        actions: ModuleType | None = None,
        workspace_opener: WorkspaceOpener = open_for_desktop,
        parent: QWidget | None = None,
    ) -> None:
        """The window on ``ctx``'s open workspace; or, without ``ctx``, the window the app
        paints while the workspace named ``opening`` opens (``settings`` are the person's
        preferences until then), which :meth:`attach` completes."""
        super().__init__(parent)
        self._ctx: AppContext | None = None
        self._settings: MutableMapping[str, Any] = (
            settings if settings is not None else ctx.settings if ctx is not None else {}
        )
        self._actions_module = actions
        self.workspace_opener = workspace_opener
        self.undo = QUndoStack(self)
        self.undo.setUndoLimit(200)
        self.undo.indexChanged.connect(self._data_changed)
        self.search_dock: QDockWidget | None = None
        self._case_view: CaseView | None = None  # made when a case is first opened
        self._case_view_hooks: list[Callable[[CaseView], None]] = []

        # No rows (and no query) until attach() gives the list its workspace.
        self.case_list = CaseListPage(None, self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.case_list)
        self.setCentralWidget(self.pages)

        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        self.workspace_label = QLabel()
        self.statusBar().addPermanentWidget(self.workspace_label)

        self.case_list.open_case.connect(self.open_case)
        self.case_list.new_case_requested.connect(lambda: self._add("case"))
        self.case_list.sample_loaded.connect(self.open_case)
        self.case_list.selection_changed.connect(self._update_actions)

        from app.gui.window import case_menu, encryption_menu

        case_menu.install(self)
        encryption_menu.install(self)
        from app.gui.window import safety_menu

        safety_menu.install(self)
        self.setWindowIcon(style.app_icon())
        self.setWindowTitle("Casefile")
        self._restore_state()
        self._waiting = self._disable_until_attached()
        if opening:
            self.show_opening(opening)
        if ctx is not None:
            self.attach(ctx)

    # -- the open case's page ----------------------------------------------------

    @property
    def case_view(self) -> CaseView:
        """The open case's page, made when first needed: the start shows the case list."""
        if self._case_view is None:
            self._case_view = self._make_case_view(self.ctx)
        return self._case_view

    def with_case_view(self, call: Callable[[CaseView], None]) -> None:
        """Call ``call`` with the case view once it is made (now, if it is)."""
        if self._case_view is not None:
            call(self._case_view)
        else:
            self._case_view_hooks.append(call)

    def _make_case_view(self, ctx: AppContext) -> CaseView:
        from app.gui.case_view import CaseView

        view = CaseView(ctx, self)
        self.pages.addWidget(view)
        view.back_requested.connect(self.show_case_list)
        view.section_changed.connect(lambda _name: self._update_actions())
        view.add_requested.connect(self._add)
        view.edit_requested.connect(self._edit)
        view.delete_requested.connect(self._delete)
        view.files_dropped.connect(self.add_document_files)
        view.add_files_requested.connect(self.choose_document_files)
        for section in view.sections.values():
            if isinstance(section, ListSection):
                section.selection_changed.connect(self._update_actions)
        view.restore_state(self.settings)
        for call in self._case_view_hooks:
            call(view)
        return view

    # -- actions, menus, toolbar ---------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], Any],
        shortcut: QKeySequence | str | list[QKeySequence] | None = None,
        icon_name: str | None = None,
        short: str = "",
        module: str = "",
    ) -> QAction:
        """An action; ``short`` is its word on the toolbar, ``module`` the later part of
        the build it needs (the action is disabled, saying so, when that is missing)."""
        action = QAction(text, self)
        if icon_name:
            action.setIcon(style.icon(icon_name))
        if isinstance(shortcut, list):
            action.setShortcuts(shortcut)
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if short:
            action.setIconText(short)
        if module:
            action.setData(module)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work even when the toolbar is hidden
        return action

    def _make_actions(self) -> None:
        K = QKeySequence.StandardKey
        brief, search = "app.gui.dialogs.brief", "app.gui.search_panel"
        self.new_case_action = self._action(
            "New &Case…", lambda: self._add("case"), "Ctrl+Shift+N", "new"
        )
        self.open_workspace_action = self._action(
            "&Open Workspace…", self.choose_workspace, K.Open, "folder"
        )
        self.new_workspace_action = self._action("New &Workspace…", self.create_workspace)
        self.export_action = self._action(
            "&Export Brief…", lambda: self._brief("export"), "Ctrl+E", "export", "Export", brief
        )
        self.print_preview_action = self._action(
            "Print Pre&view…", lambda: self._brief("preview"), "Ctrl+Shift+P", module=brief
        )
        self.print_action = self._action(
            "&Print…", lambda: self._brief("print"), K.Print, "print", "Print", brief
        )
        self.quit_action = self._action("&Quit", self.close, K.Quit)

        self.undo_action = self.undo.createUndoAction(self, "&Undo")
        self.undo_action.setIcon(style.icon("undo"))
        self.undo_action.setIconText("Undo")
        self.undo_action.setShortcuts([QKeySequence(K.Undo)])
        self.redo_action = self.undo.createRedoAction(self, "&Redo")
        self.redo_action.setIcon(style.icon("redo"))
        self.redo_action.setIconText("Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([self.undo_action, self.redo_action])

        self.new_action = self._action("&New", self.new_record, K.New, "new", "New")
        self.edit_action = self._action("&Edit…", self.edit_record, "F2", "edit", "Edit")
        self.delete_action = self._action(
            "&Delete…", self.delete_record, K.Delete, "delete", "Delete"
        )
        self.add_files_action = self._action(
            "Add &Files…", self.choose_document_files, "Ctrl+Shift+A", "document", "Add Files"
        )
        self.open_file_action = self._action(
            "&Open File", self.open_selected_document, "Ctrl+Shift+O", "open", "Open File"
        )
        # Ctrl+F finds anything (in the case on screen, or every case); the list's own
        # filter, a narrower tool, is Ctrl+L, as a browser's Ctrl+L goes to its bar.
        self.filter_action = self._action("&Filter List", self.focus_filter, "Ctrl+L", "filter")
        self.search_action = self._action(
            "&Search…",
            self.open_search,
            [QKeySequence(K.Find), QKeySequence("Ctrl+Shift+F")],
            "search",
            "Search",
            search,
        )

        self.case_list_action = self._action(
            "All &Cases", self.show_case_list, [QKeySequence(K.Back), QKeySequence("Ctrl+0")]
        )
        self.section_actions: list[QAction] = []
        for number, name in enumerate(SECTION_NAMES, start=1):
            title = name.capitalize()
            action = self._action(
                f"&{number} {title}", lambda n=name: self.show_section(n), f"Ctrl+{number}"
            )
            self.section_actions.append(action)
        self.about_action = self._action("&About Casefile", self.show_about)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.new_case_action])
        file_menu.addSeparator()
        file_menu.addActions([self.open_workspace_action, self.new_workspace_action])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.export_action, self.print_preview_action, self.print_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.new_action, self.edit_action, self.delete_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.add_files_action, self.open_file_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.filter_action, self.search_action])

        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.case_list_action)
        view_menu.addSeparator()
        view_menu.addActions(self.section_actions)
        self.view_menu = view_menu

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about_action)

    def _make_toolbar(self) -> None:
        bar = QToolBar("Main toolbar", self)
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        bar.setIconSize(style.toolbar_icon_size())
        bar.setToolButtonStyle(style.toolbar_button_style())
        bar.addActions([self.new_action, self.edit_action, self.delete_action])
        bar.addSeparator()
        bar.addActions([self.undo_action, self.redo_action])
        bar.addSeparator()
        bar.addActions([self.add_files_action, self.open_file_action])
        bar.addSeparator()
        bar.addActions([self.search_action, self.export_action, self.print_action])
        self.addToolBar(bar)
        self.toolbar = bar
        self.view_menu.addSeparator()
        self.view_menu.addAction(bar.toggleViewAction())

    # -- state ----------------------------------------------------------------

    def current_case_id(self) -> int | None:
        view = self._case_view
        return view.case_id if view is not None and self.pages.currentWidget() is view else None

    def _on_list(self) -> bool:
        return self.pages.currentWidget() is self.case_list

    def _current_kind(self) -> str:
        if self._on_list() or self.case_view.current_section_name() == "overview":
            return "case"
        section = self.case_view.current_list()
        return section.record_kind() if section else "case"

    def _selected(self) -> tuple[str, int] | None:
        """The record the Edit and Delete actions are about, if any."""
        if self._on_list():
            case_id = self.case_list.current_case_id()
            return ("case", case_id) if case_id is not None else None
        section = self.case_view.current_list()
        if section is None:
            return ("case", self.case_view.case_id) if self.case_view.case_id else None
        key = section.current_key()
        return (section.record_kind(key), int(key["id"])) if key else None

    def selected_record(self) -> tuple[str, int] | None:
        """(kind, id) of the record the Edit menu is about: the selected row or case."""
        return self._selected()

    def _update_actions(self) -> None:
        if self._ctx is None:  # no workspace yet: its actions wait for attach()
            return
        on_list = self._on_list()
        noun = KIND_NOUNS[self._current_kind()]
        selected = self._selected()
        self.new_action.setText(f"&New {noun}…")
        sel_noun = KIND_NOUNS[selected[0]] if selected else noun
        self.edit_action.setText(f"&Edit {sel_noun}…")
        self.delete_action.setText(f"&Delete {sel_noun}…")
        self.edit_action.setEnabled(selected is not None)
        self.delete_action.setEnabled(selected is not None)
        in_documents = not on_list and self.case_view.current_section_name() == "documents"
        self.add_files_action.setEnabled(in_documents)
        documents = self.case_view.sections["documents"] if in_documents else None
        self.open_file_action.setEnabled(
            in_documents and getattr(documents, "current_has_file", lambda: False)()
        )
        for action in self.section_actions:
            action.setEnabled(not on_list)
        self.case_list_action.setEnabled(not on_list)
        for action in (self.export_action, self.print_preview_action, self.print_action):
            self._set_optional(action, enabled=not on_list)
        self._set_optional(self.search_action, enabled=True)
        caption = self.case_view.caption() if not on_list else ""
        self.setWindowTitle(f"{caption} — Casefile" if caption else "Casefile")
        self.scope_search()

    def _set_optional(self, action: QAction, enabled: bool) -> None:
        """Enable an action whose module a later part of the build provides, if present."""
        present = _module_present(str(action.data()))
        action.setEnabled(enabled and present)
        action.setToolTip(action.iconText() if present else f"{action.iconText()}: {NOT_IN_BUILD}")

    def _restore_state(self) -> None:
        settings = self.settings
        geometry = prefs.bytes_setting(settings, prefs.WINDOW_GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            screen = QApplication.primaryScreen().availableGeometry()
            self.resize(min(1280, screen.width()), min(820, screen.height()))
        state = prefs.bytes_setting(settings, prefs.WINDOW_STATE)
        if state is not None:
            self.restoreState(state)
        self.case_list.restore_state(settings)

    def save_state(self) -> None:
        settings = self.settings
        settings[prefs.WINDOW_GEOMETRY] = self.saveGeometry()
        settings[prefs.WINDOW_STATE] = self.saveState()
        self.case_list.save_state(settings)
        if self._case_view is not None:
            self._case_view.save_state(settings)
        if self._ctx is not None:
            prefs.remember_case(settings, self._ctx.workspace.describe(), self.current_case_id())
        if hasattr(settings, "sync"):
            settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)

    # -- navigation -------------------------------------------------------------

    def show_case_list(self) -> None:
        if self._case_view is not None and self._case_view.case_id is not None:
            self.case_list.select_case(self._case_view.case_id)
        self.pages.setCurrentWidget(self.case_list)
        self.case_list.focus_list()
        self._update_actions()

    def open_case(self, case_id: int) -> None:
        if self.case_view.case_id != case_id:
            self.case_view.set_case(case_id)
            self.case_view.show_section("overview")
        self.pages.setCurrentWidget(self.case_view)
        self.case_view.sidebar.setFocus()
        self._update_actions()

    def show_section(self, name: str) -> None:
        if not self._on_list():
            self.case_view.show_section(name)
            section = self.case_view.current_list()
            if section is not None:
                section.focus_list()

    def show_record(self, case_id: int, section: str, key: dict[str, Any]) -> None:
        """Open a case at one record (for search results and other windows)."""
        self.open_case(case_id)
        self.case_view.navigate_to(section, key)
        self._update_actions()

    def focus_filter(self) -> None:
        section = None if self._on_list() else self.case_view.current_list()
        if section is not None:
            section.focus_filter()
        elif self._on_list():
            self.case_list.focus_filter()

    def _data_changed(self, *_args: Any) -> None:
        """The undo stack moved: re-read what shows the records that changed (each
        command says which), keeping selections."""
        changes = self._undo_changes()
        if changes.touches(CASE_LIST_READS):
            self.case_list.refresh()
        case_id = self._case_view.case_id if self._case_view is not None else None
        if case_id is not None and changes.touches({"case"}) and not self._case_exists(case_id):
            self.case_view.set_case(None)
            self.show_case_list()
        elif case_id is not None and changes:
            self.case_view.refresh(changes)
        self.refresh_search()
        self._update_actions()

    def _undo_changes(self) -> Any:
        """The ``Changes`` of the undo stack's last move (loaded with the first edit)."""
        from app.gui.commands import StackMoves

        moves = getattr(self, "_stack_moves", None)
        if moves is None:
            # Made at the first move: before it, the stack was empty.
            moves = StackMoves(self.undo)
            self._stack_moves = moves
        return moves.changes()

    # -- record actions -------------------------------------------------------

    def _editing(self) -> ModuleType | None:
        if self._actions_module is None:
            try:
                self._actions_module = importlib.import_module("app.gui.actions")
            except ImportError:
                self.statusBar().showMessage(f"Editing is {NOT_IN_BUILD}.", 5000)
                return None
        return self._actions_module

    def _run(self, call: Callable[[ModuleType], Any]) -> Any:
        actions = self._editing()
        if actions is None:
            return None
        try:
            return call(actions)
        except CasefileError as exc:
            QMessageBox.warning(self, "Casefile", str(exc))
            return None

    def new_record(self) -> None:
        self._add(self._current_kind())

    def _add(self, kind: str) -> None:
        case_id = None if kind == "case" else self.case_view.case_id
        new_id = self._run(lambda a: a.add_record(self.ctx, self.undo, kind, case_id, self))
        if new_id is None:
            return
        if kind == "case":
            self.open_case(int(new_id))
            return
        section = self.case_view.current_list()
        if section is not None:
            key = {"record": "event", "id": new_id} if section.name == "chronology" else None
            section.select_key(key or {"id": new_id})

    def edit_record(self) -> None:
        selected = self._selected()
        if selected is not None:
            self._edit(*selected)

    def _edit(self, kind: str, record_id: int) -> None:
        self._run(lambda a: a.edit_record(self.ctx, self.undo, kind, record_id, self))

    def delete_record(self) -> None:
        selected = self._selected()
        if selected is not None:
            self._delete(*selected)

    def _delete(self, kind: str, record_id: int) -> None:
        self._run(lambda a: a.delete_record(self.ctx, self.undo, kind, record_id, self))

    def choose_document_files(self) -> None:
        if self._on_list() or self.case_view.case_id is None:
            return
        names, _filter = QFileDialog.getOpenFileNames(self, "Add Files as Documents")
        if names:
            self.add_document_files([Path(name) for name in names])

    def add_document_files(self, paths: list[Path]) -> None:
        case_id = self.case_view.case_id
        if case_id is None or not paths:
            return
        ids = self._run(
            lambda a: a.add_document_files(self.ctx, self.undo, case_id, list(paths), self)
        )
        if ids:
            self.case_view.navigate_to("documents", {"id": ids[0]})
            count = len(ids)
            self.statusBar().showMessage(
                f"Added {count} document{'s' if count != 1 else ''}.", 5000
            )

    def open_selected_document(self) -> None:
        if self._on_list():
            return
        documents = self.case_view.sections["documents"]
        if isinstance(documents, DocumentsSection):
            documents.open_current()

    # -- later parts of the build ---------------------------------------------

    def _optional(self, action: QAction) -> ModuleType | None:
        try:
            return importlib.import_module(str(action.data()))
        except ImportError:
            action.setEnabled(False)
            action.setToolTip(f"{action.iconText()}: {NOT_IN_BUILD}")
            self.statusBar().showMessage(f"{action.iconText()} is {NOT_IN_BUILD}.", 5000)
            return None

    def _brief(self, how: str) -> None:
        action = {
            "export": self.export_action,
            "preview": self.print_preview_action,
            "print": self.print_action,
        }[how]
        case_id = self.current_case_id()
        module = self._optional(action)
        if module is None or case_id is None:
            return
        if how == "export":
            module.export_brief_dialog(self.ctx, case_id, self)
        else:
            module.print_case(self.ctx, case_id, self, preview=how == "preview")

    def show_about(self) -> None:
        from app.gui.dialogs.about import show_about

        show_about(self)
