"""The Clock section of a case: its CPL 30.30 speedy-trial clock as of a date.

A clear figure ("84 of 90 days used — 6 remain"), the count with the arguable days
beside it, the limit and why, the People's readiness or the last day, what is missing
when the clock cannot count, and the period table courts lay out in their decisions.
The count is the engine's (``app.core.clock``); this page only shows it, and saves the
stand-alone exhibit through ``app.briefs.clock``.

Near the limit means at most :data:`NEAR_DAYS` days or :data:`NEAR_SHARE` of the
limit remain, whichever is more. Then (and past it) the figure turns red and says so
in words, which is also what a screen reader reads: colour is never the only signal.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.gui import style
from app.gui.calendar.words import days_word, plain_day
from app.gui.widgets.style import error_color, set_label_color

if TYPE_CHECKING:
    from app.core.clock import Clock

NEAR_DAYS = 14
NEAR_SHARE = 0.15
COLUMNS = ("From", "To", "Days", "Chargeable", "Arguable", "Reason")
EXHIBITS = "PDF (*.pdf);;Word (*.docx)"

# The state of a clock, as words say it.
EXEMPT, UNKNOWN, WITHIN, NEAR, PAST = "exempt", "unknown", "within", "near", "past"


def clock_state(clock: Clock) -> str:
    if clock.exempt:
        return EXEMPT
    if clock.limit_days is None or clock.remaining_days is None:
        return UNKNOWN
    if clock.remaining_days < 0:
        return PAST
    if clock.remaining_days <= max(NEAR_DAYS, clock.limit_days * NEAR_SHARE):
        return NEAR
    return WITHIN


def figure_text(clock: Clock) -> str:
    """The big figure: "84 of 90 days used — 6 remain"."""
    if clock.exempt:
        return "Exempt from CPL 30.30"
    if clock.limit_days is None or clock.remaining_days is None:
        return f"{days_word(clock.chargeable_days)} chargeable — no limit yet"
    used = f"{clock.chargeable_days} of {clock.limit_days} days used"
    remaining = clock.remaining_days
    if remaining < 0:
        return f"{used} — {days_word(-remaining)} over the limit"
    return f"{used} — {remaining} remain"


def arguable_text(clock: Clock) -> str:
    """The count with the arguable days, beside the figure."""
    if clock.arguable_days == 0:
        return "No arguable days: the count with them is the same."
    with_them = clock.chargeable_with_arguable
    text = f"With the {days_word(clock.arguable_days)} the defense argues: {with_them}"
    if clock.limit_days is None or clock.remaining_with_arguable is None:
        return text
    left = clock.remaining_with_arguable
    tail = f"{left} remain" if left >= 0 else f"{days_word(-left)} over the limit"
    return f"{text} of {clock.limit_days} — {tail}"


def state_text(clock: Clock) -> str:
    """The state in words, for everyone and for screen readers (not colour alone)."""
    state = clock_state(clock)
    if state == EXEMPT:
        return f"Exempt: {clock.limit_reason}"
    if state == UNKNOWN:
        return "Cannot count to a limit: " + ("; ".join(clock.missing) or clock.limit_reason)
    remaining = clock.remaining_days or 0
    if state == PAST:
        return f"Warning: past the limit by {days_word(-remaining)}"
    if state == NEAR:
        return f"Warning: near the limit, {days_word(remaining)} remain"
    return f"Within the limit: {days_word(remaining)} remain"


def readiness_text(clock: Clock) -> str:
    if clock.ready_on is not None:
        return f"People ready since {plain_day(clock.ready_on)}"
    if clock.last_day is not None:
        flag = f" ({clock.last_day_flag}; the date is not moved)" if clock.last_day_flag else ""
        verb = "was" if (clock.remaining_days or 0) < 0 else "is"
        return f"People not ready; the last day {verb} {plain_day(clock.last_day)}{flag}"
    return "People not ready"


class ClockSection(QWidget):
    """The case's speedy-trial clock; re-read by :meth:`set_case` (the case view calls it
    when the case, its charges, appearances or filings changed and the page is shown)."""

    name = "clock"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id: int | None = None
        self.clock: Clock | None = None

        title = style.heading("Speedy-trial clock (CPL 30.30)")
        title.setWordWrap(True)  # on a narrow window it takes two lines, not the width
        self.as_of = QDateEdit(self)
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.setDate(QDate.currentDate())
        self.as_of.setAccessibleName("As of")
        self.as_of.setToolTip("The day the clock is counted to (its end counts)")
        self.as_of.dateChanged.connect(lambda _d: self.refresh())
        today = QPushButton("Today")
        today.setAccessibleName("Count as of today")
        today.clicked.connect(lambda: self.as_of.setDate(QDate.currentDate()))
        self.save_button = QPushButton(style.icon("export"), "Save exhibit…")
        self.save_button.setAccessibleName("Save the speedy-trial exhibit as PDF or Word")
        self.save_button.clicked.connect(self.save_exhibit)

        self.figure = style.heading("", 1.8)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setToolTip(
            f"Red, with a warning, when at most {NEAR_DAYS} days or "
            f"{NEAR_SHARE:.0%} of the limit remain, whichever is more, and past it"
        )
        self.arguable = QLabel()
        self.arguable.setWordWrap(True)
        self.limit = QLabel()
        self.commenced = QLabel()
        self.readiness = QLabel()
        self.missing = QLabel()
        self.notes = style.muted(QLabel())
        for label in (self.limit, self.commenced, self.readiness, self.missing, self.notes):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.missing_label = style.muted(QLabel("Missing"))

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setAccessibleName("Periods of the speedy-trial clock")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeaderItem(0).setToolTip("The day a period starts (not counted)")
        self.table.horizontalHeaderItem(1).setToolTip("The day a period ends (counted)")

        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(QLabel("As of"))
        top.addWidget(self.as_of)
        top.addWidget(today)
        top.addWidget(self.save_button)
        form = QFormLayout()
        form.setHorizontalSpacing(style.MARGIN * 2)
        form.addRow(style.muted(QLabel("Limit")), self.limit)
        form.addRow(style.muted(QLabel("Commenced on")), self.commenced)
        form.addRow(style.muted(QLabel("Readiness")), self.readiness)
        form.addRow(self.missing_label, self.missing)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*(style.PAGE_MARGIN,) * 4)
        layout.setSpacing(style.SPACING)
        layout.addLayout(top)
        figures = QHBoxLayout()  # the definite count, and beside it the arguable one
        figures.setSpacing(style.MARGIN * 2)
        figures.addWidget(self.figure, 0, Qt.AlignmentFlag.AlignBottom)
        figures.addWidget(self.arguable, 1, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(figures)
        layout.addWidget(self.state)
        layout.addLayout(form)
        layout.addWidget(self.notes)
        layout.addWidget(self.table, 1)

    def as_of_date(self) -> dt.date:
        return self.as_of.date().toPython()  # type: ignore[no-any-return]

    def set_case(self, case_id: int | None) -> None:
        """Show ``case_id``'s clock (another case starts again from today)."""
        if case_id != self.case_id:
            self.as_of.blockSignals(True)
            self.as_of.setDate(QDate.currentDate())
            self.as_of.blockSignals(False)
        self.case_id = case_id
        self.refresh()

    def refresh(self) -> None:
        """Count the clock again (one read of the case's ledger)."""
        self.clock = None
        if self.case_id is not None:
            from app.core.clock import clock_of_case
            from app.core.errors import CasefileError

            try:
                with self.ctx.workspace.reader() as session:
                    self.clock = clock_of_case(session, self.case_id, self.as_of_date())
            except CasefileError as exc:
                self._show_nothing(str(exc))
                return
        if self.clock is None:
            self._show_nothing("No case is open.")
            return
        self._show(self.clock)

    def _show_nothing(self, why: str) -> None:
        self.figure.setText("")
        self.state.setText(why)
        for label in (self.arguable, self.limit, self.commenced, self.readiness, self.notes):
            label.setText("")
        self.table.setRowCount(0)
        self.save_button.setEnabled(False)

    def _show(self, clock: Clock) -> None:
        state = clock_state(clock)
        alarming = state in (NEAR, PAST)
        self.figure.setText(figure_text(clock))
        self.state.setText(("⚠ " if alarming else "") + state_text(clock))
        for label in (self.figure, self.state):
            if alarming:
                set_label_color(label, error_color(label.palette()))
            else:
                label.setPalette(self.palette())
        # A screen reader reads the state with the figure: colour is not the only signal.
        self.figure.setAccessibleName(f"{figure_text(clock)}. {state_text(clock)}")
        self.arguable.setText(arguable_text(clock))
        days = f"{clock.limit_days} days"
        named = clock.limit_days is None or days in clock.limit_reason
        self.limit.setText(clock.limit_reason if named else f"{days}: {clock.limit_reason}")
        self.commenced.setText(plain_day(clock.commenced_on) or "Not known")
        self.readiness.setText(readiness_text(clock))
        self.missing.setText("; ".join(clock.missing))
        self.missing.setVisible(bool(clock.missing))
        self.missing_label.setVisible(bool(clock.missing))
        self.notes.setText("\n".join(clock.notes))
        self.notes.setVisible(bool(clock.notes))
        self._fill_table(clock)
        self.save_button.setEnabled(True)

    def _fill_table(self, clock: Clock) -> None:
        rows = [
            (p.start.isoformat(), p.end.isoformat(), p.days, p.chargeable_days, p.arguable,
             p.reason)
            for p in clock.periods
        ]  # fmt: skip
        if rows:
            rows.append(("Total", "", sum(p.days for p in clock.periods), clock.chargeable_days,
                         clock.arguable_days, ""))  # fmt: skip
        self.table.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                text = str(value) if not (column == 4 and value == 0) else ""
                item = QTableWidgetItem(text)
                if isinstance(value, int):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if row == len(clock.periods):  # the total
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()

    def save_exhibit(self) -> None:
        """Save the exhibit (PDF or Word) of the clock as of the chosen day."""
        from app.briefs.clock import clock_exhibit, write_clock_exhibit
        from app.briefs.names import case_file_name
        from app.core.errors import CasefileError
        from app.core.services.cases import get_case

        if self.case_id is None:
            return
        talk = self.ctx.interaction
        as_of = self.as_of_date()
        caption = get_case(self.ctx.workspace, self.case_id)["caption"]
        exhibit = f"speedy-trial exhibit {as_of.isoformat()}"
        suggested = Path.home() / case_file_name(caption, exhibit, "pdf")
        name = talk.save_file(self, "Save Speedy-Trial Exhibit", suggested, EXHIBITS)
        if not name:
            return
        if not Path(name).suffix:  # a name typed without its suffix: the first format
            name += ".pdf"
        try:
            exhibit = clock_exhibit(self.ctx.workspace, self.case_id, as_of)
            write_clock_exhibit(exhibit, name)
        except CasefileError as exc:
            talk.warn(self, "Cannot save the exhibit", str(exc))
            return
        talk.inform(self, "Exhibit saved", f"The speedy-trial exhibit is in {name}")
