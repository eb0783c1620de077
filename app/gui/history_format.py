"""Words for the audit trail: field labels, values as people write them, record names.

Used by the History view (``app.gui.history_view``). Labels come from the entity
specs (``Field.label``), dates through ``PartialDate.display()``, codes through
their vocabularies, and ids become the names of what they point at, looked up
once per page of entries (``Names``), so a page costs a query per table, not per row.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import select

from app.context import AppContext
from app.core import vocab
from app.core.dates import PartialDate
from app.core.kinds import KINDS
from app.core.services import fields
from app.core.storage.models import (
    Appearance,
    Case,
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
)

# audit_log table name -> the entity spec (field labels and vocabularies), the noun.
SPECS = {kind.table: kind.services.entity for kind in KINDS.values()}
NOUNS = {kind.table: kind.label for kind in KINDS.values()}
ACTIONS = {"create": "Created", "update": "Changed", "delete": "Deleted", "import": "Imported"}
# Fields that are not in the entity specs (bookkeeping the trail still records).
EXTRA_LABELS = {
    "uid": "Identifier (UID)",
    "case_id": "Case",
    "extracted_text": "Text read from the file",
    "extraction_note": "Text reading note",
}
# Id fields and the table their ids point at.
ID_TARGETS = {
    "person_id": "people",
    "speaker_id": "parties",
    "recipient_party_id": "parties",
    "source_document_id": "documents",
    "issue_ids": "issues",
    "party_ids": "parties",
}
# What names a record, to say which one a line is about (also for deleted ones).
NAME_FIELDS = ("caption", "name", "title", "statute", "text", "body")
# Words someone wrote or said: shown in quotes where they name the record.
QUOTED = frozenset({"statements", "notes"})
# Implied by where the history is shown.
HIDDEN_FIELDS = frozenset({"case_id"})
# The cleaners of date fields, whose stored ISO text is shown as people write a date.
DATE_CLEANERS = (fields.date, fields.day, fields.optional_day)


def _court_date_name(table: str, day: Any, what: Any) -> str:
    """A court appearance or filing has no title: its date and what it was name it."""
    vocabulary = vocab.APPEARANCE_PURPOSES if table == "appearances" else vocab.FILING_KINDS
    try:
        shown = PartialDate.from_iso(str(day)).display() if day else "Undated"
    except ValueError:
        shown = str(day)
    return f"{shown}, {vocab.label(vocabulary, str(what or '')).lower()}".rstrip(", ")


def _newest(changes: Mapping[str, Any], name: str) -> Any:
    """The value a field ended with in an entry (the old one, in a delete)."""
    pair = changes.get(name)
    if isinstance(pair, list) and len(pair) == 2:
        return pair[1] if pair[1] not in (None, "") else pair[0]
    return None


def elide(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def local_time(at: dt.datetime | None, seconds: bool = False) -> str:
    if at is None:
        return ""
    if at.tzinfo is None:  # SQLite hands back the stored UTC time without its zone
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone().strftime("%b %d, %Y %H:%M:%S" if seconds else "%b %d, %Y %H:%M")


def _quoted(table: str, text: str) -> str:
    return f"“{text}”" if table in QUOTED and text else text


def field_label(table: str, name: str) -> str:
    spec = SPECS.get(table)
    if spec is not None and name in spec.fields:
        return spec.fields[name].label
    return EXTRA_LABELS.get(name) or name.replace("_", " ").capitalize()


def _ordered(table: str, changes: Mapping[str, Any]) -> list[str]:
    spec = SPECS.get(table)
    order = list(spec.fields) if spec is not None else []
    return sorted(changes, key=lambda n: (order.index(n) if n in order else len(order), n))


class Names:
    """Names of the records a page mentions, read in one query per table."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.wanted: dict[str, set[int]] = {}
        self.found: dict[str, dict[int, str]] = {}

    def want(self, table: str, ids: Iterable[Any]) -> None:
        self.wanted.setdefault(table, set()).update(i for i in ids if isinstance(i, int))

    def get(self, table: str, record_id: Any) -> str | None:
        return self.found.get(table, {}).get(record_id)

    def load(self) -> None:
        queries: dict[str, Callable[[set[int]], Any]] = {
            "cases": lambda ids: select(Case.id, Case.caption).where(Case.id.in_(ids)),
            "people": lambda ids: select(Person.id, Person.name).where(Person.id.in_(ids)),
            "parties": lambda ids: (
                select(Party.id, Person.name)
                .join(Person, Person.id == Party.person_id)
                .where(Party.id.in_(ids))
            ),
            "statements": lambda ids: select(Statement.id, Statement.text).where(
                Statement.id.in_(ids)
            ),
            "charges": lambda ids: select(Charge.id, Charge.statute, Charge.count_number).where(
                Charge.id.in_(ids)
            ),
            "documents": lambda ids: select(Document.id, Document.title).where(
                Document.id.in_(ids)
            ),
            "events": lambda ids: select(Event.id, Event.title).where(Event.id.in_(ids)),
            "issues": lambda ids: select(Issue.id, Issue.title).where(Issue.id.in_(ids)),
            "notes": lambda ids: select(Note.id, Note.body).where(Note.id.in_(ids)),
            "appearances": lambda ids: select(
                Appearance.id, Appearance.date, Appearance.purpose
            ).where(Appearance.id.in_(ids)),
            "filings": lambda ids: select(Filing.id, Filing.date, Filing.kind, Filing.title).where(
                Filing.id.in_(ids)
            ),
            "deadlines": lambda ids: select(Deadline.id, Deadline.title).where(
                Deadline.id.in_(ids)
            ),
        }
        todo = {t: ids for t, ids in self.wanted.items() if ids and t in queries}
        if not todo:
            return
        with self.ctx.workspace.reader() as session:
            for table, ids in todo.items():
                got = self.found.setdefault(table, {})
                ordered = sorted(ids)
                for start in range(0, len(ordered), 500):  # under every backend's limit
                    chunk = set(ordered[start : start + 500])
                    for record_id, name, *more in session.execute(queries[table](chunk)):
                        got[record_id] = _quoted(table, elide(_name(table, name, more), 80))
        self.wanted = {}


