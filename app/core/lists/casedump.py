"""A whole case as JSON-ready dicts: what ``casefile show --json`` prints.

:func:`case_dump` reads the case with :func:`app.core.lists.case_loader.load_case`
and turns its records into dicts with names instead of ids where a person reads
them, and ISO dates (``2020-06-14``, ``2020-06``, ``2020``, ``2020-06~``) so the
precision shows. :func:`case_fields` is the case's own fields as the archive
writes them too.

Every kind's plain fields come from its field table, in the table's order
(:mod:`app.core.lists.record_fields`); the tables below say only what differs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from operator import attrgetter
from typing import Any

from app.core.dates import PartialDate
from app.core.lists.case_loader import CaseRecord, CaseRecords, read_case
from app.core.lists.record_fields import (
    FILE_KEYS,
    Getter,
    Plan,
    arrange,
    as_dicts,
    exchanged,
    file_object,
    on,
)
from app.core.services import fields as f
from app.core.services.appearances import APPEARANCE
from app.core.services.cases import CASE
from app.core.services.charges import CHARGE
from app.core.services.deadlines import DEADLINE
from app.core.services.documents import DOCUMENT
from app.core.services.events import EVENT
from app.core.services.filings import FILING
from app.core.services.issues import ISSUE
from app.core.services.notes import NOTE
from app.core.services.people import PARTY, PERSON
from app.core.services.records import Entity
from app.core.services.statements import STATEMENT
from app.core.storage.workspace import Workspace

# A reference is shown as the name of the record it points at, under this key, beside
# its id; a link list as the sorted names of the linked records.
SHOWN_AS = {
    "speaker_id": "speaker",
    "recipient_party_id": "recipient",
    "source_document_id": "source",
    "issue_ids": "issues",
    "party_ids": "people",
}
# Fields shown under another key, per kind.
RENAMED: Mapping[str, Mapping[str, str]] = {
    "charge": {"offense_class": "class"},
    "person": {"notes": "person_notes"},
}
# Keys shown elsewhere than in the field table's order: key -> the key it follows.
MOVED: Mapping[str, Mapping[str, str]] = {
    "event": {"kind": "time", "people": "place"},
    # A party is shown as its person, with the party's roles among the person's
    # fields, and its role fields and notes after the person's role fields.
    "party": {
        "roles": "aliases",
        "shield_number": "needs_interpreter",
        "command": "shield_number",
        "custody_status": "command",
        "custody_note": "custody_status",
        "subpoenaed": "custody_note",
        "subpoena_served_on": "subpoenaed",
        "notes": "subpoena_served_on",
    },
}
_FIRST_FILE_FIELD = next(iter(FILE_KEYS))
_ID: Getter = attrgetter("id")


def _case_plan() -> Plan:
    return [("uid", attrgetter("uid")), *_plan(CASE, None, {})]


def case_fields(case: CaseRecord) -> dict[str, Any]:
    """The case's own fields as exchanged (dates as ISO text); shared by the archive
    and ``casefile show --json``."""
    return as_dicts(_case_plan(), [case])[0]


def date_key(value: PartialDate | None) -> tuple[bool, str]:
    """Chronological order with unknown dates last."""
    return (value is None, value.iso() if value is not None else "")


def _names(ids: Iterable[int], names: dict[int, str]) -> list[str]:
    return sorted((names[i] for i in ids if i in names), key=str.casefold)


def _plan(entity: Entity, rec: CaseRecords | None, names: Mapping[type, dict[int, str]]) -> Plan:
    """What show --json says of a record of ``entity`` (its id aside), in field-table order."""
    plan: Plan = []
    renamed = RENAMED.get(entity.noun, {})
    for name, spec in entity.fields.items():
        if name in entity.links:
            assert rec is not None
            plan.append(
                (
                    SHOWN_AS[name],
                    _linked_names(rec.linked(entity, name), names[entity.links[name].target]),
                )
            )
        elif name in entity.same_case_refs:
            missing = "" if spec.clean is f.required_id else None
            target = names[entity.same_case_refs[name]]
            plan.append((SHOWN_AS[name], _ref_name(attrgetter(name), target, missing)))
            plan.append((name, attrgetter(name)))
        elif name in FILE_KEYS:
            if name == _FIRST_FILE_FIELD:
                plan.append(("file", file_object))
        else:
            plan.append((renamed.get(name, name), exchanged(entity.model, name)))
    return plan


def _ref_name(get: Getter, names: dict[int, str], missing: str | None) -> Getter:
    def name(record: Any) -> str | None:
        ref = get(record)
        return names.get(ref, missing) if ref else None

    return name


def _linked_names(links: dict[int, list[int]], names: dict[int, str]) -> Getter:
    return lambda record: _names(links.get(record.id, []), names)


def case_dump(ws: Workspace, reference: str | int) -> dict[str, Any]:
    """The case named by id or docket number, as one JSON-ready dict."""
    return dump_records(read_case(ws, reference))


def dump_records(rec: CaseRecords) -> dict[str, Any]:
    """``rec`` as JSON-ready dicts, each list in the order a person reads it."""
    case = rec.case
    names: dict[type, dict[int, str]] = {
        PARTY.model: {p.id: p.person.name for p in rec.parties},
        ISSUE.model: {i.id: i.title for i in rec.issues},
        DOCUMENT.model: {d.id: d.title for d in rec.documents},
    }

    def plan(entity: Entity) -> Plan:
        return arrange([("id", _ID), *_plan(entity, rec, names)], MOVED.get(entity.noun, {}))

    person = on(attrgetter("person"), [("uid", attrgetter("uid")), *_plan(PERSON, rec, names)])
    people = as_dicts(
        arrange([("id", _ID), *_plan(PARTY, rec, names), *person], MOVED["party"]),
        sorted(rec.parties, key=lambda p: (p.person.name.casefold(), p.id)),
    )
    return {
        "case": {
            "id": case.id,
            **case_fields(case),
            "clients": [p["name"] for p in people if "client" in p["roles"]],
        },
        "people": people,
        "statements": as_dicts(
            plan(STATEMENT), sorted(rec.statements, key=lambda s: (date_key(s.date), s.id))
        ),
        "charges": as_dicts(
            plan(CHARGE), sorted(rec.charges, key=lambda c: (c.count_number, c.id))
        ),
        "documents": as_dicts(
            plan(DOCUMENT), sorted(rec.documents, key=lambda d: (date_key(d.date), d.id))
        ),
        "events": as_dicts(
            plan(EVENT),
            sorted(rec.events, key=lambda e: (date_key(e.date), e.time or "", e.id)),
        ),
        "issues": as_dicts(plan(ISSUE), rec.issues),
        "notes": as_dicts(plan(NOTE), rec.notes),
        "appearances": as_dicts(plan(APPEARANCE), sorted(rec.appearances, key=_dated)),
        "filings": as_dicts(plan(FILING), sorted(rec.filings, key=_dated)),
        # Only the deadlines added by hand: computed ones follow their inputs, unstored.
        "deadlines": as_dicts(plan(DEADLINE), sorted(rec.deadlines, key=_dated)),
    }


def _dated(record: Any) -> tuple[tuple[bool, str], str, int]:
    """Court records in the order they happen: day, then time (none first), then id."""
    return (date_key(record.date), getattr(record, "time", None) or "", record.id)
