"""The main window: menus, toolbar, status bar and the two pages (cases, an open case).

No business logic here: edits go through ``app.gui.actions`` (forms, undo commands);
the window decides which record an action is about and refreshes what changed.

The window owns its parts and menus, each an object made here and kept: its workspace (painted
before it is open, given it by ``attach``, switched) is ``workspace_part``; the search dock
``search_part``; New, Edit, Delete and the document actions ``records``; the Case, safety and
encryption menus ``case_menu``, ``safety_menu``, ``encryption_menu``; the calendar, Today and
reminders ``schedule``, seeing the window through ``host.py``. No import here loads SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QCloseEvent, QUndoStack
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QStackedWidget, QWidget

from app.core.kinds import KINDS
from app.gui import settings as prefs
from app.gui import style
from app.gui.case_list import CaseListPage
from app.gui.interaction import QtInteraction
from app.gui.sections import CASE_LIST_READS
from app.gui.sections.list_section import ListSection
from app.gui.window import chrome
from app.gui.window.case_menu import CaseMenu
from app.gui.window.encryption_menu import EncryptionMenu
from app.gui.window.live import LivePart
from app.gui.window.records import NOT_IN_BUILD, RecordPart, delete_text
from app.gui.window.safety_menu import SafetyMenu
from app.gui.window.schedule import SchedulePart
from app.gui.window.search import SearchPart
from app.gui.window.workspace import WorkspaceOpener, WorkspacePart

if TYPE_CHECKING:
    from app.context import AppContext
    from app.gui.case_view import CaseView
    from app.gui.interaction import Interaction
    from app.gui.window.context_menus import ContextMenus

KIND_NOUNS = {code: kind.shown_noun.capitalize() for code, kind in KINDS.items()}


class MainWindow(QMainWindow):
    def __init__(
        self,
        ctx: AppContext | None = None,
        *,
        settings: MutableMapping[str, Any] | None = None,
        opening: str = "",
        actions: ModuleType | None = None,
        workspace_opener: WorkspaceOpener | None = None,
        interaction: Interaction | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """The window on ``ctx``'s open workspace; or, without ``ctx``, the window the app
        paints while the workspace named ``opening`` opens (``settings`` are the person's
        preferences and ``interaction`` asks the person's questions until then), which
        ``workspace_part.attach`` completes. ``actions`` stands in for ``app.gui.actions``
        and ``workspace_opener`` opens another workspace (tests pass their own)."""
        super().__init__(parent)
        self.workspace_part = WorkspacePart(
            self,
            settings if settings is not None else ctx.settings if ctx is not None else {},
            interaction or (ctx.interaction if ctx is not None else QtInteraction()),
            workspace_opener,
        )
        self.records = RecordPart(self, actions)
        self.undo = QUndoStack(self)
        self.undo.setUndoLimit(200)
        self.undo.indexChanged.connect(self._data_changed)
        self._stack_moves: Any = None  # what each move of the stack changed (app.gui.commands)
        self._case_view: CaseView | None = None  # made when a case is first opened
        self._case_view_hooks: list[Callable[[CaseView], None]] = []
        self._missing: set[QAction] = set()  # actions whose part of the build is missing

        # No rows (and no query) until attach() gives the list its workspace.
        self.case_list = CaseListPage(None, self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.case_list)
        self.setCentralWidget(self.pages)

        chrome.make_actions(self)
        chrome.make_menus(self)
        chrome.make_toolbar(self)
        self.search_part = SearchPart(self, self.search_action)
        self.workspace_label = QLabel()
        self.statusBar().addPermanentWidget(self.workspace_label)

        self.case_list.open_case.connect(self.open_case)
        self.case_list.new_case_requested.connect(lambda: self.records.add("case"))
        self.case_list.sample_loaded.connect(self.open_case)
        self.case_list.selection_changed.connect(self._update_actions)

        self.case_menu = CaseMenu(self)
        self.encryption_menu = EncryptionMenu(self)
        self.safety_menu = SafetyMenu(self, KIND_NOUNS)
        self.schedule = SchedulePart(self)
        self.live = LivePart(self)  # colleagues' saves on a server (workspace_part follows)
        self.context_menus: ContextMenus | None = None  # finish_setup makes them
        self.setWindowIcon(style.app_icon())
        self.setWindowTitle("Casefile")
        self._restore_state()
        self.workspace_part.disable_until_attached()
        if opening:
            self.workspace_part.show_opening(opening)
        if ctx is not None:
            self.workspace_part.attach(ctx)

    def finish_setup(self) -> None:
        """What the first frame does without: the right-click menus and View › Zoom and
        Theme. The app calls this just after that frame; attaching a workspace calls it
        too (once is enough)."""
        if self.context_menus is not None:
            return
        from app.gui.window.context_menus import ContextMenus

        self.context_menus = ContextMenus(self)
        chrome.add_view_choices(self)

    # -- the workspace (``workspace_part`` holds it) ----------------------------------

    @property
    def ctx(self) -> AppContext:
        """The open workspace's context (the app paints the window before it has one)."""
        return self.workspace_part.ctx

    @property
    def has_workspace(self) -> bool:
        return self.workspace_part.has_workspace

    @property
    def settings(self) -> MutableMapping[str, Any]:
        return self.workspace_part.settings

    @property
    def interaction(self) -> Interaction:
        """Where questions and warnings go: the context's, or the window's own before it."""
        return self.workspace_part.interaction

    def _case_exists(self, case_id: int) -> bool:
        return self.workspace_part.case_exists(case_id)

    def refresh_search(self) -> None:
        self.search_part.refresh()

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
        view.add_requested.connect(self.records.add)
        view.edit_requested.connect(self.records.edit)
        view.delete_requested.connect(self.records.delete)
        view.files_dropped.connect(self.records.add_document_files)
        view.add_files_requested.connect(self.records.choose_document_files)
        view.overview.add_client_requested.connect(self.records.add_client)
        for section in view.sections.values():
            if isinstance(section, ListSection):
                section.selection_changed.connect(self._update_actions)
        view.restore_state(self.settings)
        for call in self._case_view_hooks:
            call(view)
        return view

    def forget_open_case(self) -> None:
        """Another workspace: the case view shows no case (until one is opened there)."""
        if self._case_view is not None:
            self._case_view.set_case(None)

    # -- actions, menus, toolbar ---------------------------------------------

    # -- state ----------------------------------------------------------------

    def current_case_id(self) -> int | None:
        view = self._case_view
        return view.case_id if view is not None and self.pages.currentWidget() is view else None

    def on_case_list(self) -> bool:
        return self.pages.currentWidget() is self.case_list

    def current_kind(self) -> str:
        """The kind of record New adds: the current section's, or a case."""
        if self.on_case_list() or self.case_view.current_section_name() == "overview":
            return "case"
        section = self.case_view.current_list()
        return section.record_kind() if section else "case"

    def _selected(self) -> tuple[str, int] | None:
        """The record the Edit and Delete actions are about, if any."""
        if self.on_case_list():
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
        if not self.has_workspace:  # no workspace yet: its actions wait for attach()
            return
        on_list = self.on_case_list()
        noun = KIND_NOUNS[self.current_kind()]
        selected = self._selected()
        self.new_action.setText(f"&New {noun}…")
        sel_noun = KIND_NOUNS[selected[0]] if selected else noun
        self.edit_action.setText(f"&Edit {sel_noun}…")
        self.delete_action.setText(delete_text(sel_noun))
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
        self.search_part.scope()

    def _set_optional(self, action: QAction, enabled: bool) -> None:
        """Enable an action whose module a later part of the build provides, unless that
        was found missing when the action was first used."""
        present = action not in self._missing
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
        if self.has_workspace:
            prefs.remember_case(settings, self.ctx.workspace.describe(), self.current_case_id())
            from app.gui.window.reopen import remember_place  # only when closing

            remember_place(settings, self.ctx.workspace.describe(), self)
        if hasattr(settings, "sync"):
            settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.has_workspace and self.ctx.tasks.is_running("restore"):
            event.ignore()  # the workspace is closed until the restore opens it again
            return
        from app.gui.window import busy  # only when closing

        if self.has_workspace and not busy.may_close(self):  # asks, stops, waits for work
            event.ignore()
            return
        self.save_state()
        self.live.stop()
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
        if not self.on_case_list():
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
        section = None if self.on_case_list() else self.case_view.current_list()
        if section is not None:
            section.focus_filter()
        elif self.on_case_list():
            self.case_list.focus_filter()

    def _data_changed(self, *_args: Any) -> None:
        """The undo stack moved: re-read what shows the records that changed (each
        command says which)."""
        self.show_changes(self._undo_changes())

    def show_changes(self, changes: Any) -> None:
        """Re-read what shows the records ``changes`` names (an undo step's, or a
        colleague's on the server), keeping selections."""
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
        """The ``Changes`` of the undo stack's last move."""
        from app.gui.commands import StackMoves  # the database layer: not before the first frame

        if self._stack_moves is None:  # made at the first move, when the stack was empty
            self._stack_moves = StackMoves(self.undo)
        return self._stack_moves.changes()

    # -- later parts of the build ---------------------------------------------

    def not_in_build(self, action: QAction) -> None:
        """Disable ``action``, saying so: the part of the build it needs is missing."""
        self._missing.add(action)
        action.setEnabled(False)
        action.setToolTip(f"{action.iconText()}: {NOT_IN_BUILD}")
        self.statusBar().showMessage(f"{action.iconText()} is {NOT_IN_BUILD}.", 5000)

    def brief(self, how: str) -> None:
        action = getattr(self, f"{how}_action")  # export_action, print_preview_action, ...
        case_id = self.current_case_id()
        try:
            from app.gui.dialogs import brief

            if how != "export":  # printing needs pypdfium2, export does not
                from app.gui.printing import brief_print
        except ImportError:
            self.not_in_build(action)
            return
        if case_id is None:
            return
        if how == "export":
            brief.export_brief_dialog(self.ctx, case_id, self)
        else:
            brief_print.print_case(self.ctx, case_id, self, preview=how == "print_preview")

    def show_about(self) -> None:
        from app.gui.dialogs.about import show_about

        show_about(self)
