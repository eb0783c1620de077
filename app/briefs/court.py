"""The brief's court sections: the speedy-trial clock, court dates and deadlines, and
the at-a-glance next court date.

:func:`read_court_facts` reads what the case's records do not hold (the clock, the
computed deadlines, the pending adjourned date) in the brief builder's own session;
the other functions turn those plain values into the brief's sections, cleaned and
ready for both writers. Everything is computed as of the date the brief is prepared.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.briefs import text as t
from app.briefs.clock.model import long_date, period_table, short_date, weekday_date
from app.briefs.model import ClockSection, CourtDateRow, CourtDates, DeadlineRow
from app.briefs.profiles import Profile
from app.core import vocab
from app.core.clock.court_days import court_holiday
from app.core.dates import PartialDate, Precision
from app.core.lists.case_loader import AppearanceRecord, CaseRecords

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.core.clock.result import Clock
    from app.core.schedule.court_dates import PendingCourtDate
    from app.core.schedule.items import DeadlineItem

NO_COMMENCEMENT = (
    "The clock cannot count yet: no arraignment or commencement date is recorded. "
    "Record the arraignment (or the case's \u201ccommenced on\u201d date) to start it."
)
ILLUSORY = "illusory (CPL 30.30(5))"
SPEEDY_TRIAL_KIND = "speedy_trial"


@dataclass(frozen=True)
class CourtFacts:
    """What the court sections need beyond the case's records."""

    clock: Clock | None = None
    deadlines: list[DeadlineItem] = field(default_factory=list)
    pending: PendingCourtDate | None = None


def read_court_facts(
    session: Session, records: CaseRecords, profile: Profile, today: dt.date
) -> CourtFacts:
    """The clock, the deadlines and the pending court date of the case, as of ``today``,
    read only for the sections of ``profile`` that show them (a few small queries each;
    the clock also for the at-a-glance page, which gives its headline)."""
    from app.core.clock import clock_of_case
    from app.core.schedule.court_dates import pending_court_dates
    from app.core.schedule.deadlines import deadlines_of_case
    from app.core.storage.models import Case

    sections, case_id = profile.sections, records.case.id
    wants_clock = profile.speedy_trial and ("clock" in sections or "glance" in sections)
    clock = clock_of_case(session, case_id, today) if wants_clock else None
    deadlines: list[DeadlineItem] = []
    if "dates" in sections:
        case = session.get(Case, case_id)  # already in the session: load_case found it
        if case is not None:
            deadlines = deadlines_of_case(session, case, today)
    pending = None
    if "dates" in sections or "glance" in sections:
        found = pending_court_dates(session, None, None, case_ids=[case_id])
        pending = found[0] if found else None
    return CourtFacts(clock, deadlines, pending)


# -- the clock ---------------------------------------------------------------------------


def clock_section(clock: Clock) -> ClockSection:
    """The clock's headline, facts, notes and period table."""
    facts = [
        ("Limit", t.line(_limit_text(clock))),
        (
            "Commenced",
            f"{long_date(clock.commenced_on)} (day 0, not counted)"
            if clock.commenced_on
            else "Not recorded",
        ),
    ]
    if clock.commenced_on is not None:
        facts.append(("People ready", long_date(clock.ready_on) if clock.ready_on else "Not ready"))
    if clock.last_day is not None:
        facts.append(("Last day", weekday_date(clock.last_day) + _flag_text(clock.last_day)))
    facts.append(("Computed as of", long_date(clock.as_of)))
    facts += [("Missing", t.line(m)) for m in clock.missing]
    return ClockSection(
        headline=headline(clock),
        beside=beside(clock),
        facts=facts,
        periods=period_table(clock) if clock.periods else None,
        notes=_notes(clock),
    )


def _limit_text(clock: Clock) -> str:
    if clock.exempt:
        return f"Exempt: {clock.limit_reason}"
    if clock.limit_days is None and clock.commenced_on is not None:
        return "Not known: " + "; ".join(clock.missing)
    return clock.limit_reason


def _flag_text(day: dt.date) -> str:
    """ " (Election Day, a court holiday: flagged, not moved)" or "" for a court day."""
    holiday = court_holiday(day)
    if holiday:
        return f" ({holiday}, a court holiday: flagged, not moved)"
    if day.weekday() >= 5:
        return " (a weekend: flagged, not moved)"
    return ""


def _used(chargeable: int, limit: int, remaining: int) -> str:
    left = f"{remaining} remain" if remaining >= 0 else f"{-remaining} over the limit"
    return f"{chargeable} of {limit} chargeable days used; {left}"


def headline(clock: Clock) -> str:
    """The figure: "84 of 90 chargeable days used; 6 remain; last day Tuesday, January
    12, 2027", or why there is no such figure."""
    if clock.exempt:
        return t.line(f"Exempt from CPL 30.30: {clock.limit_reason}")
    if clock.commenced_on is None:
        return NO_COMMENCEMENT
    if clock.limit_days is None or clock.remaining_days is None:
        return (
            f"{clock.chargeable_days} chargeable days so far; the limit is not known "
            "until the charges say it (see Missing)"
        )
    parts = [_used(clock.chargeable_days, clock.limit_days, clock.remaining_days)]
    if clock.ready_on is not None:
        parts.append(f"People ready since {long_date(clock.ready_on)}")
    elif clock.last_day is not None:
        word = "last day" if clock.remaining_days >= 0 else "the last day was"
        parts.append(f"{word} {weekday_date(clock.last_day)}")
    return "; ".join(parts)


