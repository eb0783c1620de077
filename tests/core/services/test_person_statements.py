"""A person's statements across cases (app.core.services.person_statements), on SQLite:
the right statements, grouped by case, in date order; the same officer found by the
tax registry number; near matches offered, never included; names resolved or refused."""

from __future__ import annotations

import pytest

from app.core.errors import NotFoundError
from app.core.services import people
from app.core.services.person_statements import (
    AmbiguousPersonError,
    find_person,
    statements_of_person,
)
from app.core.storage.workspace import Workspace
from tests.core.services.person_cases import TAX_ID, OfficerCases, build_officer_cases


@pytest.fixture
def officer(sqlite_workspace: Workspace) -> OfficerCases:
    return build_officer_cases(sqlite_workspace)


def test_every_statement_of_the_officer_grouped_by_case_in_date_order(
    officer: OfficerCases,
) -> None:
    found = statements_of_person(officer.ws, officer.thomas)
    assert [c.case_id for c in found.cases] == [officer.baker, officer.cole, officer.diaz]
    ids = [[s.id for s in c.statements] for c in found.cases]
    assert ids == [[officer.october, officer.november], [officer.february], [officer.may]]
    assert found.statement_count == 4
    every = {s.id for c in found.cases for s in c.statements}
    assert officer.client_statement not in every


def test_each_statement_carries_date_setting_recipient_source_and_cite(
    officer: OfficerCases,
) -> None:
    baker = statements_of_person(officer.ws, officer.thomas).cases[0]
    october, november = baker.statements
    assert (october.date_text, october.setting_label) == ("October 1, 2025", "Sworn testimony")
    assert october.recipient == "the grand jury" and october.sworn
    assert october.pin_cite == "14:2-15:6" and october.source == ""
    assert november.recipient == "Alan Baker"
    assert november.source_text == "Arrest report, p. 1"
    assert baker.part_text == "Police officer · shield 4410 · 10th Precinct"
    cole = statements_of_person(officer.ws, officer.thomas).cases[1]
    assert cole.shield_number == "5120" and cole.roles == ["police_officer", "witness"]


def test_a_second_record_with_the_same_tax_registry_number_is_the_same_officer(
    officer: OfficerCases,
) -> None:
    found = statements_of_person(officer.ws, officer.thomas_again)
    assert found.person.id == officer.thomas_again
    assert [p.id for p in found.same_person] == [officer.thomas]
    assert found.statement_count == 4
    assert found.cases[-1].statements[0].speaker_name == "Kenneth R. Thomas"


def test_a_similar_name_is_offered_as_a_near_match_and_not_included(
    officer: OfficerCases,
) -> None:
    found = statements_of_person(officer.ws, officer.thomas)
    assert [n.person.id for n in found.near] == [officer.ken]
    assert officer.evans not in [c.case_id for c in found.cases]


def test_a_different_tax_registry_number_is_said_in_the_near_match(
    officer: OfficerCases,
) -> None:
    people.update_person(officer.ws, officer.ken, tax_id="700001")
    (near,) = statements_of_person(officer.ws, officer.thomas).near
    assert "different tax registry number" in near.reasons


def test_the_open_case_can_be_left_out(officer: OfficerCases) -> None:
    found = statements_of_person(officer.ws, officer.thomas, exclude_case_id=officer.baker)
    assert [c.case_id for c in found.cases] == [officer.cole, officer.diaz]


def test_a_case_without_statements_comes_last_and_empty(officer: OfficerCases) -> None:
    from app.core.services import cases

    quiet = cases.add_case(officer.ws, caption="People v. Abel")
    people.add_party(officer.ws, quiet, person_id=officer.thomas, roles=["police_officer"])
    found = statements_of_person(officer.ws, officer.thomas)
    assert found.cases[-1].case_id == quiet and found.cases[-1].statements == []


@pytest.mark.parametrize("text", ["kenneth thomas", "  KENNETH   Thomas ", TAX_ID, "4410", "5120"])
def test_names_numbers_and_spelling_find_the_officer(officer: OfficerCases, text: str) -> None:
    assert find_person(officer.ws, text).id == officer.thomas


def test_an_id_finds_the_record(officer: OfficerCases) -> None:
    assert find_person(officer.ws, f"#{officer.ken}").name == "Ken Thomas"


def test_two_people_of_one_name_are_ambiguous(officer: OfficerCases) -> None:
    from app.core.services import cases

    other = cases.add_case(officer.ws, caption="People v. Ford")
    people.add_person_to_case(
        officer.ws, other, ["police_officer"], name="Kenneth Thomas", tax_id="700001"
    )
    with pytest.raises(AmbiguousPersonError) as raised:
        find_person(officer.ws, "Kenneth Thomas")
    assert {c.tax_id for c in raised.value.candidates} == {TAX_ID, "700001"}
    assert "700001" in str(raised.value) and TAX_ID in str(raised.value)


def test_a_name_nobody_has_is_not_found_with_suggestions(officer: OfficerCases) -> None:
    with pytest.raises(NotFoundError, match="no person named 'Kenneth Thoms'.*Kenneth Thomas"):
        find_person(officer.ws, "Kenneth Thoms")
    with pytest.raises(NotFoundError, match="no person named 'Zed Quill'"):
        find_person(officer.ws, "Zed Quill")
