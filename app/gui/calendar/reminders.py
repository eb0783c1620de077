"""Reminders of deadlines ahead: when the app starts and once a day while it runs, the
deadlines due within the days set in the preferences ("remind me N days before a
deadline", default 3) and not met are told without blocking anything: in the status
bar, in the Today view when it is open, and as a desktop notice where the system has a
tray that shows them.

A timer looks every hour whether the day has changed since the last reminder, so a
laptop woken the next morning is reminded then, not a full day after the start.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from app.gui.calendar import prefs
from app.gui.calendar.words import days_word, plain_day

if TYPE_CHECKING:
    from app.context import AppContext
    from app.core.schedule.items import DeadlineItem

CHECK_EVERY_MS = 60 * 60 * 1000
SHOWN_IN_TEXT = 3


def reminder_text(deadlines: list[DeadlineItem], days: int, today: dt.date) -> str:
    """One line: "Reminder: 2 deadlines within 3 days: CR-90 Discovery due (today), …"."""
    if not deadlines:
        return ""
    count = len(deadlines)
    noun = "deadline" if count == 1 else "deadlines"
    named = []
    for item in deadlines[:SHOWN_IN_TEXT]:
        when = "today" if item.date == today else plain_day(item.date)
        named.append(f"{item.case.label} {item.title} ({when})")
    more = f" and {count - SHOWN_IN_TEXT} more" if count > SHOWN_IN_TEXT else ""
    return f"Reminder: {count} {noun} within {days_word(days)}: " + "; ".join(named) + more


class Reminders(QObject):
    """Checks for deadlines ahead on :meth:`start` and then once a day (:meth:`tick`)."""

    reminded = Signal(str)  # the reminder's text (empty: nothing ahead)

    def __init__(
        self,
        ctx: Callable[[], AppContext],
        parent: QObject | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._today = today
        self.last_day: dt.date | None = None
        self.last: list[DeadlineItem] = []
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.tick)

    def start(self) -> None:
        self.check()
        self.timer.start()

    def tick(self) -> None:
        """The timer's slot: remind again once the day has changed."""
        if self._today() != self.last_day:
            self.check()

    def check(self) -> list[DeadlineItem]:
        """Read the deadlines ahead and tell them (the signal carries the text)."""
        from app.core.errors import CasefileError
        from app.gui.calendar.reading import read_reminders

        ctx = self._ctx()
        today = self._today()
        self.last_day = today
        days = prefs.remind_days(ctx.settings)
        mine = prefs.scope(ctx.settings) == "mine"
        try:
            self.last = read_reminders(ctx, today, days, mine=mine)
        except CasefileError as exc:
            self.last = []
            self.reminded.emit(f"Cannot read the deadlines for reminders: {exc}")
            return []
        self.reminded.emit(reminder_text(self.last, days, today))
        return self.last
