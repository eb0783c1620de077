"""A whole case read in one go, as plain data: :func:`load_case` and its records.

Three readers need every record of a case at once: ``casefile show --json``
(:mod:`app.core.lists.casedump`), the archive exporter
(:mod:`app.core.archive.write`) and the case brief (:mod:`app.briefs.build`).
They all start from :class:`CaseRecords`, read here in a handful of queries
(one per kind of record, one per link table). The records are frozen
dataclasses, not ORM objects: they hold no session, load nothing lazily and
cost far less to make than mapped rows, so a brief of a large case can be
built after the session is closed.

Records come in id order; each reader sorts them as it shows them.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.core.dates import PartialDate
from app.core.services.cases import find_case
from app.core.storage.models import (
    Charge,
    Document,
    Event,
    Issue,
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

# The field names of each record below are those of its model's columns: the
# queries select exactly those columns, in that order.


@dataclass(frozen=True, slots=True)
class CaseRecord:
    id: int
    uid: str
    caption: str
    docket_number: str
    court: str
    jurisdiction: str
    status: str
    opened_on: PartialDate | None
    closed_on: PartialDate | None
    assigned_staff: str
    summary: str
    notes: str


@dataclass(frozen=True, slots=True)
class PersonRecord:
    id: int
    uid: str
    kind: str
    name: str
    aliases: list[str]
    title: str
    affiliation: str
    phone: str
    email: str
    address: str
    date_of_birth: PartialDate | None
    notes: str


@dataclass(frozen=True, slots=True)
class PartyRecord:
    """A person's part in the case; ``person`` is the person's own record."""

    id: int
    person_id: int
    roles: list[str]
    notes: str
    person: PersonRecord


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """A document's fields, without its extracted text (that can be megabytes)."""

    id: int
    title: str
    kind: str
    date: PartialDate | None
    author: str
    provenance: str
    privileged: bool
    bates_start: str
    bates_end: str
    notes: str
    file_sha256: str | None
    file_size: int | None
    file_media_type: str | None
    file_name: str | None


@dataclass(frozen=True, slots=True)
class StatementRecord:
    id: int
    speaker_id: int
    recipient_party_id: int | None
    recipient_text: str
    date: PartialDate | None
    setting: str
    text: str
    source_document_id: int | None
    pin_cite: str
    sworn: bool
    notes: str


@dataclass(frozen=True, slots=True)
class ChargeRecord:
    id: int
    count_number: int
    statute: str
    description: str
    offense_class: str
    offense_date: PartialDate | None
    status: str
    disposition: str
    disposition_date: PartialDate | None
    notes: str


@dataclass(frozen=True, slots=True)
class EventRecord:
    id: int
    kind: str
    date: PartialDate | None
    time: str | None
    title: str
    description: str
    place: str
    source_document_id: int | None
    pin_cite: str


@dataclass(frozen=True, slots=True)
class IssueRecord:
    id: int
    title: str
    description: str
    status: str


@dataclass(frozen=True, slots=True)
class NoteRecord:
    id: int
    body: str
    is_todo: bool
    done: bool
    staff_only: bool


@dataclass
class CaseRecords:
    """Every record of one case, plus the link tables as id maps."""

    case: CaseRecord
    parties: list[PartyRecord]
    documents: list[DocumentRecord]
    statements: list[StatementRecord]
    charges: list[ChargeRecord]
    events: list[EventRecord]
    issues: list[IssueRecord]
    notes: list[NoteRecord]
    # record id -> linked ids, in id order
    statement_issues: dict[int, list[int]] = field(default_factory=dict)
    event_issues: dict[int, list[int]] = field(default_factory=dict)
    event_parties: dict[int, list[int]] = field(default_factory=dict)
    document_issues: dict[int, list[int]] = field(default_factory=dict)


def _columns(model: type[Any], record: type[Any]) -> list[Any]:
    return [getattr(model, f.name) for f in dataclasses.fields(record) if f.name != "person"]


def _links(
    session: Session, table: Table, owner: type[Any], own_col: str, other_col: str, case_id: int
) -> dict[int, list[int]]:
    rows = session.execute(
        select(table.c[own_col], table.c[other_col])
        .join(owner, owner.id == table.c[own_col])
        .where(owner.case_id == case_id)
        .order_by(table.c[own_col], table.c[other_col])
    )
    result: dict[int, list[int]] = defaultdict(list)
    for own, other in rows:
        result[own].append(other)
    return dict(result)


def _parties(session: Session, case_id: int) -> list[PartyRecord]:
    party_columns = _columns(Party, PartyRecord)
    split = len(party_columns)
    rows = session.execute(
        select(*party_columns, *_columns(Person, PersonRecord))
        .join(Person, Person.id == Party.person_id)
        .where(Party.case_id == case_id)
        .order_by(Party.id)
    )
    return [PartyRecord(*row[:split], person=PersonRecord(*row[split:])) for row in rows]


def load_case(session: Session, case_ref: int | str) -> CaseRecords:
    """Read the whole case named by id or docket number (raises NotFoundError if none)."""
    case = find_case(session, case_ref)
    case_id = case.id

    def of_case(model: type[Any], record: type[Any]) -> list[Any]:
        query = select(*_columns(model, record)).where(model.case_id == case_id)
        return [record(*row) for row in session.execute(query.order_by(model.id))]

    return CaseRecords(
        case=CaseRecord(*(getattr(case, f.name) for f in dataclasses.fields(CaseRecord))),
        parties=_parties(session, case_id),
        documents=of_case(Document, DocumentRecord),
        statements=of_case(Statement, StatementRecord),
        charges=of_case(Charge, ChargeRecord),
        events=of_case(Event, EventRecord),
        issues=of_case(Issue, IssueRecord),
        notes=of_case(Note, NoteRecord),
        statement_issues=_links(
            session, statement_issues, Statement, "statement_id", "issue_id", case_id
        ),
        event_issues=_links(session, event_issues, Event, "event_id", "issue_id", case_id),
        event_parties=_links(session, event_parties, Event, "event_id", "party_id", case_id),
        document_issues=_links(
            session, document_issues, Document, "document_id", "issue_id", case_id
        ),
    )


def read_case(ws: Workspace, case_ref: int | str) -> CaseRecords:
    """:func:`load_case` in a read-only session of its own."""
    with ws.reader() as session:
        return load_case(session, case_ref)
