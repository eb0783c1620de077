"""Find next in the document viewer: in a text's words, or on a PDF's text layer page by
page from the last place found (an image has no words to find)."""

from __future__ import annotations

from typing import Any

from app.gui.viewer.pdf_pages import Hit


def next_hit(viewer: Any) -> Hit | None:
    """The next place the find box's words are on a PDF's pages (kept as ``viewer.hit``),
    or None: not found (said in the status line), nothing to find, or a text document,
    whose own view selects what it finds."""
    needle = viewer.find_box.text()
    if not needle.strip():
        return None
    if viewer.text_view is not None:
        if not viewer.text_view.find(needle):
            cursor = viewer.text_view.textCursor()
            cursor.movePosition(cursor.MoveOperation.Start)  # wrap round to the start
            viewer.text_view.setTextCursor(cursor)
            if not viewer.text_view.find(needle):
                viewer.status.setText(f"“{needle}” is not in this document")
        return None
    if viewer.pdf is None:
        return None
    hit = viewer.hit
    after = hit if hit is not None and hit.page == viewer.current else None
    if after is None and viewer.current:
        after = Hit(viewer.current, -1, ())
    viewer.hit = viewer.pdf.find(needle, after)
    if viewer.hit is None:
        viewer.status.setText(f"“{needle}” is not in this document's text")
    return viewer.hit
