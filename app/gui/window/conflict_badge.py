"""The quiet result of a conflict check: a badge in the status bar, the dock only for a conflict.

Every person added to a case is checked against the other cases. Most checks find
nothing, and a dock opening after each of them took a quarter of the window for no
news; so the result goes to a small badge at the right of the status bar. Only a
possible conflict (one side a client, the other a complainant, victim or witness)
opens the conflict dock; matches that are not adverse are counted on the badge, and
clicking it shows them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QToolButton

from app.context import AppContext
from app.core.intake.conflicts import ConflictHit, check_party
from app.gui.conflict_panel import DOCK_NAME, panel_of, show_hits

BADGE_NAME = "conflictBadge"


class ConflictBadge(QToolButton):
    """The last check's result in a few words; clicking it opens the dock with its hits."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName(BADGE_NAME)
        self.setAutoRaise(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setAccessibleName("Conflict check")
        self.window_ = window
        self.hits: list[ConflictHit] = []
        self.name = ""
        self.clicked.connect(self.open_panel)
        self.setVisible(False)

    def show_result(self, hits: Sequence[ConflictHit], name: str) -> None:
        self.hits, self.name = list(hits), name
        conflicts = sum(1 for hit in hits if hit.adverse)
        if conflicts:
            text = f"Conflict check: {conflicts} possible conflict(s) for {name}"
        elif hits:
            count = len(hits)
            text = (
                f"Conflict check: {name} — {count} match{'es' if count != 1 else ''}, no conflict"
            )
        else:
            text = f"Conflict check: {name} — clear"
        self.setText(text)
        self.setToolTip(
            "Click to see the matches in other cases." if hits else "No other case names them."
        )
        self.setAccessibleDescription(text)
        self.setVisible(True)

    def open_panel(self) -> None:
        show_hits(self.window_, self.hits, self.name)


def badge_of(window: QMainWindow) -> ConflictBadge:
    """The window's badge, put at the right of its status bar on first use."""
    badge = window.findChild(ConflictBadge, BADGE_NAME)
    if badge is None:
        badge = ConflictBadge(window)
        window.statusBar().addPermanentWidget(badge)
    return badge


def report(window: QMainWindow, hits: Sequence[ConflictHit], name: str) -> None:
    """Show a check's result: the badge always, the dock for a possible conflict (or
    when it is already open, so it never shows an older person's hits)."""
    badge_of(window).show_result(hits, name)
    dock = window.findChild(QDockWidget, DOCK_NAME)
    if any(hit.adverse for hit in hits):
        show_hits(window, hits, name)
    elif dock is not None and dock.isVisible():
        panel_of(window).show_hits(hits, name)


def check_new_party(
    ctx: AppContext, party_id: int, window: QMainWindow | None
) -> list[ConflictHit]:
    """Check a party just added; report the result on ``window`` (if any). The hits."""
    hits = check_party(ctx.workspace, party_id)
    if window is not None:
        from app.core.services.people import get_party, get_person

        ws = ctx.workspace
        name = str(get_person(ws, get_party(ws, party_id)["person_id"])["name"])
        report(window, hits, name)
    return hits