def beside(clock: Clock) -> str:
    """The count with the days the defense argues are chargeable, or ""."""
    if not clock.arguable_days or clock.limit_days is None:
        return ""
    remaining = clock.remaining_with_arguable
    if remaining is None:
        remaining = clock.limit_days - clock.chargeable_with_arguable
    used = _used(clock.chargeable_with_arguable, clock.limit_days, remaining)
    return f"With the {clock.arguable_days} arguable days: {used}"


def _notes(clock: Clock) -> list[str]:
    notes = [t.line(n) for n in clock.notes]
    for p in clock.periods:
        if ILLUSORY in p.reason:
            said = next(part for part in p.reason.split("; ") if ILLUSORY in part)
            notes.append(t.line(f"{long_date(p.start)}: {said}; the clock ran on"))
    if clock.last_day is not None and clock.last_day_flag:
        notes.append(
            f"The last day, {weekday_date(clock.last_day)}, is not a court day"
            f"{_flag_text(clock.last_day).replace(': flagged, not moved', '')}: it is "
            "flagged, not moved (whether General Construction Law 25-a carries it to the "
            "next court day is not settled)."
        )
    return notes


# -- court dates and deadlines --------------------------------------------------------


def table_date(day: dt.date) -> str:
    """ "Wed, Apr 15, 2026": a court date is read with its weekday."""
    return f"{day:%a}, {short_date(day)}"


def _exact(value: PartialDate | None) -> dt.date | None:
    if value is None or value.precision is not Precision.DAY or value.approximate:
        return None
    return value.earliest()


def _upcoming(records: CaseRecords, today: dt.date) -> list[tuple[dt.date, AppearanceRecord]]:
    found = []
    for a in records.appearances:
        day = _exact(a.date)
        if day is not None and day >= today:
            found.append((day, a))
    found.sort(key=lambda pair: (pair[0], pair[1].time or ""))
    return found


def _where(a: AppearanceRecord) -> str:
    part = f"Part {t.line(a.part)}" if t.line(a.part) else ""
    return ", ".join(x for x in (part, t.line(a.judge)) if x)


def _pending_what(pending: PendingCourtDate, today: dt.date) -> str:
    set_on = PartialDate.from_iso(pending.adjourned_on).display()
    what = f"Adjourned date (set at the appearance of {set_on})"
    if pending.date < today:
        what += ": passed, and no appearance is recorded on it"
    return what


def court_dates(
    records: CaseRecords, facts: CourtFacts, today: dt.date, speedy_trial: bool = True
) -> CourtDates:
    """The court dates from ``today`` on (recorded appearances and the pending adjourned
    date, also when it passed unrecorded) and every deadline, flagged."""
    rows = [
        (day, a.time or "", CourtDateRow(table_date(day), a.time or "", _purpose(a), _where(a)))
        for day, a in _upcoming(records, today)
    ]
    if facts.pending is not None:
        p = facts.pending
        rows.append((p.date, "", CourtDateRow(table_date(p.date), "", _pending_what(p, today), "")))
    rows.sort(key=lambda row: (row[0], row[1]))
    deadlines = [
        deadline_row(item)
        for item in facts.deadlines
        if speedy_trial or item.kind != SPEEDY_TRIAL_KIND
    ]
    return CourtDates([row for _, _, row in rows], deadlines)


def _purpose(a: AppearanceRecord) -> str:
    return vocab.label(vocab.APPEARANCE_PURPOSES, a.purpose) or "Court date"


def deadline_row(item: DeadlineItem) -> DeadlineRow:
    """A deadline as the brief's table shows it: when, what, on what basis, its status."""
    if item.date is not None:
        when = table_date(item.date)
    elif item.partial_date is not None:
        when = item.partial_date.display()
    else:
        when = "Not yet known"
    if item.time:
        when += f", {item.time}"
    status = []
    if item.flag == "overdue":
        status.append("Overdue")
    elif item.flag == "holiday":
        status.append(f"Court holiday ({t.line(item.holiday)})" if item.holiday else "Holiday")
    elif item.flag == "weekend":
        status.append("Falls on a weekend")
    if item.met_on is not None:
        status.append(f"Met {item.met_on.display()}{item.met_late()}")
    if item.missing:
        status.append(f"Not computed: {t.line(item.missing)}")
    basis = t.line(item.citation) or ("Added by hand" if item.record_id is not None else "")
    return DeadlineRow(when, t.line(item.title), basis, "; ".join(status))


# -- the next court date (at a glance) -----------------------------------------------


# A court date the at-a-glance page may name: (day, time, how it reads).
DateChoice = tuple[dt.date, str, str]


def court_record_dates(records: CaseRecords, facts: CourtFacts, today: dt.date) -> list[DateChoice]:
    """The court records' candidates for the next court date: the first appearance
    recorded from ``today`` on, and the pending adjourned date, even once it has passed
    (an appearance nobody recorded shows up instead of vanishing: the case list's rule,
    :mod:`app.core.schedule.court_dates`)."""
    candidates: list[DateChoice] = []
    upcoming = _upcoming(records, today)
    if upcoming:
        day, a = upcoming[0]
        when = long_date(day) + (f", {a.time}" if a.time else "")
        text = " \u2014 ".join(x for x in (when, _purpose(a), _where(a)) if x)
        candidates.append((day, a.time or "", text))
    p = facts.pending
    if p is not None:
        set_on = PartialDate.from_iso(p.adjourned_on).display()
        text = f"{long_date(p.date)} \u2014 adjourned date (set {set_on})"
        if p.date < today:
            text += "; it has passed and no appearance is recorded on it"
        candidates.append((p.date, "", text))
    return candidates
