"""People (once per workspace) and parties (a person in a case, in roles)."""

from __future__ import annotations

import pytest

from app.core.errors import ValidationError
from app.core.services import events, people, statements
from app.core.storage.workspace import Workspace
from tests.core.services.test_services import CaseFile, row, table_counts


def test_party_rules(workspace: Workspace) -> None:
    cf = CaseFile.build(workspace)
    newcomer = people.add_person(workspace, name="New Witness")
    before = table_counts(workspace)
    for field, values in (
        ("roles", {"person_id": newcomer, "roles": ["sidekick"]}),  # an unknown role
        ("roles", {"person_id": newcomer, "roles": []}),
        ("roles", {"person_id": newcomer, "roles": "client"}),
        ("person_id", {"person_id": 999, "roles": ["witness"]}),
        ("person_id", {"person_id": None, "roles": ["witness"]}),
        ("person_id", {"person_id": "Derrick", "roles": ["witness"]}),
        ("person_id", {"person_id": cf.client_person, "roles": ["witness"]}),  # already in it
    ):
        with pytest.raises(ValidationError) as caught:
            people.add_party(workspace, cf.case_id, **values)
        assert caught.value.field == field, values
    assert table_counts(workspace) == before

    # Moving a party onto a person already in the case is refused too.
    with pytest.raises(ValidationError) as caught:
        people.update_party(workspace, cf.witness, person_id=cf.client_person)
    assert caught.value.field == "person_id"
    assert people.get_party(workspace, cf.witness)["person_id"] == cf.witness_person
    # ... but naming the same person again is no change at all.
    people.update_party(workspace, cf.witness, person_id=cf.witness_person, roles=["witness"])
    assert people.get_party(workspace, cf.witness)["roles"] == ["witness"]

    # Duplicate roles collapse, order kept.
    party = people.add_party(
        workspace, cf.case_id, person_id=newcomer, roles=["victim", "complainant", "victim"]
    )
    assert people.get_party(workspace, party)["roles"] == ["victim", "complainant"]


def test_a_new_person_in_a_case_is_one_unit_of_work(workspace: Workspace) -> None:
    cf = CaseFile.build(workspace)
    before = table_counts(workspace)
    with pytest.raises(ValidationError) as caught:
        people.add_person_to_case(workspace, cf.case_id, ["sidekick"], name="Robin")
    assert caught.value.field == "roles"
    assert table_counts(workspace) == before  # no person without their party

    party = people.add_person_to_case(
        workspace, cf.case_id, ["witness"], party_notes="Saw it.", name="Robin", aliases=["R."]
    )
    snapshot = people.get_party(workspace, party)
    assert snapshot["roles"] == ["witness"] and snapshot["notes"] == "Saw it."
    assert people.get_person(workspace, snapshot["person_id"])["aliases"] == ["R."]
    assert [p.person.name for p in people.parties_of_case(workspace, cf.case_id)] == [
        "Derrick Ingram",
        "Officer Ramos",
        "Robin",
    ]


def test_delete_party_removes_their_statements(workspace: Workspace) -> None:
    cf = CaseFile.build(workspace)
    spoken = statements.add_statement(
        workspace, cf.case_id, speaker_id=cf.witness, text="He ran.", issue_ids=[cf.issue]
    )
    heard = statements.add_statement(
        workspace, cf.case_id, speaker_id=cf.client, recipient_party_id=cf.witness, text="Hi."
    )
    event = events.add_event(
        workspace, cf.case_id, title="Arrest", party_ids=[cf.client, cf.witness]
    )
    assert people.party_dependents(workspace, cf.witness) == {"statements": 1, "events": 1}

    people.delete_party(workspace, cf.witness)

    assert row(workspace, "parties", cf.witness) is None
    assert row(workspace, "statements", spoken) is None
    assert table_counts(workspace)["statement_issues"] == 0
    # What others said to them stays, without the link; the event keeps its other people.
    assert statements.get_statement(workspace, heard)["recipient_party_id"] is None
    assert events.get_event(workspace, event)["party_ids"] == [cf.client]
    # The person stays in the workspace (and in the other case).
    assert people.get_person(workspace, cf.witness_person)["name"] == "Officer Ramos"
    assert row(workspace, "parties", cf.other_case_party) is not None


def test_a_person_in_a_case_cannot_be_deleted(workspace: Workspace) -> None:
    cf = CaseFile.build(workspace)
    before = table_counts(workspace)
    with pytest.raises(ValidationError, match="still part of 2 case") as caught:
        people.delete_person(workspace, cf.witness_person)
    assert caught.value.field == "person_id"
    assert table_counts(workspace) == before
    loner = people.add_person(workspace, name="Nobody", aliases=[" Nemo ", "", "Nemo"])
    assert people.get_person(workspace, loner)["aliases"] == ["Nemo"]
    assert [p.name for p in people.find_people(workspace, "nob")] == ["Nobody"]
    people.delete_person(workspace, loner)
    assert row(workspace, "people", loner) is None