def _name(table: str, name: Any, more: list[Any]) -> str:
    """A record's name from the columns its table's query reads (see ``Names.load``)."""
    if table == "charges":
        return f"Count {more[0]}: {name}"
    if table == "filings" and more[1]:
        return str(more[1])
    if table in ("appearances", "filings"):
        return _court_date_name(table, name.iso() if name is not None else None, more[0])
    return str(name or "")


class Formatter:
    """Readable words for one page of entries (``names`` filled before ``row``)."""

    def __init__(self, names: Names) -> None:
        self.names = names

    def prepare(self, entries: list[dict[str, Any]]) -> None:
        for entry in entries:
            if entry["record_id"] is not None:
                self.names.want(entry["table"], [entry["record_id"]])
            for name, pair in entry["changes"].items():
                target = ID_TARGETS.get(name)
                if target is None or not isinstance(pair, list):
                    continue
                for value in pair:
                    self.names.want(target, value if isinstance(value, list) else [value])
        self.names.load()

    def value(self, table: str, name: str, value: Any) -> str:
        if value is None or value == "" or value == []:
            return "—"
        target = ID_TARGETS.get(name)
        if target is not None:
            items = value if isinstance(value, list) else [value]
            return ", ".join(self._pointed(target, item) for item in items) or "—"
        spec = SPECS.get(table)
        field = spec.fields.get(name) if spec is not None else None
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if field is not None and field.clean in DATE_CLEANERS and isinstance(value, str):
            try:
                return PartialDate.from_iso(value).display()
            except ValueError:
                return value
        if field is not None and field.vocabulary is not None:
            codes = value if isinstance(value, list) else [value]
            return ", ".join(vocab.label(field.vocabulary, str(c)) for c in codes)  # type: ignore[arg-type]
        if name == "file_size" and isinstance(value, int):
            from app.gui.models.record_list import format_size

            return format_size(value)
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        if isinstance(value, dict):
            return json.dumps(value, ensure_ascii=False)
        return str(value)

    def _pointed(self, table: str, item: Any) -> str:
        if item is None:
            return "(a record no longer here)"
        return self.names.get(table, item) or f"#{item} (deleted)"

    def record(self, entry: dict[str, Any]) -> str:
        table = entry["table"]
        noun = NOUNS.get(table, table or "Record")
        name = self.names.get(table, entry["record_id"])
        if name is None:
            name = self._name_from_changes(entry)
            # The delete entry says so itself; any other entry of a gone record says it here.
            if table in NOUNS and table != "cases" and entry["action"] != "delete":
                noun += " (deleted)"
        return f"{noun}: {name}" if name else noun

    def _name_from_changes(self, entry: dict[str, Any]) -> str:
        changes = entry["changes"]
        if entry["table"] in ("appearances", "filings") and not _newest(changes, "title"):
            what = "purpose" if entry["table"] == "appearances" else "kind"
            return _court_date_name(
                entry["table"], _newest(changes, "date"), _newest(changes, what)
            )
        for name in NAME_FIELDS:
            pair = changes.get(name)
            if isinstance(pair, list) and len(pair) == 2:
                text = pair[1] if pair[1] not in (None, "") else pair[0]
                if isinstance(text, str) and text:
                    return _quoted(entry["table"], elide(text, 80))
        person = changes.get("person_id")
        if isinstance(person, list) and len(person) == 2:
            pointed = person[1] if person[1] is not None else person[0]
            return self.names.get("people", pointed) or ""
        return ""

    def pairs(self, entry: dict[str, Any]) -> list[tuple[str, str, str]]:
        """(label, before, after) of every changed field, in the form's order."""
        table, changes = entry["table"], entry["changes"]
        result = []
        for name in _ordered(table, changes):
            if name in HIDDEN_FIELDS:
                continue
            pair = changes[name]
            old, new = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
            result.append(
                (
                    field_label(table, name),
                    self.value(table, name, old),
                    self.value(table, name, new),
                )
            )
        return result

    def summary(self, entry: dict[str, Any], limit: int) -> list[str]:
        action = entry["action"]
        lines = []
        for label, old, new in self.pairs(entry):
            if action == "create":
                lines.append(f"{label}: {elide(new, limit)}")
            elif action == "delete":
                lines.append(f"{label} was: {elide(old, limit)}")
            else:
                lines.append(f"{label}: {elide(old, limit)} → {elide(new, limit)}")
        return lines
