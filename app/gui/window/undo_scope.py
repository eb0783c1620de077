"""What Undo covers, said where the person looks for it.

The undo list lives in the window: it starts empty when a workspace is opened and is
gone when Casefile closes or another workspace is opened. History (Ctrl+H) is the
lasting record. Rather than let an empty Undo surprise someone the next morning, the
Undo and Redo actions say so in their tooltip and status tip, and switching away from
a workspace with changes still undoable says so in the status bar (the user guide
says it too).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from shiboken6 import isValid

UNDO_SCOPE = (
    "Undo covers changes made since the workspace was opened; History (Ctrl+H) keeps every change."
)
UNDO_DROPPED = (
    "The undo list starts afresh with each workspace opened; History (Ctrl+H) keeps every change."
)


class _UndoTips(QObject):
    """Keeps the tooltips current; a child of the Undo action, so the stack's signals stop
    reaching it once the window's actions are gone (the stack may outlive them)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window.undo_action)
        self.actions = (window.undo_action, window.redo_action)

    def update(self, _text: str = "") -> None:
        for action in self.actions:
            if not isValid(action):
                return
            keys = action.shortcut().toString()
            words = action.text().replace("&", "")
            action.setToolTip(
                f"{words} ({keys})\n{UNDO_SCOPE}" if keys else f"{words}\n{UNDO_SCOPE}"
            )


def explain_undo(window: Any) -> None:
    """Give the window's Undo and Redo actions the scope of undo, kept as their text
    follows the stack ("Undo Delete note …")."""
    for action in (window.undo_action, window.redo_action):
        action.setStatusTip(UNDO_SCOPE)
    tips = _UndoTips(window)
    window.undo.undoTextChanged.connect(tips.update)
    window.undo.redoTextChanged.connect(tips.update)
    tips.update()
