"""What the detail panes, cross-links and the case overview read: small, bounded queries.

The lists themselves are in :mod:`app.core.lists.queries`; these answer "what is tied
to this record" (a person's statements and events, everything linked to an
issue, the statements a document sources) with at most ``LINK_LIMIT`` rows each.
No Qt here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Select, String, cast, func, select

from app.core.kinds import CASE_PARTS
from app.core.lists.specs import excerpt, iso_column, next_court_date
from app.core.services.role_fields import PARTY_ROLE_FIELDS, PERSON_ROLE_FIELDS
from app.core.storage.models import (
    Case,
    Charge,
    Document,
    Event,
    Note,
    Party,
    Person,
    Statement,
    document_issues,
    event_issues,
    event_parties,
    statement_issues,
)
from app.core.storage.workspace import Workspace


def names_of_parties(ws: Workspace, party_ids: list[int]) -> dict[int, str]:
    if not party_ids:
        return {}
    with ws.reader() as session:
        rows = session.execute(
            select(Party.id, Person.name)
            .join(Person, Party.person_id == Person.id)
            .where(Party.id.in_(party_ids))
        )
        return {row.id: row.name for row in rows}


def titles_of(ws: Workspace, model: Any, ids: list[int]) -> dict[int, str]:
    """``{id: title}`` of documents or issues."""
    if not ids:
        return {}
    with ws.reader() as session:
        rows = session.execute(select(model.id, model.title).where(model.id.in_(ids)))
        return {row.id: row.title for row in rows}


def party_person(ws: Workspace, party_id: int) -> dict[str, Any] | None:
    """The person behind a party (name, contact, notes) with the party's own fields."""
    with ws.reader() as session:
        row = session.execute(
            select(Person, Party)
            .join(Party, Party.person_id == Person.id)
            .where(Party.id == party_id)
        ).first()
        if row is None:
            return None
        person, party = row
        return {
            "person_id": person.id,
            "name": person.name,
            "kind": person.kind,
            "aliases": list(person.aliases or []),
            "title": person.title,
            "affiliation": person.affiliation,
            "phone": person.phone,
            "email": person.email,
            "address": person.address,
            "date_of_birth": _iso_text(person.date_of_birth),
            "notes": person.notes,
            "roles": list(party.roles or []),
            "party_notes": party.notes,
            # The role fields (an officer's shield, a client's NYSID, a subpoena).
            **{key: getattr(person, key) for key in PERSON_ROLE_FIELDS},
            **{key: getattr(party, key) for key in PARTY_ROLE_FIELDS},
            "subpoena_served_on": _iso_text(party.subpoena_served_on),
        }


def _iso_text(value: Any) -> str | None:
    return value.iso() if value is not None else None


LINK_LIMIT = 200  # cross-links shown in a detail pane; the list sections hold the rest


def _statement_links(where: Any, limit: int) -> Select[Any]:
    speaker = Person.__table__.alias("speaker_person")
    return (
        select(
            Statement.id,
            iso_column(Statement.date).label("date"),
            speaker.c.name.label("speaker"),
            excerpt(Statement.text).label("text"),
        )
        .join(Party, Statement.speaker_id == Party.id)
        .join(speaker, Party.person_id == speaker.c.id)
        .where(where)
        .order_by(iso_column(Statement.date).asc().nulls_last(), Statement.id)
        .limit(limit)
    )


def _event_links(where: Any, limit: int) -> Select[Any]:
    return (
        select(Event.id, iso_column(Event.date).label("date"), Event.title, Event.kind)
        .where(where)
        .order_by(iso_column(Event.date).asc().nulls_last(), Event.id)
        .limit(limit)
    )


def _rows(ws: Workspace, stmt: Select[Any]) -> list[dict[str, Any]]:
    with ws.reader() as session:
        return [dict(row) for row in session.execute(stmt).mappings()]


