"""A PDF held in memory, its pages rendered one at a time when asked for.

The bytes come from the attachment store (decrypted in memory for an encrypted
workspace) and PDFium reads them there: no copy of the file is written anywhere. A
page is rendered only when it is shown, so a 400-page transcript opens as fast as a
one-page letter.
"""

from __future__ import annotations

import contextlib
import ctypes
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage

from app.core.errors import CasefileError
from app.gui.printing.pages import page_image


class ViewerError(CasefileError):
    """The file could not be shown (a damaged PDF, an image Qt cannot read)."""


Box = tuple[float, float, float, float]  # left, bottom, right, top in PDF points


@dataclass(frozen=True)
class Hit:
    """Where found text is: its 0-based page and its boxes in PDF points (origin at the
    page's bottom left, as PDFium gives them)."""

    page: int
    char_index: int
    boxes: tuple[Box, ...]


class PdfPages:
    """The pages of one PDF: their count, sizes, text and images."""

    def __init__(self, data: bytes) -> None:
        self._data = data  # PDFium reads from this buffer for the document's whole life
        self._sizes: dict[int, tuple[float, float]] = {}
        try:
            self._document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise ViewerError(f"the PDF could not be read ({exc})") from None
        self._count = len(self._document)

    def __len__(self) -> int:
        return self._count

    def close(self) -> None:
        self._document.close()

    def page_size(self, index: int) -> tuple[float, float]:
        """Width and height of the page in points (1/72 inch)."""
        size = self._sizes.get(index)
        if size is None:  # read from the page's entry, without loading its content
            size = self._sizes[index] = self._document.get_page_size(index)
        return size

    def render(self, index: int, dpi: float) -> QImage:
        """The page as an opaque image at ``dpi``. PDFium draws straight into the
        image's own memory in the layout Qt keeps on screen (32-bit, xRGB), so
        showing it takes neither a copy nor a conversion."""
        if sys.byteorder != "little":  # xRGB is B, G, R, x only on a little-endian machine
            page = self._document[index]
            try:
                return page_image(page, dpi)
            finally:
                page.close()
        width, height = self.page_size(index)
        columns, rows = max(1, round(width * dpi / 72)), max(1, round(height * dpi / 72))
        image = QImage(columns, rows, QImage.Format.Format_RGB32)
        pixels = (ctypes.c_ubyte * image.sizeInBytes()).from_buffer(image.bits())
        bitmap = pdfium_c.FPDFBitmap_CreateEx(
            columns, rows, pdfium_c.FPDFBitmap_BGRx, pixels, image.bytesPerLine()
        )
        page = self._document[index]
        try:
            pdfium_c.FPDFBitmap_FillRect(bitmap, 0, 0, columns, rows, 0xFFFFFFFF)
            pdfium_c.FPDF_RenderPageBitmap(
                bitmap, page, 0, 0, columns, rows, 0, pdfium_c.FPDF_ANNOT
            )
        finally:
            pdfium_c.FPDFBitmap_Destroy(bitmap)
            page.close()
        return image

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

    def chars(self, index: int) -> str:
        """The page's text layer one character per PDFium char index (which
        ``get_text_range`` does not promise), so a place in the string is a place on
        the page."""
        with self._textpage(index) as textpage:
            count = textpage.count_chars()
            codes = (pdfium_c.FPDFText_GetUnicode(textpage, i) for i in range(count))
            return "".join(chr(code) if 0 < code < 0x110000 else "\ufffd" for code in codes)

    def char_boxes(self, index: int) -> list[Box]:
        """Each char's box on the page, in the order of ``chars`` (an empty box for a
        break PDFium inserted)."""
        with self._textpage(index) as textpage:
            boxes: list[Box] = []
            for i in range(textpage.count_chars()):
                try:
                    boxes.append(textpage.get_charbox(i))
                except pdfium.PdfiumError:
                    boxes.append((0.0, 0.0, 0.0, 0.0))
            return boxes

    def span_boxes(self, index: int, start: int, count: int) -> tuple[Box, ...]:
        """The boxes covering ``count`` chars from ``start``: one per line they are on."""
        with self._textpage(index) as textpage:
            rects = textpage.count_rects(start, count)
            return tuple(textpage.get_rect(i) for i in range(rects))

    @contextlib.contextmanager
    def _textpage(self, index: int) -> Iterator[pdfium.PdfTextPage]:
        page = self._document[index]
        try:
            textpage = page.get_textpage()
            try:
                yield textpage
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
    return box_rects(hit.boxes, page_height, scale)


def box_rects(boxes: Iterable[Box], page_height: float, scale: float) -> list[QRectF]:
    """PDF boxes (origin bottom left) as rectangles on an unrotated page image drawn at
    ``scale`` pixels per point (origin top left)."""
    return [
        QRectF(
            left * scale,
            (page_height - top) * scale,
            (right - left) * scale,
            (top - bottom) * scale,
        )
        for left, bottom, right, top in boxes
    ]
