"""Print preview of a PDF on the printer's paper, each page rendered only while it shows.

Qt's ``QPrintPreviewDialog`` records every page up front (a ``QPicture`` per page, and a
PDF page can only reach it as a full image): a 300-page brief held about a gigabyte of
pictures while it was open. This preview is built on the same ``QPrinter`` instead: it
lays the sheets out from the printer's paper size and orientation (the page fitted onto
it the way :func:`~app.gui.printing.pages.paint_pdf` prints it), renders a page when it
is painted, at the size it is painted (screen pixels at the zoom shown), and lets go of
every image that has scrolled out of view. Print goes through ``QPrintDialog`` with the
same printer and streams the pages one at a time.
"""

from __future__ import annotations

from collections.abc import Callable

import pypdfium2 as pdfium
from PySide6.QtCore import QRect, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QPageLayout,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtPrintSupport import QPageSetupDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.gui.printing.pages import PrintError, bitmap_image, fitted

GAP = 16  # pixels between sheets and around them
ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.1, 8.0  # pixels per point


class Sheets(QWidget):
    """The document's pages stacked on paper-shaped sheets, ``zoom`` pixels per point."""

    def __init__(self, document: pdfium.PdfDocument, printer: QPrinter) -> None:
        super().__init__()
        self.setAccessibleName("Pages")
        self.setAccessibleDescription("The brief's pages on the printer's paper")
        self.document = document
        self.printer = printer
        self.zoom = 1.0
        self.page_sizes = [document.get_page_size(i) for i in range(len(document))]
        # page index -> the image shown for it and the pixel size it was rendered at.
        self.images: dict[int, tuple[QSize, QImage]] = {}
        self.renders = 0  # pages rendered so far: each costs PDFium a full page
        self.relayout()

    # -- geometry -------------------------------------------------------------------

    def paper(self) -> tuple[QSizeF, QRectF]:
        """The paper's size and the rect a page is fitted into, in points."""
        layout = self.printer.pageLayout()
        full = layout.fullRect(QPageLayout.Unit.Point)
        area = full if self.printer.fullPage() else layout.paintRect(QPageLayout.Unit.Point)
        return full.size(), QRectF(
            area.x() - full.x(), area.y() - full.y(), area.width(), area.height()
        )

    def relayout(self) -> None:
        """Size the widget for the sheets at the current zoom and paper."""
        paper, _area = self.paper()
        self.sheet = QSize(round(paper.width() * self.zoom), round(paper.height() * self.zoom))
        count = len(self.page_sizes)
        self.setFixedSize(self.sheet.width() + 2 * GAP, count * (self.sheet.height() + GAP) + GAP)
        self.images.clear()  # rendered for the old size
        self.update()

    def sheet_rect(self, index: int) -> QRect:
        top = GAP + index * (self.sheet.height() + GAP)
        return QRect(GAP, top, self.sheet.width(), self.sheet.height())

    def page_rect(self, index: int) -> QRectF:
        """Where page ``index`` is drawn on its sheet, in widget pixels."""
        _paper, area = self.paper()
        width, height = self.page_sizes[index]
        sheet = self.sheet_rect(index)
        scaled = QRectF(
            sheet.x() + area.x() * self.zoom,
            sheet.y() + area.y() * self.zoom,
            area.width() * self.zoom,
            area.height() * self.zoom,
        )
        return fitted(QSizeF(width, height), scaled)

    def pages_in(self, rect: QRect) -> range:
        """The pages whose sheets meet ``rect`` (widget pixels)."""
        step = self.sheet.height() + GAP
        first = max((rect.top() - GAP) // step, 0)
        last = min((rect.bottom() - GAP) // step, len(self.page_sizes) - 1)
        return range(first, last + 1)

    def page_at(self, y: int) -> int:
        """The page whose sheet is at (or next below) height ``y`` in widget pixels."""
        step = self.sheet.height() + GAP
        return min(max(y // step, 0), max(len(self.page_sizes) - 1, 0))

    # -- painting -------------------------------------------------------------------

    def image(self, index: int, target: QRectF) -> QImage:
        """Page ``index`` rendered at ``target``'s size in device pixels."""
        ratio = self.devicePixelRatioF()
        size = QSize(max(round(target.width() * ratio), 1), max(round(target.height() * ratio), 1))
        held = self.images.get(index)
        if held is not None and held[0] == size:
            return held[1]
        page = self.document[index]
        try:
            bitmap = page.render(scale=size.width() / self.page_sizes[index][0], rev_byteorder=True)
        except pdfium.PdfiumError as exc:
            raise PrintError(f"page {index + 1} could not be drawn ({exc})") from None
        finally:
            page.close()
        image = bitmap_image(bitmap)
        image.setDevicePixelRatio(ratio)
        self.renders += 1
        self.images[index] = (size, image)
        return image

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for index in self.pages_in(event.rect()):
            sheet = self.sheet_rect(index)
            painter.fillRect(sheet, QColor("#ffffff"))
            target = self.page_rect(index)
            try:
                painter.drawImage(target, self.image(index, target))
            except PrintError:
                painter.drawText(
                    target, Qt.AlignmentFlag.AlignCenter, "This page could not be drawn"
                )
            painter.setPen(QColor("#6e6e6e"))  # the paper's edge, just outside it
            painter.drawRect(sheet.adjusted(-1, -1, 0, 0))
        painter.end()
        self.release_hidden()

    def close_document(self) -> None:
        """Drop every image and the document: the preview shows nothing more."""
        self.images.clear()
        self.page_sizes = []
        self.document.close()
        self.relayout()

    def release_hidden(self) -> None:
        """Let go of the images of pages no longer in view."""
        shown = self.pages_in(self.visibleRegion().boundingRect())
        for index in [i for i in self.images if i not in shown]:
            del self.images[index]


class PreviewDialog(QDialog):
    """The preview window: the sheets, zoom, paper and orientation, and Print."""

    def __init__(
        self,
        pdf: bytes,
        printer: QPrinter,
        print_with: Callable[[QPrinter], None],
        parent: QWidget | None = None,
        run_dialog: Callable[[QDialog], int] | None = None,
    ) -> None:
        super().__init__(parent)
        self._pdf = pdf  # PDFium reads from this buffer for the document's whole life
        try:
            self.document = pdfium.PdfDocument(pdf)
        except pdfium.PdfiumError as exc:
            raise PrintError(f"the brief could not be read for the preview ({exc})") from None
        self.printer = printer
        self._print_with = print_with
        self._run_dialog = run_dialog or (lambda dialog: dialog.exec())
        self.sheets = Sheets(self.document, printer)
        self.scroll = QScrollArea()
        self.scroll.setAccessibleName("Preview pages")
        self.scroll.setWidget(self.sheets)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll.setBackgroundRole(QPalette.ColorRole.Dark)
        self.scroll.verticalScrollBar().valueChanged.connect(self._show_page_number)

        bar = QHBoxLayout()
        self.page_box = QSpinBox()
        self.page_box.setRange(1, max(self.page_count(), 1))
        self.page_box.setAccessibleName("Page number")
        self.page_box.setAccessibleDescription("Goes to the page of this number")
        self.page_box.valueChanged.connect(self.go_to_page)
        self.of_pages = QLabel(f"of {self.page_count()}")
        self.of_pages.setAccessibleName("Page count")
        bar.addWidget(self.page_box)
        bar.addWidget(self.of_pages)
        bar.addSpacing(12)
        for label, name, handler in (
            ("\u2212", "Zoom out", lambda: self.set_zoom(self.sheets.zoom / ZOOM_STEP)),
            ("+", "Zoom in", lambda: self.set_zoom(self.sheets.zoom * ZOOM_STEP)),
            ("Fit width", "Fit width", self.fit_width),
            ("Fit page", "Fit page", self.fit_page),
            (
                "Portrait",
                "Portrait",
                lambda: self.set_orientation(QPageLayout.Orientation.Portrait),
            ),
            (
                "Landscape",
                "Landscape",
                lambda: self.set_orientation(QPageLayout.Orientation.Landscape),
            ),
            ("Page setup\u2026", "Page setup", self.page_setup),
        ):
            button = QPushButton(label)
            button.setAccessibleName(name)
            button.setAutoDefault(False)
            button.clicked.connect(handler)
            bar.addWidget(button)
        bar.addStretch(1)
        self.print_button = QPushButton("Print\u2026")
        self.print_button.setAccessibleName("Print")
        self.print_button.setAccessibleDescription("Chooses a printer, then prints these pages")
        self.print_button.clicked.connect(self.print_now)
        close = QPushButton("Close")
        close.setAccessibleName("Close")
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        bar.addWidget(self.print_button)
        bar.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        self.resize(900, 760)
        self._fitted = True  # fit the width until the person zooms

    def page_count(self) -> int:
        return len(self.sheets.page_sizes)

    def live_images(self) -> int:
        """How many page images the preview holds now."""
        return len(self.sheets.images)

    # -- view -----------------------------------------------------------------------

    def set_zoom(self, zoom: float, *, fitted: bool = False) -> None:
        page = self.current_page()
        self._fitted = fitted
        self.sheets.zoom = min(max(zoom, MIN_ZOOM), MAX_ZOOM)
        self.sheets.relayout()
        self.go_to_page(page + 1)

    def fit_width(self) -> None:
        paper, _area = self.sheets.paper()
        room = self.scroll.viewport().width() - 2 * GAP
        self.set_zoom(room / paper.width(), fitted=True)

    def fit_page(self) -> None:
        paper, _area = self.sheets.paper()
        room = self.scroll.viewport().size() - QSize(2 * GAP, 2 * GAP)
        self.set_zoom(min(room.width() / paper.width(), room.height() / paper.height()))

    def go_to_page(self, number: int) -> None:
        index = min(max(number, 1), max(self.page_count(), 1)) - 1
        self.scroll.verticalScrollBar().setValue(self.sheets.sheet_rect(index).top() - GAP)

    def current_page(self) -> int:
        """The 0-based page at the top of the view."""
        return self.sheets.page_at(self.scroll.verticalScrollBar().value())

    def _show_page_number(self) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(self.current_page() + 1)
        self.page_box.blockSignals(False)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._fitted:
            self.fit_width()

    # -- the printer ----------------------------------------------------------------

    def set_orientation(self, orientation: QPageLayout.Orientation) -> None:
        self.printer.setPageOrientation(orientation)
        self._paper_changed()

    def page_setup(self) -> None:
        dialog = QPageSetupDialog(self.printer, self)
        try:
            if self._run_dialog(dialog) == QDialog.DialogCode.Accepted:
                self._paper_changed()
        finally:
            dialog.deleteLater()

    def _paper_changed(self) -> None:
        if self._fitted:
            self.fit_width()
        else:
            self.sheets.relayout()

    def print_now(self) -> None:
        self._print_with(self.printer)
        self._paper_changed()  # the print dialog may have chosen other paper

    def done(self, result: int) -> None:
        self.sheets.close_document()
        super().done(result)
