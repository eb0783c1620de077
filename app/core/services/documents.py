"""Documents of a case, and the files attached to them.

A file goes into the attachment store (written and flushed to disk) before the
row that refers to it is committed, so no row ever points at a missing file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update

from app.core import vocab
from app.core.errors import ValidationError
from app.core.limits import MAX_FILE_BYTES
from app.core.services import fields as f
from app.core.services import records
from app.core.services.case_record import CaseRecordService
from app.core.storage.models import Document, Event, Issue, Statement
from app.core.storage.store import StoredFile
from app.core.storage.workspace import Workspace

_SHA = re.compile(r"^[0-9a-f]{64}$")


def _sha(name: str, value: Any) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, str) and _SHA.match(value):
        return value
    raise ValidationError(name, f"{value!r} is not a SHA-256 hex digest")


def _size(name: str, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(name, f"expected a number of bytes, got {type(value).__name__}")
    if value < 0:
        raise ValidationError(name, "cannot be negative")
    if value > MAX_FILE_BYTES:  # the column is a BIGINT
        raise ValidationError(name, f"must be at most {MAX_FILE_BYTES:,} bytes")
    return value


def _optional_text(max_length: int) -> f.Cleaner:
    inner = f.text(max_length)

    def clean(name: str, value: Any) -> str | None:
        return inner(name, value) or None

    return clean


DOCUMENT = records.Entity(
    model=Document,
    noun="document",
    fields={
        "title": f.Field("Title", f.text(500, required=True)),
        "kind": f.Field("Kind", f.code(vocab.DOCUMENT_KINDS), "other", vocab.DOCUMENT_KINDS),
        "date": f.Field("Date", f.date, None),
        "author": f.Field("Author / source", f.text(300)),
        "provenance": f.Field("Provenance", f.text(multiline=True)),
        "privileged": f.Field("Privileged", f.boolean, False),
        "bates_start": f.Field("Bates start", f.text(50)),
        "bates_end": f.Field("Bates end", f.text(50)),
        "notes": f.Field("Notes", f.text(multiline=True)),
        "issue_ids": f.Field("Legal issues", f.id_list, list),
        "file_sha256": f.Field("File SHA-256", _sha, None),
        "file_size": f.Field("File size", _size, None),
        "file_media_type": f.Field("File type", _optional_text(200), None),
        "file_name": f.Field("File name", _optional_text(500), None),
    },
    links={"issue_ids": records.Link("issues", Issue)},
)

_service = CaseRecordService(DOCUMENT)
update_document = _service.update
get_document = _service.get
delete_document = _service.delete
documents_of_case = _service.list_for_case


def file_fields(stored: StoredFile) -> dict[str, Any]:
    return {
        "file_sha256": stored.sha256,
        "file_size": stored.size,
        "file_media_type": stored.media_type,
        "file_name": stored.original_name,
    }


def add_document(
    ws: Workspace,
    case_id: int,
    *,
    file: Path | None = None,
    allow_duplicate: bool = False,
    record_id: int | None = None,
    extracted: tuple[str | None, str] | None = None,
    **values: Any,
) -> int:
    """Add a document, storing ``file`` first. A file already in the case is refused
    (naming the document that has it) unless ``allow_duplicate``. The file's text is
    extracted for search (``extracted`` passes a result already computed in a worker)."""
    if file is not None and extracted is None:
        from app.core.textextract import extract_text

        extracted = extract_text(file)
    if file is not None:
        stored = ws.store.add_file(file)
        values = {**values, **file_fields(stored)}
        values.setdefault("title", file.stem)
    sha = values.get("file_sha256")
    if sha and not allow_duplicate:
        existing = document_with_file(ws, case_id, sha)
        if existing is not None:
            raise ValidationError(
                "file", f"this file is already in the case as the document {existing!r}"
            )
    with ws.session() as session:
        record = records.create(session, DOCUMENT, values, case_id=case_id, record_id=record_id)
        if extracted is not None:
            write_extracted_text(session, record.id, extracted)
        return record.id


def write_extracted_text(session: Any, document_id: int, extracted: tuple[str | None, str]) -> None:
    """Store a file's extracted text inside the caller's unit of work (an import, an add)."""
    # A Core UPDATE: the text is derived from the file, not an edit (no version bump).
    text, note = extracted
    session.execute(
        update(Document)
        .where(Document.id == document_id)
        .values(extracted_text=text, extraction_note=note or None)
        .execution_options(synchronize_session=False)
    )


def set_extracted_text(ws: Workspace, document_id: int, text: str | None, note: str) -> None:
    """Store text extracted later (in a background worker) for the document's file."""
    with ws.session() as session:
        write_extracted_text(session, document_id, (text, note))


def document_with_file(ws: Workspace, case_id: int, sha256: str) -> str | None:
    """The title of the case's document holding this file, if any."""
    with ws.reader() as session:
        return session.scalar(
            select(Document.title)
            .where(Document.case_id == case_id, Document.file_sha256 == sha256)
            .limit(1)
        )


def attach_file(ws: Workspace, document_id: int, file: Path) -> None:
    """Attach (or replace) the file of an existing document."""
    from app.core.textextract import extract_text

    stored = ws.store.add_file(file)
    extracted = extract_text(file)
    with ws.session() as session:
        records.update(session, DOCUMENT, document_id, file_fields(stored))
        write_extracted_text(session, document_id, extracted)


def document_dependents(ws: Workspace, document_id: int) -> dict[str, int]:
    """Statements and events that cite this document as their source."""
    with ws.reader() as session:
        cited_by = {
            "statements": session.scalar(
                select(func.count())
                .select_from(Statement)
                .where(Statement.source_document_id == document_id)
            ),
            "events": session.scalar(
                select(func.count())
                .select_from(Event)
                .where(Event.source_document_id == document_id)
            ),
        }
    return {name: count or 0 for name, count in cited_by.items()}
