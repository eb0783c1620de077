"""The main window's workspace: the window the app paints while it opens, the context
the window is then given, and opening another workspace in it.

The app paints the window before its workspace is open (``app/gui/app.py``): made
without a context, the window shows its menus, toolbar and the case list page laid
out, says which workspace is opening (:meth:`WorkspacePart.show_opening`) and keeps
the actions that need one disabled until :meth:`WorkspacePart.attach` hands it the
context. The window owns one :class:`WorkspacePart` (``window.workspace_part``).
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu

from app.core.errors import CasefileError
from app.gui import settings as prefs
from app.gui import style
from app.gui.dialogs.workspace import ask_new_workspace, ask_workspace, open_asking_passphrase

if TYPE_CHECKING:
    from app.context import AppContext
    from app.core.storage.workspace import Workspace
    from app.gui.interaction import Interaction
    from app.gui.window.host import WindowHost

WorkspaceOpener = Callable[[str], "Workspace"]


class WorkspacePart:
    """Which workspace the window shows, before and once it is open, and switching it."""

    def __init__(
        self,
        window: WindowHost,
        settings: MutableMapping[str, Any],
        interaction: Interaction,
        opener: WorkspaceOpener | None = None,
    ) -> None:
        self.window = window
        self.opener: WorkspaceOpener = opener or self.open_for_desktop
        self._ctx: AppContext | None = None
        self._settings = settings  # the person's preferences until a context has them
        self._interaction = interaction  # questions asked before a context has one
        self._waiting: list[QAction] = []

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

    @property
    def interaction(self) -> Interaction:
        return self._ctx.interaction if self._ctx is not None else self._interaction

    def open_for_desktop(self, target: str) -> Workspace:
        """Open ``target`` as the app does: holding its lock, asking for the passphrase
        of an encrypted one."""
        return open_asking_passphrase(target, None, self.interaction, exclusive=True)

    def show_opening(self, name: str) -> None:
        """Say in the status bar which workspace is being opened (before attach)."""
        self.window.workspace_label.setText(f"Opening {name}…")
        self.window.workspace_label.setToolTip(name)

    def attach(self, ctx: AppContext) -> None:
        """Show ``ctx``'s open workspace: enable the actions, read the cases (and reopen
        the case last open there). Once: another workspace is shown later with
        :meth:`adopt`."""
        if self._ctx is not None:
            raise RuntimeError("this window already shows a workspace")
        self._ctx = ctx
        self.window.finish_setup()
        self.window.case_list.attach(ctx)
        for action in self._waiting:
            action.setEnabled(True)
        self._waiting = []
        self._workspace_changed()
        self.window.case_list.read_cases()

    def disable_until_attached(self) -> None:
        """Disable what needs a workspace (every action but Quit, Help and the toolbar's
        own) while the window has none, for attach() to enable again."""
        if self._ctx is not None:
            return
        window = self.window
        keep = {window.quit_action, window.about_action, window.toolbar.toggleViewAction()}
        keep |= {window.guide_action, window.whats_this_action}  # help needs no workspace
        found = list(window.actions())
        for top in window.menuBar().actions():
            menu = top.menu()
            if isinstance(menu, QMenu):
                found.extend(menu.actions())
        for action in dict.fromkeys(found):  # each once, in order
            if action in keep or action.isSeparator() or not action.isEnabled():
                continue
            action.setEnabled(False)
            self._waiting.append(action)

    def _workspace_changed(self) -> None:
        self.window.live.follow(self.ctx.workspace)  # colleagues' saves, on a server
        name = self.ctx.workspace.describe()
        self.window.workspace_label.setText(f"Workspace: {name}")
        self.window.workspace_label.setToolTip(name)
        prefs.remember_workspace(self.ctx.settings, name)
        for notice in getattr(self.ctx.workspace, "notices", ()):  # e.g. a restore finished
            self.interaction.inform(self.window, "Workspace", notice)
        last = prefs.last_case(self.ctx.settings, name)
        if last is not None and self.case_exists(last):
            self.window.open_case(last)
            from app.gui.window import reopen  # after the first frame, with the cases

            reopen.restore_place(self.ctx.settings, name, self.window)  # the section left
        else:
            self.window.show_case_list()

    def case_exists(self, case_id: int) -> bool:
        from app.core.services.cases import get_case

        try:
            get_case(self.ctx.workspace, case_id)
        except CasefileError:
            return False
        return True

    # -- another workspace in the window ---------------------------------------------

    def fill_recent_menu(self) -> None:
        menu = self.window.recent_menu
        menu.clear()
        current = self.ctx.workspace.describe()
        recent = prefs.recent_workspaces(self.ctx.settings)
        for number, name in enumerate(recent, start=1):
            action = menu.addAction(f"&{number} {name}" if number < 10 else name)
            action.setEnabled(name != current)
            action.triggered.connect(lambda _checked=False, n=name: self.switch_to(n))
        if not recent:
            menu.addAction("No recent workspaces").setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction("Clear This List")
        clear.setEnabled(bool(recent))
        clear.triggered.connect(lambda: prefs.forget_all_workspaces(self.ctx.settings, current))

    def folder(self) -> Path:
        """Where to look for, or put, another workspace: beside the open one."""
        path = self.ctx.workspace.path
        return path.parent if path is not None else Path.home()

    def choose(self) -> None:
        """File › Open Workspace…"""
        name = ask_workspace(self.window.window(), self.folder(), self.interaction)
        if name:
            self.switch_to(name)

    def create(self) -> None:
        """File › New Workspace…"""
        name = ask_new_workspace(self.window.window(), self.folder(), self.interaction)
        if name:
            self.switch_to(name)

    def switch_to(self, target: str) -> bool:
        """Open another workspace in this window; on failure the current one stays open."""
        if target == self.ctx.workspace.describe():
            return True
        QApplication.setOverrideCursor(style.busy_cursor())
        try:
            workspace = self.opener(target)
        except CasefileError as exc:
            QApplication.restoreOverrideCursor()
            self.interaction.warn(
                self.window.window(),
                "Cannot open workspace",
                f"Casefile could not open the workspace\n{target}\n\n{exc}\n\n"
                "The current workspace stays open. Choose another with File › Open Workspace….",
            )
            return False
        QApplication.restoreOverrideCursor()
        undoable = self.window.undo.count() > 0  # the undo list goes with the old workspace
        self.adopt(workspace)
        from app.gui.window.undo_scope import UNDO_DROPPED

        note = f". {UNDO_DROPPED}" if undoable else ""
        self.window.statusBar().showMessage(
            f"Opened {workspace.describe()}{note}", 10000 if undoable else 5000
        )
        return True

    def adopt(self, workspace: Workspace) -> None:
        """Show ``workspace`` in place of the current one, which is closed (again, if a
        restore already closed it: closing twice is harmless)."""
        self.window.save_state()
        old, self.ctx.workspace = self.ctx.workspace, workspace
        self.window.undo.clear()
        self.window.forget_open_case()
        self.window.case_list.reload()
        # Open File's copies (decrypted, for an encrypted one) would otherwise stay on
        # disk until the app exits, long after this workspace is out of sight.
        old.store.discard_viewer_files()
        old.close()
        self._workspace_changed()
        self.window.schedule.records_changed()  # an open calendar shows the new workspace
