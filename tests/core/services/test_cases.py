"""Cases, and the rules of the records inside them (charges, events, statements)."""

from __future__ import annotations

import pytest

from app.core.dates import PartialDate
from app.core.errors import NotFoundError, ValidationError
from app.core.services import cases, charges, events, notes, people, statements
from app.core.storage.workspace import Workspace
from tests.core.services.test_services import CaseFile, table_counts


def test_a_case_cannot_close_before_it_opened(workspace: Workspace) -> None:
    before = table_counts(workspace)
    with pytest.raises(ValidationError) as caught:
        cases.add_case(workspace, caption="People v. X", opened_on="2021-03-01", closed_on="2020")
    assert caught.value.field == "closed_on"
    assert table_counts(workspace) == before

    case_id = cases.add_case(workspace, caption="People v. X", opened_on="June 14, 2020")
    # Closing in the month it opened is fine: "June 2020" may be after the 14th.
    cases.update_case(workspace, case_id, closed_on="June 2020")
    with pytest.raises(ValidationError) as caught:
        cases.update_case(workspace, case_id, status="closed", closed_on="May 2020")
    assert caught.value.field == "closed_on"
    snapshot = cases.get_case(workspace, case_id)
    assert snapshot["status"] == "open"
    assert snapshot["closed_on"] == PartialDate(2020, 6)

    with pytest.raises(ValidationError) as caught:
        cases.update_case(workspace, case_id, opened_on="2021-02-30")
    assert caught.value.field == "opened_on"
    assert "February 2021 has only 28 days" in caught.value.message


def test_find_a_case_by_id_or_docket_number(workspace: Workspace) -> None:
    first = cases.add_case(workspace, caption="People v. Ingram", docket_number="CR-2020-042")
    second = cases.add_case(workspace, caption="Matter of Ramos", docket_number="cr-7")
    assert cases.resolve_case_id(workspace, first) == first
    assert cases.resolve_case_id(workspace, "cr-2020-042") == first
    assert cases.resolve_case_id(workspace, " CR-7 ") == second
    with pytest.raises(NotFoundError, match="no case"):
        cases.resolve_case_id(workspace, "CR-404")
    cases.add_case(workspace, caption="Duplicate", docket_number="CR-7")
    with pytest.raises(NotFoundError, match="more than one case"):
        cases.resolve_case_id(workspace, "cr-7")
    assert [c.id for c in cases.list_cases(workspace, "ingram")] == [first]
    assert [c.caption for c in cases.list_cases(workspace)] == [
        "Duplicate",
        "Matter of Ramos",
        "People v. Ingram",
    ]


def test_deleting_a_case_removes_everything_in_it_but_not_the_people(
    workspace: Workspace,
) -> None:
    cf = CaseFile.build(workspace)
    statements.add_statement(
        workspace,
        cf.case_id,
        speaker_id=cf.client,
        recipient_party_id=cf.witness,
        text="Said.",
        source_document_id=cf.document,
        issue_ids=[cf.issue],
    )
    events.add_event(
        workspace, cf.case_id, title="Arrest", party_ids=[cf.client], issue_ids=[cf.issue]
    )
    charges.add_charge(workspace, cf.case_id, statute="PL 120.00")
    notes.add_note(workspace, cf.case_id, body="Call.")
    before = table_counts(workspace)

    cases.delete_case(workspace, cf.case_id)

    after = table_counts(workspace)
    # Only the other case's party, document and issue are left.
    left = {"parties": 1, "documents": 1, "issues": 1}
    for table in ("parties", "statements", "charges", "documents", "events", "issues", "notes"):
        assert after[table] == left.get(table, 0), table
    for link in ("statement_issues", "event_issues", "event_parties", "document_issues"):
        assert after[link] == 0, link
    assert after["cases"] == before["cases"] - 1
    assert after["people"] == before["people"] == 2  # people stay
    assert people.get_person(workspace, cf.client_person)["name"] == "Derrick Ingram"
    # The other case is untouched.
    assert [p.id for p in people.parties_of_case(workspace, cf.other_case_id)] == [
        cf.other_case_party
    ]
    with pytest.raises(NotFoundError):
        cases.get_case(workspace, cf.case_id)


def test_statements_are_spoken_by_a_party_of_the_case(workspace: Workspace) -> None:
    cf = CaseFile.build(workspace)
    before = table_counts(workspace)
    for field, values in (
        ("speaker_id", {"speaker_id": cf.other_case_party}),  # a party of another case
        ("speaker_id", {"speaker_id": 999}),
        ("speaker_id", {"speaker_id": None}),
        ("speaker_id", {"speaker_id": "Derrick"}),
        (
            "recipient_party_id",
            {"speaker_id": cf.client, "recipient_party_id": cf.other_case_party},
        ),
        (
            "source_document_id",
            {"speaker_id": cf.client, "source_document_id": cf.other_case_document},
        ),
        ("text", {"speaker_id": cf.client, "text": "  \n "}),
        ("date", {"speaker_id": cf.client, "date": "June 31, 2020"}),
    ):
        with pytest.raises(ValidationError) as caught:
            statements.add_statement(workspace, cf.case_id, **{"text": "Said.", **values})
        assert caught.value.field == field, values
    assert table_counts(workspace) == before

    statement = statements.add_statement(
        workspace, cf.case_id, speaker_id=cf.client, text="Said.", date="about June 2020"
    )
    with pytest.raises(ValidationError) as caught:
        statements.update_statement(workspace, statement, speaker_id=cf.other_case_party)
    assert caught.value.field == "speaker_id"
    snapshot = statements.get_statement(workspace, statement)
    assert snapshot["speaker_id"] == cf.client
    assert snapshot["date"] == PartialDate(2020, 6, approximate=True)


def test_charge_and_event_rules(workspace: Workspace) -> None:
    cf = CaseFile.build(workspace)
    before = table_counts(workspace)
    with pytest.raises(ValidationError) as caught:
        charges.add_charge(
            workspace,
            cf.case_id,
            statute="PL 120.00",
            offense_date="2020-06-14",
            disposition_date="2020-06-13",
        )
    assert caught.value.field == "disposition_date"
    for field, value in (("count_number", -1), ("count_number", "two"), ("status", "won")):
        with pytest.raises(ValidationError) as caught:
            charges.add_charge(workspace, cf.case_id, statute="PL 1", **{field: value})
        assert caught.value.field == field
    for field, value in (("time", "7:75pm"), ("kind", "party"), ("party_ids", "1, 2")):
        with pytest.raises(ValidationError) as caught:
            events.add_event(workspace, cf.case_id, title="Arrest", **{field: value})
        assert caught.value.field == field
    assert table_counts(workspace) == before

    count = charges.add_charge(workspace, cf.case_id, statute="PL 1", count_number="3")
    assert charges.get_charge(workspace, count)["count_number"] == 3
    event = events.add_event(workspace, cf.case_id, title="Arrest", time=" 07:05 ")
    assert events.get_event(workspace, event)["time"] == "07:05"
