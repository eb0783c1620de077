"""What every menu of the main window does the same way: make an action, find a menu
by its title, and put actions after a given one."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

if TYPE_CHECKING:
    from app.gui.interaction import Interaction
    from app.gui.window.host import WindowHost


class WindowMenu:
    """What a menu of the window reaches through it: the window to parent its dialogs on,
    and the interaction to ask and tell the person through."""

    window: WindowHost

    @property
    def _parent(self) -> QWidget:
        return self.window.window()

    @property
    def _talk(self) -> Interaction:
        return self.window.interaction


def menu_action(
    parent: QWidget, text: str, slot: Callable[[], Any], shortcut: str | None = None
) -> QAction:
    """An action that calls ``slot`` (with no arguments) when triggered."""
    action = QAction(text, parent)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    return action


def menu_titled(window: WindowHost, title: str) -> QMenu | None:
    """The window's top-level menu called ``title`` (without its & mark), if any."""
    for action in window.menuBar().actions():
        if action.text().replace("&", "") == title and isinstance(action.menu(), QMenu):
            return action.menu()  # type: ignore[return-value]
    return None


def action_after(menu: QMenu, action: QAction) -> QAction | None:
    """The action that follows ``action`` in ``menu`` (None: it is last, or not there)."""
    actions = menu.actions()
    index = actions.index(action) if action in actions else -1
    return actions[index + 1] if 0 <= index < len(actions) - 1 else None


def insert_after(menu: QMenu, anchor: QAction, actions: Iterable[QAction]) -> None:
    """Put ``actions`` right after ``anchor`` in ``menu`` (at the end if it is not there)."""
    menu.insertActions(action_after(menu, anchor), list(actions))  # type: ignore[arg-type]
