"""Next court dates and the office calendar, on both backends."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.core.schedule.agenda import calendar_items, my_case_ids, staff_names
from app.core.schedule.court_dates import next_court_date_expression, next_court_dates
from app.core.storage.models import Appearance, Case
from app.core.storage.workspace import Workspace
from tests.core.schedule.helpers import add_appearance, add_case, add_deadline, update

D = dt.date


def test_the_adjourned_to_date_is_next_until_an_appearance_on_it_is_recorded(
    workspace: Workspace,
) -> None:
    case_id = add_case(workspace)
    other = add_case(workspace, caption="People v. Roe")
    add_appearance(
        workspace, case_id, "2026-11-02", purpose="arraignment", adjourned_to="2026-12-07"
    )
    with workspace.reader() as session:
        assert next_court_dates(session) == {case_id: D(2026, 12, 7)}
    add_appearance(workspace, case_id, "2026-12-07", adjourned_to="2027-01-11")
    add_appearance(workspace, other, "2026-12-01")  # no adjournment: no next date
    with workspace.reader() as session:
        assert next_court_dates(session) == {case_id: D(2027, 1, 11)}
        assert next_court_dates(session, [other]) == {}
        assert next_court_dates(session, on_or_after=D(2027, 1, 12)) == {}
        assert next_court_dates(session, on_or_after=D(2027, 1, 11)) == {case_id: D(2027, 1, 11)}
    add_appearance(workspace, case_id, "2027-01-11", purpose="sentencing")
    with workspace.reader() as session:
        assert next_court_dates(session) == {}


def test_an_advanced_case_keeps_only_its_newest_adjournment(workspace: Workspace) -> None:
    case_id = add_case(workspace)
    add_appearance(workspace, case_id, "2026-11-02", adjourned_to="2027-02-01")
    # Advanced: heard on Dec 14 instead, and put over to Jan 20.
    add_appearance(workspace, case_id, "2026-12-14", adjourned_to="2027-01-20")
    with workspace.reader() as session:
        assert next_court_dates(session) == {case_id: D(2027, 1, 20)}


def test_the_case_list_can_sort_by_the_next_court_date(workspace: Workspace) -> None:
    later = add_case(workspace, caption="A later")
    sooner = add_case(workspace, caption="B sooner")
    none = add_case(workspace, caption="C none")
    add_appearance(workspace, later, "2026-11-02", adjourned_to="2027-03-01")
    add_appearance(workspace, sooner, "2026-11-03", adjourned_to="2027-01-05")
    expr = next_court_date_expression()
    with workspace.reader() as session:
        rows = session.execute(
            select(Case.id, expr.label("next_court_date")).order_by(expr.is_(None), expr)
        ).all()
    assert [(r[0], r[1].iso() if r[1] else None) for r in rows] == [
        (sooner, "2027-01-05"),
        (later, "2027-03-01"),
        (none, None),
    ]


def _calendar(ws: Workspace, start: D, end: D, **kw: object) -> list[tuple]:
    with ws.reader() as session:
        items = calendar_items(session, start, end, as_of=D(2026, 12, 1), **kw)  # type: ignore[arg-type]
    return [(i.date, i.time, i.kind, i.title, i.case.label, i.flag) for i in items]


def test_the_calendar_holds_appearances_court_dates_and_deadlines(workspace: Workspace) -> None:
    a = add_case(workspace, docket_number="CR-1", assigned_staff="tester, J. Smith")
    b = add_case(workspace, caption="People v. Roe", assigned_staff="J. Smith")
    add_appearance(
        workspace, a, "2026-11-27", purpose="arraignment", custody_after="out",
        time="09:30", part="AP-1", adjourned_to="2026-12-14",
    )  # fmt: skip
    add_appearance(workspace, b, "2026-12-03", purpose="arraignment", custody_after="in",
                   time="14:00", adjourned_to="2027-02-01")  # fmt: skip
    add_deadline(workspace, b, "2026-12-19", "Omnibus motion", kind="motion")
    add_deadline(workspace, b, "2027-01-19", "Outside the range", kind="motion")
    got = _calendar(workspace, D(2026, 11, 27), D(2027, 1, 1))
    assert got == [
        (D(2026, 11, 27), "09:30", "appearance", "Arraignment", "CR-1", None),
        (D(2026, 12, 3), "14:00", "appearance", "Arraignment", "People v. Roe", None),
        (D(2026, 12, 14), None, "court-date", "Court date", "CR-1", None),
        # Dec 19 is a Saturday; Dec 3 + 20 days = Dec 23 (a Wednesday).
        (D(2026, 12, 19), None, "deadline", "Omnibus motion", "People v. Roe", "weekend"),
        (D(2026, 12, 23), None, "deadline", "The People's automatic discovery due",
         "People v. Roe", None),
        # Nov 27 + 35 days = Jan 1, 2027: New Year's Day, flagged, not moved.
        (D(2027, 1, 1), None, "deadline", "The People's automatic discovery due", "CR-1",
         "holiday"),
    ]  # fmt: skip
    # A narrower range leaves the rest out, computed deadlines included.
    assert [g[2] for g in _calendar(workspace, D(2026, 12, 14), D(2026, 12, 22))] == [
        "court-date",
        "deadline",
    ]
    # Mine: "tester" is the user the test workspace records.
    assert {g[4] for g in _calendar(workspace, D(2026, 11, 1), D(2027, 1, 31), mine=True)} == {
        "CR-1"
    }
    assert {g[4] for g in _calendar(workspace, D(2026, 11, 1), D(2027, 1, 31), who="j. smith")} == {
        "CR-1",
        "People v. Roe",
    }
    assert _calendar(workspace, D(2026, 11, 1), D(2027, 1, 31), who="nobody") == []


def test_a_recorded_appearance_takes_over_its_court_date_key(workspace: Workspace) -> None:
    case_id = add_case(workspace)
    first = add_appearance(workspace, case_id, "2026-11-02", adjourned_to="2026-12-07")
    with workspace.reader() as session:
        (court,) = calendar_items(session, D(2026, 12, 7), D(2026, 12, 7))
    assert court.kind == "court-date" and court.key == f"court-{first}"
    held = add_appearance(workspace, case_id, "2026-12-07", time="10:00")
    with workspace.reader() as session:
        (appearance,) = calendar_items(session, D(2026, 12, 7), D(2026, 12, 7))
    assert appearance.kind == "appearance" and appearance.key == court.key
    update(workspace, Appearance, held, time="11:15", part="3")  # an edit keeps the key
    with workspace.reader() as session:
        (edited,) = calendar_items(session, D(2026, 12, 7), D(2026, 12, 7))
    assert edited.key == court.key and edited.time == "11:15" and edited.detail == "Part 3"


def test_staff_names_and_my_cases(workspace: Workspace) -> None:
    assert staff_names("J. Smith (lead) & A. Jones; tester and  Kim/Lee\nPat") == [
        "j. smith", "a. jones", "tester", "kim", "lee", "pat",
    ]  # fmt: skip
    mine = add_case(workspace, assigned_staff="Tester (second chair)")
    add_case(workspace, assigned_staff="testers")  # a longer name is someone else
    add_case(workspace, assigned_staff="")
    with workspace.reader() as session:
        assert my_case_ids(session, "tester") == {mine}


def test_the_calendar_takes_deadlines_from_registered_sources(workspace: Workspace) -> None:
    from app.core.schedule.deadlines import register_deadline_source, unregister_deadline_source
    from app.core.schedule.items import DeadlineItem

    first = add_case(workspace, docket_number="CR-1")
    add_case(workspace, docket_number="CR-2")
    seen: list[int] = []

    def last_day(session, case, as_of):  # type: ignore[no-untyped-def]
        seen.append(case.id)
        day = D(2026, 12, 24) if case.id == first else D(2027, 3, 1)  # the second: out of range
        return [DeadlineItem.for_case(case, kind="speedy_trial", date=day, title="Last day",
                                      rule="ny-cpl-30.30")]  # fmt: skip

    register_deadline_source("test-clock", last_day)
    try:
        got = _calendar(workspace, D(2026, 12, 1), D(2026, 12, 31))
        assert len(seen) == 2 and first in seen  # called once for each case
        with workspace.reader() as session:
            (item,) = calendar_items(session, D(2026, 12, 24), D(2026, 12, 24))
        assert item.key == "rule-ny-cpl-30.30"
        assert _calendar(workspace, D(2026, 12, 1), D(2026, 12, 31), who="nobody") == []
    finally:
        unregister_deadline_source("test-clock")
    assert got == [(D(2026, 12, 24), None, "deadline", "Last day", "CR-1", None)]


def test_spacing_and_case_do_not_hide_my_cases(workspace: Workspace) -> None:
    mine = add_case(workspace, assigned_staff="Jane   Smith")
    with workspace.reader() as session:
        assert my_case_ids(session, "jane smith") == {mine}
        assert my_case_ids(session, " JANE  SMITH ") == {mine}


def test_two_adjournments_on_one_day_the_last_recorded_counts(workspace: Workspace) -> None:
    case_id = add_case(workspace)
    add_appearance(workspace, case_id, "2026-12-01", adjourned_to="2027-01-05")
    add_appearance(workspace, case_id, "2026-12-01", adjourned_to="2027-01-12")  # recorded later
    expr = next_court_date_expression()
    with workspace.reader() as session:
        assert next_court_dates(session) == {case_id: D(2027, 1, 12)}
        assert next_court_dates(session, on_or_after=D(2026, 12, 2)) == {case_id: D(2027, 1, 12)}
        assert session.execute(select(expr).select_from(Case)).scalar_one().iso() == "2027-01-12"
        court = [i for i in calendar_items(session, D(2027, 1, 1), D(2027, 1, 31))]
    assert [(i.kind, i.date) for i in court] == [("court-date", D(2027, 1, 12))]


def test_the_calendar_asks_the_same_few_queries_for_any_number_of_cases(
    workspace: Workspace,
) -> None:
    from sqlalchemy import event

    def queries_for_a_month() -> int:
        statements: list[str] = []

        def count(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
            statements.append(statement)

        event.listen(workspace.engine, "before_cursor_execute", count)
        try:
            with workspace.reader() as session:
                items = calendar_items(session, D(2026, 12, 1), D(2026, 12, 31))
        finally:
            event.remove(workspace.engine, "before_cursor_execute", count)
        assert items
        return len(statements)

    def add_cases(count: int) -> None:
        for n in range(count):
            case_id = add_case(workspace, docket_number=f"CR-{n}")
            add_appearance(workspace, case_id, "2026-11-20", purpose="arraignment",
                           custody_after="in", adjourned_to="2026-12-08")  # fmt: skip
            add_deadline(workspace, case_id, "2026-12-15", "Motion")

    add_cases(2)
    few = queries_for_a_month()
    add_cases(10)
    assert queries_for_a_month() == few <= 8
