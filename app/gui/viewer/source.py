"""Where a viewer's file comes from: what making a statement out of it needs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QUndoStack


@dataclass
class DocumentSource:
    """The context, the document shown, and the undo stack a new statement goes on
    (the main window's, so the statement is undone there like any other)."""

    ctx: Any
    document_id: int
    undo: QUndoStack

    @property
    def case_id(self) -> int | None:
        """The document's case (asked when a statement is made, not on every open)."""
        from app.core.services.choices import case_of
        from app.core.storage.models import Document

        return case_of(self.ctx.workspace, Document, self.document_id)
