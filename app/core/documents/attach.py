"""Attach several files to a case as documents, all in one unit of work, and undo that.

``attach_files(ws, case_id, files)`` stores each file in the attachment store first
(written and flushed, as one document's file always is) and extracts its text for
search, then creates every document in one transaction: the person confirmed the
files together, so they are added together or not at all. A file that cannot be
read, or whose bytes the case already holds (or another of the files has), is left out and
named in :attr:`Attached.skipped`; the others still go in.

:class:`AttachFilesOperation` is the same as one undoable step: undo removes them
all, redo puts the very same rows back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.errors import CasefileError
from app.core.services import records
from app.core.services import restore as rs
from app.core.services.documents import (
    DOCUMENT,
    document_with_file,
    file_fields,
    write_extracted_text,
)
from app.core.services.operations import Changes, Operation, changes_of_captured
from app.core.storage.workspace import Workspace


@dataclass(frozen=True)
class FileToAttach:
    """A file and the document it becomes, as the person confirmed it."""

    path: Path
    title: str
    kind: str = "other"
    date: Any = None  # a PartialDate, text a person typed, or None


@dataclass
class Attached:
    ids: list[int] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "file name: why"


def attach_files(ws: Workspace, case_id: int, files: list[FileToAttach]) -> Attached:
    """Add one document per file in one unit of work; see the module's docstring.
    A value the documents refuse (an empty title) raises ValidationError and adds none."""
    from app.core.textextract import extract_text

    done = Attached()
    ready: list[tuple[FileToAttach, dict[str, Any], tuple[str | None, str]]] = []
    seen: dict[str, str] = {}  # file's SHA-256 -> the title it is added under
    for item in files:
        try:
            extracted = extract_text(item.path)
            stored = ws.store.add_file(item.path)
        except (CasefileError, OSError) as exc:
            done.skipped.append(f"{item.path.name}: {exc}")
            continue
        existing = seen.get(stored.sha256) or document_with_file(ws, case_id, stored.sha256)
        if existing is not None:
            done.skipped.append(
                f"{item.path.name}: this file is already in the case as the document {existing!r}"
            )
            continue
        seen[stored.sha256] = item.title
        ready.append((item, file_fields(stored), extracted))
    if not ready:
        return done
    with ws.session() as session:
        for item, stored_fields, extracted in ready:
            values = {"title": item.title, "kind": item.kind, "date": item.date, **stored_fields}
            record = records.create(session, DOCUMENT, values, case_id=case_id)
            write_extracted_text(session, record.id, extracted)
            done.ids.append(record.id)
    return done


class AttachFilesOperation(Operation):
    """:func:`attach_files` as one undo step."""

    def __init__(self, ws: Workspace, case_id: int, files: list[FileToAttach]) -> None:
        self.ws, self.case_id, self.files = ws, case_id, files
        self.result = Attached()
        self.captured: rs.Captured | None = None

    @property
    def roots(self) -> list[rs.Root]:
        return [("documents", record_id) for record_id in self.result.ids]

    def apply(self) -> None:
        self.result = attach_files(self.ws, self.case_id, self.files)

    def revert(self) -> None:
        self.captured = rs.capture(self.ws, self.roots)
        rs.perform(self.ws, deletes=[(DOCUMENT, record_id) for record_id in self.result.ids])

    def reapply(self) -> None:
        rs.perform(self.ws, restore=self.captured)

    def changes(self) -> Changes:
        return Changes.of_rows(self.roots) | changes_of_captured(self.captured)
