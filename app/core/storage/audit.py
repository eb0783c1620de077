"""The audit trail: every create, change and delete of a record, with who and when.

Hooked into the workspace's sessions (``install``), so no service has to remember
it: after each flush, one ``audit_log`` row per created, changed or deleted record
is written in the same transaction, so the trail commits or rolls back with the
change it describes. Each row names the user (the office login on PostgreSQL, the
OS user on SQLite), the table, record id and case, and every changed field's old
and new value as JSON. Changes to the links of a record (``issue_ids``,
``party_ids``) are recorded on the record that owns the link.

Bulk work that bypasses the ORM (the archive importer) calls :func:`record` once
per case instead, inside :func:`suppressed` if it also uses the ORM.

Nothing in the app updates or deletes audit rows; the database refuses it too
(triggers from migration 0003). Every row is appended through
``audit_chain.append``, which chains it to the one before it by hash, so a change
made by someone who removed those triggers shows in ``casefile check``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import weakref
from collections.abc import Iterator, Mapping
from typing import Any, Protocol

from sqlalchemy import Select, func, inspect, or_, select
from sqlalchemy.orm import RelationshipProperty, Session, sessionmaker

from app.core.dates import PartialDate
from app.core.errors import CasefileError, ConflictError
from app.core.storage import audit_chain, audit_witness
from app.core.storage.models import AuditEntry, Case, Party, Tracked

CREATE, UPDATE, DELETE, IMPORT = "create", "update", "delete", "import"

_OWNER_KEY = "casefile_audit_owner"
_SUPPRESS_KEY = "casefile_audit_suppressed"
_CASCADE_KEY = "casefile_audit_cascade"
_CHAIN_END_KEY = "casefile_audit_chain_end"
# Bookkeeping columns every record has; their changes are implied by the entry itself.
_SKIPPED = frozenset({"id", "version", "created_at", "updated_at"})
# Tables deleted with a case by the database (ON DELETE CASCADE), counted in the case's entry.
_CASE_CHILDREN = (
    "parties", "statements", "charges", "documents", "events", "issues", "notes",
    "appearances", "filings", "deadlines",
)  # fmt: skip


class _HasUser(Protocol):
    user: str


def install(sessions: sessionmaker[Session], owner: _HasUser) -> None:
    """Record every flush of sessions made by ``sessions``, as ``owner.user``."""
    info = dict(sessions.kw.get("info") or {})
    info[_OWNER_KEY] = weakref.ref(owner)  # the workspace owns the sessionmaker; no cycle
    sessions.configure(info=info)
    from sqlalchemy import event

    # Mark the sessionmaker itself: event.contains() is keyed by the id() of the
    # session class, and a new sessionmaker's class can reuse the id of a collected
    # one, so asking it would sometimes skip the hooks and lose the audit trail.
    if getattr(sessions, "_casefile_audited", False):
        return
    event.listen(sessions, "before_flush", _before_flush)
    event.listen(sessions, "after_flush", _after_flush)
    sessions._casefile_audited = True  # type: ignore[attr-defined]


def user_of(session: Session) -> str:
    ref = session.info.get(_OWNER_KEY)
    owner = ref() if ref is not None else None
    return getattr(owner, "user", "") or "unknown"


@contextlib.contextmanager
def suppressed(session: Session) -> Iterator[None]:
    """Skip the per-record entries inside the block (bulk imports record one entry per case)."""
    previous = session.info.get(_SUPPRESS_KEY, False)
    session.info[_SUPPRESS_KEY] = True
    try:
        yield
    finally:
        session.info[_SUPPRESS_KEY] = previous


def record(
    session: Session,
    action: str,
    table: str,
    record_id: int | None,
    case_id: int | None,
    changes: Mapping[str, Any] | None = None,
    note: str = "",
) -> None:
    """Write one audit entry now, in the session's transaction (for bulk work)."""
    append_entries(
        session, [_row(session, action, table, record_id, case_id, dict(changes or {}), note)]
    )


def append_entries(session: Session, rows: list[dict[str, Any]]) -> None:
    """Chain ``rows`` onto the trail in the session's transaction, and remember the new
    end for the workspace to record outside the database once it commits."""
    end = audit_chain.append(session.connection(), rows)
    if end is not None:
        session.info[_CHAIN_END_KEY] = end


def take_chain_end(session: Session) -> tuple[int, str, int] | None:
    """The chain's end the session's transaction left (None: it added no entry)."""
    return session.info.pop(_CHAIN_END_KEY, None)


