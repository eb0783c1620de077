"""The audit trail inside a case archive: the ``history`` list of ``case.json``.

Export reads the case's audit rows in one query (plain rows, no ORM objects) and
writes them oldest first, with database ids turned into the archive's refs: the
record an entry is about, and the id-valued fields of its changes (a speaker, a
source document, linked issues ...). A record no longer in the case has no ref
(``null``). ``case_id`` is left out of the changes: every entry is about this case.

Import checks every entry (``read_history``) and appends them in one bulk INSERT
to this workspace's audit chain (``audit_chain.append`` gives them new ids and
hashes: an archive carries no hashes, its entries are chained anew) as entries of
the new case, refs turned into the new ids, keeping the original user and time;
the note says the entry came with an archive. Export takes that marker off again
(and leaves the hashes out: they belong to this workspace's chain), so export ->
import -> export gives the same history plus the one ``import`` entry of the
import itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.core.errors import ArchiveError
from app.core.kinds import KINDS
from app.core.limits import MAX_FIELD_CHARS, MAX_HISTORY_CHANGE_CHARS, MAX_HISTORY_ENTRIES
from app.core.storage import audit, audit_chain
from app.core.textrules import storage_problem

HISTORY_KEYS = frozenset({"at", "user", "action", "record", "changes", "note"})
ACTIONS = frozenset({audit.CREATE, audit.UPDATE, audit.DELETE, audit.IMPORT})
# Archive record kind <-> audit_log table name.
KIND_OF_TABLE = {kind.table: kind.code for kind in KINDS.values()}
TABLE_OF_KIND = {kind.code: kind.table for kind in KINDS.values()}
# Fields of the changes that hold ids, and the kind of record they point at.
ID_FIELDS = {
    "person_id": "person",
    "speaker_id": "party",
    "recipient_party_id": "party",
    "source_document_id": "document",
    "issue_ids": "issue",
    "party_ids": "party",
}
# Implied by the archive (case_id) or derived from what it carries (a document's text
# is read again from its file on import): not worth carrying in every entry.
DROPPED_FIELDS = frozenset({"case_id", "extracted_text", "extraction_note"})
IMPORTED = "imported from archive"
_MAX_USER = 300
_MAX_FIELD = 64

# kind -> {database id: archive ref}, and the reverse for import.
RefMap = Mapping[str, Mapping[int, str]]
IdMap = Mapping[str, Mapping[str, int]]


# -- export ------------------------------------------------------------------------


def export_history(session: Session, case_id: int, refs: RefMap) -> list[dict[str, Any]]:
    """The case's audit entries (and its people's), oldest first, as archive entries."""
    rows = session.execute(audit.case_history_query(case_id))
    return [_export_entry(row, refs) for row in rows]


def _export_entry(row: Any, refs: RefMap) -> dict[str, Any]:
    try:
        # Read raw: SQLite keeps any text, and an entry changed into nonsense outside
        # the app must be named, not fail the export with a parser's traceback.
        at = audit_chain.stored_time(row.at)
        stored = audit_chain.stored_changes(row.changes)
    except audit_chain.Unreadable as exc:
        raise ArchiveError(
            f"audit entry {row.id} of this case cannot be read ({exc}): it was changed "
            "outside Casefile; run 'casefile check'"
        ) from None
    kind = KIND_OF_TABLE.get(row.table_name)
    record: dict[str, Any] | None = None
    if kind is not None:
        ref = None if kind == "case" else refs.get(kind, {}).get(row.record_id or 0)
        record = {"kind": kind, "ref": ref}
    changes = {
        name: [_to_refs(name, value, refs) for value in _pair(pair)]
        for name, pair in stored.items()
        if name not in DROPPED_FIELDS
    }
    return {
        "at": iso_utc(at),
        "user": row.user,
        "action": row.action,
        "record": record,
        "changes": changes,
        "note": _original_note(row.note or ""),
    }


def iso_utc(at: dt.datetime) -> str:
    # SQLite hands the stored UTC time back without its zone.
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(dt.UTC).isoformat()


def _pair(value: Any) -> list[Any]:
    if isinstance(value, list) and len(value) == 2:
        return value
    return [None, value]  # not written by this app; keep what it says


def _to_refs(name: str, value: Any, refs: RefMap) -> Any:
    kind = ID_FIELDS.get(name)
    if kind is None or value is None:
        return value
    targets = refs.get(kind, {})
    if isinstance(value, list):
        return [targets.get(v) if isinstance(v, int) else None for v in value]
    return targets.get(value) if isinstance(value, int) else None


def _original_note(note: str) -> str:
    """The note as the archive had it: take off the marker an import added."""
    if note == IMPORTED:
        return ""
    if note.startswith(IMPORTED + ": "):
        return note[len(IMPORTED) + 2 :]
    return note


# -- import ------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    user: str
    action: str
    kind: str | None  # None: the archive did not say which record
    ref: str | None  # None: the case itself, or a record no longer in the case
    changes: dict[str, list[Any]]
    note: str


def _fail(where: str, problem: str) -> ArchiveError:
    return ArchiveError(f"case.json: {where}: {problem}")


def read_history(raw: Any, known: Mapping[str, set[str]]) -> list[HistoryEntry]:
    """Check ``history``; ``known`` holds the refs of the archive by kind."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise _fail("history", f"expected a list, got {type(raw).__name__}")
    if len(raw) > MAX_HISTORY_ENTRIES:
        raise _fail(
            "history",
            f"has {len(raw):,} entries, more than the limit of {MAX_HISTORY_ENTRIES:,}",
        )
    return [_read_entry(f"history[{n}]", item, known) for n, item in enumerate(raw)]


