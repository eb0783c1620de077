"""A person's statements across cases on an office server (PostgreSQL 15 with row
security): the officer of Bea's walled case also speaks in Cy's open case. Bea, on the
walled case's team, reads both; Cy reads only the open case's, through the service
and the command line, and nothing of the walled case reaches him."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from app.core.services import people, statements
from app.core.services.person_statements import find_person, statements_of_person
from tests.casebuilder import CAPTION, DOCKET
from tests.core.server.conftest import Office

OPEN_WORDS = "He ran east on Fulton Street."
WALLED_WORDS = "red jacket"  # Thomas's statement in the walled case


@pytest.fixture(scope="module")
def thomas_in_open_case(office: Office) -> int:
    bea = office.open_as("bea")
    party = people.add_party(
        bea, office.open_case, person_id=office.walled.thomas_person, roles=["police_officer"]
    )
    return statements.add_statement(
        bea, office.open_case, speaker_id=party, date="2026-04-01",
        setting="police_report", text=OPEN_WORDS,
    )  # fmt: skip


def test_the_team_reads_the_officer_s_statements_in_both_cases(
    office: Office, thomas_in_open_case: int
) -> None:
    found = statements_of_person(office.open_as("bea"), office.walled.thomas_person)
    assert [c.case_id for c in found.cases] == [office.walled.case_id, office.open_case]
    assert [s.id for s in found.cases[1].statements] == [thomas_in_open_case]
    assert WALLED_WORDS in found.cases[0].statements[0].text


def test_a_screened_colleague_reads_only_the_open_case_s(
    office: Office, thomas_in_open_case: int
) -> None:
    cy = office.open_as("cy")
    person = find_person(cy, "Kenneth Thomas")
    assert person.id == office.walled.thomas_person and person.case_count == 1
    found = statements_of_person(cy, person.id)
    assert [c.case_id for c in found.cases] == [office.open_case]
    assert [s.id for s in found.cases[0].statements] == [thomas_in_open_case]
    dumped = json.dumps(found.as_dict())
    for secret in (WALLED_WORDS, CAPTION, DOCKET, "Ingram"):
        assert secret not in dumped, secret


def test_the_command_line_shows_a_screened_colleague_nothing_of_the_walled_case(
    office: Office, thomas_in_open_case: int, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["--db", office.url_as("cy"), "person", "Kenneth Thomas", "--json"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert [c["case_id"] for c in data["cases"]] == [office.open_case]
    assert OPEN_WORDS in out and WALLED_WORDS not in out and "Ingram" not in out
    assert main(["--db", office.url_as("bea"), "person", "Kenneth Thomas"]) == 0
    out = capsys.readouterr().out
    assert OPEN_WORDS in out and WALLED_WORDS in out
