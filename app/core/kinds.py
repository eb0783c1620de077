"""The kinds of record a case file holds, in one table: code, table, nouns, list, services.

Every place that needs to go from a kind ("statement") to its table, its words, the
case view's list that shows it or its service functions reads it here, instead of
writing out its own list of the kinds.

The table itself is plain data and imports nothing heavy: the main window names kinds
on its menus before SQLAlchemy is loaded. The service functions, entity specs and
models are loaded on first use (:func:`services`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from app.core.services.records import Entity
    from app.core.storage.models import Base
    from app.core.storage.workspace import Workspace

Snapshot = dict[str, Any]
# The kinds a person adds, edits and deletes from the window (people come with a party).
RecordKind = Literal[
    "case",
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


@dataclass(frozen=True)
class Kind:
    """One kind of record."""

    code: str  # what actions, undo texts and archives call it: "statement"
    table: str  # its table, also the audit trail's ``table_name``: "statements"
    noun: str  # one record in a sentence: "statement", "party"
    plural: str  # "statements", "parties"
    label: str  # the capitalised name the audit trail shows: "Statement", "Party"
    # The case view's list that shows it; None for cases and people (a person is shown
    # through their parts in cases).
    section: str | None = None
    # What the screens call one and many where that is not the record's noun: a party
    # is shown as the person it is.
    shown_as: tuple[str, str] | None = None

    @property
    def shown_noun(self) -> str:
        return self.shown_as[0] if self.shown_as else self.noun

    @property
    def shown_plural(self) -> str:
        return self.shown_as[1] if self.shown_as else self.plural

    @property
    def services(self) -> KindServices:
        return services(self.code)

    @property
    def model(self) -> type[Base]:
        return self.services.entity.model


KINDS: Mapping[str, Kind] = {
    kind.code: kind
    for kind in (
        Kind("case", "cases", "case", "cases", "Case"),
        Kind("person", "people", "person", "people", "Person"),
        # A party is a person's part in one case; the screens call it a person in the case.
        Kind(
            "party", "parties", "party", "parties", "Person in case", "people", ("person", "people")
        ),
        Kind("statement", "statements", "statement", "statements", "Statement", "statements"),
        Kind("charge", "charges", "charge", "charges", "Charge", "charges"),
        Kind("document", "documents", "document", "documents", "Document", "documents"),
        Kind("event", "events", "event", "events", "Event", "chronology"),
        Kind("issue", "issues", "issue", "issues", "Issue", "issues"),
        Kind("note", "notes", "note", "notes", "Note", "notes"),
        # The court dates come after the notes, so the older lists keep their Ctrl+number.
        Kind(
            "appearance",
            "appearances",
            "court appearance",
            "court appearances",
            "Court appearance",
            "court",
        ),
        Kind("filing", "filings", "filing", "filings", "Filing", "filings"),
        Kind("deadline", "deadlines", "deadline", "deadlines", "Deadline", "deadlines"),
    )
}
KIND_OF_TABLE: Mapping[str, Kind] = {kind.table: kind for kind in KINDS.values()}
# The kinds that belong to one case (everything but cases and people).
CASE_PARTS: tuple[Kind, ...] = tuple(kind for kind in KINDS.values() if kind.section)
# The case view's list -> the kind of record it adds (Chronology also lists statements).
KIND_OF_SECTION: Mapping[str, str] = {str(kind.section): kind.code for kind in CASE_PARTS}


@dataclass(frozen=True)
class KindServices:
    """The service functions and entity spec of one kind of record."""

    entity: Entity
    add: Callable[..., int]  # (ws, case_id, **values) -> id; case_id is None for a case
    update: Callable[..., None]
    get: Callable[[Workspace, int], Snapshot]
    delete: Callable[[Workspace, int], None]

    @property
    def noun(self) -> str:
        return self.entity.noun

    @property
    def table(self) -> str:
        return str(self.entity.model.__tablename__)


def services(code: str) -> KindServices:
    """The service functions of the kind ``code`` (loads the services on first use)."""
    return _all_services()[code]


@cache
def _all_services() -> Mapping[str, KindServices]:
    # Imported here, not at the top: the table above must load without SQLAlchemy.
    from app.core.services import (
        appearances,
        cases,
        charges,
        deadlines,
        documents,
        events,
        filings,
        issues,
        notes,
        people,
        statements,
    )

    def add_case(ws: Workspace, _case_id: int | None, **values: Any) -> int:
        return cases.add_case(ws, **values)

    def add_person(ws: Workspace, _case_id: int | None, **values: Any) -> int:
        return people.add_person(ws, **values)

    return {
        "case": KindServices(
            cases.CASE, add_case, cases.update_case, cases.get_case, cases.delete_case
        ),
        "person": KindServices(
            people.PERSON,
            add_person,
            people.update_person,
            people.get_person,
            people.delete_person,
        ),
        "party": KindServices(
            people.PARTY,
            people.add_party,
            people.update_party,
            people.get_party,
            people.delete_party,
        ),
        "statement": KindServices(
            statements.STATEMENT,
            statements.add_statement,
            statements.update_statement,
            statements.get_statement,
            statements.delete_statement,
        ),
        "charge": KindServices(
            charges.CHARGE,
            charges.add_charge,
            charges.update_charge,
            charges.get_charge,
            charges.delete_charge,
        ),
        "document": KindServices(
            documents.DOCUMENT,
            documents.add_document,
            documents.update_document,
            documents.get_document,
            documents.delete_document,
        ),
        "event": KindServices(
            events.EVENT,
            events.add_event,
            events.update_event,
            events.get_event,
            events.delete_event,
        ),
        "issue": KindServices(
            issues.ISSUE,
            issues.add_issue,
            issues.update_issue,
            issues.get_issue,
            issues.delete_issue,
        ),
        "note": KindServices(
            notes.NOTE, notes.add_note, notes.update_note, notes.get_note, notes.delete_note
        ),
        "appearance": KindServices(
            appearances.APPEARANCE,
            appearances.add_appearance,
            appearances.update_appearance,
            appearances.get_appearance,
            appearances.delete_appearance,
        ),
        "filing": KindServices(
            filings.FILING,
            filings.add_filing,
            filings.update_filing,
            filings.get_filing,
            filings.delete_filing,
        ),
        "deadline": KindServices(
            deadlines.DEADLINE,
            deadlines.add_deadline,
            deadlines.update_deadline,
            deadlines.get_deadline,
            deadlines.delete_deadline,
        ),
    }
