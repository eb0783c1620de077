"""Intake fixtures: a workspace with a few cases and the people in them."""

from __future__ import annotations

from typing import Any

import pytest

from app.core.services import cases, people
from app.core.storage.workspace import Workspace


def add_case_with(ws: Workspace, caption: str, parties: list[dict[str, Any]], **case: Any) -> int:
    case_id = cases.add_case(ws, caption=caption, **case)
    for party in parties:
        party = dict(party)
        roles = party.pop("roles")
        people.add_person_to_case(ws, case_id, roles, **party)
    return case_id


@pytest.fixture
def office(workspace: Workspace) -> dict[str, int]:
    """Three cases: Ingram is a client in one and a complainant in another."""
    return {
        "ingram": add_case_with(
            workspace,
            "People v. Derrick Ingram",
            [
                {
                    "name": "Derrick Ingram",
                    "aliases": ["Dwreck"],
                    "roles": ["client"],
                    "date_of_birth": "1992-03-04",
                },
                {"name": "Jessica McRorie", "roles": ["police_officer", "witness"]},
            ],
            docket_number="CR-2020-001",
        ),
        "smith": add_case_with(
            workspace,
            "People v. Robert Smith",
            [
                {"name": "Robert Smith", "roles": ["client"], "date_of_birth": "1980-01-01"},
                {"name": "María José García-Márquez", "roles": ["complainant"]},
            ],
        ),
        "delaney": add_case_with(
            workspace,
            "People v. Marcus Delaney",
            [
                {"name": "Marcus Delaney", "roles": ["client"]},
                {"name": "John Smith", "roles": ["witness"], "date_of_birth": "1975-06-30"},
                {"name": "Bill de Blasio", "roles": ["witness"]},
            ],
        ),
    }