def links_of_party(ws: Workspace, party_id: int, limit: int = LINK_LIMIT) -> dict[str, list[dict]]:
    """What a person said and took part in, in this case."""
    in_event = select(event_parties.c.event_id).where(event_parties.c.party_id == party_id)
    return {
        "statements": _rows(ws, _statement_links(Statement.speaker_id == party_id, limit)),
        "events": _rows(ws, _event_links(Event.id.in_(in_event), limit)),
    }


def links_of_issue(ws: Workspace, issue_id: int, limit: int = LINK_LIMIT) -> dict[str, list[dict]]:
    """Everything linked to an issue."""
    said = select(statement_issues.c.statement_id).where(statement_issues.c.issue_id == issue_id)
    happened = select(event_issues.c.event_id).where(event_issues.c.issue_id == issue_id)
    filed = select(document_issues.c.document_id).where(document_issues.c.issue_id == issue_id)
    documents = (
        select(Document.id, iso_column(Document.date).label("date"), Document.title)
        .where(Document.id.in_(filed))
        .order_by(func.lower(Document.title), Document.id)
        .limit(limit)
    )
    return {
        "statements": _rows(ws, _statement_links(Statement.id.in_(said), limit)),
        "events": _rows(ws, _event_links(Event.id.in_(happened), limit)),
        "documents": _rows(ws, documents),
    }


def links_of_document(
    ws: Workspace, document_id: int, limit: int = LINK_LIMIT
) -> dict[str, list[dict]]:
    """The statements and events that cite a document as their source."""
    return {
        "statements": _rows(
            ws, _statement_links(Statement.source_document_id == document_id, limit)
        ),
        "events": _rows(ws, _event_links(Event.source_document_id == document_id, limit)),
    }


def case_overview(ws: Workspace, case_id: int, today: str | None = None) -> dict[str, Any]:
    """The case at a glance: clients, charges, next court date and how much is in each section."""
    today = today or dt.date.today().isoformat()
    with ws.reader() as session:
        next_court = session.scalar(
            select(next_court_date(today)).select_from(Case).where(Case.id == case_id)
        )
        clients = list(
            session.scalars(
                select(Person.name)
                .join(Party, Party.person_id == Person.id)
                .where(Party.case_id == case_id, cast(Party.roles, String).like('%"client"%'))
                .order_by(Person.name)
            )
        )
        charges = [
            dict(row)
            for row in session.execute(
                select(
                    Charge.id,
                    Charge.count_number,
                    Charge.statute,
                    Charge.description,
                    Charge.offense_class,
                    Charge.status,
                )
                .where(Charge.case_id == case_id)
                .order_by(Charge.count_number, Charge.id)
                .limit(LINK_LIMIT)
            ).mappings()
        ]
        counts = {}
        for kind in CASE_PARTS:  # what the case holds, kind by kind, as the overview shows
            model: Any = kind.model  # every case part has a case_id
            counts[kind.table] = int(
                session.scalar(
                    select(func.count()).select_from(model).where(model.case_id == case_id)
                )
                or 0
            )
        open_todos = session.scalar(
            select(func.count())
            .select_from(Note)
            .where(Note.case_id == case_id, Note.is_todo, Note.done.is_(False))
        )
    return {
        "next_court_date": next_court,
        "clients": clients,
        "charges": charges,
        "counts": counts,
        "open_todos": int(open_todos or 0),
    }


def case_count(ws: Workspace) -> int:
    with ws.reader() as session:
        return int(session.scalar(select(func.count()).select_from(Case)) or 0)


def note_changed_at(ws: Workspace, note_id: int) -> dt.datetime | None:
    with ws.reader() as session:
        return session.scalar(select(Note.updated_at).where(Note.id == note_id))


def party_of_person(ws: Workspace, case_id: int, person_id: int) -> int | None:
    """The party a person is in one case (search finds people; the case lists parties)."""
    with ws.reader() as session:
        return session.scalar(
            select(Party.id).where(Party.case_id == case_id, Party.person_id == person_id)
        )
