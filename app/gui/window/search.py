"""The main window's search dock: opening it (Ctrl+F), keeping its scope on the case on
screen, keeping its results current as records change, and going to a chosen hit.

The window owns one :class:`SearchPart` (``window.search_part``). The panel itself is
:class:`app.gui.search_panel.SearchPanel`, a later part of the build (the Search
action is disabled, saying so, without it); it is imported when first opened, as it
loads the search queries (and SQLAlchemy).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QDockWidget, QMainWindow

if TYPE_CHECKING:
    from app.gui.search_panel import SearchPanel
    from app.gui.window.host import WindowHost

DOCK_WIDTH = 380  # room for a snippet's words; Qt's default dock width fits a few of them


class SearchPart:
    """The search dock of the window, made on first use."""

    def __init__(self, window: WindowHost, action: QAction) -> None:
        self.window = window
        self.action = action
        self.dock: QDockWidget | None = None

    @property
    def panel(self) -> SearchPanel | None:
        return self.dock.widget() if self.dock is not None else None  # type: ignore[return-value]

    def open(self) -> None:
        """Show the search dock (made on first use) and put the cursor in its field."""
        if self.dock is None and not self._make_dock():
            return
        assert self.dock is not None and self.panel is not None
        self.dock.show()
        self.dock.raise_()
        self.panel.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.panel.field.selectAll()

    def _make_dock(self) -> bool:
        try:
            from app.gui.search_panel import SearchPanel
        except ImportError:
            self.window.not_in_build(self.action)
            return False
        window = self.window.window()
        assert isinstance(window, QMainWindow)
        panel = SearchPanel(self.window.ctx, window)
        panel.recordActivated.connect(self._go_to_hit)
        dock = QDockWidget("Search", window)
        dock.setObjectName("search_dock")
        dock.setWidget(panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        window.resizeDocks([dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
        # Escape anywhere in the panel closes it and gives the keyboard back to the window.
        close = QShortcut(QKeySequence(Qt.Key.Key_Escape), dock)
        close.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        close.activated.connect(self.close)
        self.dock = dock
        self.scope()
        return True

    def close(self) -> None:
        """Hide the search dock and put the keyboard back in the window's list."""
        if self.dock is not None:
            self.dock.hide()
        section = None if self.window.on_case_list() else self.window.case_view.current_list()
        if section is not None:
            section.focus_list()
        else:
            self.window.window().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def scope(self) -> None:
        """Offer the case on screen to the search panel as its scope."""
        panel = self.panel
        if panel is not None:
            view = self.window.case_view
            case_id = None if self.window.on_case_list() else view.case_id
            caption = view.caption() if case_id is not None else ""
            panel.offer_case(case_id, caption)

    def refresh(self) -> None:
        """Records changed: search again, so no hit shows old text or a deleted record."""
        panel = self.panel
        if panel is not None:
            panel.refresh()

    def _go_to_hit(self, kind: str, case_id: int, record_id: int) -> None:
        if kind == "case":
            self.window.open_case(record_id)
            return
        from app.gui.case_view import target_of_hit

        target = target_of_hit(self.window.ctx, kind, case_id, record_id)
        if target is None:
            self.window.statusBar().showMessage("That record is not part of any case.", 5000)
            return
        self.window.show_record(case_id, *target)
