"""Writing a case archive: ``case.json`` in a stable order, and the attached files.

The same case always gives the same ``case.json`` (``exported_at`` aside), in any
workspace: records are ordered by what they say (date, name, then their whole
content), never by database ids, and refs are numbered in that order. So an
export, imported elsewhere and exported again, compares equal.

The zip is written to a temporary file beside the target, flushed to disk and
renamed over it: a crash leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from app.core.archive.container import ATTACHMENTS, CASE_JSON
from app.core.archive.history import export_history
from app.core.archive.read import FORMAT, FORMAT_VERSION
from app.core.dates import iso_or_none
from app.core.errors import ArchiveError, StoreError
from app.core.lists.case_loader import CaseRecords, load_case
from app.core.lists.casedump import case_fields
from app.core.storage.atomic import atomic_write
from app.core.storage.store import CHUNK
from app.core.storage.workspace import Workspace
from app.version import app_version


def _content_key(record: dict[str, Any]) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False)


def _number(
    items: list[tuple[int, dict[str, Any]]], prefix: str, key: Callable[[dict[str, Any]], Any]
) -> tuple[list[dict[str, Any]], dict[int, str]]:
    """Order (db id, record) pairs by ``key`` then content; give refs prefix1, prefix2, ..."""
    ordered: list[tuple[int, dict[str, Any]]] = []
    for _, group in itertools.groupby(
        sorted(items, key=lambda pair: key(pair[1])), key=lambda pair: key(pair[1])
    ):
        tied = list(group)
        # Serialising every record is costly on 50,000 statements: only break real ties.
        ordered.extend(
            sorted(tied, key=lambda pair: _content_key(pair[1])) if len(tied) > 1 else tied
        )
    refs: dict[int, str] = {}
    result = []
    for n, (record_id, record) in enumerate(ordered, start=1):
        ref = f"{prefix}{n}"
        refs[record_id] = ref
        result.append({"ref": ref, **record})
    return result, refs


def _date_sort(value: str | None) -> tuple[bool, str]:
    return (value is None, value or "")


def case_data(rec: CaseRecords) -> dict[str, Any]:
    """The case as the ``case.json`` object of docs/archive-format.md (without history)."""
    return case_data_and_refs(rec)[0]


def case_data_and_refs(rec: CaseRecords) -> tuple[dict[str, Any], dict[str, dict[int, str]]]:
    """The ``case.json`` object, and the ref each record got (kind -> {db id: ref})."""
    case = rec.case
    issues, issue_refs = _number(
        [
            (i.id, {"title": i.title, "description": i.description, "status": i.status})
            for i in rec.issues
        ],
        "i",
        lambda r: r["title"].casefold(),
    )

    def issue_list(ids: list[int]) -> list[str]:
        return sorted(issue_refs[i] for i in ids)

    documents, doc_refs = _number(
        [
            (
                d.id,
                {
                    "title": d.title,
                    "kind": d.kind,
                    "date": iso_or_none(d.date),
                    "author": d.author,
                    "provenance": d.provenance,
                    "privileged": d.privileged,
                    "bates_start": d.bates_start,
                    "bates_end": d.bates_end,
                    "notes": d.notes,
                    "issues": issue_list(rec.document_issues.get(d.id, [])),
                    "file": (
                        {
                            "sha256": d.file_sha256,
                            "size": d.file_size,
                            "media_type": d.file_media_type,
                            "original_name": d.file_name,
                        }
                        if d.file_sha256
                        else None
                    ),
                },
            )
            for d in rec.documents
        ],
        "d",
        lambda r: (_date_sort(r["date"]), r["title"].casefold()),
    )
    people, person_refs = _number(
        [
            (
                p.person.id,
                {
                    "uid": p.person.uid,
                    "kind": p.person.kind,
                    "name": p.person.name,
                    "aliases": list(p.person.aliases or []),
                    "title": p.person.title,
                    "affiliation": p.person.affiliation,
                    "phone": p.person.phone,
                    "email": p.person.email,
                    "address": p.person.address,
                    "date_of_birth": iso_or_none(p.person.date_of_birth),
                    "notes": p.person.notes,
                },
            )
            for p in rec.parties
        ],
        "p",
        lambda r: (r["name"].casefold(), r["uid"]),
    )
    # One party per person in a case: number parties in their person's order.
    parties, party_refs = _number(
        [
            (
                p.id,
                {
                    "person": person_refs[p.person_id],
                    "roles": list(p.roles or []),
                    "notes": p.notes,
                },
            )
            for p in rec.parties
        ],
        "pa",
        lambda r: int(r["person"][1:]),
    )
    speaker_names = {party_refs[p.id]: p.person.name.casefold() for p in rec.parties}
    statements, statement_refs = _number(
        [
            (
                s.id,
                {
                    "speaker": party_refs[s.speaker_id],
                    "recipient_party": party_refs.get(s.recipient_party_id or 0),
                    "recipient_text": s.recipient_text,
                    "date": iso_or_none(s.date),
                    "setting": s.setting,
                    "text": s.text,
                    "source_document": doc_refs.get(s.source_document_id or 0),
                    "pin_cite": s.pin_cite,
                    "sworn": s.sworn,
                    "notes": s.notes,
                    "issues": issue_list(rec.statement_issues.get(s.id, [])),
                },
            )
            for s in rec.statements
        ],
        "s",
        lambda r: (_date_sort(r["date"]), speaker_names[r["speaker"]]),
    )
    charges, charge_refs = _number(
        [
            (
                c.id,
                {
                    "count_number": c.count_number,
                    "statute": c.statute,
                    "description": c.description,
                    "offense_class": c.offense_class,
                    "offense_date": iso_or_none(c.offense_date),
                    "status": c.status,
                    "disposition": c.disposition,
                    "disposition_date": iso_or_none(c.disposition_date),
                    "notes": c.notes,
                },
            )
            for c in rec.charges
        ],
        "c",
        lambda r: (r["count_number"], r["statute"]),
    )
    events, event_refs = _number(
        [
            (
                e.id,
                {
                    "kind": e.kind,
                    "date": iso_or_none(e.date),
                    "time": e.time,
                    "title": e.title,
                    "description": e.description,
                    "place": e.place,
                    "people": sorted(party_refs[p] for p in rec.event_parties.get(e.id, [])),
                    "source_document": doc_refs.get(e.source_document_id or 0),
                    "pin_cite": e.pin_cite,
                    "issues": issue_list(rec.event_issues.get(e.id, [])),
                },
            )
            for e in rec.events
        ],
        "e",
        lambda r: (_date_sort(r["date"]), r["time"] or "", r["title"].casefold()),
    )
    notes, note_refs = _number(
        [
            (
                n.id,
                {
                    "body": n.body,
                    "is_todo": n.is_todo,
                    "done": n.done,
                    "staff_only": n.staff_only,
                },
            )
            for n in rec.notes
        ],
        "n",
        lambda r: (r["is_todo"], r["done"]),
    )
    refs = {
        "person": person_refs,
        "party": party_refs,
        "issue": issue_refs,
        "document": doc_refs,
        "statement": statement_refs,
        "charge": charge_refs,
        "event": event_refs,
        "note": note_refs,
    }
    data = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": app_version(),
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "case": case_fields(case),
        "people": people,
        "parties": parties,
        "documents": documents,
        "statements": statements,
        "charges": charges,
        "events": events,
        "issues": issues,
        "notes": notes,
        # Filled by export_case (app/core/archive/history.py): it needs the database.
        "history": [],
    }
    return data, refs


def export_case(
    ws: Workspace,
    case_ref: int | str,
    path: str | os.PathLike[str],
    *,
    seal: Callable[[IO[bytes]], IO[bytes]] | None = None,
) -> Path:
    """Write the case (id or docket number) to a case archive at ``path``.

    ``seal`` wraps the file in a writer that encrypts it (app/core/storage/crypto.py; chosen
    by app/core/archive/transfer.py); closing that writer finishes it. The zip then never
    reaches the disk in the clear."""
    target = Path(path)
    with ws.reader() as session:
        records = load_case(session, case_ref)
        data, refs = case_data_and_refs(records)
        data["history"] = export_history(session, records.case.id, refs)
    files = sorted({d["file"]["sha256"] for d in data["documents"] if d["file"]})
    payload = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ArchiveError(f"cannot write {target}: the folder {folder} does not exist")
    try:
        with atomic_write(target, prefix=".casefile-export-", suffix=".zip") as out:
            sink = seal(out) if seal is not None else out
            with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                zf.writestr(CASE_JSON, payload)
                for sha in files:
                    _copy_attachment(ws, zf, sha)
            if sink is not out:
                sink.close()
    except OSError as exc:
        raise ArchiveError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target


def _copy_attachment(ws: Workspace, zf: zipfile.ZipFile, sha: str) -> None:
    digest = hashlib.sha256()
    try:
        source = ws.store.open(sha)
    except StoreError as exc:
        raise ArchiveError(f"cannot export the case: {exc}") from None
    with source, zf.open(ATTACHMENTS + sha, "w", force_zip64=True) as entry:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            entry.write(chunk)
    if digest.hexdigest() != sha:
        raise ArchiveError(
            f"cannot export the case: the attachment {sha[:12]}… in the store is damaged "
            "(its bytes no longer match its SHA-256)"
        )
