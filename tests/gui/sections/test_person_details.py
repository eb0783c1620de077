"""The People section's details show the role fields (shield, NYSID, subpoena) in the
brief's words, each under its kind of role."""

from __future__ import annotations

import re
from typing import Any

from app.context import AppContext
from app.core.services import people
from app.gui.sections import details
from tests.briefs.intake_case import build_intake_case


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_an_officer_client_and_witness_show_their_role_lines(
    empty_ctx: AppContext, qapp: Any
) -> None:
    ws = empty_ctx.workspace
    intake = build_intake_case(ws)
    people.update_party(ws, intake.officer, shield_number="4471", command="75th Precinct")
    client = people.get_party(ws, intake.client)
    people.update_person(ws, client["person_id"], nysid="12345678K", needs_interpreter=True)
    people.update_party(ws, intake.complainant, subpoenaed=True, subpoena_served_on="2026-12-03")
    witness = people.get_party(ws, intake.complainant)
    people.update_person(ws, witness["person_id"], phone="718-555-0100")

    def page(party_id: int) -> str:
        return text_of(details.render(empty_ctx, "people", {"id": party_id}, "#555"))

    assert "Officer Shield 4471, 75th Precinct" in page(intake.officer)
    assert "Client NYSID 12345678K; Needs an interpreter" in page(intake.client)
    complainant = page(intake.complainant)
    assert "Witness Subpoenaed, served December 3, 2026" in complainant
    assert complainant.count("718-555-0100") == 1  # the phone field, not again in the line
