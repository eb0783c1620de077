"""Dated records of a case as timeline marks, each with the span its date can mean.

A date known to the day is a point on that day (at its time when the record has one);
a month is a band over the whole month, a year a band over the whole year. An
approximate date widens by a documented margin (:data:`WIDENING`): "about August 7"
covers 15 days either side, "about August 2020" a month either side, "about 2020" a
year either side. Records without a date are kept apart for the "undated" strip.

Each table is read with one query (plus one per link table), selecting only the
columns drawn, so the 50,000-record demo case loads without building ORM objects.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.core.dates import PartialDate, Precision

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlalchemy.orm import Session

    from app.core.lists.case_loader import CaseRecords
    from app.core.storage.workspace import Workspace

EVENT = "event"
STATEMENT = "statement"
APPEARANCE = "appearance"
KIND_LABELS = {EVENT: "Events", STATEMENT: "Statements", APPEARANCE: "Court appearances"}
LANES_BY = ("kind", "person")
NO_PERSON = "No person named"
COURT_LANE = "Court"

# How far an approximate date reaches beyond what it names, either side, by precision.
APPROXIMATE_DAYS = dt.timedelta(days=15)
APPROXIMATE_MONTHS = 1
APPROXIMATE_YEARS = 1
_LAST_MOMENT = dt.datetime(9999, 12, 31, 23, 59)
# A statement's mark shows a line of it: no more of its text is read than this.
STATEMENT_CHARS = 200


@dataclass(frozen=True)
class Mark:
    """One record on the timeline: a point when ``start == end``, a band otherwise."""

    kind: str
    record_id: int
    title: str
    lane: str
    issue_ids: tuple[int, ...]
    date: PartialDate | None
    start: dt.datetime | None
    end: dt.datetime | None

    @property
    def is_point(self) -> bool:
        return self.start is not None and self.start == self.end

    @property
    def when(self) -> str:
        return self.date.display() if self.date else "date unknown"


@dataclass
class Timeline:
    """What one picture shows: its marks in date order, the undated ones, its lanes."""

    title: str
    marks: list[Mark]
    undated: list[Mark]
    lanes: list[str]
    issues: dict[int, str]
    start: dt.datetime
    end: dt.datetime
    subtitle: str = ""
    notes: list[str] = field(default_factory=list)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    index = min(max(index, 12), 9999 * 12 + 11)  # January of year 1 to December 9999
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, 1)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)


def _day_after(day: dt.date) -> dt.datetime:
    """The start of the next day; the last minute of 9999 for the last day there is."""
    if day == dt.date.max:
        return _LAST_MOMENT
    return _midnight(day + dt.timedelta(days=1))


@functools.lru_cache(maxsize=8192)  # dates are immutable, and a large case repeats them
def span_of(date: PartialDate, time: str | None = None) -> tuple[dt.datetime, dt.datetime]:
    """The span a date can mean: ``(start, end)``, equal for an exact day (a point).

    A band ends at the start of the day after its last day, so a band's width is its
    length in days. A point sits at noon of its day, or at its time when known."""
    precision = date.precision
    first, last = date.earliest(), date.latest()
    if precision is Precision.DAY and not date.approximate:
        hours, minutes = 12, 0
        if time:
            try:
                hours, minutes = (int(part) for part in time.split(":", 1))
            except ValueError:
                hours, minutes = 12, 0
        moment = _midnight(first) + dt.timedelta(hours=hours, minutes=minutes)
        return moment, moment
    start, end = _midnight(first), _day_after(last)
    if date.approximate:
        if precision is Precision.DAY:
            start = max(start - APPROXIMATE_DAYS, dt.datetime(1, 1, 1))
            end = min(end + APPROXIMATE_DAYS, _LAST_MOMENT)
        elif precision is Precision.MONTH:
            start = _midnight(_add_months(first, -APPROXIMATE_MONTHS))
            after = first.year * 12 + first.month + APPROXIMATE_MONTHS  # month index after
            past_the_calendar = after > 9999 * 12 + 11
            end = (
                _LAST_MOMENT
                if past_the_calendar
                else _midnight(_add_months(first, APPROXIMATE_MONTHS + 1))
            )
        else:
            start = _midnight(dt.date(max(first.year - APPROXIMATE_YEARS, 1), 1, 1))
            end = _day_after(dt.date(min(first.year + APPROXIMATE_YEARS, 9999), 12, 31))
    return start, end


def _short(text: str, limit: int = 80) -> str:
    if len(text) > 4 * limit:  # a long quote: only its start is shown, so tidy only that
        head = " ".join(text[: 4 * limit].split())
        if len(head) > limit:
            return head[: limit - 1] + "\u2026"
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "\u2026"


# What a timeline is made from, however it was read: (id, date, time, title, names of
# the people taking part, issue ids), (id, date, text, speaker, issue ids) and
# (id, date, time, purpose).
EventRow = tuple[int, PartialDate | None, str | None, str, Sequence[str], Sequence[int]]
StatementRow = tuple[int, PartialDate | None, str, str, Sequence[int]]
AppearanceRow = tuple[int, PartialDate | None, str | None, str]


def gather(
    ws: Workspace,
    reference: str | int,
    *,
    lanes: str = "kind",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Timeline:
    """The timeline of a case (id or docket number) between ``start`` and ``end``
    (both days included; open when None). A mark is in range when its span touches it."""
    from sqlalchemy import func, select

    from app.core.services.cases import find_case
    from app.core.storage import models as m

    _check_lanes(lanes)
    with ws.reader() as session:
        case = find_case(session, reference)
        case_id, caption, docket = case.id, case.caption, case.docket_number
        issues = dict(
            session.execute(
                select(m.Issue.id, m.Issue.title)
                .where(m.Issue.case_id == case_id)
                .order_by(m.Issue.id)
            ).all()
        )
        event_issues = _issues_by_record(session, m.event_issues, "event_id", m.Event, case_id)
        statement_issues = _issues_by_record(
            session, m.statement_issues, "statement_id", m.Statement, case_id
        )
        event_people: dict[int, list[str]] = defaultdict(list)
        for event_id, name in session.execute(
            select(m.event_parties.c.event_id, m.Person.name)
            .join(m.Event, m.Event.id == m.event_parties.c.event_id)
            .join(m.Party, m.Party.id == m.event_parties.c.party_id)
            .join(m.Person, m.Person.id == m.Party.person_id)
            .where(m.Event.case_id == case_id)
            .order_by(m.Person.name)
        ):
            event_people[event_id].append(name)
        events = session.execute(
            select(m.Event.id, m.Event.date, m.Event.time, m.Event.title).where(
                m.Event.case_id == case_id
            )
        ).all()
        statements = session.execute(
            select(
                m.Statement.id,
                m.Statement.date,
                func.substr(m.Statement.text, 1, STATEMENT_CHARS),
                m.Person.name,
            )
            .join(m.Party, m.Party.id == m.Statement.speaker_id)
            .join(m.Person, m.Person.id == m.Party.person_id)
            .where(m.Statement.case_id == case_id)
        ).all()
        appearances = session.execute(
            select(
                m.Appearance.id, m.Appearance.date, m.Appearance.time, m.Appearance.purpose
            ).where(m.Appearance.case_id == case_id)
        ).all()
    return _timeline(
        _title(caption, docket),
        issues,
        (
            (
                event_id,
                date,
                time,
                title,
                event_people.get(event_id, ()),
                event_issues.get(event_id, ()),
            )
            for event_id, date, time, title in events
        ),
        (
            (statement_id, date, text, speaker, statement_issues.get(statement_id, ()))
            for statement_id, date, text, speaker in statements
        ),
        appearances,
        lanes=lanes,
        start=start,
        end=end,
    )


def from_records(
    records: CaseRecords,
    *,
    lanes: str = "kind",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Timeline:
    """The timeline of a case already read whole (:func:`app.core.lists.case_loader.load_case`),
    the same one :func:`gather` reads from the workspace, without reading it again: a
    brief has every record in hand when it comes to draw its timeline section."""
    _check_lanes(lanes)
    names = {party.id: party.person.name for party in records.parties}
    no_ids: tuple[int, ...] = ()

    def people(event_id: int) -> list[str]:
        party_ids = records.event_parties.get(event_id, ())
        return sorted(names[party_id] for party_id in party_ids if party_id in names)

    case = records.case
    return _timeline(
        _title(case.caption, case.docket_number),
        {issue.id: issue.title for issue in records.issues},
        (
            (e.id, e.date, e.time, e.title, people(e.id), records.event_issues.get(e.id, no_ids))
            for e in records.events
        ),
        (
            (
                s.id,
                s.date,
                s.text[:STATEMENT_CHARS],
                names[s.speaker_id],
                records.statement_issues.get(s.id, no_ids),
            )
            for s in records.statements
            if s.speaker_id in names  # as gather's join: a statement has a speaker
        ),
        ((a.id, a.date, a.time, a.purpose) for a in records.appearances),
        lanes=lanes,
        start=start,
        end=end,
    )


def _check_lanes(lanes: str) -> None:
    if lanes not in LANES_BY:
        raise ValueError(f"lanes are by {' or '.join(LANES_BY)}, not {lanes!r}")


def _title(caption: str, docket: str | None) -> str:
    return f"Timeline \u2014 {caption}" + (f" ({docket})" if docket else "")


def _timeline(
    title: str,
    issues: dict[int, str],
    events: Iterable[EventRow],
    statements: Iterable[StatementRow],
    appearances: Iterable[AppearanceRow],
    *,
    lanes: str,
    start: dt.date | None,
    end: dt.date | None,
) -> Timeline:
    """The marks of a case's rows, in date order, the undated apart, within the range."""
    from app.core import vocab

    by_person = lanes == "person"
    low = _midnight(start) if start else None
    high = _midnight(end) + dt.timedelta(days=1) if end else None
    marks: list[Mark] = []
    undated: list[Mark] = []

    def add(
        kind: str,
        record_id: int,
        text: str,
        lane: str,
        issue_ids: Sequence[int],
        date: PartialDate | None,
        time: str | None,
    ) -> None:
        if date is None:
            undated.append(Mark(kind, record_id, text, lane, tuple(issue_ids), None, None, None))
            return
        first, last = span_of(date, time)
        if (low is not None and last < low) or (high is not None and first >= high):
            return
        marks.append(Mark(kind, record_id, text, lane, tuple(issue_ids), date, first, last))

    for event_id, date, time, what, people, issue_ids in events:
        lane = (people[0] if people else NO_PERSON) if by_person else KIND_LABELS[EVENT]
        text = _short(what) + (f" ({', '.join(people)})" if len(people) > 1 else "")
        add(EVENT, event_id, text, lane, issue_ids, date, time)
    statement_lane = KIND_LABELS[STATEMENT]
    for statement_id, date, text, speaker, issue_ids in statements:
        said = f"{speaker}: \u201c{_short(text, 70)}\u201d"
        add(
            STATEMENT,
            statement_id,
            said,
            speaker if by_person else statement_lane,
            issue_ids,
            date,
            None,
        )
    for appearance_id, date, time, purpose in appearances:
        lane = COURT_LANE if by_person else KIND_LABELS[APPEARANCE]
        said = f"Court: {vocab.label(vocab.APPEARANCE_PURPOSES, purpose)}"
        add(APPEARANCE, appearance_id, said, lane, (), date, time)

    marks.sort(key=lambda mark: (mark.start, mark.end, mark.kind, mark.record_id))
    undated.sort(key=lambda mark: (mark.kind, mark.record_id))
    lane_order = _lane_order(marks, by_person)  # the undated have their own strip
    view_start, view_end = _view(marks, low, high)
    return Timeline(title, marks, undated, lane_order, issues, view_start, view_end)


