"""The document viewer: attached PDFs, images and text shown inside Casefile.

``open_document_viewer`` is the one entry point the rest of the window uses.
"""

from __future__ import annotations

from app.gui.viewer.window import ViewerWindow, open_document_viewer, open_statement_source

__all__ = ["ViewerWindow", "open_document_viewer", "open_statement_source"]
