"""Statements from this document: the review dialog over a document already attached.

From the Documents section (its button and context menu) and the document viewer.
The attached file's text is read through ``app.core.textextract`` off the window's
thread; in an encrypted workspace the store hands the reader the decrypted bytes in
memory (or in a private temporary file removed at once: ``AttachmentStore.plain_file``),
so no plaintext is left behind. The statements cite the document itself: no copy of
its text is stored (``apply_proposals(document_id=...)``). A file with no text (a
scan without a text layer, a photo, a recording) is told in plain words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QPushButton, QWidget

from app.core.intake.proposal import Proposal
from app.core.progress import Progress, Stages

READ_DOCUMENT_TASK = "statements-from-document"  # its name on the task runner
BUTTON_TEXT = "Statements from This Document…"


@dataclass
class DocumentText:
    """What reading an attached document gave: its text (None: none could be read)
    and why not, and the statements proposed from it."""

    document_id: int
    case_id: int
    title: str
    text: str | None
    note: str
    proposals: list[Proposal]


def read_document(ws: Any, document_id: int, progress: Progress | None = None) -> DocumentText:
    """Read the attached file of ``document_id`` and propose its statements (changes
    nothing). Raises :class:`~app.core.errors.CasefileError` for a missing document."""
    from app.core.intake.extract import extract
    from app.core.services.choices import case_of
    from app.core.services.documents import get_document
    from app.core.storage.models import Document
    from app.core.textextract import extract_text

    document = get_document(ws, document_id)
    title = document.get("title") or document.get("file_name") or "the document"
    case_id = int(case_of(ws, Document, document_id) or 0)
    found = DocumentText(document_id, case_id, title, None, "", [])
    sha, name = document.get("file_sha256"), document.get("file_name") or ""
    if not sha:
        found.note = f"“{title}” has no file attached, so there is no text to read."
        return found
    if not ws.store.has(sha):
        found.note = f"The file of “{title}” is missing from the attachments."
        return found
    stages = Stages(progress, {"read": 40, "find": 60})
    stages.begin("read")
    with ws.store.plain_file(sha, Path(name).suffix) as path:  # decrypted only while read
        text, note = extract_text(path, name)
    stages.finish("read")
    if text is None or not text.strip():
        found.note = (
            f"Casefile found no text in “{title}”"
            + (f" ({note})" if note else "")
            + ". A scanned page without a text layer, a photo or a recording has none: "
            "run it through OCR or a transcription first, then attach the text."
        )
        return found
    date = document.get("date")
    iso = date.iso() if date is not None and not date.approximate and len(date.iso()) == 10 else ""
    found.text, found.note = text, note
    found.proposals = extract(text, stages.part("find"), document_date=iso)
    stages.finish("find")
    return found


def statements_from_document(
    ctx: Any, undo: QUndoStack | None, document_id: int, parent: QWidget | None = None
) -> Any:
    """Read the document off the window's thread (a progress bar with Cancel), then
    open the review dialog with the document as the source."""
    from app.gui.dialogs.extract import review_extraction
    from app.gui.dialogs.progress import run_with_progress

    workspace = ctx.workspace

    def work(control: Any) -> DocumentText:
        worker = workspace.for_worker()  # its connections are made, used and closed there
        try:
            return read_document(worker, document_id, control.progress)
        finally:
            worker.close()

    def found(result: DocumentText) -> None:
        if result.text is None:
            ctx.interaction.warn(parent, "No text to read", result.note)
        elif not result.proposals:
            ctx.interaction.inform(
                parent, "No statements found", f"Casefile found no statements in “{result.title}”."
            )
        else:
            review_extraction(
                ctx, undo, result.case_id, result.text, result.title, parent,
                result.proposals, document_id=result.document_id,
            )  # fmt: skip

    return run_with_progress(
        ctx,
        parent,
        READ_DOCUMENT_TASK,
        "Reading the document and finding its statements…",
        work,
        on_done=found,
        failure="Cannot read the document",
        title="Statements from a Document",
    )


def add_viewer_button(viewer: Any) -> QPushButton | None:
    """Give a document viewer (with a source: app/gui/viewer/source.py) a button
    that opens the review over the document shown."""
    source = getattr(viewer, "source", None)
    if source is None:
        return None
    button = QPushButton("Statements from this document…")  # sentence case, as its neighbours
    button.setAccessibleName("Statements from this document")
    button.setToolTip("Find the statements this document quotes and review them")
    button.clicked.connect(
        lambda: statements_from_document(source.ctx, source.undo, source.document_id, viewer)
    )
    # The viewer makes its row of controls just after the first page is on screen: the
    # button joins the row then, beside "New statement from selection" and after it in
    # the tab order.
    if getattr(viewer, "is_complete", True):
        _place_in_row(viewer, button)
    else:
        viewer.completed.connect(lambda: _place_in_row(viewer, button))
    viewer.statements_button = button
    return button


def _place_in_row(viewer: Any, button: QPushButton) -> None:
    row = viewer.controls
    beside = getattr(viewer, "new_statement_button", None)
    at = row.indexOf(beside) + 1 if beside is not None else row.count()
    row.insertWidget(at, button)
    button.show()
    if beside is not None:
        after = beside.nextInFocusChain()
        QWidget.setTabOrder(beside, button)
        if after is not button:
            QWidget.setTabOrder(button, after)
