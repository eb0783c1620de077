"""What the deadline list and the office calendar are made of: a deadline and a calendar item.

Both are plain values computed on read; nothing here is stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from app.core.dates import PartialDate

if TYPE_CHECKING:
    from app.core.schedule.rules import RuleBook

# Flags of a deadline's date, most pressing first (one per deadline).
OVERDUE = "overdue"
HOLIDAY = "holiday"
WEEKEND = "weekend"

# Kinds of calendar item.
APPEARANCE = "appearance"
COURT_DATE = "court-date"
DEADLINE = "deadline"


class CaseLike(Protocol):
    """What an item needs of its case: a ``Case`` row or any row with these columns."""

    id: int
    uid: str
    docket_number: str
    caption: str


class CaseRef(NamedTuple):
    """The case an item belongs to (a tuple: the calendar makes thousands)."""

    id: int
    uid: str
    label: str  # the docket number, else the caption

    @classmethod
    def of(cls, case: CaseLike) -> CaseRef:
        return cls(case.id, case.uid, case_label(case.docket_number, case.caption))


def case_label(docket_number: str | None, caption: str | None) -> str:
    return (docket_number or "").strip() or (caption or "").strip()


def case_label_sql(cases: Any) -> Any:
    """:func:`case_label` as SQL over the cases table ``cases``: the calendar reads
    thousands of rows, and the database makes the label faster than Python can."""
    from sqlalchemy import func

    docket = func.nullif(func.trim(cases.c.docket_number), "")
    return func.coalesce(docket, func.trim(cases.c.caption))


@dataclass(frozen=True)
class DeadlineItem:
    """One deadline of a case, computed from a rule (``rule`` is its code) or added by
    hand (``record_id`` is the ``deadlines`` row). ``date`` is None when an input is
    missing; ``missing`` then says which. ``key`` is stable across edits: it names the
    rule or the record, and with the case's uid makes the calendar export's UID."""

    case: CaseRef
    kind: str
    date: dt.date | None
    title: str
    key: str
    rule: str | None = None
    citation: str = ""
    time: str | None = None
    met_on: PartialDate | None = None
    flag: str | None = None
    holiday: str | None = None  # the holiday's name when the date falls on one
    missing: str | None = None
    record_id: int | None = None
    partial_date: PartialDate | None = None  # a hand-added date not known to the day

    @classmethod
    def for_case(
        cls,
        case: CaseLike,
        *,
        kind: str,
        date: dt.date | None,
        title: str,
        rule: str,
        citation: str = "",
        met_on: PartialDate | None = None,
        missing: str | None = None,
    ) -> DeadlineItem:
        """A computed deadline of ``case`` (what a registered source returns)."""
        return cls(
            CaseRef.of(case),
            kind,
            date,
            title,
            key=f"rule-{rule}",
            rule=rule,
            citation=citation,
            met_on=met_on,
            missing=missing,
        )

    def met_late(self) -> str:
        """ ", N days late" when it was met after it was due, else "": how late is what a
        motion about it will argue (the brief, the Deadlines section and the command
        all say it this way)."""
        if self.met_on is None or self.date is None:
            return ""
        late = (self.met_on.earliest() - self.date).days
        return f", {late} days late" if late > 0 else ""

    def flagged(self, as_of: dt.date, book: RuleBook) -> DeadlineItem:
        """This deadline with its flag as of ``as_of``: overdue (past and not met by
        then), else holiday, else weekend, else none. The date itself never moves."""
        day = self.date
        if day is None and self.partial_date is not None:
            day = self.partial_date.latest()
        if day is None:
            return self
        holiday = book.court_holiday(day) if self.date is not None else None
        met = self.met_on is not None and self.met_on.earliest() <= as_of
        if day < as_of and not met:
            flag: str | None = OVERDUE
        elif holiday:
            flag = HOLIDAY
        elif self.date is not None and self.date.weekday() >= 5:
            flag = WEEKEND
        else:
            flag = None
        return replace(self, flag=flag, holiday=holiday)

    def sort_key(self) -> tuple[str, str, str]:
        if self.date is not None:
            shown = self.date.isoformat()
        else:  # a date known only to the month sorts with its month; none sorts last
            shown = self.partial_date.iso() if self.partial_date else "9999"
        return (shown, self.time or "", self.title)


@dataclass(slots=True)
class CalendarItem:
    """One line of the office calendar: an appearance, a pending court date or a deadline.

    ``key`` is stable across edits (see :mod:`app.core.schedule.ics` for how it makes
    a UID); ``flag`` is a deadline's flag, or None. A value: not frozen only because a
    frozen dataclass is four times slower to make, and a month view makes thousands."""

    date: dt.date
    time: str | None
    kind: str
    title: str
    case: CaseRef
    key: str
    flag: str | None = None
    detail: str = ""
    updated_at: dt.datetime | None = None

    @property
    def case_id(self) -> int:
        return self.case.id

    @property
    def case_label(self) -> str:
        return self.case.label

    def sort_key(self) -> tuple[dt.date, str, int, str, str]:
        # Timed items first within a day would hide all-day deadlines; an empty
        # time sorts first so deadlines head their day.
        return (self.date, self.time or "", _KIND_ORDER[self.kind], self.case.label, self.key)


_KIND_ORDER = {DEADLINE: 0, APPEARANCE: 1, COURT_DATE: 2}
