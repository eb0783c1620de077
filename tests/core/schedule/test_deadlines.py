"""Deadlines computed from the rules and added by hand, on both backends.

Every expected date is counted by hand in the test: CPL 245.10(1)(a) gives the People
20 calendar days after arraignment when the client is in custody, 35 when not."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core.schedule.deadlines import (
    deadlines_of_case,
    register_deadline_source,
    unregister_deadline_source,
)
from app.core.schedule.items import DeadlineItem
from app.core.storage.models import Appearance, Case
from app.core.storage.workspace import Workspace
from tests.core.schedule.helpers import (
    add_appearance,
    add_case,
    add_deadline,
    add_filing,
    update,
)

EARLY = dt.date(2026, 12, 1)  # before every due date below: nothing is overdue yet


def deadlines(ws: Workspace, case_id: int, as_of: dt.date = EARLY) -> list[DeadlineItem]:
    with ws.reader() as session:
        return deadlines_of_case(session, session.get(Case, case_id), as_of)


def discovery(ws: Workspace, case_id: int, as_of: dt.date = EARLY) -> DeadlineItem:
    (item,) = [d for d in deadlines(ws, case_id, as_of) if d.kind == "discovery"]
    return item


def test_in_custody_discovery_is_due_twenty_days_after_arraignment(workspace: Workspace) -> None:
    case_id = add_case(workspace)
    add_appearance(workspace, case_id, "2026-11-27", purpose="arraignment", custody_after="in")
    item = discovery(workspace, case_id)
    # November 27 + 20 days: 3 days to the end of November, then 17 into December.
    assert item.date == dt.date(2026, 12, 17)  # a Thursday, no holiday
    assert item.rule == "ny-discovery" and item.citation == "CPL 245.10(1)(a)"
    assert item.flag is None and item.met_on is None and item.missing is None


def test_out_of_custody_due_date_on_new_years_day_is_flagged_not_moved(
    workspace: Workspace,
) -> None:
    case_id = add_case(workspace)
    add_appearance(workspace, case_id, "2026-11-27", purpose="arraignment", custody_after="out")
    item = discovery(workspace, case_id)
    # 3 days to Nov 30, 31 in December (34), one more: January 1, 2027, a court holiday.
    assert item.date == dt.date(2027, 1, 1)
    assert item.flag == "holiday" and item.holiday == "New Year's Day"


def test_custody_falls_back_to_the_case_and_says_when_unknown(workspace: Workspace) -> None:
    case_id = add_case(workspace)
    add_appearance(workspace, case_id, "2026-12-07", purpose="arraignment")
    item = discovery(workspace, case_id)
    assert item.date is None and "custody" in (item.missing or "")
    update(workspace, Case, case_id, custody="in")
    # December 7 + 20 = December 27, 2026: a Sunday.
    item = discovery(workspace, case_id)
    assert item.date == dt.date(2026, 12, 27) and item.flag == "weekend"


def test_without_an_arraignment_the_rule_says_what_is_missing(workspace: Workspace) -> None:
    case_id = add_case(workspace, custody="in")
    add_appearance(workspace, case_id, "2026-12-01", purpose="conference")
    item = discovery(workspace, case_id)
    assert item.date is None and item.missing and "arraignment" in item.missing


def test_the_deadline_follows_its_inputs(workspace: Workspace) -> None:
    case_id = add_case(workspace)
    arraigned = add_appearance(
        workspace, case_id, "2026-11-27", purpose="arraignment", custody_after="in"
    )
    assert discovery(workspace, case_id).date == dt.date(2026, 12, 17)
    update(workspace, Appearance, arraigned, date="2026-11-30")  # corrected date
    assert discovery(workspace, case_id).date == dt.date(2026, 12, 20)  # Nov 30 + 20
    update(workspace, Appearance, arraigned, custody_after="out")  # released
    assert discovery(workspace, case_id).date == dt.date(2027, 1, 4)  # Nov 30 + 35


def test_the_first_arraignment_counts(workspace: Workspace) -> None:
    case_id = add_case(workspace)
    add_appearance(workspace, case_id, "2027-01-11", purpose="arraignment", custody_after="out")
    add_appearance(workspace, case_id, "2026-12-02", purpose="arraignment", custody_after="in")
    # December 2 + 20 = December 22, 2026 (a Tuesday).
    assert discovery(workspace, case_id).date == dt.date(2026, 12, 22)


def test_met_by_the_first_certificate_of_compliance(workspace: Workspace) -> None:
    case_id = add_case(workspace)
    add_appearance(workspace, case_id, "2026-11-27", purpose="arraignment", custody_after="in")
    add_filing(workspace, case_id, "2026-12-10", "readiness")  # no COC: does not meet it
    add_filing(workspace, case_id, "2026-12-20", "readiness", with_coc=True)
    add_filing(workspace, case_id, "2026-12-15", "coc")
    # As of Dec 18, past the Dec 17 due date: the COC of Dec 15 met it.
    item = discovery(workspace, case_id, as_of=dt.date(2026, 12, 18))
    assert item.met_on is not None and item.met_on.iso() == "2026-12-15" and item.flag is None
    # As of Dec 14 none is filed yet, and the due date is still ahead.
    item = discovery(workspace, case_id, as_of=dt.date(2026, 12, 14))
    assert item.met_on is None and item.flag is None


def test_overdue_when_past_and_not_met(workspace: Workspace) -> None:
    case_id = add_case(workspace)
    add_appearance(workspace, case_id, "2026-11-27", purpose="arraignment", custody_after="in")
    add_filing(workspace, case_id, "2026-12-20", "readiness", with_coc=True)
    item = discovery(workspace, case_id, as_of=dt.date(2026, 12, 18))
    assert item.flag == "overdue" and item.met_on is None
    # Met late, on Dec 20: no longer overdue once it is met.
    item = discovery(workspace, case_id, as_of=dt.date(2026, 12, 21))
    assert item.met_on is not None and item.met_on.iso() == "2026-12-20" and item.flag is None


def test_hand_added_deadlines_with_their_met_on(workspace: Workspace) -> None:
    case_id = add_case(workspace, custody="out")
    add_deadline(workspace, case_id, "2026-12-12", "Omnibus motion", kind="motion")
    add_deadline(
        workspace, case_id, "2026-12-04", "Response to motion", kind="response", met_on="2026-12-03"
    )
    items = deadlines(workspace, case_id, as_of=dt.date(2026, 12, 8))
    by_title = {d.title: d for d in items}
    assert by_title["Omnibus motion"].date == dt.date(2026, 12, 12)
    assert by_title["Omnibus motion"].flag == "weekend"  # a Saturday
    assert by_title["Omnibus motion"].rule is None and by_title["Omnibus motion"].kind == "motion"
    assert by_title["Response to motion"].flag is None  # met before it was due
    assert by_title["Response to motion"].met_on.iso() == "2026-12-03"  # type: ignore[union-attr]
    # Sorted by date; the discovery rule without an arraignment comes last, undated.
    assert [d.title for d in items][:2] == ["Response to motion", "Omnibus motion"]
    assert items[-1].date is None


def test_registered_sources_add_their_deadlines(workspace: Workspace) -> None:
    case_id = add_case(workspace, docket_number="CR-1")

    def last_day(session, case, as_of):  # type: ignore[no-untyped-def]
        return [
            DeadlineItem.for_case(
                case, kind="speedy_trial", date=dt.date(2027, 2, 15), title="Last day", rule="t"
            )
        ]

    register_deadline_source("test-clock", last_day)
    try:
        items = deadlines(workspace, case_id)
    finally:
        unregister_deadline_source("test-clock")
    (clock,) = [d for d in items if d.rule == "t"]
    # Feb 15, 2027 is Washington's Birthday (the third Monday of February).
    assert clock.date == dt.date(2027, 2, 15) and clock.flag == "holiday"
    assert clock.case.label == "CR-1"


@pytest.mark.parametrize(
    ("day", "flagged"),
    [
        (dt.date(2027, 2, 12), "holiday"),  # Lincoln's Birthday: the NY courts close
        (dt.date(2027, 11, 2), "holiday"),  # Election Day
        (dt.date(2029, 2, 15), None),  # Susan B. Anthony Day: the courts stay open
        (dt.date(2026, 11, 27), None),  # the day after Thanksgiving: open
    ],
)
def test_court_holidays(day: dt.date, flagged: str | None) -> None:
    from app.core.schedule.rules import load_rules

    item = DeadlineItem.for_case(_Case(), kind="other", date=day, title="x", rule="r")
    assert item.flagged(dt.date(2026, 1, 1), load_rules([])).flag == flagged


class _Case:
    id = 1
    uid = "u"
    docket_number = ""
    caption = "People v. Roe"