def _read_entry(where: str, item: Any, known: Mapping[str, set[str]]) -> HistoryEntry:
    if not isinstance(item, dict):
        raise _fail(where, f"expected an object, got {type(item).__name__}")
    unknown = sorted(set(item) - HISTORY_KEYS)
    if unknown:
        raise _fail(where, f"unknown key {unknown[0]!r}")
    at = _timestamp(where, item.get("at"))
    user = _text(where, "user", item.get("user"), _MAX_USER)
    note = _text(where, "note", item.get("note"), MAX_FIELD_CHARS)
    action = item.get("action")
    if not isinstance(action, str) or action not in ACTIONS:
        raise _fail(where, f"action {action!r} is not one of {', '.join(sorted(ACTIONS))}")
    kind, ref = _record(where, item.get("record"), known)
    changes = item.get("changes") or {}
    if not isinstance(changes, dict):
        raise _fail(where, "changes must be an object of field: [old, new]")
    total = 0
    for name, pair in changes.items():
        if not isinstance(name, str) or not name or len(name) > _MAX_FIELD:
            raise _fail(where, f"the field name {name!r} is not a field name")
        if not isinstance(pair, list) or len(pair) != 2:
            raise _fail(where, f"changes of {name!r} must be [old, new]")
        total += len(name)
        for value in pair:
            total += _value_size(where, name, value, MAX_HISTORY_CHANGE_CHARS - total)
            _check_refs(f"{where}: {name}", ID_FIELDS.get(name), value, known)
    return HistoryEntry(at, user, action, kind, ref, changes, note)


def _value_size(where: str, name: str, value: Any, room: int) -> int:
    """The characters an old or new value holds (its text, one per other value). Each
    text in it is a field, held to the field limit (a list of aliases: each alias); all
    of them to ``room``, what the entry's limit leaves."""
    size = 0
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.values())
            size += sum(len(key) for key in item) + 1
        elif isinstance(item, list):
            pending.extend(item)
            size += 1
        elif isinstance(item, str):
            if len(item) > MAX_FIELD_CHARS:
                raise _fail(
                    f"{where}: changes of {name!r}",
                    f"holds text longer than {MAX_FIELD_CHARS:,} characters, the field limit",
                )
            size += len(item)
        else:
            size += 1
        if size > room:
            raise _fail(
                where,
                f"its changes are more than {MAX_HISTORY_CHANGE_CHARS:,} characters, "
                "the limit of one entry",
            )
    return size


