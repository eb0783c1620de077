"""Undoable changes without Qt: what a form saves, and each add, edit and delete as steps.

An operation does its work once (``apply``), then can be taken back (``revert``) and
done again (``reapply``); each step is one unit of work in the database:

* add: revert deletes the new record (and a person or party created with it);
  reapply puts the very same rows back (``restore.capture``/``restore``).
* edit: revert writes the snapshot taken before the edit; reapply the one after.
* delete: the rows the delete removes, and the references it clears, are
  captured first; revert restores them under their old ids with all their links.

Each operation also says which records its steps change (:class:`Changes`), so a
view refreshes only what shows them. The GUI runs operations on its undo stack
(``app.gui.commands``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.core import vocab
from app.core.kinds import KIND_OF_TABLE, KINDS, services
from app.core.progress import Progress, Stages
from app.core.services import people, records
from app.core.services import restore as rs
from app.core.storage.models import Base
from app.core.storage.workspace import Workspace

Snapshot = dict[str, Any]


@dataclass(frozen=True)
class Changes:
    """The records a step changed: ids by kind code (``{"statement": {12}}``).

    ``everything`` means the step cannot say (a view should re-read all it shows).
    """

    ids: Mapping[str, frozenset[int]] = field(default_factory=dict)
    everything: bool = False

    @classmethod
    def of(cls, records: Iterable[tuple[str, int]]) -> Changes:
        """From (kind code, id) pairs."""
        ids: dict[str, set[int]] = {}
        for kind, record_id in records:
            ids.setdefault(kind, set()).add(record_id)
        return cls({kind: frozenset(found) for kind, found in ids.items()})

    @classmethod
    def of_rows(cls, rows: Iterable[tuple[str, int]]) -> Changes:
        """From (table name, id) pairs, as ``restore`` names its roots."""
        return cls.of((KIND_OF_TABLE[table].code, record_id) for table, record_id in rows)

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(kind for kind, found in self.ids.items() if found)

    def touches(self, kinds: Iterable[str]) -> bool:
        return self.everything or not self.kinds.isdisjoint(kinds)

    def __bool__(self) -> bool:
        return self.everything or bool(self.kinds)

    def __or__(self, other: Changes) -> Changes:
        ids = {
            kind: self.ids.get(kind, frozenset()) | other.ids.get(kind, frozenset())
            for kind in {*self.ids, *other.ids}
        }
        return Changes(ids, self.everything or other.everything)


EVERYTHING = Changes(everything=True)
NOTHING = Changes()


def changes_of_captured(captured: rs.Captured | None) -> Changes:
    """The records a captured delete removes or unlinks, and those a restore puts back.

    A link row (a statement's issue) changes the records at both of its ends.
    """
    if captured is None:
        return NOTHING
    found: list[tuple[str, int]] = []
    for table, row in captured.rows:
        kind = KIND_OF_TABLE.get(table)
        if kind is not None:
            found.append((kind.code, int(row["id"])))
            continue
        for key in Base.metadata.tables[table].foreign_keys:
            target = KIND_OF_TABLE.get(key.column.table.name)
            value = row.get(key.parent.name)
            if target is not None and value is not None:
                found.append((target.code, int(value)))
    for table, pk, _values in captured.relinks:
        kind = KIND_OF_TABLE.get(table)
        if kind is not None and "id" in pk:
            found.append((kind.code, int(pk["id"])))
    return Changes.of(found)


# -- names for undo texts and confirmations -----------------------------------------


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
    snap = services(kind).get(ws, record_id)
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
    if kind in ("appearance", "filing"):
        # A court date by its day and purpose ("of Mar 2, 2026 (conference)"), a filing
        # by its title or kind: neither needs a title.
        day = snap["date"].display() if snap["date"] is not None else "undated"
        if kind == "appearance":
            purpose = vocab.label(vocab.APPEARANCE_PURPOSES, snap["purpose"]).lower()
            return f"of {day} ({purpose})"
        return f"{_quoted(snap['title'] or vocab.label(vocab.FILING_KINDS, snap['kind']))} of {day}"
    return _quoted(snap["title"])


# -- what a form saves ----------------------------------------------------------------

# The key of the record a plan saves, for a ``then`` create's ``case_ref`` or ``refs``.
MAIN = "__main__"


@dataclass
class SavePlan:
    """What a form wants saved: the record's values, plus records made or changed with it.

    ``creates`` come first (a new person and their party), ``refs`` fill fields of
    the record from them (``speaker_id`` -> the new party), ``related`` are other
    records edited in the same form (the person behind a party). ``then`` are created
    after the record, in the same unit of work; one whose ``case_ref`` is
    :data:`MAIN` belongs to the record itself (the client named on a new case).
    """

    values: Snapshot
    creates: list[rs.Create] = field(default_factory=list)
    then: list[rs.Create] = field(default_factory=list)
    refs: dict[str, str] = field(default_factory=dict)
    related: list[tuple[str, int, Snapshot]] = field(default_factory=list)
    # Keywords only the service's add takes (``file=`` for a document).
    service_kwargs: dict[str, Any] = field(default_factory=dict)

    @property
    def compound(self) -> bool:
        return bool(self.creates or self.refs or self.related or self.then)


# -- operations -------------------------------------------------------------------------


class Operation:
    """A change that can be applied, reverted and re-applied; each step one unit of work."""

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def reapply(self) -> None:
        raise NotImplementedError

    def changes(self) -> Changes:
        """The records the last step changed. A step and its reversal touch the same
        records, so this is the same after apply, revert and reapply. An operation
        that does not say is taken to change everything."""
        return EVERYTHING


def _entities_by_table() -> dict[str, Any]:
    return {kind.table: kind.services.entity for kind in KINDS.values()}


class AddOperation(Operation):
    def __init__(self, ws: Workspace, kind: str, case_id: int | None, plan: SavePlan) -> None:
        self.ws, self.kind, self.case_id, self.plan = ws, kind, case_id, plan
        self.record_id: int | None = None
        self.roots: list[rs.Root] = []
        self.captured: rs.Captured | None = None
        self.related_before: list[tuple[str, int, Snapshot]] = []
        self.related_after: list[tuple[str, int, Snapshot]] = []

    def apply(self) -> None:
        service = services(self.kind)
        plan = self.plan
        self.related_before = [(k, i, services(k).get(self.ws, i)) for k, i, _v in plan.related]
        if not plan.compound:
            self.record_id = service.add(
                self.ws, self.case_id, **plan.values, **plan.service_kwargs
            )
            self.roots = [(service.table, self.record_id)]
        else:
            main = rs.Create(MAIN, service.entity, plan.values, self.case_id, plan.refs)
            steps = [*plan.creates, main, *plan.then]
            created = rs.perform(
                self.ws,
                creates=steps,
                updates=[rs.Update(services(k).entity, i, v) for k, i, v in plan.related],
            )
            self.record_id = created[MAIN]
            self.roots = [
                (str(step.entity.model.__tablename__), created[step.key]) for step in steps
            ]
        self.related_after = [(k, i, services(k).get(self.ws, i)) for k, i, _v in plan.related]

    def revert(self) -> None:
        self.captured = rs.capture(self.ws, self.roots)
        entities = _entities_by_table()
        rs.perform(
            self.ws,
            updates=[rs.Update(services(k).entity, i, v) for k, i, v in self.related_before],
            deletes=[(entities[table], rid) for table, rid in reversed(self.roots)],
        )

    def reapply(self) -> None:
        rs.perform(
            self.ws,
            restore=self.captured,
            updates=[rs.Update(services(k).entity, i, v) for k, i, v in self.related_after],
        )

    def changes(self) -> Changes:
        related = Changes.of((k, i) for k, i, _v in self.plan.related)
        return Changes.of_rows(self.roots) | related | changes_of_captured(self.captured)


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
        return [(k, i, services(k).get(self.ws, i)) for k, i in self._targets()]

    def apply(self) -> None:
        service = services(self.kind)
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
                updates=[
                    main,
                    *(rs.Update(services(k).entity, i, v) for k, i, v in plan.related),
                ],
            )
            self.created = [
                (str(step.entity.model.__tablename__), created[step.key]) for step in plan.creates
            ]
        self.after = self._snapshots()

    def revert(self) -> None:
        entities = _entities_by_table()
        self.captured = rs.capture(self.ws, self.created) if self.created else None
        rs.perform(
            self.ws,
            updates=[rs.Update(services(k).entity, i, v) for k, i, v in self.before],
            deletes=[(entities[table], rid) for table, rid in reversed(self.created)],
        )

    def reapply(self) -> None:
        rs.perform(
            self.ws,
            restore=self.captured,
            updates=[rs.Update(services(k).entity, i, v) for k, i, v in self.after],
        )

    def changes(self) -> Changes:
        return (
            Changes.of(self._targets())
            | Changes.of_rows(self.created)
            | changes_of_captured(self.captured)
        )


class DeleteOperation(Operation):
    def __init__(self, ws: Workspace, kind: str, record_id: int) -> None:
        self.ws, self.kind, self.record_id = ws, kind, record_id
        self.captured: rs.Captured | None = None

    def apply(self) -> None:
        service = services(self.kind)
        self.captured = rs.capture(self.ws, [(service.table, self.record_id)])
        service.delete(self.ws, self.record_id)

    def revert(self) -> None:
        assert self.captured is not None
        rs.restore(self.ws, self.captured)

    def apply_in_background(self, ws: Workspace, progress: Progress) -> None:
        """:meth:`apply` for a whole case on a worker thread's handle ``ws``, read and
        deleted in one unit of work. ``progress`` may raise to stop, up to its last
        report, which comes before the commit: a stopped delete deletes nothing."""
        assert self.kind == "case", "only a case is deleted in the background"
        service = services(self.kind)
        stages = Stages(progress, {"read": 2, "delete": 1})
        with ws.session() as session:
            stages.begin("read")
            captured = rs.capture_in(
                session, [(service.table, self.record_id)], stages.part("read")
            )
            stages.finish("read")
            records.delete(session, service.entity, self.record_id)
            stages.finish("delete")
        self.captured = captured

    def revert_in_background(self, ws: Workspace, progress: Progress) -> None:
        """:meth:`revert` on a worker thread's handle ``ws``; stopped, it restores nothing."""
        assert self.captured is not None
        rs.restore(ws, self.captured, progress)

    def reapply(self) -> None:
        self.apply()

    def changes(self) -> Changes:
        return Changes.of([(self.kind, self.record_id)]) | changes_of_captured(self.captured)


class SequenceOperation(Operation):
    """Several operations as one: applied in order, reverted in reverse order."""

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

    def changes(self) -> Changes:
        total = NOTHING
        for part in self.parts:
            total |= part.changes()
        return total
