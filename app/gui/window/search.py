"""The main window's search dock: opening it (Ctrl+F), keeping its scope on the case on
screen, keeping its results current as records change, and going to a chosen hit.

:class:`WindowSearch` is a part of :class:`app.gui.window.main_window.MainWindow`, kept in its
own file. The panel itself is :class:`app.gui.search_panel.SearchPanel`, a later part
of the build (the Search action is disabled, saying so, without it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget

if TYPE_CHECKING:
    from app.gui.case_view import CaseView

DOCK_WIDTH = 380  # room for a snippet's words; Qt's default dock width fits a few of them


class WindowSearch:
    """The search half of the main window (which sets these attributes up)."""

    search_dock: QDockWidget | None
    search_action: QAction
    case_view: CaseView

    def open_search(self) -> None:
        """Show the search dock (made on first use) and put the cursor in its field."""
        if self.search_dock is None:
            module = self._optional(self.search_action)
            if module is None:
                return
            panel = module.SearchPanel(self.ctx, self)
            panel.recordActivated.connect(self._search_hit)
            dock = QDockWidget("Search", self)
            dock.setObjectName("search_dock")
            dock.setWidget(panel)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.resizeDocks([dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
            self.search_dock = dock
            self.scope_search()
        self.search_dock.show()
        self.search_dock.raise_()
        panel = self.search_dock.widget()
        panel.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        panel.field.selectAll()

    def scope_search(self) -> None:
        """Offer the case on screen to the search panel as its scope."""
        if self.search_dock is not None:
            case_id = None if self._on_list() else self.case_view.case_id
            caption = self.case_view.caption() if case_id is not None else ""
            self.search_dock.widget().offer_case(case_id, caption)

    def refresh_search(self) -> None:
        """Records changed: search again, so no hit shows old text or a deleted record."""
        if self.search_dock is not None:
            self.search_dock.widget().refresh()

    def _search_hit(self, kind: str, case_id: int, record_id: int) -> None:
        if kind == "case":
            self.open_case(record_id)
            return
        from app.gui.case_view import target_of_hit

        target = target_of_hit(self.ctx, kind, case_id, record_id)
        if target is None:
            self.statusBar().showMessage("That record is not part of any case.", 5000)
            return
        self.show_record(case_id, *target)
