"""Undoable changes: one QUndoCommand per add, edit or delete, each calling the services.

A command does its work once before it is pushed (so a validation error reaches
the form and nothing lands on the stack), then undo and redo replay it. Each
direction is one unit of work in the database:

* add: undo deletes the new record (and a person or party created with it);
  redo puts the very same rows back (``restore.capture``/``restore``).
* edit: undo writes the snapshot taken before the edit; redo the one after.
* delete: the rows the delete removes, and the references it clears, are
  captured first; undo restores them under their old ids with all their links.

A change that fails on undo or redo (someone else changed the record on a shared
server) is reported and dropped from the stack rather than half-applied.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from PySide6.QtGui import QUndoCommand
from sqlalchemy.exc import SQLAlchemyError

from app.core.errors import CasefileError
from app.core.services import (
    cases,
    charges,
    documents,
    events,
    issues,
    notes,
    people,
    statements,
)
from app.core.services import restore as rs
from app.core.services._records import Entity
from app.core.storage.workspace import Workspace

RecordKind = Literal["case", "party", "statement", "charge", "document", "event", "issue", "note"]
Snapshot = dict[str, Any]
Reporter = Callable[[str], None]


@dataclass(frozen=True)
class KindServices:
    """The service functions and entity spec of one kind of record."""

    noun: str
    entity: Entity
    add: Callable[..., int]
    update: Callable[..., None]
    get: Callable[[Workspace, int], Snapshot]
    delete: Callable[[Workspace, int], None]

    @property
    def table(self) -> str:
        return str(self.entity.model.__tablename__)


def _add_case(ws: Workspace, _case_id: int | None, **values: Any) -> int:
    return cases.add_case(ws, **values)


KINDS: Mapping[str, KindServices] = {
    "case": KindServices(
        "case", cases.CASE, _add_case, cases.update_case, cases.get_case, cases.delete_case
    ),
    "party": KindServices(
        "party",
        people.PARTY,
        people.add_party,
        people.update_party,
        people.get_party,
        people.delete_party,
    ),
    "person": KindServices(
        "person",
        people.PERSON,
        lambda ws, _case_id, **values: people.add_person(ws, **values),
        people.update_person,
        people.get_person,
        people.delete_person,
    ),
    "statement": KindServices(
        "statement",
        statements.STATEMENT,
        statements.add_statement,
        statements.update_statement,
        statements.get_statement,
        statements.delete_statement,
    ),
    "charge": KindServices(
        "charge",
        charges.CHARGE,
        charges.add_charge,
        charges.update_charge,
        charges.get_charge,
        charges.delete_charge,
    ),
    "document": KindServices(
        "document",
        documents.DOCUMENT,
        documents.add_document,
        documents.update_document,
        documents.get_document,
        documents.delete_document,
    ),
    "event": KindServices(
        "event",
        events.EVENT,
        events.add_event,
        events.update_event,
        events.get_event,
        events.delete_event,
    ),
    "issue": KindServices(
        "issue",
        issues.ISSUE,
        issues.add_issue,
        issues.update_issue,
        issues.get_issue,
        issues.delete_issue,
    ),
    "note": KindServices(
        "note", notes.NOTE, notes.add_note, notes.update_note, notes.get_note, notes.delete_note
    ),
}


def _quoted(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"“{text}”"


def party_name(ws: Workspace, party_id: int | None) -> str:
    if party_id is None:
        return ""
    return person_name(ws, people.get_party(ws, party_id)["person_id"])


def person_name(ws: Workspace, person_id: int) -> str:
    return str(people.get_person(ws, person_id)["name"])


def describe(ws: Workspace, kind: str, record_id: int) -> str:
    """How a record is named in undo texts and confirmations ("by Derrick Ingram", "1")."""
    snap = KINDS[kind].get(ws, record_id)
    if kind == "case":
        return _quoted(snap["caption"])
    if kind == "party":
        return person_name(ws, snap["person_id"])
    if kind == "person":
        return str(snap["name"])
    if kind == "statement":
        return f"by {party_name(ws, snap['speaker_id'])}"
    if kind == "charge":
        return str(snap["count_number"])
    if kind == "note":
        return _quoted(snap["body"], 30)
    return _quoted(snap["title"])


@dataclass
class SavePlan:
    """What a form wants saved: the record's values, plus records made or changed with it.

    ``creates`` come first (a new person and their party), ``refs`` fill fields of
    the record from them (``speaker_id`` -> the new party), ``related`` are other
    records edited in the same form (the person behind a party).
    """

    values: Snapshot
    creates: list[rs.Create] = field(default_factory=list)
    refs: dict[str, str] = field(default_factory=dict)
    related: list[tuple[str, int, Snapshot]] = field(default_factory=list)
    # Keywords only the service's add takes (``file=`` for a document).
    service_kwargs: dict[str, Any] = field(default_factory=dict)

    @property
    def compound(self) -> bool:
        return bool(self.creates or self.refs or self.related)


class Operation:
    """A change that can be applied, reverted and re-applied; each step one unit of work."""

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def reapply(self) -> None:
        raise NotImplementedError


class AddOperation(Operation):
    def __init__(self, ws: Workspace, kind: str, case_id: int | None, plan: SavePlan) -> None:
        self.ws, self.kind, self.case_id, self.plan = ws, kind, case_id, plan
        self.record_id: int | None = None
        self.roots: list[rs.Root] = []
        self.captured: rs.Captured | None = None
        self.related_before: list[tuple[str, int, Snapshot]] = []
        self.related_after: list[tuple[str, int, Snapshot]] = []

    def apply(self) -> None:
        service = KINDS[self.kind]
        plan = self.plan
        self.related_before = [(k, i, KINDS[k].get(self.ws, i)) for k, i, _v in plan.related]
        if not plan.compound:
            self.record_id = service.add(
                self.ws, self.case_id, **plan.values, **plan.service_kwargs
            )
            self.roots = [(service.table, self.record_id)]
        else:
            main = rs.Create("__main__", service.entity, plan.values, self.case_id, plan.refs)
            created = rs.perform(
                self.ws,
                creates=[*plan.creates, main],
                updates=[rs.Update(KINDS[k].entity, i, v) for k, i, v in plan.related],
            )
            self.record_id = created["__main__"]
            self.roots = [
                (str(step.entity.model.__tablename__), created[step.key])
                for step in [*plan.creates, main]
            ]
        self.related_after = [(k, i, KINDS[k].get(self.ws, i)) for k, i, _v in plan.related]

    def revert(self) -> None:
        self.captured = rs.capture(self.ws, self.roots)
        entities = {KINDS[k].table: KINDS[k].entity for k in KINDS}
        rs.perform(
            self.ws,
            updates=[rs.Update(KINDS[k].entity, i, v) for k, i, v in self.related_before],
            deletes=[(entities[table], rid) for table, rid in reversed(self.roots)],
        )

    def reapply(self) -> None:
        rs.perform(
            self.ws,
            restore=self.captured,
            updates=[rs.Update(KINDS[k].entity, i, v) for k, i, v in self.related_after],
        )


class EditOperation(Operation):
    def __init__(
        self,
        ws: Workspace,
        kind: str,
        record_id: int,
        plan: SavePlan,
        expected_version: int | None = None,
    ) -> None:
        self.ws, self.kind, self.record_id, self.plan = ws, kind, record_id, plan
        self.expected_version = expected_version
        self.before: list[tuple[str, int, Snapshot]] = []
        self.after: list[tuple[str, int, Snapshot]] = []
        self.created: list[rs.Root] = []
        self.captured: rs.Captured | None = None

    def _targets(self) -> list[tuple[str, int]]:
        return [(self.kind, self.record_id)] + [(k, i) for k, i, _v in self.plan.related]

    def _snapshots(self) -> list[tuple[str, int, Snapshot]]:
        return [(k, i, KINDS[k].get(self.ws, i)) for k, i in self._targets()]

    def apply(self) -> None:
        service = KINDS[self.kind]
        plan = self.plan
        self.before = self._snapshots()
        if not plan.compound:
            service.update(
                self.ws, self.record_id, expected_version=self.expected_version, **plan.values
            )
        else:
            main = rs.Update(
                service.entity, self.record_id, plan.values, self.expected_version, plan.refs
            )
            created = rs.perform(
                self.ws,
                creates=plan.creates,
                updates=[main, *(rs.Update(KINDS[k].entity, i, v) for k, i, v in plan.related)],
            )
            self.created = [
                (str(step.entity.model.__tablename__), created[step.key]) for step in plan.creates
            ]
        self.after = self._snapshots()

    def revert(self) -> None:
        entities = {KINDS[k].table: KINDS[k].entity for k in KINDS}
        self.captured = rs.capture(self.ws, self.created) if self.created else None
        rs.perform(
            self.ws,
            updates=[rs.Update(KINDS[k].entity, i, v) for k, i, v in self.before],
            deletes=[(entities[table], rid) for table, rid in reversed(self.created)],
        )

    def reapply(self) -> None:
        rs.perform(
            self.ws,
            restore=self.captured,
            updates=[rs.Update(KINDS[k].entity, i, v) for k, i, v in self.after],
        )


class DeleteOperation(Operation):
    def __init__(self, ws: Workspace, kind: str, record_id: int) -> None:
        self.ws, self.kind, self.record_id = ws, kind, record_id
        self.captured: rs.Captured | None = None

    def apply(self) -> None:
        service = KINDS[self.kind]
        self.captured = rs.capture(self.ws, [(service.table, self.record_id)])
        service.delete(self.ws, self.record_id)

    def revert(self) -> None:
        assert self.captured is not None
        rs.restore(self.ws, self.captured)

    def reapply(self) -> None:
        self.apply()


def _report_to_stderr(message: str) -> None:
    import sys

    print(f"casefile: {message}", file=sys.stderr)


class OperationCommand(QUndoCommand):
    """Runs an :class:`Operation` on the undo stack.

    Call :meth:`execute` first (it raises, so the form can show the error), then
    push the command: the push's own ``redo()`` sees the work is done and skips it.
    """

    def __init__(
        self,
        operation: Operation,
        text: str,
        parent: QUndoCommand | None = None,
        report: Reporter | None = None,
    ) -> None:
        super().__init__(text, parent)
        self.operation = operation
        self.report = report or _report_to_stderr
        self._applied = False
        self._ever_applied = False

    def execute(self) -> None:
        self.operation.apply()
        self._applied = self._ever_applied = True

    def redo(self) -> None:
        if self._applied:
            return
        if self._guard(self.operation.reapply if self._ever_applied else self.operation.apply):
            self._applied = self._ever_applied = True

    def undo(self) -> None:
        if not self._applied:
            return
        if self._guard(self.operation.revert):
            self._applied = False

    def _guard(self, step: Callable[[], None]) -> bool:
        try:
            step()
        except (CasefileError, SQLAlchemyError) as exc:
            # The database is as it was (the unit of work rolled back); drop the
            # command so the stack does not claim a state it cannot reach.
            self.setObsolete(True)
            self.report(f"Could not {self._verb()} “{self.text()}”: {exc}")
            return False
        return True

    def _verb(self) -> str:
        return "redo" if not self._applied else "undo"


class MacroCommand(OperationCommand):
    """Several already-applied operations as one undo step (files dropped together).

    The parts are plain operations, not child QUndoCommands: Qt would own and free
    child commands behind Python's back.
    """

    def __init__(self, text: str, report: Reporter | None = None) -> None:
        super().__init__(_Sequence([]), text, report=report)
        self._applied = self._ever_applied = True

    def adopt(self, operation: Operation) -> None:
        assert isinstance(self.operation, _Sequence)
        self.operation.parts.append(operation)


class _Sequence(Operation):
    def __init__(self, parts: list[Operation]) -> None:
        self.parts = parts

    def apply(self) -> None:
        for part in self.parts:
            part.apply()

    def revert(self) -> None:
        for part in reversed(self.parts):
            part.revert()

    def reapply(self) -> None:
        for part in self.parts:
            part.reapply()
