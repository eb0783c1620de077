"""The court-date records refuse what cannot be counted, naming the field, and write nothing."""

from __future__ import annotations

import pytest

from app.core.dates import PartialDate
from app.core.errors import ValidationError
from app.core.services import appearances, cases, deadlines, filings
from app.core.storage.workspace import Workspace
from tests.core.services.test_services import table_counts


@pytest.fixture
def case_id(sqlite_workspace: Workspace) -> int:
    return cases.add_case(sqlite_workspace, caption="People v. Test", docket_number="CR-9")


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        (
            {"date": "2026-12-01", "adjourned_to": "2026-11-30"},
            "adjourned_to",
            "after the appearance",
        ),
        ({"date": "2026-12-01", "adjourned_to": "2026-12-01"}, "adjourned_to", "after"),
        ({"date": "2026-12"}, "date", "not a full date"),
        ({"date": "about 2026-12-01"}, "date", "not a full date"),
        ({}, "date", "required"),
        ({"date": "2026-12-01", "excludable": "other"}, "excludable_other", "other"),
        ({"date": "2026-12-01", "excludable": "lunch"}, "excludable", "not one of"),
        ({"date": "2026-12-01", "requested_by": "judge"}, "requested_by", "not one of"),
        (
            {"date": "2026-12-01", "people_ready": True, "people_asked_days": 7},
            "people_asked_days",
            "not ready",
        ),
        ({"date": "2026-12-01", "people_asked_days": -3}, "people_asked_days", "zero or more"),
        ({"date": "2026-12-01", "custody_after": "maybe"}, "custody_after", "not one of"),
    ],
)
def test_an_appearance_that_cannot_be_counted_is_refused(
    sqlite_workspace: Workspace, case_id: int, values: dict, field: str, words: str
) -> None:
    before = table_counts(sqlite_workspace)
    with pytest.raises(ValidationError) as refused:
        appearances.add_appearance(sqlite_workspace, case_id, **values)
    assert refused.value.field == field
    assert words in str(refused.value)
    assert table_counts(sqlite_workspace) == before


def test_yes_and_no_are_the_people_s_answer_and_empty_is_not_said(
    sqlite_workspace: Workspace, case_id: int
) -> None:
    ready = appearances.add_appearance(
        sqlite_workspace, case_id, date="2026-12-01", people_ready="yes"
    )
    not_ready = appearances.add_appearance(
        sqlite_workspace, case_id, date="2026-12-02", people_ready="no", people_asked_days="0"
    )
    unknown = appearances.add_appearance(sqlite_workspace, case_id, date="2026-12-03")
    assert appearances.get_appearance(sqlite_workspace, ready)["people_ready"] is True
    got = appearances.get_appearance(sqlite_workspace, not_ready)
    assert (got["people_ready"], got["people_asked_days"]) == (False, 0)
    assert appearances.get_appearance(sqlite_workspace, unknown)["people_ready"] is None


def test_only_readiness_is_filed_with_a_certificate(
    sqlite_workspace: Workspace, case_id: int
) -> None:
    with pytest.raises(ValidationError) as refused:
        filings.add_filing(
            sqlite_workspace, case_id, date="2026-12-20", kind="motion", with_coc=True
        )
    assert refused.value.field == "with_coc"
    filed = filings.add_filing(
        sqlite_workspace, case_id, date="2026-12-20", kind="readiness", with_coc=True
    )
    assert filings.get_filing(sqlite_workspace, filed)["date"] == PartialDate(2026, 12, 20)


def test_a_deadline_needs_a_day_and_a_title(sqlite_workspace: Workspace, case_id: int) -> None:
    with pytest.raises(ValidationError) as refused:
        deadlines.add_deadline(sqlite_workspace, case_id, title="Motions", date="2027")
    assert refused.value.field == "date"
    with pytest.raises(ValidationError) as refused:
        deadlines.add_deadline(sqlite_workspace, case_id, title=" ", date="2027-01-15")
    assert refused.value.field == "title"


def test_a_case_commences_on_a_day_and_custody_is_in_or_out(
    sqlite_workspace: Workspace, case_id: int
) -> None:
    cases.update_case(sqlite_workspace, case_id, commenced_on="2026-11-30", custody="in")
    got = cases.get_case(sqlite_workspace, case_id)
    assert (got["commenced_on"], got["custody"]) == (PartialDate(2026, 11, 30), "in")
    with pytest.raises(ValidationError) as refused:
        cases.update_case(sqlite_workspace, case_id, custody="bail")
    assert refused.value.field == "custody"
