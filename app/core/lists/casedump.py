"""A whole case as JSON-ready dicts: what ``casefile show --json`` prints.

:func:`case_dump` reads the case with :func:`app.core.lists.case_loader.load_case`
and turns its records into dicts with names instead of ids where a person reads
them, and ISO dates (``2020-06-14``, ``2020-06``, ``2020``, ``2020-06~``) so the
precision shows. :func:`case_fields` is the case's own fields as the archive
writes them too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.core.dates import PartialDate, iso_or_none
from app.core.lists.case_loader import CaseRecord, CaseRecords, read_case
from app.core.storage.workspace import Workspace


def case_fields(case: CaseRecord) -> dict[str, Any]:
    """The case's own fields as exchanged (dates as ISO text); shared by the archive
    and ``casefile show --json``."""
    return {
        "uid": case.uid,
        "caption": case.caption,
        "docket_number": case.docket_number,
        "court": case.court,
        "jurisdiction": case.jurisdiction,
        "status": case.status,
        "opened_on": iso_or_none(case.opened_on),
        "closed_on": iso_or_none(case.closed_on),
        "assigned_staff": case.assigned_staff,
        "summary": case.summary,
        "notes": case.notes,
    }


def date_key(value: PartialDate | None) -> tuple[bool, str]:
    """Chronological order with unknown dates last."""
    return (value is None, value.iso() if value is not None else "")


def _names(ids: Iterable[int], names: dict[int, str]) -> list[str]:
    return sorted((names[i] for i in ids if i in names), key=str.casefold)


def case_dump(ws: Workspace, reference: str | int) -> dict[str, Any]:
    """The case named by id or docket number, as one JSON-ready dict."""
    return dump_records(read_case(ws, reference))


def dump_records(rec: CaseRecords) -> dict[str, Any]:
    """``rec`` as JSON-ready dicts, each list in the order a person reads it."""
    case = rec.case
    party_names = {p.id: p.person.name for p in rec.parties}
    issue_titles = {i.id: i.title for i in rec.issues}
    doc_titles = {d.id: d.title for d in rec.documents}

    people = [
        {
            "id": p.id,
            "person_id": p.person_id,
            "uid": p.person.uid,
            "name": p.person.name,
            "kind": p.person.kind,
            "aliases": list(p.person.aliases or []),
            "roles": list(p.roles or []),
            "title": p.person.title,
            "affiliation": p.person.affiliation,
            "phone": p.person.phone,
            "email": p.person.email,
            "address": p.person.address,
            "date_of_birth": iso_or_none(p.person.date_of_birth),
            "notes": p.notes,
            "person_notes": p.person.notes,
        }
        for p in sorted(rec.parties, key=lambda p: (p.person.name.casefold(), p.id))
    ]
    statements = [
        {
            "id": s.id,
            "speaker": party_names.get(s.speaker_id, ""),
            "speaker_id": s.speaker_id,
            "recipient": party_names.get(s.recipient_party_id) if s.recipient_party_id else None,
            "recipient_party_id": s.recipient_party_id,
            "recipient_text": s.recipient_text,
            "date": iso_or_none(s.date),
            "setting": s.setting,
            "text": s.text,
            "source": doc_titles.get(s.source_document_id) if s.source_document_id else None,
            "source_document_id": s.source_document_id,
            "pin_cite": s.pin_cite,
            "sworn": s.sworn,
            "notes": s.notes,
            "issues": _names(rec.statement_issues.get(s.id, []), issue_titles),
        }
        for s in sorted(rec.statements, key=lambda s: (date_key(s.date), s.id))
    ]
    charges = [
        {
            "id": c.id,
            "count_number": c.count_number,
            "statute": c.statute,
            "description": c.description,
            "class": c.offense_class,
            "offense_date": iso_or_none(c.offense_date),
            "status": c.status,
            "disposition": c.disposition,
            "disposition_date": iso_or_none(c.disposition_date),
            "notes": c.notes,
        }
        for c in sorted(rec.charges, key=lambda c: (c.count_number, c.id))
    ]
    documents = [
        {
            "id": d.id,
            "title": d.title,
            "kind": d.kind,
            "date": iso_or_none(d.date),
            "author": d.author,
            "provenance": d.provenance,
            "privileged": d.privileged,
            "bates_start": d.bates_start,
            "bates_end": d.bates_end,
            "notes": d.notes,
            "issues": _names(rec.document_issues.get(d.id, []), issue_titles),
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
        }
        for d in sorted(rec.documents, key=lambda d: (date_key(d.date), d.id))
    ]
    events = [
        {
            "id": e.id,
            "date": iso_or_none(e.date),
            "time": e.time,
            "kind": e.kind,
            "title": e.title,
            "description": e.description,
            "place": e.place,
            "people": _names(rec.event_parties.get(e.id, []), party_names),
            "source": doc_titles.get(e.source_document_id) if e.source_document_id else None,
            "source_document_id": e.source_document_id,
            "pin_cite": e.pin_cite,
            "issues": _names(rec.event_issues.get(e.id, []), issue_titles),
        }
        for e in sorted(rec.events, key=lambda e: (date_key(e.date), e.time or "", e.id))
    ]
    issues = [
        {"id": i.id, "title": i.title, "description": i.description, "status": i.status}
        for i in rec.issues
    ]
    notes = [
        {
            "id": n.id,
            "body": n.body,
            "is_todo": n.is_todo,
            "done": n.done,
            "staff_only": n.staff_only,
        }
        for n in rec.notes
    ]
    return {
        "case": {
            "id": case.id,
            **case_fields(case),
            "clients": [p["name"] for p in people if "client" in p["roles"]],
        },
        "people": people,
        "statements": statements,
        "charges": charges,
        "documents": documents,
        "events": events,
        "issues": issues,
        "notes": notes,
    }
