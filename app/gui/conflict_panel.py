"""The conflict-check panel: a dock that lists possible matches without blocking work.

After a party is added (by a form, an import or the statement extraction), call
:func:`check_and_show` with the window; it runs the check and shows the hits in
a dock at the right of the window, created on first use. A hit where one side is
a client and the other a complainant, victim or witness is a *conflict* (error
colour, listed first); the others are information.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.core.intake.conflicts import ConflictHit, check_party
from app.core.vocab import ROLES, label
from app.gui.widgets.style import error_color, set_label_color

DOCK_NAME = "conflictCheckDock"
COLUMNS = ("", "Case", "Person there", "Roles there", "Match", "Why")


class ConflictPanel(QWidget):
    """A list of conflict-check hits. ``case_activated(case_id)`` when one is opened."""

    case_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hits: list[ConflictHit] = []
        self.summary = QLabel("No conflict check run yet.")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)

    def show_hits(self, hits: Sequence[ConflictHit], name: str = "") -> None:
        self.hits = list(hits)
        self.tree.clear()
        conflicts = sum(1 for h in hits if h.adverse)
        who = f" for {name}" if name else ""
        if not hits:
            self.summary.setText(f"Conflict check{who}: no other case names this person.")
            set_label_color(self.summary, self.palette().windowText().color())
        else:
            self.summary.setText(
                f"Conflict check{who}: {conflicts} conflict(s), "
                f"{len(hits) - conflicts} other match(es). Review before going on."
            )
            color = error_color() if conflicts else self.palette().windowText().color()
            set_label_color(self.summary, color)
        bold = QFont(self.font())
        bold.setBold(True)
        for hit in hits:
            case = hit.case_caption + (f" ({hit.docket})" if hit.docket else "")
            item = QTreeWidgetItem(
                [
                    "Conflict" if hit.adverse else "Info",
                    case,
                    hit.person_name,
                    ", ".join(label(ROLES, r) for r in hit.roles_there),
                    "" if hit.screened else f"{hit.score}%",
                    ", ".join(hit.reasons),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, hit.case_id)
            item.setToolTip(5, ", ".join(hit.reasons))
            if hit.adverse:
                brush = QBrush(error_color())
                for column in range(len(COLUMNS)):
                    item.setForeground(column, brush)
                    item.setFont(column, bold)
            self.tree.addTopLevelItem(item)
        for column in range(len(COLUMNS) - 1):
            self.tree.resizeColumnToContents(column)

    def conflict_count(self) -> int:
        return sum(1 for h in self.hits if h.adverse)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        case_id = int(item.data(0, Qt.ItemDataRole.UserRole))
        if case_id:  # 0: a screened case (app.core.server.screened), nothing to open
            self.case_activated.emit(case_id)


def panel_of(window: QMainWindow) -> ConflictPanel:
    """The window's conflict dock, created (at the right, shown) on first use."""
    dock = window.findChild(QDockWidget, DOCK_NAME)
    if dock is None:
        dock = QDockWidget("Conflict check", window)
        dock.setObjectName(DOCK_NAME)
        dock.setWidget(ConflictPanel(dock))
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    panel = dock.widget()
    assert isinstance(panel, ConflictPanel)
    return panel


def show_hits(window: QMainWindow, hits: Sequence[ConflictHit], name: str = "") -> ConflictPanel:
    panel = panel_of(window)
    panel.show_hits(hits, name)
    dock = panel.parentWidget()
    if isinstance(dock, QDockWidget):
        dock.show()
        dock.raise_()
    return panel


def check_and_show(
    ctx: AppContext, party_id: int, parent_window: QMainWindow | None
) -> list[ConflictHit]:
    """Run the conflict check on a party just added and show the result (never blocks).

    With no window (a test, the CLI) it only returns the hits.
    """
    hits = check_party(ctx.workspace, party_id)
    if parent_window is not None:
        from app.core.services.people import get_party, get_person

        name = get_person(ctx.workspace, get_party(ctx.workspace, party_id)["person_id"])["name"]
        show_hits(parent_window, hits, name)
    return hits
