"""Importing a case archive into a workspace: all of it in one transaction, or nothing.

The archive is first read and checked completely (app/core/archive/container.py and
read.py): entry names and sizes, ``case.json``, every field through the services' own
cleaning, every ref, every attachment's bytes against its SHA-256. Only then are the
attachments copied into the store (an unreferenced file there is harmless) and the
records inserted, in bulk, in ONE transaction: a failure at any point leaves no row
behind.

People are matched by ``uid``: a person already in the workspace is the same person
and is not duplicated (their details in the workspace are kept). The case keeps its
``uid`` unless the workspace already has it; then the import is a copy with a new one.
Both hold when imports run at once (ten clients importing one archive): the import
locks the uids it looks up before it looks (:func:`_lock_uids`), so a second import
of the same uids waits for the first to commit and then finds them taken.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Table, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.core.archive.container import DEFAULT_LIMITS, ArchiveLimits, open_archive
from app.core.archive.history import import_history
from app.core.archive.read import ArchiveContent, Record, read_content
from app.core.clock import kept
from app.core.errors import ArchiveError, WorkspaceError
from app.core.progress import Progress, Stages
from app.core.server.screened import uids_out_of_sight
from app.core.storage import audit, db
from app.core.storage.bulk import insert_rows
from app.core.storage.faults import fault_point
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
    document_issues,
    event_issues,
    event_parties,
    new_uid,
    statement_issues,
)
from app.core.storage.workspace import Workspace

# Keep IN (...) lists well under every backend's parameter limit.
_IN_CHUNK = 500
# From this many records, the SQLite search index is rebuilt once after the inserts.
BULK_INDEX_THRESHOLD = 5_000
# Each stage's share of the progress bar: about its time on the 50,000-statement case.
IMPORT_WEIGHTS = {
    "read": 10,
    "check": 30,
    "files": 10,
    "texts": 10,
    "insert": 20,
    "history": 5,
    "index": 15,
}


def import_archive(
    ws: Workspace,
    source: str | os.PathLike[str] | IO[bytes],
    *,
    limits: ArchiveLimits = DEFAULT_LIMITS,
    passphrase: str | None = None,
    once: bool = False,
    progress: Progress | None = None,
) -> int:
    """Add the archive's case to the workspace in one transaction; returns the new case id.

    An encrypted archive needs ``passphrase``, unless it was exported from ``ws``. With
    ``once``, a workspace that already has the archive's case (by its uid) gets nothing
    and the id of that case is returned: decided under the uid's lock, so imports run at
    once add the case once (the sample case).

    ``progress(done, total)`` is told how far the import got; it is last called inside
    the transaction, so an exception it raises (the person cancelled) adds nothing."""
    stages = Stages(progress, IMPORT_WEIGHTS)
    stages.begin("read")
    with open_archive(source, limits=limits, passphrase=passphrase, key=ws.key) as reader:
        data = reader.read_case_json()
        stages.finish("read")
        content = read_content(data, progress=stages.part("check"))
        del data
        attachments = content.attachments
        files = stages.part("files")
        steps = 2 * len(attachments)
        for n, (sha, size) in enumerate(attachments.items()):
            files(n, steps)
            reader.check_attachment(sha, size)
        # Files go to the store before any row names them (see app/core/storage/store.py).
        for n, sha in enumerate(attachments, start=len(attachments)):
            files(n, steps)
            if not ws.store.has(sha):
                stored = ws.store.add_stream(reader.open_attachment(sha), sha)
                if stored.sha256 != sha:
                    raise ArchiveError(f"the attachment {sha} changed while it was being read")
    extracted = _extract_texts(ws, content, stages.part("texts"))
    try:
        with ws.session() as session, audit.suppressed(session):
            stages.begin("insert")
            _lock_uids(session, content)
            uid = content.case_uid
            existing = _taken(session, Case.uid, [uid]) if uid else {}
            # Between the look and the insert: a second import of the uid waits at the lock.
            fault_point("import:case-looked-up")
            if once and uid in existing:
                return existing[uid]
            # The same case behind a wall the importer cannot see: this one is a copy (new uid).
            hidden = (
                not existing and uid and uids_out_of_sight(session.connection(), "cases", [uid])
            )
            with _indexing(session, content):
                case_id, ids = _insert(
                    session, content, extracted, keep_uid=not existing and not hidden
                )
                stages.finish("insert")
                # Rows went in past the ORM, so its hook did not see the ledger: keep the
                # case's speedy-trial last day current here (app/core/clock/kept.py).
                kept.refresh(session, [case_id])
                # The archive's own trail first, then this import: the trail stays in time order.
                import_history(session, content.history, case_id, ids)
                audit.record(
                    session,
                    audit.IMPORT,
                    "cases",
                    case_id,
                    case_id,
                    note=_import_note(content, source),
                )
                # Every row is in; a big import's search index is not rebuilt yet.
                fault_point("import:after-insert")
                stages.finish("history")
            # The last chance to stop: nothing is committed yet.
            stages.finish("index")
    except SQLAlchemyError as exc:
        raise WorkspaceError(
            f"the case could not be imported; nothing was added: {db.reason(exc)}"
        ) from None
    return case_id


def _extract_texts(
    ws: Workspace, content: ArchiveContent, progress: Progress
) -> dict[str, tuple[str | None, str]]:
    """The searchable text of each attached file, read before the transaction opens."""
    from app.core.textextract import extract_text

    names = {
        r.file["file_sha256"]: r.file["file_name"]
        for r in content.sections["documents"]
        if r.file and r.file["file_sha256"]
    }
    texts = {}
    for n, (sha, name) in enumerate(names.items()):
        progress(n, len(names))
        # An encrypted store lends a decrypted copy for as long as the reading takes.
        with ws.store.plain_file(sha, Path(name).suffix) as path:
            texts[sha] = extract_text(path, name)
    return texts


@contextlib.contextmanager
def _indexing(session: Session, content: ArchiveContent) -> Iterator[None]:
    """Index a big import once at the end (SQLite) instead of row by row in triggers.
    A rebuild re-reads the whole workspace, so a small case is indexed as it goes."""
    from app.core.search import query as search

    if sum(len(records) for records in content.sections.values()) < BULK_INDEX_THRESHOLD:
        yield
        return
    with search.index_suspended(session):
        yield


def _import_note(content: ArchiveContent, source: Any) -> str:
    counts = ", ".join(f"{len(recs)} {name}" for name, recs in content.sections.items() if recs)
    origin = f" from {Path(source).name}" if isinstance(source, str | os.PathLike) else ""
    made = f" (Casefile {content.app_version})" if content.app_version else ""
    return f"imported{origin}{made}: {counts or 'no records'}"


def _bulk(session: Session, model: Any, rows: Sequence[dict[str, Any]]) -> list[int]:
    """INSERT many rows at once; the new ids come back in the order of ``rows``.
    Called after the case row is flushed: on SQLite this transaction holds the lock."""
    return insert_rows(session, model.__table__, rows)


def _link(session: Session, table: Table, rows: list[dict[str, int]]) -> None:
    if rows:
        session.execute(insert(table), rows)


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), _IN_CHUNK):
        yield items[start : start + _IN_CHUNK]


def _taken(session: Session, column: Any, uids: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    model = column.class_
    for chunk in _chunks(uids):
        for uid, record_id in session.execute(select(column, model.id).where(column.in_(chunk))):
            found[uid] = record_id
    return found


# People's uids are locked in this many groups, not one lock each: a case of thousands of
# people would otherwise fill PostgreSQL's lock table (64 locks a connection by default).
PEOPLE_LOCK_GROUPS = 16


def _lock_uids(session: Session, content: ArchiveContent) -> None:
    """Hold the case's uid and its people's uids until this import commits: another
    import of any of them waits here, and then reads what this one added."""
    names = [f"cases.uid {content.case_uid}"] if content.case_uid else []
    names += [
        f"people.uid group {int(uuid.UUID(p.uid)) % PEOPLE_LOCK_GROUPS}"
        for p in content.sections["people"]
        if p.uid
    ]
    db.lock_for_transaction(session.connection(), names)


def _insert(
    session: Session,
    content: ArchiveContent,
    extracted: dict[str, tuple[str | None, str]],
    *,
    keep_uid: bool,
) -> tuple[int, dict[str, dict[str, int]]]:
    """Insert the case (with the archive's uid when ``keep_uid``, under the lock of
    :func:`_lock_uids`); its id, and the new id of each ref by kind (for the history)."""
    sections = content.sections
    uid = content.case_uid if keep_uid and content.case_uid else new_uid()
    case = Case(uid=uid, **content.case)
    session.add(case)
    session.flush()
    case_id = case.id

    # People: the same uid is the same person.
    people = sections["people"]
    existing = _taken(session, Person.uid, [p.uid for p in people if p.uid])
    new_people = [p for p in people if p.uid not in existing]
    # Someone only in cases out of the importer's sight: a new record, not theirs.
    hidden = uids_out_of_sight(session.connection(), "people", [p.uid for p in new_people if p.uid])
    new_ids = _bulk(
        session,
        Person,
        [
            {**p.values, "uid": new_uid() if p.uid in hidden else p.uid or new_uid()}
            for p in new_people
        ],
    )
    person_ids = {p.ref: existing[p.uid] for p in people if p.uid in existing}
    person_ids.update({p.ref: i for p, i in zip(new_people, new_ids, strict=True)})

    def add(model: Any, records: list[Record], refs: dict[str, dict[str, int]]) -> list[int]:
        """Insert a section; ``refs`` maps each ref field to the ids of its target refs."""
        rows = []
        for record in records:
            row = {**record.values, **(record.file or {}), "case_id": case_id}
            for name, ids in refs.items():
                ref = record.refs[name]
                row[name] = ids[ref] if ref is not None else None
            rows.append(row)
        return _bulk(session, model, rows)

    def by_ref(records: list[Record], ids: list[int]) -> dict[str, int]:
        return {r.ref: i for r, i in zip(records, ids, strict=True) if r.ref}

    def links(
        table: Table, columns: tuple[str, str], records: list[Record], field: str,
        own: list[int], other: dict[str, int],
    ) -> None:  # fmt: skip
        own_col, other_col = columns
        rows = [
            {own_col: own_id, other_col: other[ref]}
            for record, own_id in zip(records, own, strict=True)
            for ref in record.refs[field]
        ]
        _link(session, table, rows)

    parties = sections["parties"]
    party_ids = by_ref(parties, add(Party, parties, {"person_id": person_ids}))
    issues = sections["issues"]
    issue_ids = by_ref(issues, add(Issue, issues, {}))
    docs = sections["documents"]
    for doc in docs:
        text, note = extracted.get((doc.file or {}).get("file_sha256") or "", (None, ""))
        doc.values.update(extracted_text=text, extraction_note=note or None)
    doc_list = add(Document, docs, {})
    doc_ids = by_ref(docs, doc_list)
    links(document_issues, ("document_id", "issue_id"), docs, "issue_ids", doc_list, issue_ids)
    said = sections["statements"]
    said_refs = {
        "speaker_id": party_ids,
        "recipient_party_id": party_ids,
        "source_document_id": doc_ids,
    }
    said_list = add(Statement, said, said_refs)
    links(statement_issues, ("statement_id", "issue_id"), said, "issue_ids", said_list, issue_ids)
    charge_ids = by_ref(sections["charges"], add(Charge, sections["charges"], {}))
    events = sections["events"]
    event_list = add(Event, events, {"source_document_id": doc_ids})
    links(event_parties, ("event_id", "party_id"), events, "party_ids", event_list, party_ids)
    links(event_issues, ("event_id", "issue_id"), events, "issue_ids", event_list, issue_ids)
    note_ids = by_ref(sections["notes"], add(Note, sections["notes"], {}))
    court = {
        kind: by_ref(sections[name], add(model, sections[name], {}))
        for kind, name, model in (
            ("appearance", "appearances", Appearance),
            ("filing", "filings", Filing),
            ("deadline", "deadlines", Deadline),
        )
    }
    ids = {
        "person": person_ids,
        "party": party_ids,
        "issue": issue_ids,
        "document": doc_ids,
        "statement": by_ref(said, said_list),
        "charge": charge_ids,
        "event": by_ref(events, event_list),
        "note": note_ids,
        **court,
    }
    return case_id, ids
