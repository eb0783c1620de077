"""Undo support: take a record out and put it back exactly, and do several changes at once.

The GUI's undo stack needs two things the per-record services cannot give it:

* :func:`capture` reads the rows a delete would remove (the record, everything
  that cascades with it, its link rows) and the references a delete would clear
  (``ON DELETE SET NULL``), straight from the schema's foreign keys. :func:`restore`
  writes them back in one unit of work: same ids, same uids, same timestamps and
  versions, so undoing a delete leaves the database as it was.
* :func:`perform` runs a mix of creates, updates and deletes through the same
  entity rules the services use, in one unit of work, so a form that creates a
  new person and the statement they made either saves both or neither.

Nothing here imports Qt.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from app.core.progress import Progress, Stages
from app.core.search import query as search
from app.core.services import people, records
from app.core.storage import audit
from app.core.storage.models import Base, Party
from app.core.storage.workspace import Workspace

Root = tuple[str, int]  # (table name, id)

# Past this many rows an undo re-indexes search once instead of row by row.
BULK_ROWS = 5000


@dataclass(frozen=True)
class Captured:
    """Rows to insert back (parents first) and references to point back at them."""

    rows: tuple[tuple[str, dict[str, Any]], ...] = ()
    roots: tuple[Root, ...] = ()
    # (table, primary key values, column values) for rows that survive the delete
    # but lose a reference to it.
    relinks: tuple[tuple[str, dict[str, Any], dict[str, Any]], ...] = ()

    def count(self, table: str) -> int:
        return sum(1 for name, _row in self.rows if name == table)

    def ids(self, table: str) -> list[int]:
        return [row["id"] for name, row in self.rows if name == table]


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _pk(table: Table, row: Mapping[str, Any]) -> dict[str, Any]:
    return {column.name: row[column.name] for column in table.primary_key.columns}


def capture(ws: Workspace, roots: Sequence[Root]) -> Captured:
    with ws.reader() as session:
        return capture_in(session, roots)


def capture_in(
    session: Session, roots: Sequence[Root], progress: Progress | None = None
) -> Captured:
    """What deleting ``roots`` would remove or unlink, read in ``session``;
    ``progress`` hears of each table read (it may raise to stop)."""
    tables = len(Base.metadata.sorted_tables)
    found: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {}
    relinks: dict[tuple[str, tuple[Any, ...]], tuple[dict[str, Any], dict[str, Any]]] = {}

    def visit(table: Table, column_name: str, values: list[Any]) -> None:
        if not values:
            return
        rows = session.execute(select(table).where(table.c[column_name].in_(values))).mappings()
        new_keys: list[Any] = []
        bucket = found.setdefault(table.name, {})
        pk_names = [column.name for column in table.primary_key.columns]
        for row in rows:
            data = dict(row)
            key = tuple(data[name] for name in pk_names)
            if key not in bucket:
                bucket[key] = data
                if "id" in data:
                    new_keys.append(data["id"])
        if progress is not None:
            progress(len(found), tables)
        if not new_keys:
            return
        for other in Base.metadata.sorted_tables:
            for fk in other.foreign_keys:
                if fk.column.table is not table:
                    continue
                ondelete = (fk.ondelete or "").upper()
                if ondelete == "CASCADE":
                    visit(other, fk.parent.name, new_keys)
                elif ondelete == "SET NULL":
                    refs = session.execute(
                        select(other).where(other.c[fk.parent.name].in_(new_keys))
                    ).mappings()
                    for ref in refs:
                        data = dict(ref)
                        pk = _pk(other, data)
                        key = (other.name, tuple(pk.values()))
                        kept = relinks.setdefault(key, (pk, {}))[1]
                        kept[fk.parent.name] = data[fk.parent.name]
                        # The database clears the column without touching these; a
                        # plain UPDATE would stamp a new updated_at, so write them back.
                        for extra in ("updated_at", "version"):
                            if extra in data:
                                kept[extra] = data[extra]

    for table_name, record_id in roots:
        visit(_table(table_name), "id", [record_id])

    ordered: list[tuple[str, dict[str, Any]]] = []
    for table in Base.metadata.sorted_tables:
        for data in found.get(table.name, {}).values():
            ordered.append((table.name, data))
    kept_relinks = tuple(
        (name, pk, values)
        for (name, key), (pk, values) in relinks.items()
        if key not in found.get(name, {})
    )
    return Captured(rows=tuple(ordered), relinks=kept_relinks, roots=tuple(roots))


def restore(ws: Workspace, captured: Captured, progress: Progress | None = None) -> None:
    """Put ``captured`` back in one unit of work. ``progress`` may raise to stop: its
    last report comes before the commit, so a stopped restore puts nothing back."""
    with ws.session() as session:
        restore_in(session, captured, progress)


def restore_in(session: Session, captured: Captured, progress: Progress | None = None) -> None:
    """Insert the captured rows back under their old keys and re-point the references.

    Rows go in one ``executemany`` per table (a big case is 100,000 rows: one
    statement each took minutes). Past :data:`BULK_ROWS` rows the search index is
    suspended and rebuilt once, as an import does, instead of row by row."""
    by_table: dict[str, list[dict[str, Any]]] = {}
    for name, data in captured.rows:
        by_table.setdefault(name, []).append(data)
    bulk = len(captured.rows) > BULK_ROWS
    stages = Stages(progress, {"insert": 3, "index": 2 if bulk else 0})
    stages.begin("insert")
    if bulk:
        search.suspend_index(session)
    done = 0
    for name, rows in by_table.items():  # parents first: rows come in schema order
        session.execute(insert(_table(name)), rows)
        done += len(rows)
        stages.report("insert", done, len(captured.rows))
    relinks: dict[tuple[str, tuple[str, ...], tuple[str, ...]], list[dict[str, Any]]] = {}
    for name, pk, values in captured.relinks:
        shape = (name, tuple(pk), tuple(values))
        relinks.setdefault(shape, []).append(
            {**{f"pk_{c}": v for c, v in pk.items()}, **{f"new_{c}": v for c, v in values.items()}}
        )
    for (name, pk_columns, value_columns), params in relinks.items():
        table = _table(name)
        statement = (
            update(table)
            .where(*[table.c[column] == bindparam(f"pk_{column}") for column in pk_columns])
            .values({column: bindparam(f"new_{column}") for column in value_columns})
        )
        session.execute(statement, params)
    if bulk:
        search.rebuild_index(session)
    stages.finish("index")
    for name, record_id in captured.roots:
        # Raw inserts pass the ORM's audit hooks by; say in the trail what came back.
        row = next((r for r in by_table.get(name, ()) if r.get("id") == record_id), None)
        if row is None:
            continue
        case_id = record_id if name == "cases" else row.get("case_id")
        others = len(captured.rows) - len(captured.roots)
        note = "restored by undo" + (f" with {others} linked rows" if others > 0 else "")
        audit.record(session, audit.CREATE, name, record_id, case_id, note=note)
    session.flush()
    # Objects loaded before the restore must not shadow the rows just written.
    session.expire_all()


@dataclass(frozen=True)
class Create:
    """Create a record; ``refs`` fill id fields from records created earlier (by ``key``)."""

    key: str
    entity: records.Entity
    values: Mapping[str, Any]
    case_id: int | None = None
    refs: Mapping[str, str] = field(default_factory=dict)
    # The case is one created earlier in the same unit (a new case's client), by ``key``.
    case_ref: str | None = None


@dataclass(frozen=True)
class Update:
    entity: records.Entity
    record_id: int
    values: Mapping[str, Any]
    expected_version: int | None = None
    refs: Mapping[str, str] = field(default_factory=dict)


def perform(
    ws: Workspace,
    *,
    restore: Captured | None = None,
    creates: Sequence[Create] = (),
    updates: Sequence[Update] = (),
    deletes: Sequence[tuple[records.Entity, int]] = (),
) -> dict[str, int]:
    """Restore, create, update and delete (in that order) in one unit of work.

    Returns the ids of the created records by their ``key``. Any error rolls the
    whole unit back: nothing is half-saved.
    """
    created: dict[str, int] = {}
    with ws.session() as session:
        if restore is not None:
            restore_in(session, restore)
        for step in creates:
            values = {**step.values, **{name: created[key] for name, key in step.refs.items()}}
            case_id = created[step.case_ref] if step.case_ref else step.case_id
            if step.entity.model is Party:
                people.refuse_duplicate_party(session, case_id or 0, values.get("person_id"))
            record = records.create(session, step.entity, values, case_id=case_id)
            created[step.key] = record.id
        for change in updates:
            values = {**change.values, **{name: created[key] for name, key in change.refs.items()}}
            records.update(
                session,
                change.entity,
                change.record_id,
                values,
                expected_version=change.expected_version,
            )
        for entity, record_id in deletes:
            records.delete(session, entity, record_id)
    return created


def version_of(ws: Workspace, entity: records.Entity, record_id: int) -> int:
    """The record's optimistic-lock version, to pass back as ``expected_version``."""
    with ws.reader() as session:
        return int(records.get(session, entity, record_id).version)
