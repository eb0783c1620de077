"""What the Timeline section shows of a case's marks: lanes, kind, issue, person, dates.

The marks are gathered once per case with one lane per person
(``app.core.timeline.marks.gather``); everything the person chooses after that is
worked out here from the marks in memory, without reading the workspace again:
lanes by kind are the same marks with their kind's lane (exactly what ``gather``
gives for lanes by kind), and the date range keeps a mark when its span touches the
range, as ``gather --from/--to`` does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.dates import PartialDate
from app.core.timeline.marks import (
    COURT_LANE,
    EVENT,
    KIND_LABELS,
    NO_PERSON,
    Mark,
)

if TYPE_CHECKING:
    from app.core.timeline.marks import Timeline

ALL = -1  # a filter's "all" entry
NO_ISSUE = 0  # the issue filter's "no issue" entry
DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Choice:
    """What the person chose to see. ``start``/``end`` are the first and last day shown."""

    lanes: str = "kind"
    kind: str | None = None
    issue: int = ALL
    person: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None


def first_day(text: str) -> dt.date | None:
    """The first day of what ``text`` names ("March 2020": March 1); None when empty.
    Raises ValueError, saying why, when it is not a date."""
    date = PartialDate.parse(text)
    return date.earliest() if date is not None else None


def last_day(text: str) -> dt.date | None:
    """The last day of what ``text`` names ("March 2020": March 31); None when empty."""
    date = PartialDate.parse(text)
    return date.latest() if date is not None else None


def people(timeline: Timeline) -> list[str]:
    """The people with records on a timeline laid out by person, in lane order."""
    named = {mark.lane for mark in timeline.undated} | set(timeline.lanes)
    ordered = list(timeline.lanes) + sorted(named - set(timeline.lanes), key=str.casefold)
    return [lane for lane in ordered if lane not in (COURT_LANE, NO_PERSON)]


def names(mark: Mark, person: str) -> bool:
    """Whether ``mark`` (laid out by person) is about ``person``: its speaker or first
    person named, or for an event any of the people its title lists."""
    if mark.lane == person:
        return True
    if mark.kind != EVENT or not mark.title.endswith(")"):
        return False
    # ``gather`` ends the title of an event naming several people with " (A, B, C)";
    # names may hold brackets themselves, so each place in the list is looked for.
    title = mark.title
    return f" ({person}, " in title or f", {person}, " in title or title.endswith(f", {person})")


def _by_kind(mark: Mark) -> Mark:
    return Mark(
        mark.kind,
        mark.record_id,
        mark.title,
        KIND_LABELS[mark.kind],
        mark.issue_ids,
        mark.date,
        mark.start,
        mark.end,
    )


def shown(by_person: Timeline, choice: Choice) -> Timeline:
    """The timeline to draw: ``by_person``'s marks that ``choice`` keeps, in its lanes."""
    low = dt.datetime.combine(choice.start, dt.time()) if choice.start else None
    high = dt.datetime.combine(choice.end, dt.time()) + DAY if choice.end else None

    def kept(mark: Mark) -> bool:
        if choice.kind is not None and mark.kind != choice.kind:
            return False
        if choice.issue != ALL:
            about = choice.issue in mark.issue_ids if choice.issue else not mark.issue_ids
            if not about:
                return False
        return choice.person is None or names(mark, choice.person)

    def in_range(mark: Mark) -> bool:
        assert mark.start is not None and mark.end is not None
        before = low is not None and mark.end < low
        return not before and not (high is not None and mark.start >= high)

    everything = choice.kind is None and choice.issue == ALL and choice.person is None
    marks = by_person.marks if everything else [m for m in by_person.marks if kept(m)]
    if low is not None or high is not None:
        marks = [mark for mark in marks if in_range(mark)]
    undated = by_person.undated if everything else [m for m in by_person.undated if kept(m)]
    if choice.lanes == "kind":
        marks = [_by_kind(mark) for mark in marks]
        undated = [_by_kind(mark) for mark in undated]
        present = {mark.lane for mark in marks}
        lanes = [label for label in KIND_LABELS.values() if label in present]
    else:
        present = {mark.lane for mark in marks}
        lanes = [lane for lane in by_person.lanes if lane in present]
    start, end = by_person.start, by_person.end
    if low is not None or high is not None:
        start, end = _span(marks, low, high)
    return dataclasses.replace(
        by_person, marks=marks, undated=undated, lanes=lanes, start=start, end=end
    )


def _span(
    marks: list[Mark], low: dt.datetime | None, high: dt.datetime | None
) -> tuple[dt.datetime, dt.datetime]:
    """The axis for a date range: the range itself; an open end padded past the marks."""
    if marks:
        first = min(mark.start for mark in marks if mark.start is not None)
        last = max(mark.end for mark in marks if mark.end is not None)
    else:
        first = low or high or dt.datetime.combine(dt.date.today(), dt.time())
        last = high or first + DAY
    pad = max((last - first) * 0.04, DAY)
    start = low if low is not None else first - pad
    end = high if high is not None else last + pad
    return (start, end) if end > start else (start, start + DAY)
