"""A whole case read in one go, as plain data: :func:`load_case` and its records.

Three readers need every record of a case at once: ``casefile show --json``
(:mod:`app.core.lists.casedump`), the archive exporter
(:mod:`app.core.archive.write`) and the case brief (:mod:`app.briefs.build`).
They all start from :class:`CaseRecords`, read here in a handful of queries
(one per kind of record, one per link table). The records are frozen
dataclasses, not ORM objects: they hold no session, load nothing lazily and
cost far less to make than mapped rows, so a brief of a large case can be
built after the session is closed.

Each record class is made from its kind's field table (the ``Entity`` of its
service): a new field there is a new attribute here, with no edit in this file.

Records come in id order; each reader sorts them as it shows them.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, inspect, select
from sqlalchemy.orm import Session

from app.core.services.appearances import APPEARANCE
from app.core.services.cases import CASE, find_case
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
from app.core.storage.models import (
    Appearance,
    Charge,
    Deadline,
    Document,
    Event,
    Filing,
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

# Columns a record carries besides the fields of its kind's table (when its model has them).
RECORD_KEYS = ("id", "uid")


def record_class(entity: Entity, doc: str, *extra: tuple[str, str]) -> type[Any]:
    """A frozen, slotted dataclass of ``entity``'s record: its id (and uid), then every
    field of its field table that is a column, in the model's column order (link
    fields such as ``issue_ids`` live in other tables: see :class:`CaseRecords`).
    ``extra`` adds (name, type) fields after those, given by keyword. Each field is typed
    as its column and defaults to the field table's empty value, so a record made by hand
    (a test, a preview) names only what it cares about and a new field breaks none."""
    model = entity.model
    names = [
        key
        for key, _column in inspect(model).columns.items()
        if key in RECORD_KEYS or key in entity.fields
    ]
    specs: list[Any] = [
        (name, _column_type(model, name))
        if name in RECORD_KEYS
        else (name, _column_type(model, name), _default(entity.fields[name].empty))
        for name in names
    ]
    specs += [(name, kind, field(kw_only=True)) for name, kind in extra]
    return dataclasses.make_dataclass(
        f"{model.__name__}Record",
        specs,
        frozen=True,
        slots=True,
        namespace={"__doc__": doc, "__module__": __name__},
    )


def _default(empty: Any) -> Any:
    """A dataclass default for a field table's empty value (``list`` makes a new list)."""
    return field(default_factory=empty) if callable(empty) else field(default=empty)


def _column_type(model: type[Any], name: str) -> Any:
    """The Python type of a column, from its ``Mapped[...]`` annotation (kept as text)."""
    for cls in model.__mro__:
        annotation = cls.__dict__.get("__annotations__", {}).get(name)
        if isinstance(annotation, str) and annotation.startswith("Mapped["):
            return annotation.removeprefix("Mapped[").removesuffix("]")
    return Any


CaseRecord = record_class(CASE, "A case's own fields.")
PersonRecord = record_class(PERSON, "A person, as every case they are part of shares them.")
PartyRecord = record_class(
    PARTY,
    "A person's part in the case; ``person`` is the person's own record.",
    ("person", "PersonRecord"),
)
DocumentRecord = record_class(
    DOCUMENT, "A document's fields, without its extracted text (that can be megabytes)."
)
StatementRecord = record_class(STATEMENT, "A statement; its issues are in CaseRecords.")
ChargeRecord = record_class(CHARGE, "A count of the charging instrument.")
EventRecord = record_class(EVENT, "An event of the chronology; its links are in CaseRecords.")
IssueRecord = record_class(ISSUE, "A legal issue or defense theory.")
NoteRecord = record_class(NOTE, "A note or to-do.")
AppearanceRecord = record_class(APPEARANCE, "A court appearance: an entry of the 30.30 ledger.")
FilingRecord = record_class(FILING, "A filing: readiness, a certificate, a motion, a decision.")
DeadlineRecord = record_class(DEADLINE, "A deadline added by hand.")

# Link fields (a kind's ``links``) -> the CaseRecords attribute holding their ids.
LINK_MAPS = {
    ("statement", "issue_ids"): "statement_issues",
    ("event", "issue_ids"): "event_issues",
    ("event", "party_ids"): "event_parties",
    ("document", "issue_ids"): "document_issues",
}


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
    # The court records: a case made by hand (a test, a preview) may leave them out.
    appearances: list[AppearanceRecord] = field(default_factory=list)
    filings: list[FilingRecord] = field(default_factory=list)
    deadlines: list[DeadlineRecord] = field(default_factory=list)
    # record id -> linked ids, in id order
    statement_issues: dict[int, list[int]] = field(default_factory=dict)
    event_issues: dict[int, list[int]] = field(default_factory=dict)
    event_parties: dict[int, list[int]] = field(default_factory=dict)
    document_issues: dict[int, list[int]] = field(default_factory=dict)

    def linked(self, entity: Entity, name: str) -> dict[int, list[int]]:
        """The id map of ``entity``'s link field ``name`` (record id -> linked ids)."""
        ids: dict[int, list[int]] = getattr(self, LINK_MAPS[entity.noun, name])
        return ids


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
        appearances=of_case(Appearance, AppearanceRecord),
        filings=of_case(Filing, FilingRecord),
        deadlines=of_case(Deadline, DeadlineRecord),
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
