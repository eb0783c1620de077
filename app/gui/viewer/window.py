"""The viewer window: a document's PDF pages, image or text, shown inside Casefile.

A PDF shows its page list on the left (each page's Bates number with it, where the
document has a range) and one page on the right, rendered when it is shown (zoom,
fit width, rotate, go to page, find on the text layer with the hit marked, copy
text). A statement's quote is marked where it is found; words dragged over become a
new statement. An image is shown with zoom; a text file or Word document as
read-only text with find. Keys: PgUp/PgDn turn pages, Ctrl+F finds, Ctrl++ / Ctrl+-
zoom, Ctrl+C copies, Ctrl+Shift+N makes a statement of the chosen words, Escape
closes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QImage,
    QKeySequence,
    QPainter,
    QPixmap,
    QShortcut,
    QTransform,
)
from PySide6.QtWidgets import (
    QDialog,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.pin_cites import bates_numbers
from app.gui.viewer import selection as chosen
from app.gui.viewer.controls import NEW_STATEMENT_KEYS, CaptionUnder, build_controls
from app.gui.viewer.pdf_pages import Box, Hit, PdfPages, ViewerError, box_rects
from app.gui.viewer.quotes import QuoteMatch, find_quote
from app.gui.viewer.source import DocumentSource
from app.gui.viewer.text_content import kind_of, plain_text, word_text

SCREEN_DPI = 96  # 100 % zoom: a page as large as on paper on an ordinary screen
ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.1, 8.0
HIT_COLOUR = QColor(255, 200, 0, 110)  # a find hit and a statement's quote
CHOSEN_COLOUR = QColor(40, 110, 230, 80)  # words dragged over
THUMB_WIDTH = 72  # pixels: a page list entry's small picture
THUMBS_AT_A_TIME = 3  # drawn per turn of the event loop, so the window never stalls


class ViewerWindow(QDialog):
    """One document shown: ``kind`` is "pdf", "image", "word" or "text"."""

    def __init__(
        self,
        title: str,
        name: str,
        data: bytes,
        page: int | None = None,
        parent: QWidget | None = None,
        *,
        bates: tuple[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{title} — Casefile viewer")
        self.setAccessibleName(f"Viewer: {title}")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(1000, 760)
        self.kind = kind_of(name, data)
        self.pdf: PdfPages | None = None
        self.image: QImage | None = None
        self.bates = bates if bates and bates[0] else None
        self.bates_numbers: list[str] = []  # each page's, once the page count is known
        self.source: DocumentSource | None = None  # set by the opener: statements from it
        self.zoom = 1.0
        self.rotation = 0
        self.current = 0
        self.hit: Hit | None = None
        self.quote: QuoteMatch | None = None
        self.selection: chosen.Selection | None = None
        self._fit_width = True
        self._shown_key: tuple[Any, ...] | None = None  # what the page picture shows now
        self._upright = QSize()  # the page picture's size before it is turned
        self._to_bring_into_view: tuple[Box, ...] = ()
        self.note = ""  # said after the page and zoom in the status line
        self.controls = build_controls(self)
        self._build_body(data)
        if self.pdf is not None:
            self.go_to(page - 1 if page else 0)
        self._shortcuts()

    # -- building -------------------------------------------------------------------

    def _build_body(self, data: bytes) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self.controls)
        self.page_list = QListWidget()
        self.page_list.setAccessibleName("Pages")
        self.page_list.setUniformItemSizes(True)  # 300 pages laid out without measuring each
        self.page_list.setItemDelegate(CaptionUnder(self.page_list))
        self.page_list.setMaximumWidth(THUMB_WIDTH + 70)
        self.page_label = chosen.PageView()
        self.page_label.setAccessibleName("Page")
        self.page_label.setAccessibleDescription("Drag over words to choose them")
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label.area_chosen.connect(self._area_chosen)
        self.page_label.context_menu_wanted.connect(self._page_menu)
        self.scroll = QScrollArea()
        self.scroll.setAccessibleName("Document")
        self.scroll.setWidget(self.page_label)
        self.scroll.setWidgetResizable(True)
        self.text_view = QPlainTextEdit()  # a text file's or Word document's words
        self.text_view.setAccessibleName("Document text")
        self.text_view.setReadOnly(True)
        self.splitter = QSplitter()
        for widget, stretch in ((self.page_list, 0), (self.scroll, 1), (self.text_view, 1)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        self.splitter.setSizes([THUMB_WIDTH + 70, 900, 900])
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)
        self._thumbs_timer = QTimer(self, singleShot=True, interval=0)
        self._thumbs_timer.timeout.connect(self.draw_visible_thumbnails)
        if self.kind == "pdf":
            self.pdf = PdfPages(data)
            self.page_list.addItems(self.page_captions())
            self.page_list.currentRowChanged.connect(self._list_row_chosen)
            self.page_list.setIconSize(QSize(THUMB_WIDTH, round(THUMB_WIDTH * 1.3)))
            # start() with no argument: the scroll value is not an interval
            self.page_list.verticalScrollBar().valueChanged.connect(
                lambda _value: self._thumbs_timer.start()
            )
            self.page_box.setMaximum(max(len(self.pdf), 1))
            self.page_count_label.setText(f"of {len(self.pdf)}")
            self.text_view.hide()
            return
        self.page_list.hide()
        self._hide(
            self.previous_button,
            self.next_button,
            self.page_box,
            self.page_count_label,
            self.bates_label,
            self.copy_button,
            self.new_statement_button,
        )
        if self.kind == "image":
            image = QImage.fromData(data)
            if image.isNull():
                raise ViewerError(
                    "the image could not be read (damaged, or a kind Qt does not know)"
                )
            self.image = image
            self.text_view.hide()
            self._hide(self.find_box, self.find_button)
        else:
            self.text_view.setPlainText(
                word_text(data) if self.kind == "word" else plain_text(data)
            )
            self.scroll.hide()
            self._hide(self.zoom_in_button, self.zoom_out_button, self.fit_button)
            self._hide(self.rotate_button)

    @staticmethod
    def _hide(*widgets: QWidget) -> None:
        for widget in widgets:
            widget.hide()

    def _shortcuts(self) -> None:
        keys = [
            (QKeySequence(Qt.Key.Key_PageDown), self.next_page),
            (QKeySequence(Qt.Key.Key_PageUp), self.previous_page),
            (QKeySequence.StandardKey.Find, self._focus_find),
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (QKeySequence("Ctrl+="), self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
            (QKeySequence(NEW_STATEMENT_KEYS), self.new_statement_from_selection),
        ]
        if self.pdf is not None:  # a text view copies and selects on its own
            keys.append((QKeySequence.StandardKey.Copy, self.copy_text))
            keys.append((QKeySequence.StandardKey.SelectAll, self.select_page))
        for key, slot in keys:
            QShortcut(key, self, activated=slot)

    # -- pages ----------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return len(self.pdf) if self.pdf is not None else 0

    def bates_number(self, index: int) -> str | None:
        """The Bates number stamped on the 0-based page ``index``, if any."""
        return self.bates_numbers[index] if 0 <= index < len(self.bates_numbers) else None

    def page_captions(self) -> list[str]:
        """The page list's entries: "Page 3", or "p. 3 · DA000122" with a Bates number."""
        if self.bates:
            self.bates_numbers = bates_numbers(*self.bates, self.page_count)
        stamped = len(self.bates_numbers)
        return [
            f"p. {n} · {self.bates_numbers[n - 1]}" if n <= stamped else f"Page {n}"
            for n in range(1, self.page_count + 1)
        ]

    def go_to(self, index: int) -> None:
        """Show the 0-based page ``index`` (kept within the document)."""
        if self.pdf is None or not self.page_count:
            return
        self.current = max(0, min(index, self.page_count - 1))
        self.page_box.setValue(self.current + 1)
        bates = self.bates_number(self.current)
        self.bates_label.setText(f"· {bates}" if bates else "")
        self.bates_label.setVisible(bool(bates))
        if self.page_list.currentRow() != self.current:
            self.page_list.setCurrentRow(self.current)
        if self.isVisible():  # else once shown: the list is laid out then
            self.page_list.scrollToItem(self.page_list.item(self.current))
        self._thumbs_timer.start()
        self.previous_button.setEnabled(self.current > 0)
        self.next_button.setEnabled(self.current < self.page_count - 1)
        self.show_page()

    def draw_visible_thumbnails(self) -> int:
        """Give a few page list entries in view their small pictures, and come back
        for more on the next turn of the event loop (a long PDF's other pages are
        drawn when scrolled to); returns how many were drawn now."""
        if self.pdf is None or not self.page_count or not self.isVisible():
            return 0
        view = self.page_list
        top = view.indexAt(view.viewport().rect().topLeft()).row()
        bottom = view.indexAt(view.viewport().rect().bottomLeft()).row()
        if top < 0:  # the list is not laid out yet: the pages near the one shown
            top = self.current
        bottom = min(self.page_count - 1 if bottom < 0 else bottom, top + 40)
        drawn = 0
        for row in range(top, bottom + 1):
            item = view.item(row)
            if item is None or not item.icon().isNull():
                continue
            if drawn == THUMBS_AT_A_TIME:
                self._thumbs_timer.start()  # the rest after whatever else is waiting
                break
            width, _height = self.pdf.page_size(row)
            image = self.pdf.render(row, THUMB_WIDTH / width * 72)
            item.setIcon(QIcon(QPixmap.fromImage(image)))
            drawn += 1
        return drawn

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.show_page()  # the first picture, drawn once the window has its size
        if self.pdf is not None:
            if self.current:
                self.page_list.scrollToItem(self.page_list.item(self.current))
            self._thumbs_timer.start()

    def _list_row_chosen(self, row: int) -> None:
        if row >= 0 and row != self.current:
            self.go_to(row)

    def next_page(self) -> None:
        self.go_to(self.current + 1)

    def previous_page(self) -> None:
        self.go_to(self.current - 1)

    def zoom_in(self) -> None:
        self._set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self.zoom / ZOOM_STEP)

    def _set_zoom(self, zoom: float) -> None:
        self._fit_width = False
        self.zoom = max(MIN_ZOOM, min(zoom, MAX_ZOOM))
        self.show_page()

    def fit_width(self) -> None:
        self._fit_width = True
        self.show_page()

    def rotate(self) -> None:
        self.rotation = (self.rotation + 90) % 360
        self.show_page()

    def _natural_width(self) -> float:
        """The shown width in pixels at 100 %, rotation counted."""
        if self.pdf is not None:
            width, height = self.pdf.page_size(self.current)
            width, height = width / 72 * SCREEN_DPI, height / 72 * SCREEN_DPI
        elif self.image is not None:
            width, height = self.image.width(), self.image.height()
        else:
            return 1.0
        return float(height if self.rotation in (90, 270) else width)

    def _fitted_zoom(self) -> float:
        if self._fit_width:
            room = max(self.scroll.viewport().width() - 24, 200)
            self.zoom = max(MIN_ZOOM, min(room / self._natural_width(), MAX_ZOOM))
        return self.zoom

    def marks(self) -> list[tuple[tuple[Box, ...], QColor]]:
        """What is marked on the current page: the find hit, the quote, the choice."""
        marks = []
        if self.hit is not None and self.hit.page == self.current:
            marks.append((self.hit.boxes, HIT_COLOUR))
        if self.quote is not None and self.current in self.quote.boxes:
            marks.append((self.quote.boxes[self.current], HIT_COLOUR))
        if self.selection is not None and self.selection.page == self.current:
            marks.append((self.selection.boxes, CHOSEN_COLOUR))
        return marks

    def rendered(self) -> QImage:
        """What is shown now: the page (or image) at the zoom and turn, marks drawn."""
        zoom = self._fitted_zoom()
        if self.pdf is not None:
            dpi = SCREEN_DPI * zoom
            image = self.pdf.render(self.current, dpi)
            marks = self.marks()
            if marks:
                _, height = self.pdf.page_size(self.current)
                painter = QPainter(image)
                for boxes, colour in marks:
                    for rect in box_rects(boxes, height, dpi / 72):
                        painter.fillRect(rect, colour)
                painter.end()
        elif self.image is not None:
            image = self.image.scaledToWidth(
                max(1, round(self.image.width() * zoom)),
                Qt.TransformationMode.SmoothTransformation,
            )
        else:
            return QImage()
        self._upright = image.size()
        if self.rotation:
            image = image.transformed(QTransform().rotate(self.rotation))
        return image

    def show_page(self) -> None:
        """Draw the page picture, unless it already shows exactly this (a window
        being shown and laid out asks several times) or the window is not shown yet."""
        if (self.pdf is None and self.image is None) or not self.isVisible():
            return
        key = (self.current, self._fitted_zoom(), self.rotation, repr(self.marks()))
        if key != self._shown_key:
            self._shown_key = key
            self.page_label.setPixmap(QPixmap.fromImage(self.rendered()))
        where = f"Page {self.current + 1} of {self.page_count} · " if self.pdf else ""
        bates = self.bates_number(self.current) if self.pdf else None
        where += f"{bates} · " if bates else ""
        note = f" — {self.note}" if self.note else ""
        self.status.setText(f"{where}{round(self.zoom * 100)} %{note}")
        if self._to_bring_into_view:
            QTimer.singleShot(0, self._bring_into_view)  # once the scroll area has its size

    def _bring_into_view(self) -> None:
        boxes, self._to_bring_into_view = self._to_bring_into_view, ()
        if self.pdf is None or not boxes or self.rotation:
            return
        _, height = self.pdf.page_size(self.current)
        rects = box_rects(boxes, height, SCREEN_DPI * self.zoom / 72)
        offset = self.page_label.picture_rect().topLeft()
        centre = rects[0].center().toPoint() + offset
        self.scroll.ensureVisible(centre.x(), centre.y(), 50, 160)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if self._fit_width:
            self.show_page()

    # -- text -----------------------------------------------------------------------

    def _focus_find(self) -> None:
        self.find_box.setFocus()
        self.find_box.selectAll()

    def find_next(self) -> None:
        needle = self.find_box.text()
        if not needle.strip():
            return
        if self.pdf is None:
            if not self.text_view.find(needle):
                cursor = self.text_view.textCursor()
                cursor.movePosition(cursor.MoveOperation.Start)
                self.text_view.setTextCursor(cursor)
                if not self.text_view.find(needle):
                    self.status.setText(f"“{needle}” is not in this document")
            return
        after = self.hit if self.hit is not None and self.hit.page == self.current else None
        if after is None and self.current:
            after = Hit(self.current, -1, ())
        self.hit = self.pdf.find(needle, after)
        if self.hit is None:
            self.status.setText(f"“{needle}” is not in this document's text")
            return
        self._to_bring_into_view = self.hit.boxes
        self.go_to(self.hit.page)

    def mark_quote(self, quote: str, cited: tuple[int, int] | None) -> QuoteMatch | None:
        """Find ``quote`` on the ``cited`` pages (1-based first and last; else on any
        page), mark it and turn to it; the status says when it is not found."""
        if self.pdf is None or not quote.strip():
            return None
        self.quote = find_quote(self.pdf, quote, cited)
        if self.quote is None:
            self.note = "the statement's words are not in this document's text"
            self.go_to(cited[0] - 1 if cited else 0)
            return None
        self._to_bring_into_view = self.quote.boxes[self.quote.page]
        if cited is not None and not cited[0] - 1 <= self.quote.page <= cited[1] - 1:
            self.note = f"the words are on page {self.quote.page + 1}, not where the pin cite says"
        self.go_to(self.quote.page)
        return self.quote

    def _area_chosen(self, area: QRectF) -> None:
        """Words dragged over on the page picture become the selection."""
        if self.pdf is None:
            return
        _, height = self.pdf.page_size(self.current)
        box = chosen.picture_to_page(
            area, self.rotation, self._upright, height, SCREEN_DPI * self.zoom / 72
        )
        self._choose(chosen.select_in_box(self.pdf, self.current, box))

    def select_page(self) -> None:
        """Every word on the page: the keyboard's way to choose (Ctrl+A)."""
        if self.pdf is not None:
            everywhere = (-1e6, -1e6, 1e6, 1e6)
            self._choose(chosen.select_in_box(self.pdf, self.current, everywhere))

    def _choose(self, selection: chosen.Selection | None) -> None:
        self.selection = selection
        self.new_statement_button.setEnabled(self.selection is not None)
        self.show_page()
        if self.selection is not None:
            words = len(self.selection.text.split())
            self.status.setText(
                f"{words} word{'s' if words != 1 else ''} chosen on page {self.current + 1}: "
                f"New statement from selection ({NEW_STATEMENT_KEYS}) or copy (Ctrl+C)"
            )

    def _page_menu(self, at: QPoint) -> None:
        menu = QMenu(self)
        make = menu.addAction("New statement from selection", self.new_statement_from_selection)
        make.setShortcut(QKeySequence(NEW_STATEMENT_KEYS))
        make.setEnabled(self.selection is not None)
        menu.addAction("Choose every word on the page", self.select_page)
        menu.addAction("Copy text", self.copy_text)
        menu.popup(self.page_label.mapToGlobal(at))
        self.page_menu = menu  # kept for tests and until it closes

    def new_statement_from_selection(self) -> int | None:
        return chosen.new_statement_from_selection(self, self.source, self.selection)

    def copy_text(self) -> None:
        """The chosen words when there are some on this page, else the page's text."""
        if self.selection is not None and self.selection.page == self.current:
            QGuiApplication.clipboard().setText(self.selection.text)
            self.status.setText("The chosen words are copied")
        else:
            self.copy_page_text()

    def copy_page_text(self) -> None:
        if self.pdf is not None:
            QGuiApplication.clipboard().setText(self.pdf.text(self.current))
            self.status.setText(f"The text of page {self.current + 1} is copied")

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        self._release()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self._release()
        super().done(result)

    def _release(self) -> None:
        self._thumbs_timer.stop()
        if self.pdf is not None:
            self.pdf.close()
            self.pdf = None
