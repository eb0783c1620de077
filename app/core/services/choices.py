"""What forms offer to choose from: the people, documents and issues of a case.

Plain dicts read with column queries (no ORM objects outlive the read), sorted
for people reading a list. Nothing here imports Qt.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from app.core.dates import PartialDate
from app.core.kinds import CASE_PARTS
from app.core.storage.models import (
    Charge,
    Document,
    Issue,
    Party,
    Person,
    document_issues,
    event_issues,
    statement_issues,
)
from app.core.storage.workspace import Workspace


def parties(ws: Workspace, case_id: int) -> list[dict[str, Any]]:
    """``{id, person_id, name, roles}`` of the case's parties, by name."""
    with ws.reader() as session:
        rows = session.execute(
            select(Party.id, Party.person_id, Party.roles, Person.name)
            .join(Person, Party.person_id == Person.id)
            .where(Party.case_id == case_id)
            .order_by(func.lower(Person.name), Party.id)
        )
        return [
            {"id": r.id, "person_id": r.person_id, "name": r.name, "roles": list(r.roles or [])}
            for r in rows
        ]


def people(ws: Workspace, limit: int = 5000) -> list[dict[str, Any]]:
    """``{id, name, aliases, affiliation}`` of everyone in the workspace, by name."""
    with ws.reader() as session:
        rows = session.execute(
            select(Person.id, Person.name, Person.aliases, Person.affiliation)
            .order_by(func.lower(Person.name), Person.id)
            .limit(limit)
        )
        return [
            {
                "id": r.id,
                "name": r.name,
                "aliases": list(r.aliases or []),
                "affiliation": r.affiliation or "",
            }
            for r in rows
        ]


def documents(ws: Workspace, case_id: int) -> list[dict[str, Any]]:
    """``{id, title, date}`` of the case's documents, by title."""
    with ws.reader() as session:
        rows = session.execute(
            select(Document.id, Document.title, Document.date)
            .where(Document.case_id == case_id)
            .order_by(func.lower(Document.title), Document.id)
        )
        return [{"id": r.id, "title": r.title, "date": r.date} for r in rows]


def issues(ws: Workspace, case_id: int) -> list[dict[str, Any]]:
    with ws.reader() as session:
        rows = session.execute(
            select(Issue.id, Issue.title)
            .where(Issue.case_id == case_id)
            .order_by(func.lower(Issue.title), Issue.id)
        )
        return [{"id": r.id, "title": r.title} for r in rows]


def next_count_number(ws: Workspace, case_id: int) -> int:
    with ws.reader() as session:
        highest = session.scalar(
            select(func.max(Charge.count_number)).where(Charge.case_id == case_id)
        )
        return (highest or 0) + 1


def case_of(ws: Workspace, model: Any, record_id: int) -> int | None:
    with ws.reader() as session:
        return session.scalar(select(model.case_id).where(model.id == record_id))


def case_contents(ws: Workspace, case_id: int) -> dict[str, int]:
    """How many records of each kind a case holds (what deleting it takes with it)."""
    counted = {kind.table: kind.model for kind in CASE_PARTS}
    with ws.reader() as session:
        return {
            name: session.scalar(
                select(func.count()).select_from(model).where(model.case_id == case_id)
            )
            or 0
            for name, model in counted.items()
        }


def issue_links(ws: Workspace, issue_id: int) -> dict[str, int]:
    """How many statements, events and documents are linked to an issue."""
    tables = {
        "statements": statement_issues,
        "events": event_issues,
        "documents": document_issues,
    }
    with ws.reader() as session:
        return {
            name: session.scalar(
                select(func.count()).select_from(table).where(table.c.issue_id == issue_id)
            )
            or 0
            for name, table in tables.items()
        }


def date_label(value: PartialDate | None) -> str:
    return value.display() if value is not None else ""
