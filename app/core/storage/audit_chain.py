"""The audit trail's hash chain: appending entries to it, and checking it is whole.

Every ``audit_log`` row carries ``prev_hash`` (the hash of the entry before it, or
``GENESIS`` for the first) and ``hash``: SHA-256 over a canonical serialisation of
its own fields and ``prev_hash`` (:func:`entry_hash`). The one-row ``audit_head``
table holds the chain's end (the last entry's id and hash, and how many entries
there are); it is updated in the same transaction as every append.

Appends are serialised: :func:`append` first updates the head row (a row lock on
PostgreSQL, the write lock on SQLite) and only then reads it, so two sessions
appending at once queue up instead of both chaining onto the same entry. Ids are
given here (the head's last id + 1, ...), so an entry's id is part of what its
hash covers. A bulk append costs one INSERT for all its rows plus two statements
on the head, whatever its size.

What this catches, against someone with the database login (``sqlite3`` on the
file, or the office login on PostgreSQL) who drops the triggers of migration 0003:

- an entry changed in place (its hash no longer matches its fields);
- an entry deleted or inserted in the middle (the next entry's ``prev_hash`` no
  longer links to the entry before it);
- the last entries deleted (the head says the trail ended later, or with more);
- the head row deleted (it is created with the schema and never removed).

What the chain alone does not catch: the head is in the same database, and there is no
secret in the hash. So someone with the login who deletes the last entries and then sets
the head to the remaining last entry's id, hash and count (no hashing needed), or who
changes an entry and recomputes every hash after it and the head, leaves a chain that
verifies. Copies of the head kept where that login cannot write catch both: what each
computer last saw (``app.core.storage.audit_witness``) and the head recorded in each
backup's manifest, which ``casefile check`` compares (``app.core.safety.chain_ends``).
Making the trail tamper-proof on a server (an owner role the staff logins are not)
belongs to the office-server setup.

The cost of serialising: a writing transaction holds the head row from its first
flush until it commits, so writers queue up there (as they already do on SQLite's
single write lock). Edits are one short transaction each, so the wait is short; a
long bulk import holds it for its duration.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Text, func, insert, inspect, select, text, type_coerce, update

from app.core.storage.models import AUDIT_GENESIS, AuditEntry, AuditHead

GENESIS = AUDIT_GENESIS
CHAIN_REVISION = "0004"  # the schema revision that added the chain
HEAD_ID = 1
# The order of the fields in the hashed serialisation; changing it breaks every chain.
HASHED_FIELDS = (
    "id",
    "at",
    "user",
    "action",
    "table_name",
    "record_id",
    "case_id",
    "changes",
    "note",
    "prev_hash",
)
_LOG = AuditEntry.__table__
_HEAD = AuditHead.__table__
_READ_BATCH = 2000
# One encoder for every entry: json.dumps with options builds a new one per call.
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=True, separators=(",", ":"))


def canonical_time(at: dt.datetime) -> str:
    """The entry's time as hashed: UTC, to the microsecond (what both backends store)."""
    if at.tzinfo is not None:  # SQLite hands back the stored UTC time without its zone
        at = at.astimezone(dt.UTC).replace(tzinfo=None)
    return at.isoformat(timespec="microseconds")


def entry_hash(entry: Mapping[str, Any]) -> str:
    """SHA-256 of the entry's fields and its ``prev_hash``, as 64 hex digits."""
    values = [entry[name] for name in HASHED_FIELDS]
    values[1] = canonical_time(entry["at"])
    values[7] = entry["changes"] or {}
    return hashlib.sha256(_CANONICAL.encode(values).encode("ascii")).hexdigest()


