"""Reading the office calendar for the window: once per range of days, never while
painting, and where a calendar item leads in its case.

The schedule (``app.core.schedule``) loads SQLAlchemy, so it is imported on first use:
the window imports this module before its first frame.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.context import AppContext
    from app.core.schedule.items import CalendarItem, DeadlineItem


def read_items(
    ctx: AppContext, start: dt.date, end: dt.date, *, mine: bool, as_of: dt.date | None = None
) -> list[CalendarItem]:
    """Every court date and deadline from ``start`` through ``end`` (of my cases when
    ``mine``), flagged as of ``as_of`` (default today)."""
    from app.core.schedule.agenda import calendar_items

    with ctx.workspace.reader() as session:
        return calendar_items(session, start, end, mine=mine, as_of=as_of)


def by_day(items: list[CalendarItem]) -> dict[dt.date, list[CalendarItem]]:
    days: dict[dt.date, list[CalendarItem]] = defaultdict(list)
    for item in items:
        days[item.date].append(item)
    return dict(days)


def target_of_item(ctx: AppContext, item: CalendarItem) -> tuple[str, dict[str, Any]]:
    """Where an item opens in its case: (section, row key). An appearance at its row in
    Court, a hand-added deadline at its row in Deadlines; a pending court date at the
    appearance that adjourned the case to it; a computed deadline at the Court section."""
    from app.core.schedule.items import APPEARANCE, DEADLINE

    kind, _, number = item.key.partition("-")
    record_id = int(number) if number.isdigit() else None
    if item.kind == DEADLINE:
        if kind == "deadline" and record_id is not None:
            return "deadlines", {"id": record_id}
        return "court", {}
    if item.kind == APPEARANCE and kind == "court":
        # An appearance held on a court date keeps that date's key: find the appearance.
        held = _appearance_on(ctx, item.case.id, item.date)
        record_id = held if held is not None else record_id
    return "court", ({"id": record_id} if record_id is not None else {})


def _appearance_on(ctx: AppContext, case_id: int, day: dt.date) -> int | None:
    from app.core.services.appearances import appearances_of_case

    for row in appearances_of_case(ctx.workspace, case_id):
        if row.date is not None and row.date.iso() == day.isoformat():
            return int(row.id)
    return None


@dataclass(frozen=True)
class TodayList:
    """What the Today view lists: deadlines overdue (oldest first), deadlines due in the
    next :data:`WEEK_DAYS` days and not met, and court dates today and tomorrow."""

    day: dt.date
    overdue: list[DeadlineItem]
    due: list[DeadlineItem]
    court: list[CalendarItem]

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.due or self.court)


WEEK_DAYS = 7
OVERDUE_SINCE_DAYS = 366  # how far back an unmet deadline still counts as overdue here


def is_met(item: DeadlineItem, today: dt.date) -> bool:
    return item.met_on is not None and item.met_on.earliest() <= today


def read_deadlines(
    ctx: AppContext, start: dt.date, end: dt.date, *, mine: bool, as_of: dt.date
) -> list[DeadlineItem]:
    """The deadlines dated ``start`` to ``end`` (of my cases when ``mine``), flagged as
    of ``as_of``, by date."""
    from app.core.schedule.agenda import current_user, my_case_ids
    from app.core.schedule.deadlines import Window, deadlines_in_range
    from app.core.schedule.items import DeadlineItem

    with ctx.workspace.reader() as session:
        case_ids = my_case_ids(session, current_user(session)) if mine else None
        if case_ids is not None and not case_ids:
            return []
        window = Window(as_of, case_ids=case_ids, start=start, end=end)
        return sorted(deadlines_in_range(session, window), key=DeadlineItem.sort_key)


def read_today(ctx: AppContext, today: dt.date, *, mine: bool) -> TodayList:
    from app.core.schedule.items import APPEARANCE, COURT_DATE

    start = today - dt.timedelta(days=OVERDUE_SINCE_DAYS)
    end = today + dt.timedelta(days=WEEK_DAYS - 1)
    deadlines = read_deadlines(ctx, start, end, mine=mine, as_of=today)
    overdue = [d for d in deadlines if d.flag == "overdue"]
    due = [
        d for d in deadlines
        if d.date is not None and d.date >= today and not is_met(d, today)
    ]  # fmt: skip
    tomorrow = today + dt.timedelta(days=1)
    court = [
        item
        for item in read_items(ctx, today, tomorrow, mine=mine, as_of=today)
        if item.kind in (APPEARANCE, COURT_DATE)
    ]
    return TodayList(today, overdue, due, court)


def read_reminders(ctx: AppContext, today: dt.date, days: int, *, mine: bool) -> list[DeadlineItem]:
    """The deadlines due from today through ``days`` days ahead and not met."""
    end = today + dt.timedelta(days=days)
    deadlines = read_deadlines(ctx, today, end, mine=mine, as_of=today)
    return [d for d in deadlines if not is_met(d, today)]
