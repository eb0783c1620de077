"""The Deadlines section: the deadlines computed from the rules above the list of those
added by hand.

The computed ones (the People's discovery, the speedy-trial last day, an office's own
rules) are not records: they are worked out from the ledger on every read
(``app.core.schedule``), so they are shown read-only, each with what makes it - its
rule and citation - and its state in words (met, how late, due, overdue, a weekend or
court holiday, or what is missing to compute it). Red marks an overdue one; the words
say it too.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem

from app.gui import style
from app.gui.calendar.words import plain_day
from app.gui.sections.list_section import ListSection
from app.gui.widgets.style import error_color

if TYPE_CHECKING:
    from app.core.schedule.items import DeadlineItem

COLUMNS = ("Due", "Deadline", "State")


def state_words(item: DeadlineItem) -> str:
    """A computed deadline's state, as the list says it (and a screen reader reads it)."""
    if item.date is None:
        return f"Not computed: needs {item.missing}" if item.missing else "Not computed"
    if item.met_on is not None:
        return f"Met {item.met_on.display()}{item.met_late()}"
    words = {"overdue": "Overdue", "weekend": "Due: falls on a weekend (not moved)"}
    if item.flag == "holiday":
        return f"Due: falls on a court holiday, {item.holiday} (not moved)"
    return words.get(item.flag or "", "Due")


def computed_deadlines(ctx: Any, case_id: int, as_of: dt.date) -> list[DeadlineItem]:
    """The case's deadlines that come from rules, not from the hand-added list."""
    from app.core.schedule.deadlines import deadlines_of_case
    from app.core.storage.models import Case

    with ctx.workspace.reader() as session:
        case = session.get(Case, case_id)
        if case is None:
            return []
        return [d for d in deadlines_of_case(session, case, as_of) if d.record_id is None]


class DeadlinesSection(ListSection):
    """The hand-added deadlines' list, with the computed deadlines above it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.computed_label = QLabel(
            "Computed from the rules (they follow the court records); below, those added by hand"
        )
        self.computed = QTreeWidget(self)
        self.computed.setColumnCount(len(COLUMNS))
        self.computed.setHeaderLabels(list(COLUMNS))
        self.computed.setRootIsDecorated(False)
        self.computed.setAlternatingRowColors(True)
        self.computed.setAccessibleName("Deadlines computed from the rules")
        self.computed.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.computed_label.setBuddy(self.computed)
        layout = self.layout()
        # Above the buttons and the list of hand-added deadlines.
        layout.insertWidget(1, self.computed_label)  # type: ignore[attr-defined]
        layout.insertWidget(2, self.computed)  # type: ignore[attr-defined]
        style.muted(self.computed_label)

    def set_case(self, case_id: int | None) -> None:
        super().set_case(case_id)
        self._read_computed()

    def refresh(self) -> None:
        super().refresh()
        self._read_computed()

    def _read_computed(self) -> None:
        self.computed.clear()
        case_id = self.model.case_id
        items = computed_deadlines(self.ctx, case_id, dt.date.today()) if case_id else []
        red = error_color(self.palette())
        for item in items:
            citation = f" ({item.citation})" if item.citation else ""
            state = state_words(item)
            row = QTreeWidgetItem([plain_day(item.date), item.title + citation, state])
            row.setData(
                0,
                Qt.ItemDataRole.AccessibleTextRole,
                f"{item.title}, due {plain_day(item.date)}: {state}",
            )
            if item.flag == "overdue" and item.met_on is None:
                for column in range(len(COLUMNS)):
                    row.setForeground(column, red)
            self.computed.addTopLevelItem(row)
        for column in (0, 2):
            self.computed.resizeColumnToContents(column)
        rows = max(1, len(items))
        height = self.computed.header().sizeHint().height() + rows * style.row_height(self) + 6
        self.computed.setFixedHeight(min(height, 8 * style.row_height(self)))
        self.computed.setVisible(bool(items))
        self.computed_label.setVisible(bool(items))
