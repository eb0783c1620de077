"""The document viewer: attached PDFs, images and text shown inside Casefile.

``open_document_viewer`` and ``open_statement_source`` are the entry points the rest
of the window uses.
"""

from __future__ import annotations

from app.gui.viewer.opening import open_document_viewer, open_source, open_statement_source
from app.gui.viewer.window import ViewerWindow

__all__ = ["ViewerWindow", "open_document_viewer", "open_source", "open_statement_source"]
