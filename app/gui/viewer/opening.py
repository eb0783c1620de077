"""Opening a document's file in the viewer: from the documents list, or a statement's
source at its pin cite with the quote found and marked.

The file's bytes come from the attachment store (decrypted in memory for an encrypted
workspace). Problems are told through ``ctx.interaction``; none reaches the person
as a traceback.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from app.core.errors import CasefileError
from app.gui.dialogs import extract_document
from app.gui.viewer.source import DocumentSource
from app.gui.viewer.window import ViewerWindow


def make_viewer(
    ctx: Any, document_id: int, page: int | None = None, parent: QWidget | None = None
) -> ViewerWindow | None:
    """A viewer window of the document's attached file at ``page`` (1-based), not yet
    shown; None (the problem told) when there is nothing to show."""
    talk = ctx.interaction
    try:
        document = _document(ctx.workspace, document_id)
        sha = document.get("file_sha256")
        if not sha:
            talk.inform(parent, "Casefile", "This document has no file attached.")
            return None
        data = ctx.workspace.store.read_bytes(sha)  # decrypted in memory, never to disk
        undo = getattr(parent, "undo", None)  # the main window's: a new statement is undoable
        viewer = ViewerWindow(
            str(document.get("title") or ""),
            str(document.get("file_name") or sha),
            data,
            page,
            parent,
            bates=(str(document.get("bates_start") or ""), str(document.get("bates_end") or "")),
        )
        if not isinstance(undo, QUndoStack):
            undo = QUndoStack(viewer)
        viewer.source = DocumentSource(ctx, document_id, undo)
        extract_document.add_viewer_button(viewer)  # "Statements from this document…"
    except CasefileError as exc:
        talk.warn(parent, "Casefile", str(exc))
        return None
    except Exception as exc:  # a damaged Word file or text: said, never a traceback
        talk.warn(parent, "Casefile", f"The file could not be shown ({type(exc).__name__}: {exc})")
        return None
    return viewer


def _document(ws: Any, document_id: int) -> dict[str, Any]:
    """What the viewer shows of a document's record: its title, file and Bates range
    (just these columns: the whole record with its links takes longer to read than
    the first page takes to draw)."""
    from sqlalchemy import text

    from app.core.errors import NotFoundError
    from app.core.storage.models import Document

    columns = ("title", "file_name", "file_sha256", "bates_start", "bates_end")
    select = f"SELECT {', '.join(columns)} FROM {Document.__tablename__} WHERE id = "
    if ws.engine.dialect.paramstyle == "qmark":  # SQLite: its own cursor, a tenth the time
        raw = ws.engine.raw_connection()  # from the pool, key and settings already given
        try:
            cursor = raw.cursor()
            row = cursor.execute(select + "?", (document_id,)).fetchone()
            cursor.close()
        finally:
            raw.close()  # back to the pool
    else:
        with ws.engine.connect() as connection:  # one row read: no ORM session needed
            row = connection.execute(text(select + ":id"), {"id": document_id}).one_or_none()
    if row is None:
        raise NotFoundError(f"there is no document with id {document_id}")
    return dict(zip(columns, row, strict=True))


def open_document_viewer(
    ctx: Any, document_id: int, page: int | None = None, parent: QWidget | None = None
) -> ViewerWindow | None:
    """Show the document's attached file in a viewer window, at ``page`` (1-based) when
    given; problems are told through ``ctx.interaction`` and give None."""
    viewer = make_viewer(ctx, document_id, page, parent)
    if viewer is not None:
        viewer.show()
    return viewer


def open_source(
    ctx: Any, kind: str, record_id: int, parent: QWidget | None = None
) -> ViewerWindow | None:
    """Show the source document of a statement or an event at its pin cite; a
    statement's words are found and marked."""
    if kind == "statement":
        return open_statement_source(ctx, record_id, parent)
    from app.core.services.events import get_event

    return _open_at_cite(ctx, get_event, record_id, "event", parent)


def open_statement_source(
    ctx: Any, statement_id: int, parent: QWidget | None = None
) -> ViewerWindow | None:
    """Show a statement's source document at the page its pin cite names, its words
    marked where they are found on the page's text; for a cite with no page ("¶ 4",
    or none) at the first page the words are found on, else the first page."""
    from app.core.services.statements import get_statement

    return _open_at_cite(ctx, get_statement, statement_id, "statement", parent)


def _open_at_cite(
    ctx: Any, get: Any, record_id: int, noun: str, parent: QWidget | None
) -> ViewerWindow | None:
    from app.core.pin_cites import pages_of_pin_cite

    try:
        record = get(ctx.workspace, record_id)
    except CasefileError as exc:
        ctx.interaction.warn(parent, "Casefile", str(exc))
        return None
    document_id = record.get("source_document_id")
    if document_id is None:
        ctx.interaction.inform(parent, "Casefile", f"This {noun} has no source document.")
        return None
    cited = pages_of_pin_cite(record.get("pin_cite"))
    viewer = make_viewer(ctx, int(document_id), cited[0] if cited else None, parent)
    if viewer is None:
        return None
    if noun == "statement":  # its words are a quote; an event's description is ours
        viewer.mark_quote(str(record.get("text") or ""), cited)
    viewer.show()
    return viewer
