"""``clock_of_case`` reads a case's ledger from the database (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from app.core.clock import clock_of_case, clock_to_json
from app.core.dates import PartialDate
from app.core.errors import NotFoundError
from app.core.storage.models import Appearance, Case, Charge, Filing
from app.core.storage.workspace import Workspace
from tests.core.clock.helpers import d


def pd(text: str) -> PartialDate:
    return PartialDate.from_iso(text)


def make_case(ws: Workspace, *, commenced: str | None = "2026-01-10") -> int:
    """The first scenario of test_readiness, stored: 53 of 90 days as of 2026-04-01,
    plus a readiness statement after the as-of date (ignored) and a motion-free
    certificate (not readiness)."""
    with ws.session() as session:
        case = Case(caption="People v. Example", docket_number="CR-1",
                    commenced_on=pd(commenced) if commenced else None)  # fmt: skip
        session.add(case)
        session.flush()
        session.add_all([
            Charge(case_id=case.id, count_number=1, statute="PL 120.00",
                   offense_class="Class A misdemeanor"),
            Charge(case_id=case.id, count_number=2, statute="PL 120.05",
                   offense_class="Class D felony", status="dismissed"),
            Appearance(case_id=case.id, date=pd("2026-01-10"), adjourned_to=pd("2026-02-10"),
                       purpose="arraignment", requested_by="people", people_ready=False),
            Appearance(case_id=case.id, date=pd("2026-03-10"), adjourned_to=pd("2026-04-14"),
                       requested_by="court", people_ready=False),
            Appearance(case_id=case.id, date=pd("2026-02-10"), adjourned_to=pd("2026-03-10"),
                       requested_by="defense", arguable=True),
            Filing(case_id=case.id, date=pd("2026-03-20"), kind="coc"),
            Filing(case_id=case.id, date=pd("2026-04-10"), kind="readiness"),
        ])  # fmt: skip
        return case.id


def test_the_stored_ledger_gives_the_hand_worked_figures(workspace: Workspace) -> None:
    # 01-10 -> 02-10: 31 chargeable; 02-10 -> 03-10: 28 excluded (defense, arguable);
    # 03-10 -> 03-20 and 03-20 -> 04-01: 10 + 12 chargeable (the certificate alone is
    # not readiness). 31 + 22 = 53 of 90; 81 with the arguable 28; last day 05-08.
    case_id = make_case(workspace)
    with workspace.reader() as session:
        clock = clock_of_case(session, case_id, d("2026-04-01"))
    assert [p.chargeable_days for p in clock.periods] == [31, 0, 10, 12]
    assert (clock.limit_days, clock.chargeable_days, clock.chargeable_with_arguable) == (
        90, 53, 81,
    )  # fmt: skip
    assert clock.last_day == d("2026-05-08") and clock.ready_on is None
    data = clock_to_json(clock)
    assert data["commenced_on"] == "2026-01-10" and data["last_day"] == "2026-05-08"
    assert data["periods"][1] == {
        "from": "2026-02-10", "to": "2026-03-10", "days": 28, "chargeable_days": 0,
        "arguable": 28,
        "reason": "Adjourned at the defense's request (30.30(4)(b)) — excludable; "
        "the defense argues chargeable",
    }  # fmt: skip
    # Later, the statement of readiness of 04-10 (with the 03-20 certificate) stops the
    # clock: 31 + 10 (03-10 -> 03-20) + 21 (03-20 -> 04-10) = 62.
    with workspace.reader() as session:
        later = clock_of_case(session, case_id, d("2026-05-01"))
    assert later.ready_on == d("2026-04-10") and later.chargeable_days == 62
    assert later.last_day is None


def test_partial_dates_are_named_not_guessed(workspace: Workspace) -> None:
    case_id = make_case(workspace, commenced=None)
    with workspace.session() as session:
        session.add(Appearance(case_id=case_id, date=pd("2026-03"), purpose="conference"))
    with workspace.reader() as session:
        clock = clock_of_case(session, case_id, d("2026-04-01"))
    assert clock.commenced_on == d("2026-01-10")  # from the arraignment
    assert clock.missing == ["an appearance dated '2026-03' has no full date"]


def test_an_unknown_case_is_not_found(workspace: Workspace) -> None:
    with workspace.reader() as session, pytest.raises(NotFoundError, match="no case with id 999"):
        clock_of_case(session, 999, d("2026-01-01"))
