"""People (once per workspace) and parties (a person in a case, with roles)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core import vocab
from app.core.errors import ValidationError
from app.core.services import fields as f
from app.core.services import records
from app.core.services.role_fields import (
    PARTY_ROLE_FIELDS,
    PERSON_ROLE_FIELDS,
    served_needs_subpoena,
)
from app.core.storage.models import Party, Person, Statement, event_parties
from app.core.storage.workspace import Workspace

PERSON = records.Entity(
    model=Person,
    noun="person",
    case_scoped=False,
    fields={
        "name": f.Field("Name", f.text(300, required=True)),
        "kind": f.Field("Kind", f.code(vocab.PERSON_KINDS), "individual", vocab.PERSON_KINDS),
        "aliases": f.Field("Aliases", f.text_list, list),
        "title": f.Field("Title", f.text(300)),
        "affiliation": f.Field("Affiliation", f.text(300)),
        "phone": f.Field("Phone", f.text(100)),
        "email": f.Field("Email", f.text(300)),
        "address": f.Field("Address", f.text(multiline=True)),
        "date_of_birth": f.Field("Date of birth", f.date, None),
        **PERSON_ROLE_FIELDS,
        "notes": f.Field("Notes", f.text(multiline=True)),
    },
)


def _person_exists(session: Session, _party: Party, cleaned: dict[str, Any]) -> None:
    if "person_id" in cleaned and session.get(Person, cleaned["person_id"]) is None:
        raise ValidationError("person_id", f"there is no person with id {cleaned['person_id']}")


PARTY = records.Entity(
    model=Party,
    noun="party",
    fields={
        "person_id": f.Field("Person", f.required_id, None),
        "roles": f.Field("Roles", f.codes(vocab.ROLES, at_least_one=True), list, vocab.ROLES),
        **PARTY_ROLE_FIELDS,
        "notes": f.Field("Notes", f.text(multiline=True)),
    },
    validators=(_person_exists, served_needs_subpoena),
)


def add_person(ws: Workspace, *, record_id: int | None = None, **values: Any) -> int:
    with ws.session() as session:
        return records.create(session, PERSON, values, record_id=record_id).id


def update_person(
    ws: Workspace, person_id: int, *, expected_version: int | None = None, **values: Any
) -> None:
    with ws.session() as session:
        records.update(session, PERSON, person_id, values, expected_version=expected_version)


def get_person(ws: Workspace, person_id: int) -> dict[str, Any]:
    with ws.reader() as session:
        return records.snapshot(PERSON, records.get(session, PERSON, person_id))


def delete_person(ws: Workspace, person_id: int) -> None:
    """Delete a person who takes part in no case."""
    with ws.session() as session:
        person = records.get(session, PERSON, person_id)
        if person.parties:
            raise ValidationError(
                "person_id", f"{person.name} is still part of {len(person.parties)} case(s)"
            )
        session.delete(person)


def find_people(ws: Workspace, name_prefix: str, limit: int = 20) -> list[Person]:
    """People whose name or alias contains the text, for a chooser with completion."""
    text = name_prefix.strip()
    with ws.reader() as session:
        query = select(Person).order_by(Person.name).limit(limit)
        if text:
            query = query.where(Person.name.ilike(f"%{text}%"))
        return list(session.scalars(query))


def add_party(ws: Workspace, case_id: int, *, record_id: int | None = None, **values: Any) -> int:
    with ws.session() as session:
        refuse_duplicate_party(session, case_id, values.get("person_id"))
        return records.create(session, PARTY, values, case_id=case_id, record_id=record_id).id


def add_person_to_case(
    ws: Workspace, case_id: int, roles: list[str], *, party_notes: str = "", **person: Any
) -> int:
    """Create a new person and make them a party of the case, in one unit of work."""
    with ws.session() as session:
        new_person = records.create(session, PERSON, person)
        values = {"person_id": new_person.id, "roles": roles, "notes": party_notes}
        return records.create(session, PARTY, values, case_id=case_id).id


def refuse_duplicate_party(
    session: Session, case_id: int, person_id: Any, *, other_than: int | None = None
) -> None:
    """Refuse a second part in one case for the same person (within a unit of work)."""
    # Clean first: PostgreSQL refuses to compare an integer column with text.
    person_id = f.required_id("person_id", person_id)
    query = select(Party.id).where(Party.case_id == case_id, Party.person_id == person_id)
    if other_than is not None:
        query = query.where(Party.id != other_than)
    if session.scalar(query) is not None:
        raise ValidationError("person_id", "this person is already part of the case")


def update_party(
    ws: Workspace, party_id: int, *, expected_version: int | None = None, **values: Any
) -> None:
    with ws.session() as session:
        if "person_id" in values:
            party = records.get(session, PARTY, party_id)
            refuse_duplicate_party(session, party.case_id, values["person_id"], other_than=party_id)
        records.update(session, PARTY, party_id, values, expected_version=expected_version)


def get_party(ws: Workspace, party_id: int) -> dict[str, Any]:
    with ws.reader() as session:
        return records.snapshot(PARTY, records.get(session, PARTY, party_id))


def party_dependents(ws: Workspace, party_id: int) -> dict[str, int]:
    """What else goes if this party is removed from the case (for the confirmation)."""
    with ws.reader() as session:
        spoken = session.scalar(
            select(func.count()).select_from(Statement).where(Statement.speaker_id == party_id)
        )
        events = session.scalar(
            select(func.count())
            .select_from(event_parties)
            .where(event_parties.c.party_id == party_id)
        )
    return {"statements": spoken or 0, "events": events or 0}


def delete_party(ws: Workspace, party_id: int) -> None:
    """Remove a person from a case, with the statements they made in it."""
    with ws.session() as session:
        party = records.get(session, PARTY, party_id)
        for statement in session.scalars(select(Statement).where(Statement.speaker_id == party_id)):
            session.delete(statement)
        session.flush()
        session.delete(party)


def parties_of_case(ws: Workspace, case_id: int) -> list[Party]:
    with ws.reader() as session:
        return list(
            session.scalars(
                select(Party).join(Person).where(Party.case_id == case_id).order_by(Person.name)
            )
        )