def _timestamp(where: str, value: Any) -> dt.datetime:
    if not isinstance(value, str) or not value:
        raise _fail(where, "at is required (an ISO 8601 date and time)")
    try:
        at = dt.datetime.fromisoformat(value)
    except ValueError:
        raise _fail(where, f"at {value!r} is not an ISO 8601 date and time") from None
    at = at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)
    try:
        return at.astimezone(dt.UTC)  # stored in UTC: at the edge of the calendar, it overflows
    except OverflowError:
        raise _fail(where, f"at {value!r} is out of range in UTC") from None


def _text(where: str, key: str, value: Any, limit: int | None) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _fail(where, f"{key} must be text")
    if limit is not None and len(value) > limit:  # before any other work on the text
        raise _fail(where, f"{key} is longer than {limit:,} characters ({len(value):,}), the limit")
    if storage_problem(value) is not None:
        raise _fail(where, f"{key} {storage_problem(value)}")
    return value


def _record(where: str, value: Any, known: Mapping[str, set[str]]) -> tuple[str | None, str | None]:
    if value is None:
        return None, None
    if not isinstance(value, dict) or set(value) - {"kind", "ref"}:
        raise _fail(where, 'record must be {"kind": ..., "ref": ...} or null')
    kind, ref = value.get("kind"), value.get("ref")
    if not isinstance(kind, str) or kind not in TABLE_OF_KIND:
        raise _fail(where, f"record kind {kind!r} is not one of {', '.join(TABLE_OF_KIND)}")
    if ref is None or ref == "":
        return kind, None
    if kind == "case":
        raise _fail(where, "the case has no ref (use null)")
    if not isinstance(ref, str) or ref not in known.get(kind, set()):
        raise _fail(where, f"record {ref!r} points nowhere (no {kind} with that ref)")
    return kind, ref


def _check_refs(where: str, kind: str | None, value: Any, known: Mapping[str, set[str]]) -> None:
    if kind is None or value is None:
        return
    for ref in value if isinstance(value, list) else [value]:
        if ref is not None and (not isinstance(ref, str) or ref not in known.get(kind, set())):
            raise _fail(where, f"{ref!r} points nowhere (no {kind} with that ref)")


def import_history(session: Session, entries: list[HistoryEntry], case_id: int, ids: IdMap) -> int:
    """Append the entries to the workspace's audit chain as history of case ``case_id``
    (one bulk INSERT); how many."""
    rows = [_import_row(entry, case_id, ids) for entry in entries]
    audit.append_entries(session, rows)
    return len(rows)


def _import_row(entry: HistoryEntry, case_id: int, ids: IdMap) -> dict[str, Any]:
    if entry.kind == "case":
        record_id: int | None = case_id
    elif entry.kind is not None and entry.ref is not None:
        record_id = ids[entry.kind][entry.ref]
    else:
        record_id = None
    changes = {
        name: [_to_ids(ID_FIELDS.get(name), value, ids) for value in pair]
        for name, pair in entry.changes.items()
    }
    return {
        # Stored in UTC: SQLite keeps no zone, and the trail reads it back as UTC.
        "at": entry.at.astimezone(dt.UTC),
        "user": entry.user,
        "action": entry.action,
        "table_name": TABLE_OF_KIND[entry.kind] if entry.kind else "",
        "record_id": record_id,
        "case_id": case_id,
        "changes": changes,
        "note": f"{IMPORTED}: {entry.note}" if entry.note else IMPORTED,
    }


def _to_ids(kind: str | None, value: Any, ids: IdMap) -> Any:
    if kind is None or value is None:
        return value
    targets = ids.get(kind, {})
    if isinstance(value, list):
        return [targets.get(ref) if ref is not None else None for ref in value]
    return targets.get(value)
