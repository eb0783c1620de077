"""What the main window's parts and menus may use of the window that owns them.

The window (``main_window.py``) makes its workspace part, its search part and its
menus, and each of them is handed the window. They see it through these protocols
rather than the class itself, so no part imports the window's module: the window
imports its parts, never the other way round.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QUndoStack
    from PySide6.QtWidgets import (
        QLabel,
        QMenu,
        QMenuBar,
        QStatusBar,
        QToolBar,
        QWidget,
    )

    from app.context import AppContext
    from app.core.storage.workspace import Workspace
    from app.gui.case_list import CaseListPage
    from app.gui.case_view import CaseView
    from app.gui.interaction import Interaction


class WorkspaceHolder(Protocol):
    """The window's hold on its workspace (``window/workspace.py``), as menus use it."""

    opener: Callable[[str], Workspace]

    def folder(self) -> Path: ...

    def switch_to(self, target: str) -> bool: ...

    def adopt(self, workspace: Workspace) -> None: ...


class ScheduleHolder(Protocol):
    """The window's calendar part (``window/schedule.py``), as the workspace part uses it."""

    def records_changed(self) -> None: ...


class LiveHolder(Protocol):
    """The window's ear for colleagues' saves (``window/live.py``)."""

    def follow(self, workspace: Workspace) -> None: ...


class WindowHost(Protocol):
    """The main window, as its parts and menus see it."""

    undo: QUndoStack
    case_list: CaseListPage
    workspace_label: QLabel
    workspace_part: WorkspaceHolder
    schedule: ScheduleHolder
    live: LiveHolder
    recent_menu: QMenu
    toolbar: QToolBar
    quit_action: QAction
    print_action: QAction
    about_action: QAction
    guide_action: QAction
    whats_this_action: QAction
    delete_action: QAction
    new_workspace_action: QAction

    @property
    def ctx(self) -> AppContext: ...

    @property
    def has_workspace(self) -> bool: ...

    @property
    def settings(self) -> MutableMapping[str, Any]: ...

    @property
    def interaction(self) -> Interaction: ...

    @property
    def case_view(self) -> CaseView: ...

    # -- QMainWindow's own ----------------------------------------------------------------

    def window(self) -> QWidget:
        """The window itself, as the parent of dialogs and actions."""
        ...

    def statusBar(self) -> QStatusBar: ...

    def menuBar(self) -> QMenuBar: ...

    def actions(self) -> list[QAction]: ...

    def addActions(self, actions: list[QAction]) -> None: ...

    # -- the window's own -------------------------------------------------------------------

    def current_case_id(self) -> int | None: ...

    def finish_setup(self) -> None: ...

    def selected_record(self) -> tuple[str, int] | None: ...

    def current_kind(self) -> str: ...

    def on_case_list(self) -> bool: ...

    def open_case(self, case_id: int) -> None: ...

    def show_case_list(self) -> None: ...

    def show_record(self, case_id: int, section: str, key: dict[str, Any]) -> None: ...

    def with_case_view(self, call: Callable[[CaseView], None]) -> None: ...

    def forget_open_case(self) -> None: ...

    def save_state(self) -> None: ...

    def not_in_build(self, action: QAction) -> None:
        """Disable ``action``, saying so: the part of the build it needs is missing."""
        ...
