"""The fields of a criminal case's people by role: their rules, one unit of work each,
and undo (the person's own and their part in the case, edited together)."""

from __future__ import annotations

import pytest

from app.core.dates import PartialDate
from app.core.errors import ValidationError
from app.core.services import people
from app.core.services.operations import EditOperation, SavePlan
from app.core.services.role_fields import ROLE_GROUPS, groups_for
from app.core.storage.workspace import Workspace
from tests.core.services.test_services import CaseFile, table_counts


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("12345678K", "12345678K"), ("12345678k", "12345678K"), (" 1234-5678 k ", "12345678K")],
)
def test_a_nysid_is_kept_in_one_shape_however_typed(
    sqlite_workspace: Workspace, typed: str, stored: str
) -> None:
    person = people.add_person(sqlite_workspace, name="Maria Lopez", nysid=typed)
    assert people.get_person(sqlite_workspace, person)["nysid"] == stored


@pytest.mark.parametrize("typed", ["1234567K", "123456789", "K12345678", "12345678KK", "NYSID"])
def test_a_nysid_of_another_shape_is_refused_naming_the_field(
    sqlite_workspace: Workspace, typed: str
) -> None:
    before = table_counts(sqlite_workspace)
    with pytest.raises(ValidationError) as caught:
        people.add_person(sqlite_workspace, name="Maria Lopez", nysid=typed)
    assert caught.value.field == "nysid"
    assert "8 digits and a letter, like 12345678K" in caught.value.message
    assert table_counts(sqlite_workspace) == before


def test_the_party_s_role_fields_are_checked_and_an_edit_is_all_or_nothing(
    sqlite_workspace: Workspace,
) -> None:
    ws = sqlite_workspace
    cf = CaseFile.build(ws)
    people.update_party(
        ws, cf.witness, shield_number="4471", command="75th Precinct", custody_status="ror"
    )
    for field, values in (
        ("custody_status", {"custody_status": "on the run"}),
        ("shield_number", {"shield_number": "1" * 21}),
        ("command", {"command": "x" * 301}),
        ("subpoena_served_on", {"subpoena_served_on": "the day after"}),
        # A served date without the subpoena ticked, even with other good values.
        ("subpoena_served_on", {"command": "Queens", "subpoena_served_on": "2026-12-03"}),
    ):
        with pytest.raises(ValidationError) as caught:
            people.update_party(ws, cf.witness, **values)
        assert caught.value.field == field, values
    party = people.get_party(ws, cf.witness)
    assert (party["shield_number"], party["command"]) == ("4471", "75th Precinct")
    assert party["custody_status"] == "ror" and party["subpoena_served_on"] is None

    people.update_party(ws, cf.witness, subpoenaed=True, subpoena_served_on="2026-12-03")
    assert people.get_party(ws, cf.witness)["subpoena_served_on"] == PartialDate(2026, 12, 3)
    with pytest.raises(ValidationError) as caught:
        people.update_person(ws, cf.witness_person, tax_id="9" * 21)
    assert caught.value.field == "tax_id"


def test_undo_of_an_edit_restores_the_person_and_the_party_role_fields(
    sqlite_workspace: Workspace,
) -> None:
    """The person form saves the party and its person in one step (a related update);
    undo puts both back."""
    ws = sqlite_workspace
    cf = CaseFile.build(ws)
    plan = SavePlan({"shield_number": "4471", "command": "75th Precinct"})
    plan.related.append(("person", cf.witness_person, {"tax_id": "931045", "language": "Spanish"}))
    edit = EditOperation(ws, "party", cf.witness, plan)
    edit.apply()
    assert people.get_party(ws, cf.witness)["shield_number"] == "4471"
    assert people.get_person(ws, cf.witness_person)["tax_id"] == "931045"
    edit.revert()
    party = people.get_party(ws, cf.witness)
    person = people.get_person(ws, cf.witness_person)
    assert (party["shield_number"], party["command"]) == ("", "")
    assert (person["tax_id"], person["language"]) == ("", "")
    edit.reapply()
    assert people.get_party(ws, cf.witness)["command"] == "75th Precinct"
    assert people.get_person(ws, cf.witness_person)["language"] == "Spanish"


def test_role_groups_follow_the_roles() -> None:
    assert [g.key for g in groups_for(["police_officer", "witness"])] == ["officer", "witness"]
    assert [g.key for g in groups_for(["client"])] == ["client"]
    assert groups_for(["judge"]) == [] and groups_for(None) == []
    person_fields, party_fields = set(people.PERSON.fields), set(people.PARTY.fields)
    for group in ROLE_GROUPS:
        assert set(group.person_fields) <= person_fields, group.key
        assert set(group.party_fields) <= party_fields, group.key


def test_shield_command_nysid_and_tax_id_are_found_by_search_in_their_case(
    sqlite_workspace: Workspace,
) -> None:
    from app.core.search.query import search

    ws = sqlite_workspace
    cf = CaseFile.build(ws)
    people.update_party(ws, cf.witness, shield_number="4471", command="75th Precinct")
    people.update_person(ws, cf.witness_person, tax_id="931045")
    people.update_person(ws, cf.client_person, nysid="12345678K")
    found = [(h.kind, h.id, h.case_id) for h in search(ws, "4471", case_id=cf.case_id)]
    assert found == [("party", cf.witness, cf.case_id)]
    assert [h.title for h in search(ws, "75th", case_id=cf.case_id)] == ["Officer Ramos"]
    # A person is found once per case they are part of (the officer is in both).
    assert {(h.kind, h.id) for h in search(ws, "931045")} == {("person", cf.witness_person)}
    assert {(h.kind, h.id) for h in search(ws, "12345678k")} == {("person", cf.client_person)}
    assert search(ws, "4471", case_id=cf.other_case_id) == []
