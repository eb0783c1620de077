"""Every field of a kind's field table reaches the loader's records and ``show --json``.

The records and the dumps are built from the field tables, so a new plain field
needs no edit in the loader or the dump; these tests fail if one is left out.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from app.core.lists import case_loader, casedump
from app.core.lists.record_fields import FILE_KEYS, arrange
from app.core.services.cases import CASE
from app.core.services.charges import CHARGE
from app.core.services.documents import DOCUMENT
from app.core.services.events import EVENT
from app.core.services.issues import ISSUE
from app.core.services.notes import NOTE
from app.core.services.people import PARTY, PERSON
from app.core.services.records import Entity
from app.core.services.statements import STATEMENT
from tests.casebuilder import SmallCase

RECORDS: dict[Any, Entity] = {
    case_loader.CaseRecord: CASE,
    case_loader.PersonRecord: PERSON,
    case_loader.PartyRecord: PARTY,
    case_loader.DocumentRecord: DOCUMENT,
    case_loader.StatementRecord: STATEMENT,
    case_loader.ChargeRecord: CHARGE,
    case_loader.EventRecord: EVENT,
    case_loader.IssueRecord: ISSUE,
    case_loader.NoteRecord: NOTE,
}
# show --json's list of each kind (people are parties shown with their person's fields).
SHOWN = {"statements": STATEMENT, "charges": CHARGE, "documents": DOCUMENT, "events": EVENT}
SHOWN |= {"issues": ISSUE, "notes": NOTE}


def plain_fields(entity: Entity) -> list[str]:
    """The fields of ``entity`` stored in its own row (all but the link lists)."""
    return [name for name in entity.fields if name not in entity.links]


@pytest.mark.parametrize("record", list(RECORDS), ids=lambda r: r.__name__)
def test_the_loaders_records_hold_exactly_the_field_tables_plain_fields(record: Any) -> None:
    entity = RECORDS[record]
    names = [f.name for f in dataclasses.fields(record)]
    assert set(names) - {"id", "uid", "person"} == set(plain_fields(entity))
    assert names[0] == "id"
    # Frozen and slotted: cheap to make by the thousand, and plain data.
    assert record.__dataclass_params__.frozen and hasattr(record, "__slots__")
    # Typed as the model's columns say.
    types = {f.name: f.type for f in dataclasses.fields(record)}
    assert "Any" not in {str(t) for t in types.values()}


def test_records_are_typed_as_their_columns() -> None:
    types = {f.name: f.type for f in dataclasses.fields(case_loader.StatementRecord)}
    assert types["date"] == "PartialDate | None"
    assert types["sworn"] == "bool"
    assert types["recipient_party_id"] == "int | None"


def shown_key(entity: Entity, name: str) -> str:
    """The key show --json gives the field ``name`` of ``entity``."""
    if name in entity.links:
        return casedump.SHOWN_AS[name]
    if name in FILE_KEYS:
        return "file"
    return casedump.RENAMED.get(entity.noun, {}).get(name, name)


def test_show_json_has_every_field_of_every_kind_in_table_order(small_case: SmallCase) -> None:
    dump = casedump.case_dump(small_case.ws, small_case.case_id)
    for section, entity in SHOWN.items():
        assert dump[section], section
        for item in dump[section]:
            keys = list(item)
            table_keys = [shown_key(entity, name) for name in entity.fields]
            # References are shown as a name beside their id.
            names = [casedump.SHOWN_AS[name] for name in entity.same_case_refs]
            assert set(keys) == {"id", *table_keys, *names}, section
            # In the table's order, but for the few keys shown elsewhere.
            moved = set(casedump.MOVED.get(entity.noun, {}))
            in_table = [k for k in dict.fromkeys(table_keys) if k not in moved]
            assert [k for k in keys if k in in_table] == in_table, section
    case_keys = ["uid", *CASE.fields]
    assert list(dump["case"]) == ["id", *case_keys, "clients"]
    person = {shown_key(PERSON, name) for name in PERSON.fields}
    for item in dump["people"]:
        assert set(item) == {"id", "uid", *PARTY.fields, *person}


def test_arrange_moves_a_key_after_another() -> None:
    plan = [(key, str) for key in ("a", "b", "c", "d")]
    moved = arrange(plan, {"a": "c", "d": "a"})
    assert [key for key, _ in moved] == ["b", "c", "a", "d"]
