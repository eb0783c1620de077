"""The main window's workspace: the window the app paints while it opens, the context
the window is then given, and opening another workspace in it.

:class:`WindowWorkspace` is a part of :class:`app.gui.window.main_window.MainWindow`, kept in
its own file. The app paints the window before its workspace is open
(``app/gui/app.py``): made without a context, the window shows its menus, toolbar and
the case list page laid out, says which workspace is opening (:meth:`show_opening`)
and keeps the actions that need one disabled until :meth:`attach` hands it the context.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QMessageBox, QToolBar

from app.core.errors import CasefileError
from app.gui import settings as prefs
from app.gui import style

if TYPE_CHECKING:
    from app.context import AppContext
    from app.core.storage.workspace import Workspace
    from app.gui.case_list import CaseListPage
    from app.gui.case_view import CaseView

WorkspaceOpener = Callable[[str], "Workspace"]


def open_for_desktop(target: str) -> Workspace:
    from app.gui.app import open_asking_passphrase  # asks for an encrypted one's passphrase

    return open_asking_passphrase(target, None, exclusive=True)


class WindowWorkspace:
    """The workspace half of the main window (which sets these attributes up)."""

    _ctx: AppContext | None
    _settings: MutableMapping[str, Any]
    _case_view: CaseView | None
    _waiting: list[QAction]
    workspace_opener: WorkspaceOpener
    case_list: CaseListPage
    undo: QUndoStack
    workspace_label: QLabel
    toolbar: QToolBar
    recent_menu: QMenu
    quit_action: QAction
    about_action: QAction

    # -- before and once the workspace is open -------------------------------------

    @property
    def ctx(self) -> AppContext:
        """The open workspace's context (the app paints the window before it has one)."""
        if self._ctx is None:
            raise RuntimeError("no workspace is open in this window yet")
        return self._ctx

    @property
    def has_workspace(self) -> bool:
        return self._ctx is not None

    @property
    def settings(self) -> MutableMapping[str, Any]:
        return self._ctx.settings if self._ctx is not None else self._settings

    def show_opening(self, name: str) -> None:
        """Say in the status bar which workspace is being opened (before attach)."""
        self.workspace_label.setText(f"Opening {name}…")
        self.workspace_label.setToolTip(name)

    def attach(self, ctx: AppContext) -> None:
        """Show ``ctx``'s open workspace: enable the actions, read the cases (and reopen
        the case last open there). Once: another workspace is shown later with
        :meth:`adopt_workspace`."""
        if self._ctx is not None:
            raise RuntimeError("this window already shows a workspace")
        self._ctx = ctx
        self.case_list.attach(ctx)
        for action in self._waiting:
            action.setEnabled(True)
        self._waiting = []
        self._workspace_changed()
        self.case_list.read_cases()

    def _disable_until_attached(self) -> list[QAction]:
        """Disable what needs a workspace (every action but Quit, About and the toolbar's
        own), while the window has none; the actions disabled, for attach() to enable."""
        if self._ctx is not None:
            return []
        keep = {self.quit_action, self.about_action, self.toolbar.toggleViewAction()}
        found = list(self.actions())
        for top in self.menuBar().actions():
            menu = top.menu()
            if isinstance(menu, QMenu):
                found.extend(menu.actions())
        waiting = []
        for action in dict.fromkeys(found):  # each once, in order
            if action in keep or action.isSeparator() or not action.isEnabled():
                continue
            action.setEnabled(False)
            waiting.append(action)
        return waiting

    def _workspace_changed(self) -> None:
        name = self.ctx.workspace.describe()
        self.workspace_label.setText(f"Workspace: {name}")
        self.workspace_label.setToolTip(name)
        prefs.remember_workspace(self.ctx.settings, name)
        last = prefs.last_case(self.ctx.settings, name)
        if last is not None and self._case_exists(last):
            self.open_case(last)
        else:
            self.show_case_list()

    def _case_exists(self, case_id: int) -> bool:
        from app.core.services.cases import get_case

        try:
            get_case(self.ctx.workspace, case_id)
        except CasefileError:
            return False
        return True

    # -- another workspace in the window ---------------------------------------------

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        current = self.ctx.workspace.describe()
        recent = prefs.recent_workspaces(self.ctx.settings)
        for number, name in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number} {name}" if number < 10 else name)
            action.setEnabled(name != current)
            action.triggered.connect(lambda _checked=False, n=name: self.switch_workspace(n))
        if not recent:
            self.recent_menu.addAction("No recent workspaces").setEnabled(False)
        self.recent_menu.addSeparator()
        clear = self.recent_menu.addAction("Clear This List")
        clear.setEnabled(bool(recent))
        clear.triggered.connect(lambda: prefs.forget_all_workspaces(self.ctx.settings, current))

    def _workspace_folder(self) -> Path:
        path = self.ctx.workspace.path
        return path.parent if path is not None else Path.home()

    def choose_workspace(self) -> None:
        from app.gui.app import ask_workspace

        name = ask_workspace(self, self._workspace_folder())
        if name:
            self.switch_workspace(name)

    def create_workspace(self) -> None:
        from app.gui.app import ask_new_workspace

        name = ask_new_workspace(self, self._workspace_folder())
        if name:
            self.switch_workspace(name)

    def switch_workspace(self, target: str) -> bool:
        """Open another workspace in this window; on failure the current one stays open."""
        if target == self.ctx.workspace.describe():
            return True
        QApplication.setOverrideCursor(style.busy_cursor())
        try:
            workspace = self.workspace_opener(target)
        except CasefileError as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(
                self,
                "Cannot open workspace",
                f"Casefile could not open the workspace\n{target}\n\n{exc}\n\n"
                "The current workspace stays open. Choose another with File › Open Workspace….",
            )
            return False
        QApplication.restoreOverrideCursor()
        self.adopt_workspace(workspace)
        self.statusBar().showMessage(f"Opened {workspace.describe()}", 5000)
        return True

    def adopt_workspace(self, workspace: Workspace) -> None:
        """Show ``workspace`` in place of the current one, which is closed (again, if a
        restore already closed it: closing twice is harmless)."""
        self.save_state()
        old, self.ctx.workspace = self.ctx.workspace, workspace
        self.undo.clear()
        if self._case_view is not None:
            self._case_view.set_case(None)
        self.case_list.reload()
        old.close()
        self._workspace_changed()
