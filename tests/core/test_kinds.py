"""The table of record kinds agrees with the services and models, and loads nothing heavy."""

from __future__ import annotations

import subprocess
import sys

from app.core import kinds
from app.core.services import charges, people


def test_every_kind_names_its_own_table_and_services() -> None:
    assert list(kinds.KINDS) == [
        "case",
        "person",
        "party",
        "statement",
        "charge",
        "document",
        "event",
        "issue",
        "note",
        "appearance",
        "filing",
        "deadline",
    ]
    for code, kind in kinds.KINDS.items():
        services = kinds.services(code)
        assert kind.code == code
        assert services.table == kind.table == kind.model.__tablename__
        assert services.noun == kind.noun  # the entity's own word for it
        assert kinds.KIND_OF_TABLE[kind.table] is kind
    assert kinds.services("charge").add is charges.add_charge
    assert kinds.services("party").delete is people.delete_party


def test_the_case_view_lists_and_their_words() -> None:
    assert kinds.KIND_OF_SECTION == {
        "people": "party",
        "statements": "statement",
        "charges": "charge",
        "documents": "document",
        "chronology": "event",
        "issues": "issue",
        "notes": "note",
        "court": "appearance",
        "filings": "filing",
        "deadlines": "deadline",
    }
    party = kinds.KINDS["party"]
    assert (party.noun, party.plural, party.label) == ("party", "parties", "Person in case")
    assert (party.shown_noun, party.shown_plural) == ("person", "people")
    assert kinds.KINDS["issue"].shown_plural == "issues"


def test_the_table_loads_without_sqlalchemy() -> None:
    code = "import sys, app.core.kinds; print('sqlalchemy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