def append(connection: Connection, rows: list[dict[str, Any]]) -> tuple[int, str, int] | None:
    """Add ``rows`` (audit_log values without id or hashes) to the end of the chain.

    Runs in the caller's transaction, so the entries commit or roll back with the
    change they describe. Returns the chain's new end (last id, last hash, entries),
    which the workspace records outside the database once the change commits
    (``app.core.storage.audit_witness``)."""
    if not rows:
        return None
    # Lock the head first (an UPDATE takes the row lock on PostgreSQL and the write
    # lock on SQLite), then read it: a concurrent append waits here, not after reading.
    locked = connection.execute(
        update(_HEAD).where(_HEAD.c.id == HEAD_ID).values(entries=_HEAD.c.entries)
    ).rowcount
    if locked != 1:
        from app.core.errors import CasefileError

        raise CasefileError(
            "the audit trail's head record is missing (it was deleted outside Casefile), so "
            "no change can be recorded; run 'casefile check' and restore a good backup"
        )
    head = connection.execute(
        select(_HEAD.c.last_id, _HEAD.c.last_hash, _HEAD.c.entries).where(_HEAD.c.id == HEAD_ID)
    ).one()
    last_id, last_hash = head.last_id, head.last_hash
    for row in rows:
        last_id += 1
        row["id"] = last_id
        row["at"] = row["at"].astimezone(dt.UTC) if row["at"].tzinfo else row["at"]
        row["prev_hash"] = last_hash
        last_hash = row["hash"] = entry_hash(row)
    connection.execute(insert(_LOG), rows)
    connection.execute(
        update(_HEAD)
        .where(_HEAD.c.id == HEAD_ID)
        .values(last_id=last_id, last_hash=last_hash, entries=head.entries + len(rows))
    )
    return last_id, last_hash, head.entries + len(rows)


# -- checking ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainReport:
    entries: int
    problems: list[str]

    @property
    def broken(self) -> bool:
        return bool(self.problems)


class Unreadable(ValueError):
    """A stored time or changes value that is not one (written outside Casefile)."""


def stored_time(value: Any) -> dt.datetime:
    """``at`` as read raw: SQLite hands back text (and keeps whatever text it was given)."""
    if isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise Unreadable(f"not a time: {value!r}") from None


def stored_changes(value: Any) -> dict[str, Any]:
    """``changes`` as read raw: text on SQLite, already parsed by PostgreSQL's driver."""
    if isinstance(value, str | bytes):
        try:
            value = json.loads(value)
        except ValueError:
            raise Unreadable("changes are not JSON") from None
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise Unreadable("changes are not an object")
    return value


def raw_columns() -> list[Any]:
    """The columns of an entry, with ``at`` and ``changes`` left unparsed (see above)."""
    return [
        type_coerce(_LOG.c[name], Text()) if name in ("at", "changes") else _LOG.c[name]
        for name in HASHED_FIELDS
    ] + [_LOG.c.hash]


def chain_entries(connection: Connection) -> Iterable[dict[str, Any]]:
    """Every entry, oldest first, read in batches (a trail can hold millions).

    ``at`` and ``changes`` are parsed here, entry by entry: one that cannot be read
    has ``unreadable`` set instead of failing the whole read. On an office server an
    entry about a case the login may not see comes as its id and hashes alone, marked
    ``screened``: its links are checked, its content cannot be."""
    if _links_function(connection):
        yield from _screened_chain_entries(connection)
        return
    after = None
    columns = raw_columns()
    while True:
        query = select(*columns).order_by(_LOG.c.id).limit(_READ_BATCH)
        if after is not None:
            query = query.where(_LOG.c.id > after)
        batch = connection.execute(query).mappings().all()
        if not batch:
            return
        yield from _parsed(batch)
        after = batch[-1]["id"]


def _links_function(connection: Connection) -> bool:
    """Whether the office server's row security hides entries (app.core.server)."""
    if connection.dialect.name != "postgresql":
        return False
    found = connection.execute(
        text(
            "SELECT has_function_privilege(f, 'EXECUTE') FROM "
            "to_regprocedure('casefile_audit_trail(integer, integer)') AS f WHERE f IS NOT NULL"
        )
    ).scalar()
    return bool(found)


def _screened_chain_entries(connection: Connection) -> Iterable[dict[str, Any]]:
    """The entries this login may read, and for each run of entries it may not, one
    stand-in (``hidden``: how many; the server checked their links): nothing of a hidden
    entry reaches this login."""
    after = 0
    columns = raw_columns()
    while True:
        links = (
            connection.execute(
                text("SELECT id, prev_hash, hash, hidden FROM casefile_audit_trail(:after, :size)"),
                {"after": after, "size": _READ_BATCH},
            )
            .mappings()
            .all()
        )
        if not links:
            return
        shown = [link["id"] for link in links if not link["hidden"]]
        seen = (
            connection.execute(
                select(*columns).where(_LOG.c.id.between(shown[0], shown[-1])).order_by(_LOG.c.id)
            )
            .mappings()
            .all()
            if shown
            else []
        )
        readable = {entry["id"]: entry for entry in _parsed(seen)}
        for link in links:
            if link["hidden"]:
                yield {**link, "screened": True}
            else:
                yield readable.get(link["id"]) or {**link, "screened": True}
        after = links[-1]["id"]


