"""The viewer window: a document's PDF pages, image or text, shown inside Casefile.

A PDF shows its page list on the left (each page's Bates number with it, where the
document has a range) and one page on the right, rendered when it is shown (zoom,
fit width, rotate, go to page, find on the text layer with the hit marked, copy
text). A statement's quote is marked where it is found; words dragged over become a
new statement. An image is shown with zoom; a text file or Word document as
read-only text with find. Keys: PgUp/PgDn turn pages, Ctrl+F finds, Ctrl++ / Ctrl+-
zoom, Ctrl+C copies, Ctrl+Shift+N makes a statement of the chosen words, Escape
closes.

A page or an image opens in two steps, so the person sees it as soon as it is drawn:
first the page with the status line under it, in a window that keeps room for the
rest; then, once that first picture has been painted, the row of controls, the page
list with its small pictures and the keys (``complete``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QKeySequence,
    QPainter,
    QPixmap,
    QTransform,
)
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.pin_cites import bates_numbers
from app.gui.viewer import finding
from app.gui.viewer import page_list as pages_list
from app.gui.viewer import selection as chosen
from app.gui.viewer.controls import (
    NEW_STATEMENT_KEYS,
    add_shortcuts,
    build_controls,
    fit_controls_to_kind,
    row_height,
    row_width,
)
from app.gui.viewer.pdf_pages import Box, Hit, PdfPages, ViewerError, box_rects
from app.gui.viewer.quotes import QuoteMatch, find_quote
from app.gui.viewer.source import DocumentSource
from app.gui.viewer.text_content import kind_of, plain_text, word_text

SCREEN_DPI = 96  # 100 % zoom: a page as large as on paper on an ordinary screen
ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.1, 8.0
HIT_COLOUR = QColor(255, 200, 0, 110)  # a find hit and a statement's quote
CHOSEN_COLOUR = QColor(40, 110, 230, 80)  # words dragged over
THUMB_WIDTH = pages_list.THUMB_WIDTH


class ViewerWindow(QDialog):
    """One document shown: ``kind`` is "pdf", "image", "word" or "text".

    A page or an image is on screen before the controls, the page list and the keys
    are made: ``first_page_shown`` says the first picture has been painted, then
    ``complete`` makes them (``is_complete`` once it has; ``completed`` is emitted).
    Call ``complete`` to have them at once; a text file's window is complete from
    the start.
    """

    first_page_shown = Signal()
    completed = Signal()

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
        self.text_view: QPlainTextEdit | None = None  # only for a text file or Word document
        self.bates = bates if bates and bates[0] else None
        self._bates_numbers: list[str] | None = None  # each page's, made when first asked
        self.source: DocumentSource | None = None  # set by the opener: statements from it
        self.zoom = 1.0
        self.rotation = 0
        self.current = 0
        self.hit: Hit | None = None
        self.quote: QuoteMatch | None = None
        self.selection: chosen.Selection | None = None
        self.is_complete = False
        self._fit_width = True
        self._shown_key: tuple[Any, ...] | None = None  # what the page picture shows now
        self._upright = QSize()  # the page picture's size before it is turned
        self._to_bring_into_view: tuple[Box, ...] = ()
        self.note = ""  # said after the page and zoom in the status line
        self._build_first(data)
        if self.pdf is not None:
            self.go_to(page - 1 if page else 0)
            bates = self.bates_number(self.current)
            self.controls_bar.setMinimumWidth(row_width(self.page_count, bates))
        if self.pdf is None and self.image is None:  # text: nothing to draw first
            self.complete()

    # -- building -------------------------------------------------------------------

    def _build_first(self, data: bytes) -> None:
        """What the first picture is shown in: room for the controls, the page (or
        the text) beside room for the page list, and the status line."""
        layout = QVBoxLayout(self)
        self.controls_bar = QWidget()  # the row of controls, filled by complete()
        self.controls = QHBoxLayout(self.controls_bar)
        self.controls.setContentsMargins(0, 0, 0, 0)
        self.controls_bar.setMinimumHeight(row_height())
        layout.addWidget(self.controls_bar)
        self._list_room = QWidget()  # the page list's place, as wide as the list
        self._list_room.setMaximumWidth(pages_list.LIST_WIDTH)
        self.page_label = chosen.PageView()
        self.page_label.setAccessibleName("Page")
        self.page_label.setAccessibleDescription("Drag over words to choose them")
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label.area_chosen.connect(self._area_chosen)
        self.page_label.context_menu_wanted.connect(self._page_menu)
        self.page_label.first_painted.connect(self._first_painted)
        self.scroll = QScrollArea()
        self.scroll.setAccessibleName("Document")
        self.scroll.setWidget(self.page_label)
        self.scroll.setWidgetResizable(True)
        self.splitter = QSplitter()
        self.splitter.addWidget(self._list_room)
        self.splitter.addWidget(self.scroll)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([pages_list.LIST_WIDTH, 900])
        layout.addWidget(self.splitter, 1)
        self.status = QLabel()
        self.status.setAccessibleName("Viewer status")
        layout.addWidget(self.status)
        self.thumbs_timer = QTimer(self, singleShot=True, interval=0)
        self.thumbs_timer.timeout.connect(self.draw_visible_thumbnails)
        if self.kind == "pdf":
            self.pdf = PdfPages(data)
            return
        self._list_room.hide()
        if self.kind == "image":
            image = QImage.fromData(data)
            if image.isNull():
                raise ViewerError(
                    "the image could not be read (damaged, or a kind Qt does not know)"
                )
            self.image = image
            return
        self.text_view = QPlainTextEdit()  # a text file's or Word document's words
        self.text_view.setAccessibleName("Document text")
        self.text_view.setReadOnly(True)
        self.text_view.setPlainText(word_text(data) if self.kind == "word" else plain_text(data))
        self.splitter.addWidget(self.text_view)
        self.splitter.setStretchFactor(2, 1)
        self.scroll.hide()

    def _first_painted(self) -> None:
        # Once this frame is on screen: the event loop comes back after it is flushed.
        QTimer.singleShot(0, self, self._after_first_picture)

    def _after_first_picture(self) -> None:
        self.first_page_shown.emit()
        self.complete()

    def complete(self) -> None:
        """Make the row of controls, the page list and the keys (once the first
        picture is on screen, or at once when called); the tab order and the names
        read to a screen reader are as if they had been there from the start."""
        if self.is_complete:
            return
        self.is_complete = True
        self.scroll.setViewportMargins(0, 0, 0, 0)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        focus = self.focusWidget()  # given by showing the window, or by the person
        in_tab_order = build_controls(self, self.controls)
        self.controls_bar.setMinimumSize(0, 0)  # the row itself says what it needs now
        self.page_list = pages_list.make_page_list(self)
        self.splitter.replaceWidget(0, self.page_list)
        self._list_room.deleteLater()
        for widget in in_tab_order:  # now, not on the next turn of the event loop
            widget.show()
        self.page_list.setVisible(self.pdf is not None)
        fit_controls_to_kind(self)
        add_shortcuts(self)
        in_tab_order += [self.page_list, self.scroll]
        in_tab_order += [self.text_view] if self.text_view is not None else []
        for first, then in zip(in_tab_order, in_tab_order[1:], strict=False):
            QWidget.setTabOrder(first, then)
        self._sync_controls()
        if focus is None or focus is self.scroll:  # where it is when all is there at once
            for widget in in_tab_order:
                if widget.isEnabled() and widget.isVisibleTo(self) and widget.focusPolicy():
                    widget.setFocus(Qt.FocusReason.OtherFocusReason)
                    break
        self.completed.emit()

    def _sync_controls(self) -> None:
        """Show the page, its Bates number and what can be done in the controls."""
        if not self.is_complete:
            return
        self.new_statement_button.setEnabled(self.selection is not None)
        if self.pdf is None or not self.page_count:
            return
        self.page_box.setValue(self.current + 1)
        bates = self.bates_number(self.current)
        self.bates_label.setText(f"· {bates}" if bates else "")
        self.bates_label.setVisible(bool(bates))
        if self.page_list.currentRow() != self.current:
            self.page_list.setCurrentRow(self.current)
        if self.isVisible():  # else once shown: the list is laid out then
            self.page_list.scrollToItem(self.page_list.item(self.current))
            self.thumbs_timer.start()
        self.previous_button.setEnabled(self.current > 0)
        self.next_button.setEnabled(self.current < self.page_count - 1)

    # -- pages ----------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return len(self.pdf) if self.pdf is not None else 0

    @property
    def bates_numbers(self) -> list[str]:
        """Each page's Bates number, as far as the document's range goes."""
        if self._bates_numbers is None:
            self._bates_numbers = bates_numbers(*self.bates, self.page_count) if self.bates else []
        return self._bates_numbers

    def bates_number(self, index: int) -> str | None:
        """The Bates number stamped on the 0-based page ``index``, if any (the first
        page shown needs only the numbers up to its own)."""
        if self._bates_numbers is None and self.bates and 0 <= index < self.page_count:
            upto = bates_numbers(*self.bates, index + 1)
            return upto[index] if index < len(upto) else None
        numbers = self.bates_numbers
        return numbers[index] if 0 <= index < len(numbers) else None

    def go_to(self, index: int) -> None:
        """Show the 0-based page ``index`` (kept within the document)."""
        if self.pdf is None or not self.page_count:
            return
        self.current = max(0, min(index, self.page_count - 1))
        self._sync_controls()
        self.show_page()

    def draw_visible_thumbnails(self) -> int:
        """Give a few page list entries in view their small pictures; the rest come
        on the next turns of the event loop. Returns how many were drawn now."""
        return pages_list.draw_visible_thumbnails(self)

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.show_page()  # the first picture, drawn once the window has its size
        if self.is_complete:
            self._sync_controls()
        elif self.page_label.sizeHint().height() > self.scroll.viewport().height():
            # The page's scroll bar comes with the other controls; until then the
            # page keeps the room it takes, so nothing moves when it comes.
            width = self.scroll.verticalScrollBar().sizeHint().width()
            self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.scroll.setViewportMargins(0, 0, width, 0)

    def list_row_chosen(self, row: int) -> None:
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

    def focus_find(self) -> None:
        self.find_box.setFocus()
        self.find_box.selectAll()

    def find_next(self) -> None:
        hit = finding.next_hit(self)
        if hit is not None:
            self._to_bring_into_view = hit.boxes
            self.go_to(hit.page)

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
        self._sync_controls()
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
        self.thumbs_timer.stop()
        if self.pdf is not None:
            self.pdf.close()
            self.pdf = None
