"""The court lists of a case: appearances, filings and hand-added deadlines, on SQLite and
PostgreSQL: their rows, the codes their coded columns carry, their order and filter."""

from __future__ import annotations

import pytest

from app.core.lists import queries as q
from app.core.lists.columns import EXCLUDABLE_SHORT, LAYOUTS
from app.core.services import appearances, cases, deadlines, filings
from app.core.storage.workspace import Workspace


def _rows(ws: Workspace, name: str, case_id: int, **kwargs: object) -> list[dict]:
    query = q.ListQuery(q.SPECS[name], case_id=case_id, **kwargs)  # type: ignore[arg-type]
    return q.fetch_rows(ws, query, 0, 100)


@pytest.fixture
def court_case(workspace: Workspace) -> int:
    case_id = cases.add_case(workspace, caption="People v. Rivera")
    other = cases.add_case(workspace, caption="People v. Adams")
    appearances.add_appearance(workspace, other, date="2026-01-05", purpose="arraignment")
    appearances.add_appearance(
        workspace,
        case_id,
        date="2026-03-02",
        time="09:30",
        purpose="conference",
        part="AP-7",
        judge="Hon. Rosa Diaz",
        adjourned_to="2026-04-01",
        requested_by="people",
        people_ready=False,
        people_asked_days=7,
    )
    appearances.add_appearance(
        workspace,
        case_id,
        date="2026-01-10",
        purpose="arraignment",
        adjourned_to="2026-03-02",
        requested_by="defense",
        excludable="defense-request",
        arguable=True,
    )
    appearances.add_appearance(
        workspace, case_id, date="2026-04-01", purpose="hearing", people_ready=True
    )
    filings.add_filing(
        workspace, case_id, date="2026-03-20", kind="readiness", with_coc=True, title="SOR"
    )
    filings.add_filing(workspace, case_id, date="2026-02-01", kind="motion", title="Omnibus")
    deadlines.add_deadline(
        workspace, case_id, title="Reply to the People", kind="response", date="2026-05-04"
    )
    deadlines.add_deadline(
        workspace,
        case_id,
        title="Omnibus motion",
        kind="motion",
        date="2026-02-01",
        time="17:00",
        met_on="2026-02-01",
    )
    return case_id


def test_appearances_list_in_date_order_with_their_codes(
    workspace: Workspace, court_case: int
) -> None:
    rows = _rows(workspace, "court", court_case)
    assert [r["date"] for r in rows] == ["2026-01-10", "2026-03-02", "2026-04-01"]
    first, second, third = rows
    assert (first["purpose"], first["requested_by"], first["ready"]) == (
        "arraignment",
        "defense",
        "",
    )
    assert first["excludable"] == "defense-request:arguable"
    assert EXCLUDABLE_SHORT[first["excludable"]] == "Defense request (arguable)"
    assert (second["at"], second["part"], second["judge"]) == ("09:30", "AP-7", "Hon. Rosa Diaz")
    assert (second["adjourned_to"], second["ready"], second["excludable"]) == (
        "2026-04-01",
        "Not ready, asked 7 days",
        "",
    )
    assert (third["ready"], third["at"], third["adjourned_to"]) == ("Ready", "", None)


def test_appearances_filter_on_labels_and_sort_by_adjourned_date(
    workspace: Workspace, court_case: int
) -> None:
    # "Not ready" and the grounds' words are not stored; the filter reads them all the same.
    assert [r["date"] for r in _rows(workspace, "court", court_case, text="not ready")] == [
        "2026-03-02"
    ]
    assert [r["date"] for r in _rows(workspace, "court", court_case, text="arguable")] == [
        "2026-01-10"
    ]
    assert [r["purpose"] for r in _rows(workspace, "court", court_case, text="hearing")] == [
        "hearing"
    ]
    by_next = _rows(workspace, "court", court_case, sort="adjourned_to", descending=True)
    assert [r["adjourned_to"] for r in by_next] == ["2026-04-01", "2026-03-02", None]


def test_filings_and_deadlines_lists(workspace: Workspace, court_case: int) -> None:
    filed = _rows(workspace, "filings", court_case)
    assert [(r["date"], r["kind"], bool(r["with_coc"]), r["title"]) for r in filed] == [
        ("2026-02-01", "motion", False, "Omnibus"),
        ("2026-03-20", "readiness", True, "SOR"),
    ]
    due = _rows(workspace, "deadlines", court_case, today="2026-03-01")
    assert [(r["date"], r["at"], r["title"], r["kind"], r["met_on"]) for r in due] == [
        ("2026-02-01", "17:00", "Omnibus motion", "motion", "2026-02-01"),
        ("2026-05-04", "", "Reply to the People", "response", None),
    ]
    assert [r["state"] for r in due] == ["met", "due"]
    # The day after the reply was due, with nothing filed, it is overdue; on it, still due.
    later = _rows(workspace, "deadlines", court_case, today="2026-05-05")
    assert [r["state"] for r in later] == ["met", "overdue"]
    on_the_day = _rows(workspace, "deadlines", court_case, today="2026-05-04")
    assert [r["state"] for r in on_the_day] == ["met", "due"]
    overdue = _rows(workspace, "deadlines", court_case, today="2026-05-05", text="overdue")
    assert [r["title"] for r in overdue] == ["Reply to the People"]


def test_every_court_list_column_is_in_its_select(workspace: Workspace, court_case: int) -> None:
    for name in ("court", "filings", "deadlines"):
        row = _rows(workspace, name, court_case)[0]
        assert {column.key for column in LAYOUTS[name].columns} <= set(row), name


def test_the_ready_column_says_how_many_days_the_people_asked_for(workspace: Workspace) -> None:
    case_id = cases.add_case(workspace, caption="People v. Lee")
    for day, asked in (("2026-01-05", 1), ("2026-01-06", 0), ("2026-01-07", None)):
        appearances.add_appearance(
            workspace, case_id, date=day, people_ready=False, people_asked_days=asked
        )
    assert [r["ready"] for r in _rows(workspace, "court", case_id)] == [
        "Not ready, asked 1 day",
        "Not ready, asked 0 days",
        "Not ready",
    ]