# -- the hooks ---------------------------------------------------------------------------


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEntry):
            raise CasefileError("the audit log cannot be changed")
    if session.info.get(_SUPPRESS_KEY):
        return
    # The database deletes a case's records with it (passive deletes): count them now,
    # while they are still there, so the case's delete entry says what went with it.
    cascade: dict[int, str] = {}
    for obj in session.deleted:
        if isinstance(obj, Case) and obj.id is not None:
            cascade[obj.id] = _count_children(session, obj.id)
    session.info[_CASCADE_KEY] = cascade


def _after_flush(session: Session, _context: Any) -> None:
    # The session still shows the pre-flush new/dirty/deleted lists and attribute
    # history here, and new records now have their ids.
    if session.info.get(_SUPPRESS_KEY):
        return
    cascade: dict[int, str] = session.info.pop(_CASCADE_KEY, {})
    rows: list[dict[str, Any]] = []
    for obj in session.new:
        if isinstance(obj, Tracked):
            rows.append(_entry(session, CREATE, obj, _created(obj)))
    for obj in session.dirty:
        if isinstance(obj, Tracked) and obj not in session.deleted:
            changes = _changed(obj)
            if changes:
                rows.append(_entry(session, UPDATE, obj, changes))
    for obj in session.deleted:
        if isinstance(obj, Tracked):
            note = cascade.get(obj.id, "") if isinstance(obj, Case) else ""
            rows.append(_entry(session, DELETE, obj, _deleted(obj), note))
    if rows:
        append_entries(session, rows)


def _entry(
    session: Session, action: str, obj: Any, changes: dict[str, Any], note: str = ""
) -> dict[str, Any]:
    table = obj.__table__.name
    case_id = obj.id if isinstance(obj, Case) else getattr(obj, "case_id", None)
    return _row(session, action, table, obj.id, case_id, changes, note)


def _row(
    session: Session,
    action: str,
    table: str,
    record_id: int | None,
    case_id: int | None,
    changes: dict[str, Any],
    note: str,
) -> dict[str, Any]:
    return {
        "at": dt.datetime.now(dt.UTC),
        "user": user_of(session),
        "action": action,
        "table_name": table,
        "record_id": record_id,
        "case_id": case_id,
        "changes": {name: [to_json(old), to_json(new)] for name, (old, new) in changes.items()},
        "note": note,
    }


def _columns(obj: Any) -> Iterator[str]:
    for attr in inspect(obj).mapper.column_attrs:
        if attr.key not in _SKIPPED:
            yield attr.key


def _owned_links(obj: Any) -> Iterator[tuple[str, str]]:
    """(relationship, field name) of the many-to-many links this record owns."""
    for rel in inspect(obj).mapper.relationships:
        if _owns(rel):
            yield rel.key, _link_field(rel)


def _owns(rel: RelationshipProperty[Any]) -> bool:
    # The owner is the table the link table's first column points at
    # (statement_issues.statement_id -> statements), which is where services edit it.
    if rel.secondary is None:
        return False
    first = next(iter(rel.secondary.columns))
    return any(fk.column.table is rel.parent.local_table for fk in first.foreign_keys)


def _link_field(rel: RelationshipProperty[Any]) -> str:
    name = rel.mapper.local_table.name
    singular = name[:-3] + "y" if name.endswith("ies") else name.rstrip("s")
    return f"{singular}_ids"


def _created(obj: Any) -> dict[str, Any]:
    state = inspect(obj)
    changes: dict[str, Any] = {}
    for name in _columns(obj):
        value = state.dict.get(name)
        if value not in (None, "", [], False):
            changes[name] = (None, value)
    for key, field in _owned_links(obj):
        ids = sorted(item.id for item in state.dict.get(key) or [])
        if ids:
            changes[field] = (None, ids)
    return changes


def _changed(obj: Any) -> dict[str, Any]:
    state = inspect(obj)
    changes: dict[str, Any] = {}
    for name in _columns(obj):
        history = state.attrs[name].history
        if history.added or history.deleted:
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if to_json(old) != to_json(new):
                changes[name] = (old, new)
    for key, field in _owned_links(obj):
        history = state.attrs[key].history
        if history.added or history.deleted:
            kept = [item.id for item in history.unchanged]
            old_ids = sorted(kept + [item.id for item in history.deleted])
            new_ids = sorted(kept + [item.id for item in history.added])
            if old_ids != new_ids:
                changes[field] = (old_ids, new_ids)
    return changes


def _deleted(obj: Any) -> dict[str, Any]:
    # What was lost, so the trail can say what a deleted record said.
    state = inspect(obj)
    changes: dict[str, Any] = {}
    for name in _columns(obj):
        value = state.dict.get(name)
        if value not in (None, "", [], False):
            changes[name] = (value, None)
    for key, field in _owned_links(obj):
        ids = sorted(item.id for item in state.dict.get(key) or [])
        if ids:
            changes[field] = (ids, None)
    return changes


