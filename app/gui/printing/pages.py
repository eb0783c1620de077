"""Draw a PDF's pages onto a ``QPrinter`` (a real printer or a PDF file), one page at a time.

Each page is rendered by PDFium as an image at the printer's resolution, capped (a
letter page at 1200 dpi would be a half-gigabyte bitmap; 300 dpi prints text sharp),
and drawn fitted to the paper (full-page printers, as Casefile's are: the brief has its
own margins) or to the printable area, centred, its shape kept. The pages
printed are the ones the print dialog chose (``QPrinter.pageRanges``), in the order it
chose, as many times as the copies asked when the printer cannot make copies itself.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

from app.core.errors import CasefileError

PRINT_DPI = 300  # the most a page is rendered at for paper or a PDF file


class PrintError(CasefileError):
    """The pages could not be drawn (an unreadable PDF, a printer that would not start)."""


def chosen_pages(printer: QPrinter, count: int) -> list[int]:
    """The 0-based pages of a ``count``-page document to print, in printing order,
    copies included when the printer does not make them itself."""
    ranges = printer.pageRanges()
    wanted = range(1, count + 1)
    if printer.printRange() == QPrinter.PrintRange.PageRange and not ranges.isEmpty():
        pages = [n - 1 for n in wanted if ranges.contains(n)]
    else:
        pages = [n - 1 for n in wanted]
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        pages.reverse()
    copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
    if printer.collateCopies():
        return pages * copies
    return [page for page in pages for _ in range(copies)]


def page_image(page: pdfium.PdfPage, dpi: float) -> QImage:
    """One page as an opaque RGB image at ``dpi``."""
    return bitmap_image(page.render(scale=dpi / 72, rev_byteorder=True))  # RGB, on white


def bitmap_image(bitmap: pdfium.PdfBitmap) -> QImage:
    """A rendered page (``rev_byteorder``: RGB) as an image with its own pixels; the
    bitmap is freed."""
    try:
        image = QImage(
            bitmap.buffer,
            bitmap.width,
            bitmap.height,
            bitmap.stride,
            QImage.Format.Format_RGB888
            if bitmap.n_channels == 3
            else QImage.Format.Format_RGBX8888,
        )
        return image.copy()  # its own pixels: the bitmap's are freed below
    finally:
        bitmap.close()


def fitted(size: QSizeF, area: QRectF) -> QRectF:
    """``size`` scaled to fit ``area``, shape kept, centred in it."""
    scale = min(area.width() / size.width(), area.height() / size.height())
    width, height = size.width() * scale, size.height() * scale
    return QRectF(
        area.x() + (area.width() - width) / 2,
        area.y() + (area.height() - height) / 2,
        width,
        height,
    )


def paint_pdf(
    pdf: bytes,
    printer: QPrinter,
    max_dpi: int = PRINT_DPI,
    progress: Callable[[int, int], bool] | None = None,
) -> int:
    """Draw ``pdf``'s chosen pages onto ``printer``; returns how many sheets were drawn.

    ``progress(done, total)`` is called after each sheet; when it returns False the
    job is aborted (nothing is printed) and 0 is returned."""
    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise PrintError(f"the brief could not be read for printing ({exc})") from None
    try:
        order = chosen_pages(printer, len(document))
        if not order:
            return 0
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError("the printer could not be started")
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        try:
            layout, resolution = printer.pageLayout(), printer.resolution()
            # Full page: the brief's own margins are kept, not added to the printer's.
            if printer.fullPage():
                paint = layout.fullRectPixels(resolution)
            else:
                paint = layout.paintRectPixels(resolution)
            area = QRectF(0, 0, paint.width(), paint.height())
            dpi = min(resolution, max_dpi)
            for sheet, index in enumerate(order):
                if sheet:
                    printer.newPage()
                page = document[index]
                try:
                    image = page_image(page, dpi)
                finally:
                    page.close()
                painter.drawImage(fitted(QSizeF(image.size()), area), image)
                if progress is not None and not progress(sheet + 1, len(order)):
                    printer.abort()
                    break
            else:
                return len(order)
        finally:
            painter.end()
        _remove_partial_file(printer)
        return 0
    finally:
        document.close()


def _remove_partial_file(printer: QPrinter) -> None:
    """A job cancelled while printing to a file leaves no half-brief behind."""
    name = printer.outputFileName()
    if name and printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        with contextlib.suppress(OSError):
            os.remove(name)
