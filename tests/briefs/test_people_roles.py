"""The people section's lines by role, read back from the PDF (pypdf) and the .docx
(python-docx): an officer's shield and command, a client's date of birth, NYSID,
custody and interpreter, a witness's contact and subpoena."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.briefs.build import build_brief
from app.briefs.export import export_brief
from app.briefs.profiles import CLIENT as CLIENT_MEETING
from app.core.services import people
from tests.briefs.helpers import docx_text, pdf_text, squash
from tests.briefs.intake_case import PREPARED, IntakeCase

OFFICER = "Shield 4471, 75th Precinct, tax registry no. 931045"
CLIENT = "Born March 4, 1990; NYSID 12345678K; Bail set: $2,500 cash; Spanish, needs an interpreter"
WITNESS = "Contact: 718-555-0100, jpike@example.org; subpoenaed, served December 3, 2026"


@pytest.fixture
def roles_filled(intake: IntakeCase) -> IntakeCase:
    ws = intake.ws
    officer = people.get_party(ws, intake.officer)
    people.update_party(ws, intake.officer, shield_number="4471", command="75th Precinct")
    people.update_person(ws, officer["person_id"], tax_id="931045")
    client = people.get_party(ws, intake.client)
    people.update_party(ws, intake.client, custody_status="bail_set", custody_note="$2,500 cash")
    people.update_person(
        ws, client["person_id"], date_of_birth="1990-03-04", nysid="12345678k",
        language="Spanish", needs_interpreter=True,
    )  # fmt: skip
    witness = people.get_party(ws, intake.complainant)
    people.update_party(
        ws, intake.complainant, subpoenaed=True, subpoena_served_on="2026-12-03"
    )  # fmt: skip
    people.update_person(
        ws, witness["person_id"], phone="718-555-0100", email="jpike@example.org"
    )  # fmt: skip
    return intake


def test_each_person_gets_the_line_of_their_roles(roles_filled: IntakeCase) -> None:
    brief = build_brief(roles_filled.ws, roles_filled.case_id, today=PREPARED)
    facts = {p.name: p.facts for g in brief.people for p in g.people}
    assert facts == {
        "Maria Lopez": [CLIENT],
        "Jordan Pike": [WITNESS],
        "Daniel Reyes": [OFFICER],
    }


def test_a_witness_not_yet_subpoenaed_says_so_and_empty_roles_add_nothing(
    intake: IntakeCase,
) -> None:
    brief = build_brief(intake.ws, intake.case_id, today=PREPARED)
    facts = {p.name: p.facts for g in brief.people for p in g.people}
    assert facts == {"Maria Lopez": [], "Jordan Pike": ["Not subpoenaed"], "Daniel Reyes": []}


def test_the_client_meeting_brief_leaves_out_witness_contacts(roles_filled: IntakeCase) -> None:
    brief = build_brief(roles_filled.ws, roles_filled.case_id, CLIENT_MEETING, today=PREPARED)
    facts = {p.name: p.facts for g in brief.people for p in g.people}
    assert facts["Jordan Pike"] == ["Subpoenaed, served December 3, 2026"]
    assert facts["Maria Lopez"] == [CLIENT]


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_the_lines_read_back_from_both_briefs(
    roles_filled: IntakeCase, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"brief{suffix}"
    export_brief(roles_filled.ws, roles_filled.case_id, path, today=PREPARED)
    text = squash(pdf_text(path) if suffix == ".pdf" else docx_text(path))
    for line in (OFFICER, CLIENT, WITNESS):
        assert squash(line) in text, line
    # Each under its person: the officer's line after his name, before the next group.
    assert text.index(squash("Daniel Reyes")) < text.index(squash(OFFICER))


def test_show_prints_the_same_role_lines_under_each_person(
    roles_filled: IntakeCase, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main

    db = str(roles_filled.ws.path)
    roles_filled.ws.close()
    assert main(["--db", db, "show", str(roles_filled.case_id)]) == 0
    lines = capsys.readouterr().out.splitlines()
    for name, fact in (
        ("Daniel Reyes", OFFICER),
        ("Maria Lopez", CLIENT),
        ("Jordan Pike", WITNESS),
    ):
        at = next(i for i, line in enumerate(lines) if line.startswith(f"  {name}"))
        assert lines[at + 1] == f"    {fact}"
