"""The context handed to every window, dialog and command: no globals.

Tests build one around a temporary workspace and pass it in; the app builds one
once its first workspace is open (just after the window's first frame) and replaces
its workspace when the user opens another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the window is painted before the database layer is imported
    from app.core.storage.workspace import Workspace
    from app.gui.interaction import Interaction
    from app.gui.tasks import TaskRunner


def _qt_interaction() -> Interaction:
    from app.gui.interaction import QtInteraction

    return QtInteraction()


def _task_runner() -> TaskRunner:
    from app.gui.tasks import TaskRunner

    return TaskRunner()


@dataclass
class AppContext:
    workspace: Workspace
    # Per-user preferences (QSettings-backed in the GUI, a plain dict in tests).
    settings: dict[str, Any] = field(default_factory=dict)
    # Questions, warnings and file choosers (app/gui/interaction.py); tests pass a
    # recording stand-in (tests/gui/recording.py).
    interaction: Interaction = field(default_factory=_qt_interaction)
    # The one runner of background work (app/gui/tasks.py).
    tasks: TaskRunner = field(default_factory=_task_runner)

    @property
    def user(self) -> str:
        return self.workspace.user