def _parsed(batch: Iterable[Mapping[str, Any]]) -> Iterable[dict[str, Any]]:
    for row in batch:
        entry = dict(row)
        try:
            entry["at"] = stored_time(entry["at"])
            entry["changes"] = stored_changes(entry["changes"])
        except Unreadable as exc:
            entry["unreadable"] = str(exc)
        yield entry


def verify(connection: Connection) -> ChainReport:
    """Walk the chain and compare its end with the head; the first break is named."""
    problems: list[str] = []
    names = set(inspect(connection).get_table_names())
    if "audit_log" not in names:
        return ChainReport(0, ["the audit trail (table audit_log) was removed"])
    previous: dict[str, Any] | None = None
    count = 0
    for entry in chain_entries(connection):
        count += entry.get("hidden") or 1
        if not problems:
            problem = _link_problem(previous, entry)
            if problem:
                problems.append(problem)
        previous = entry
    problems.extend(_head_problems(connection, names, previous, count))
    return ChainReport(count, problems)


def _link_problem(previous: Mapping[str, Any] | None, entry: Mapping[str, Any]) -> str:
    number = entry["id"]
    if entry.get("hidden") and entry["hash"] is None:
        return (
            f"audit entries up to {number} that this login may not read do not link up "
            "(changed after they were written)"
        )
    if entry.get("hidden"):
        number = entry["id"] - entry["hidden"] + 1  # the first of the run
    if "unreadable" in entry:
        return f"audit entry {number}: it cannot be read (changed after it was written)"
    if not entry.get("screened") and entry_hash(entry) != entry["hash"]:
        return f"audit entry {number}: its hash does not match (changed after it was written)"
    expected = GENESIS if previous is None else previous["hash"]
    if entry["prev_hash"] == expected:
        return ""
    if previous is None:
        return f"audit entries before {number} are missing (it is not the first entry)"
    if number != previous["id"] + 1:
        return f"audit entries between {previous['id']} and {number} are missing"
    return (
        f"audit entry {number}: the entry before it ({previous['id']}) is not the one it "
        "was written after (replaced or re-hashed)"
    )


def _head_problems(
    connection: Connection, tables: set[str], last: Mapping[str, Any] | None, count: int
) -> list[str]:
    if "audit_head" not in tables:
        return ["the audit trail's head (table audit_head) was removed"]
    heads = connection.execute(select(_HEAD)).mappings().all()
    if len(heads) != 1 or heads[0]["id"] != HEAD_ID:
        return [
            "the audit trail's head record is missing or doubled (changed outside Casefile): "
            "the trail cannot be shown to be complete"
        ]
    head = heads[0]
    last_id = last["id"] if last is not None else 0
    last_hash = last["hash"] if last is not None else GENESIS
    if head["last_id"] > last_id and last is None:
        return [
            f"all {head['entries']} audit entries are missing (the trail ended at entry "
            f"{head['last_id']})"
        ]
    if head["last_id"] > last_id:
        return [
            f"audit entries after {last_id} are missing (the trail ended at entry "
            f"{head['last_id']}, with {head['entries']} entries)"
        ]
    if head["last_id"] < last_id:
        return [f"audit entries after {head['last_id']} were added outside Casefile"]
    if head["last_hash"] != last_hash:
        return [f"audit entry {last_id}: it is not the entry the trail ended with (replaced)"]
    if head["entries"] != count:
        return [f"{head['entries'] - count} audit entries are missing from the trail"]
    return []


def head_of(connection: Connection) -> dict[str, Any] | None:
    """The chain's end as recorded: last_id, last_hash, entries (None when missing)."""
    row = connection.execute(select(_HEAD).where(_HEAD.c.id == HEAD_ID)).mappings().first()
    return dict(row) if row is not None else None


def entry_count(connection: Connection) -> int:
    return int(connection.scalar(select(func.count()).select_from(_LOG)) or 0)


def triggers_missing(connection: Connection) -> list[str]:
    """The database guards of the trail (migrations 0003, 0004) that are gone."""
    if connection.dialect.name == "sqlite":
        expected = {"audit_log_no_update", "audit_log_no_delete", "audit_head_no_delete"}
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    else:
        expected = {"audit_log_no_change", "audit_head_no_delete"}
        query = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    present = {row[0] for row in connection.execute(text(query))}
    return sorted(expected - present)
