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

UNDO_SCOPE = (
    "Undo covers changes made since the workspace was opened; History (Ctrl+H) keeps every change."
)
UNDO_DROPPED = (
    "The undo list starts afresh with each workspace opened; History (Ctrl+H) keeps every change."
)


def explain_undo(window: Any) -> None:
    """Give the window's Undo and Redo actions the scope of undo, kept as their text
    follows the stack ("Undo Delete note …")."""
    for action in (window.undo_action, window.redo_action):
        action.setStatusTip(UNDO_SCOPE)
    window.undo.undoTextChanged.connect(lambda _text: _tooltips(window))
    window.undo.redoTextChanged.connect(lambda _text: _tooltips(window))
    _tooltips(window)


def _tooltips(window: Any) -> None:
    for action in (window.undo_action, window.redo_action):
        keys = action.shortcut().toString()
        words = action.text().replace("&", "")
        action.setToolTip(f"{words} ({keys})\n{UNDO_SCOPE}" if keys else f"{words}\n{UNDO_SCOPE}")
