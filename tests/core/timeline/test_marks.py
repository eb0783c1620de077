"""Timeline marks: the span each kind of date covers, and what a case's timeline holds."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core.dates import PartialDate
from app.core.lists.case_loader import load_case
from app.core.sample import load_sample
from app.core.services import appearances, events
from app.core.storage.workspace import Workspace
from app.core.timeline.marks import (
    KIND_LABELS,
    NO_PERSON,
    from_records,
    gather,
    span_of,
)
from tests.casebuilder import CAPTION, DOCKET, SmallCase

D = dt.datetime


@pytest.mark.parametrize(
    ("iso", "time", "start", "end"),
    [
        ("2020-08-07", None, D(2020, 8, 7, 12), D(2020, 8, 7, 12)),  # a point at noon
        ("2020-08-07", "21:30", D(2020, 8, 7, 21, 30), D(2020, 8, 7, 21, 30)),
        ("2020-08", None, D(2020, 8, 1), D(2020, 9, 1)),  # the whole month
        ("2020", None, D(2020, 1, 1), D(2021, 1, 1)),  # the whole year
        ("2020-08-07~", None, D(2020, 7, 23), D(2020, 8, 23)),  # 15 days either side
        ("2020-08~", None, D(2020, 7, 1), D(2020, 10, 1)),  # a month either side
        ("2020-12~", None, D(2020, 11, 1), D(2021, 2, 1)),  # across the year's end
        ("2020~", None, D(2019, 1, 1), D(2022, 1, 1)),  # a year either side
        ("9999-12-31", None, D(9999, 12, 31, 12), D(9999, 12, 31, 12)),
        ("9999~", None, D(9998, 1, 1), D(9999, 12, 31, 23, 59)),  # no overflow at the end
        ("0001-01~", None, D(1, 1, 1), D(1, 3, 1)),
        ("9999-12~", None, D(9999, 11, 1), D(9999, 12, 31, 23, 59)),
    ],
)
def test_a_date_spans_what_it_can_mean(iso: str, time: str | None, start: D, end: D) -> None:
    assert span_of(PartialDate.from_iso(iso), time) == (start, end)


def test_a_time_that_is_not_a_time_falls_back_to_noon() -> None:
    assert span_of(PartialDate(2020, 8, 7), "late")[0] == D(2020, 8, 7, 12)


@pytest.fixture
def sample(workspace: Workspace) -> tuple[Workspace, int]:
    return workspace, load_sample(workspace)


def test_every_dated_record_is_one_mark_and_undated_ones_are_apart(
    sample: tuple[Workspace, int],
) -> None:
    ws, case_id = sample
    from sqlalchemy import func, select

    from app.core.storage import models as m

    timeline = gather(ws, case_id)
    with ws.reader() as session:
        dated_events = session.scalar(
            select(func.count()).select_from(m.Event).where(m.Event.date.is_not(None))
        )
        dated_statements = session.scalar(
            select(func.count()).select_from(m.Statement).where(m.Statement.date.is_not(None))
        )
        undated = session.scalar(
            select(func.count()).select_from(m.Statement).where(m.Statement.date.is_(None))
        )
    kinds = [mark.kind for mark in timeline.marks]
    assert kinds.count("event") == dated_events > 0
    assert kinds.count("statement") == dated_statements > 0
    assert len(timeline.undated) == undated > 0
    assert all(mark.start is None for mark in timeline.undated)
    assert len({(m.kind, m.record_id) for m in timeline.marks}) == len(timeline.marks)
    assert timeline.lanes == [KIND_LABELS["event"], KIND_LABELS["statement"]]
    assert [m.start for m in timeline.marks] == sorted(m.start for m in timeline.marks)


def test_by_person_a_statement_is_in_its_speakers_lane(sample: tuple[Workspace, int]) -> None:
    ws, case_id = sample
    timeline = gather(ws, case_id, lanes="person")
    statements = [m for m in timeline.marks + timeline.undated if m.kind == "statement"]
    assert statements and all(m.title.startswith(m.lane + ":") for m in statements)
    assert NO_PERSON not in timeline.lanes or any(m.lane == NO_PERSON for m in timeline.marks)
    assert len(timeline.lanes) == len(set(timeline.lanes))


def test_a_range_keeps_the_marks_that_touch_it(sample: tuple[Workspace, int]) -> None:
    ws, case_id = sample
    whole = gather(ws, case_id)
    part = gather(ws, case_id, start=dt.date(2020, 8, 7), end=dt.date(2020, 8, 7))
    low, high = D(2020, 8, 7), D(2020, 8, 8)
    expected = [m for m in whole.marks if m.end >= low and m.start < high]
    assert part.marks == expected
    assert 0 < len(part.marks) < len(whole.marks)
    assert (part.start, part.end) == (low, high)


def test_lanes_are_by_kind_or_person_only(sample: tuple[Workspace, int]) -> None:
    ws, case_id = sample
    with pytest.raises(ValueError, match="lanes"):
        gather(ws, case_id, lanes="colour")


@pytest.mark.parametrize("lanes", ["kind", "person"])
def test_the_records_a_brief_has_read_give_the_same_timeline(
    small_case: SmallCase, lanes: str
) -> None:
    # A brief builds its timeline from the case it has already loaded: the marks, lanes,
    # issues and view must be the ones gather reads from the workspace (an event with two
    # people, linked issues, court appearances and undated records included).
    ws, case_id = small_case.ws, small_case.case_id
    appearances.add_appearance(ws, case_id, date="2026-04-01", time="09:30", purpose="hearing")
    events.add_event(ws, case_id, kind="other", title="A call nobody dated")
    with ws.reader() as session:
        records = load_case(session, case_id)
    read = gather(ws, case_id, lanes=lanes)
    loaded = from_records(records, lanes=lanes)
    assert loaded == read
    assert read.title == f"Timeline \u2014 {CAPTION} ({DOCKET})"
    assert any(m.kind == "appearance" for m in read.marks)
    assert any(m.issue_ids for m in read.marks) and read.undated
    assert any(" (" in m.title for m in read.marks if m.kind == "event")  # two people
    day = dt.date(2026, 3, 3)
    assert from_records(records, start=day, end=day) == gather(ws, case_id, start=day, end=day)


def test_the_records_lanes_are_checked_too(small_case: SmallCase) -> None:
    with small_case.ws.reader() as session:
        records = load_case(session, small_case.case_id)
    with pytest.raises(ValueError, match="lanes"):
        from_records(records, lanes="colour")