def _count_children(session: Session, case_id: int) -> str:
    from app.core.storage.models import Base

    tables = Base.metadata.tables
    parts = []
    for name in _CASE_CHILDREN:
        table = tables[name]
        count = session.connection().scalar(
            select(func.count()).select_from(table).where(table.c.case_id == case_id)
        )
        if count:
            parts.append(f"{count} {name}")
    return ("deleted with it: " + ", ".join(parts)) if parts else ""


def to_json(value: Any) -> Any:
    """A JSON-friendly form of a field value (PartialDate as its ISO text)."""
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


# -- reading the trail -------------------------------------------------------------------


def _utc(at: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands timestamps back without their zone; they were written in UTC.
    if at is not None and at.tzinfo is None:
        return at.replace(tzinfo=dt.UTC)
    return at


def _as_dict(row: Any) -> dict[str, Any]:
    # Read raw and parsed here, so one entry changed into nonsense outside the app
    # (SQLite keeps any text) is shown as unreadable instead of failing the history.
    note, changes, at = row.note, {}, None
    try:
        at = _utc(audit_chain.stored_time(row.at))
        changes = audit_chain.stored_changes(row.changes)
    except audit_chain.Unreadable as exc:
        note = f"this entry cannot be read ({exc}): it was changed outside Casefile"
    return {
        "id": row.id,
        "at": at.isoformat() if at else None,
        "user": row.user,
        "action": row.action,
        "table": row.table_name,
        "record_id": row.record_id,
        "case_id": row.case_id,
        "changes": changes,
        "note": note,
    }


def case_history_query(case_id: int) -> Select[Any]:
    """The raw audit entries about a case and its records, and about the people in it,
    oldest first: what ``casefile history`` shows and what an archive of the case carries."""
    people = select(Party.person_id).where(Party.case_id == case_id)
    return (
        select(*audit_chain.raw_columns())
        .where(
            or_(
                AuditEntry.case_id == case_id,
                (AuditEntry.table_name == "people") & AuditEntry.record_id.in_(people),
            )
        )
        .order_by(AuditEntry.id)
    )


def history_of_case(ws: Any, case_id: int) -> list[dict[str, Any]]:
    """Every entry about the case and its records, and about the people in it, oldest first."""
    with ws.reader() as session:
        return [_as_dict(row) for row in session.execute(case_history_query(case_id))]


def chain_problems(ws: Any) -> list[str]:
    """What is wrong with the workspace's audit chain (empty: whole), also measured
    against the end this computer last saw of it. Reads every entry."""
    with ws.reader() as session:
        connection = session.connection()
        found = audit_chain.verify(connection).problems
        return found or audit_witness.problems(connection, ws.url)


def history_of_record(ws: Any, table: str, record_id: int) -> list[dict[str, Any]]:
    """Every entry about one record (``table`` is its table name, e.g. ``statements``)."""
    with ws.reader() as session:
        query = (
            select(*audit_chain.raw_columns())
            .where(AuditEntry.table_name == table, AuditEntry.record_id == record_id)
            .order_by(AuditEntry.id)
        )
        return [_as_dict(row) for row in session.execute(query)]


def last_change(bind: Any, table: str, record_id: int) -> dict[str, Any] | None:
    """The newest committed entry about a record, read on a fresh connection."""
    with bind.connect() as connection:
        row = connection.execute(
            select(AuditEntry.user, AuditEntry.at, AuditEntry.action)
            .where(AuditEntry.table_name == table, AuditEntry.record_id == record_id)
            .order_by(AuditEntry.id.desc())
            .limit(1)
        ).first()
    if row is None:
        return None
    return {"user": row.user, "at": row.at, "action": row.action}


def conflict(session: Session, table: str, record_id: int, noun: str) -> ConflictError:
    """The error for a save that lost a race, naming who saved (or deleted) first and when."""
    last = last_change(session.get_bind(), table, record_id)
    if last is None:
        return ConflictError(
            f"this {noun} was changed by someone else at the same time; reload it and try again"
        )
    at = _utc(last["at"])
    when = at.astimezone().strftime("%Y-%m-%d %H:%M:%S") if at is not None else "just now"
    did = "deleted" if last["action"] == DELETE else "changed"
    return ConflictError(
        f"this {noun} was {did} by {last['user']} at {when} since you opened it; "
        "reload it and try again",
        changed_by=last["user"],
        changed_at=at.isoformat() if at is not None else "",
    )