def _lane_order(marks: list[Mark], by_person: bool) -> list[str]:
    present = {mark.lane for mark in marks}
    if not by_person:
        return [label for label in KIND_LABELS.values() if label in present]
    fixed = [COURT_LANE, NO_PERSON]
    people = sorted(present - set(fixed), key=str.casefold)
    return people + [lane for lane in fixed if lane in present]


def _view(
    marks: list[Mark], low: dt.datetime | None, high: dt.datetime | None
) -> tuple[dt.datetime, dt.datetime]:
    """The span the axis shows: the range asked for, else the marks' own, padded."""
    if marks:
        first = min(mark.start for mark in marks if mark.start is not None)
        last = max(mark.end for mark in marks if mark.end is not None)
    else:
        today = _midnight(dt.date.today())
        first, last = today - dt.timedelta(days=15), today + dt.timedelta(days=15)
    if low is None or high is None:
        pad = max((last - first) * 0.04, dt.timedelta(days=1))
        first, last = first - pad, last + pad
    start = low if low is not None else first
    finish = high if high is not None else last
    if finish <= start:
        finish = start + dt.timedelta(days=1)
    return start, finish


__all__ = [
    "APPEARANCE",
    "EVENT",
    "KIND_LABELS",
    "LANES_BY",
    "STATEMENT",
    "APPROXIMATE_DAYS",
    "APPROXIMATE_MONTHS",
    "APPROXIMATE_YEARS",
    "Mark",
    "Timeline",
    "from_records",
    "gather",
    "span_of",
]


def _issues_by_record(
    session: Session, links: Table, key: str, model: Any, case_id: int
) -> dict[int, list[int]]:
    """Each record's issue ids (in issue order) from a record-issue link table."""
    from sqlalchemy import select

    found: dict[int, list[int]] = defaultdict(list)
    record = links.c[key]
    for record_id, issue_id in session.execute(
        select(record, links.c.issue_id)
        .join(model, model.id == record)
        .where(model.case_id == case_id)
        .order_by(links.c.issue_id)
    ):
        found[record_id].append(issue_id)
    return found
