"""A PDF held in memory, its pages rendered one at a time when asked for.

The bytes come from the attachment store (decrypted in memory for an encrypted
workspace) and PDFium reads them there: no copy of the file is written anywhere. A
page is rendered only when it is shown, so a 400-page transcript opens as fast as a
one-page letter.
"""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage

from app.core.errors import CasefileError
from app.gui.printing.pages import page_image


class ViewerError(CasefileError):
    """The file could not be shown (a damaged PDF, an image Qt cannot read)."""


@dataclass(frozen=True)
class Hit:
    """Where found text is: its 0-based page and its boxes in PDF points (origin at the
    page's bottom left, as PDFium gives them)."""

    page: int
    char_index: int
    boxes: tuple[tuple[float, float, float, float], ...]


class PdfPages:
    """The pages of one PDF: their count, sizes, text and images."""

    def __init__(self, data: bytes) -> None:
        self._data = data  # PDFium reads from this buffer for the document's whole life
        try:
            self._document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise ViewerError(f"the PDF could not be read ({exc})") from None

    def __len__(self) -> int:
        return len(self._document)

    def close(self) -> None:
        self._document.close()

    def page_size(self, index: int) -> tuple[float, float]:
        """Width and height of the page in points (1/72 inch)."""
        page = self._document[index]
        try:
            return page.get_size()
        finally:
            page.close()

    def render(self, index: int, dpi: float) -> QImage:
        page = self._document[index]
        try:
            return page_image(page, dpi)
        finally:
            page.close()

    def text(self, index: int) -> str:
        """The page's text layer (empty for a scan without one)."""
        page = self._document[index]
        try:
            textpage = page.get_textpage()
            try:
                return textpage.get_text_range()
            finally:
                textpage.close()
        finally:
            page.close()

    def find(self, needle: str, after: Hit | None = None) -> Hit | None:
        """The next place ``needle`` occurs after ``after`` (from the start when None),
        wrapping round to the first page; None when it occurs nowhere."""
        if not needle.strip() or not len(self):
            return None
        start_page = after.page if after is not None else 0
        count = len(self)
        for step in range(count + 1):
            index = (start_page + step) % count
            skip_to = after.char_index if (after is not None and step == 0) else -1
            hit = self._find_on_page(index, needle, skip_to)
            if hit is not None:
                return hit
        return None

    def _find_on_page(self, index: int, needle: str, skip_to: int) -> Hit | None:
        page = self._document[index]
        try:
            textpage = page.get_textpage()
            try:
                searcher = textpage.search(needle)
                try:
                    while (found := searcher.get_next()) is not None:
                        start, length = found
                        if start <= skip_to:
                            continue
                        rects = textpage.count_rects(start, length)
                        boxes = tuple(textpage.get_rect(i) for i in range(rects))
                        return Hit(index, start, boxes)
                    return None
                finally:
                    searcher.close()
            finally:
                textpage.close()
        finally:
            page.close()


def hit_rects(hit: Hit, page_height: float, scale: float) -> list[QRectF]:
    """The hit's boxes on an unrotated page image drawn at ``scale`` pixels per point."""
    rects = []
    for left, bottom, right, top in hit.boxes:
        rects.append(
            QRectF(
                left * scale,
                (page_height - top) * scale,
                (right - left) * scale,
                (top - bottom) * scale,
            )
        )
    return rects
