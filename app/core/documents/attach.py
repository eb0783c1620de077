"""Attach several files to a case as documents, all in one unit of work, and undo that.

``attach_files(ws, case_id, files, progress)`` stores each file in the attachment store
first (written and flushed, as one document's file always is) and extracts its text
for search, then creates every document in one transaction: the person confirmed the
files together, so they are added together or not at all. A file that cannot be
read, or whose bytes the case already holds (or another of the files has), is left out and
named in :attr:`Attached.skipped`; the others still go in.

Big files take seconds (a 400-page PDF's text layer), so the desktop app runs this on
a worker's own handle and reports ``progress(done, total)`` per megabyte read and per
file; the callback may raise to stop. Stopped (or failed) before the commit, nothing
is added, and the files this run put in the store are taken out again unless a
document refers to them (the same bytes attached meanwhile): no row, no new orphan.

:class:`AttachFilesOperation` is the same as one undoable step: undo removes them
all, redo puts the very same rows back.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import select

from app.core.errors import CasefileError
from app.core.progress import Progress
from app.core.services import records
from app.core.services import restore as rs
from app.core.services.documents import (
    DOCUMENT,
    document_with_file,
    file_fields,
    write_extracted_text,
)
from app.core.services.operations import Changes, Operation, changes_of_captured
from app.core.storage.models import Document
from app.core.storage.store import CHUNK, AttachmentStore, StoredFile, guess_media_type
from app.core.storage.workspace import Workspace

# A file's share of the bar is three times its size (hashed, copied, its text extracted)
# and this much more, so small files move it too; inserting the rows has its share.
FILE_UNITS = CHUNK


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


def attach_files(
    ws: Workspace, case_id: int, files: list[FileToAttach], progress: Progress | None = None
) -> Attached:
    """Add one document per file in one unit of work; see the module's docstring.
    A value the documents refuse (an empty title) raises ValidationError and adds none."""
    from app.core.textextract import extract_text

    meter = _Meter(progress, [item.path for item in files])
    done = Attached()
    ready: list[tuple[FileToAttach, dict[str, Any], tuple[str | None, str]]] = []
    seen: dict[str, str] = {}  # file's SHA-256 -> the title it is added under
    new_in_store: list[str] = []
    try:
        for number, item in enumerate(files):
            try:
                stored, new = _store(ws.store, item.path, meter)
            except (CasefileError, OSError) as exc:
                done.skipped.append(f"{item.path.name}: {_why(exc)}")
                meter.file_done(number)
                continue
            if new:
                new_in_store.append(stored.sha256)
            existing = seen.get(stored.sha256) or document_with_file(ws, case_id, stored.sha256)
            if existing is not None:
                done.skipped.append(
                    f"{item.path.name}: this file is already in the case as the document "
                    f"{existing!r}"
                )
                meter.file_done(number)
                continue
            seen[stored.sha256] = item.title
            ready.append((item, file_fields(stored), extract_text(item.path)))
            meter.file_done(number)
        if ready:
            with ws.session() as session:
                for item, stored_fields, extracted in ready:
                    values = {
                        "title": item.title,
                        "kind": item.kind,
                        "date": item.date,
                        **stored_fields,
                    }
                    record = records.create(session, DOCUMENT, values, case_id=case_id)
                    write_extracted_text(session, record.id, extracted)
                    done.ids.append(record.id)
                    meter.row_done(len(ready))
                meter.end()  # the last chance to stop: before the commit
    except BaseException:
        _take_back(ws, new_in_store)
        raise
    return done


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return f"cannot be read ({exc.strerror or exc})"
    return str(exc)


def _store(store: AttachmentStore, path: Path, meter: _Meter) -> tuple[StoredFile, bool]:
    """Put ``path`` in the store; (what was stored, whether this call added its bytes).

    The file is hashed first, so bytes the store already holds are not copied, and a
    stopped attach knows which files it added itself (only those are taken back)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in _chunks(fh, meter):
            digest.update(chunk)
    sha = digest.hexdigest()
    if store.has(sha):
        meter.skip_copy(path)
        return StoredFile(sha, path.stat().st_size, guess_media_type(path.name), path.name), False
    with path.open("rb") as fh:
        stored = store.add_stream(_Counted(fh, meter), path.name)
    # A file changed between the two reads may have become bytes stored before.
    return stored, stored.sha256 == sha


def _chunks(stream: BinaryIO, meter: _Meter) -> Iterator[bytes]:
    for chunk in iter(lambda: stream.read(CHUNK), b""):
        meter.read(len(chunk))
        yield chunk


class _Counted:
    """A file whose reads advance the bar (the store copies from it chunk by chunk)."""

    def __init__(self, raw: BinaryIO, meter: _Meter) -> None:
        self.raw, self.meter = raw, meter

    def read(self, size: int = -1) -> bytes:
        chunk = self.raw.read(size)
        self.meter.read(len(chunk))
        return chunk


def _take_back(ws: Workspace, added: list[str]) -> None:
    """Remove the files this attach added to the store, unless a document refers to
    them (the same bytes attached meanwhile): a stopped attach leaves no new orphan."""
    if not added:
        return
    try:
        with ws.reader() as session:
            used = set(
                session.scalars(select(Document.file_sha256).where(Document.file_sha256.in_(added)))
            )
    except Exception:  # cannot tell: keeping an unreferenced file is harmless
        return
    for sha in added:
        if sha not in used:
            try:
                ws.store.path_for(sha).unlink(missing_ok=True)
            except OSError:
                pass  # an unreferenced file left behind is harmless; check reports it


class _Meter:
    """One bar over the files: each file's bytes hashed and copied, its text
    extracted, then the rows inserted. Reports go to ``progress``, which may raise."""

    def __init__(self, progress: Progress | None, paths: list[Path]) -> None:
        self.progress = progress
        self.budgets = [3 * _size(path) + FILE_UNITS for path in paths]
        self.inserting = sum(self.budgets) // 20 + 1
        self.total = sum(self.budgets) + self.inserting
        self.finished = 0  # the budgets of the files done
        self.within = 0  # what the current file has used of its budget

    def _report(self) -> None:
        if self.progress is not None:
            self.progress(min(self.finished + self.within, self.total), self.total)

    def read(self, size: int) -> None:
        self.within += size
        self._report()

    def skip_copy(self, path: Path) -> None:
        self.within += _size(path)

    def file_done(self, number: int) -> None:
        self.finished += self.budgets[number]
        self.within = 0
        self._report()

    def row_done(self, rows: int) -> None:
        self.within += self.inserting // max(rows, 1)
        self._report()

    def end(self) -> None:
        self.finished, self.within = self.total, 0
        self._report()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # gone or unreadable: named when it is read


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

    def apply_in_background(self, ws: Workspace, progress: Progress) -> None:
        """:meth:`apply` on a worker thread's handle ``ws``; ``progress`` may raise to
        stop, up to its last report before the commit: a stopped attach adds nothing."""
        self.result = attach_files(ws, self.case_id, self.files, progress)

    def revert(self) -> None:
        self.captured = rs.capture(self.ws, self.roots)
        rs.perform(self.ws, deletes=[(DOCUMENT, record_id) for record_id in self.result.ids])

    def reapply(self) -> None:
        rs.perform(self.ws, restore=self.captured)

    def changes(self) -> Changes:
        return Changes.of_rows(self.roots) | changes_of_captured(self.captured)
