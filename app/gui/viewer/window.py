"""The viewer window: a document's PDF pages, image or text, shown inside Casefile.

A PDF shows its page list on the left and one page on the right, rendered when it is
shown (zoom, fit width, rotate, go to page, find on the text layer with the hit
marked, copy the page's text). An image is shown with zoom; a text file or Word
document as read-only text with find. The file's bytes come from the attachment
store, decrypted in memory for an encrypted workspace: nothing readable is written to
disk. Keys: PgUp/PgDn turn pages, Ctrl+F finds, Ctrl++ / Ctrl+- zoom, Escape closes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer
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
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import CasefileError
from app.gui.viewer.pdf_pages import Hit, PdfPages, ViewerError, hit_rects
from app.gui.viewer.text_content import kind_of, plain_text, word_text

SCREEN_DPI = 96  # 100 % zoom: a page as large as on paper on an ordinary screen
ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.1, 8.0
HIT_COLOUR = QColor(255, 200, 0, 110)
THUMB_WIDTH = 72  # pixels: a page list entry's small picture


def _button(text: str, name: str, tip: str, slot: Any) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.setToolTip(tip)
    button.clicked.connect(slot)
    return button


class ViewerWindow(QDialog):
    """One document shown: ``kind`` is "pdf", "image", "word" or "text"."""

    def __init__(
        self,
        title: str,
        name: str,
        data: bytes,
        page: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{title} — Casefile viewer")
        self.setAccessibleName(f"Viewer: {title}")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(1000, 760)
        self.kind = kind_of(name, data)
        self.pdf: PdfPages | None = None
        self.image: QImage | None = None
        self.zoom = 1.0
        self.rotation = 0
        self.current = 0
        self.hit: Hit | None = None
        self._fit_width = True
        self._build_controls()
        self._build_body(data)
        if self.pdf is not None:
            self.go_to(page - 1 if page else 0)
        self._shortcuts()

    # -- building -------------------------------------------------------------------

    def _build_controls(self) -> None:
        self.previous_button = _button(
            "◀ Previous", "Previous page", "Previous page (PgUp)", self.previous_page
        )
        self.next_button = _button("Next ▶", "Next page", "Next page (PgDn)", self.next_page)
        self.page_box = QSpinBox()
        self.page_box.setAccessibleName("Go to page")
        self.page_box.setToolTip("Type a page number and press Enter")
        self.page_box.setMinimum(1)
        self.page_box.editingFinished.connect(lambda: self.go_to(self.page_box.value() - 1))
        self.page_count_label = QLabel()
        self.page_count_label.setAccessibleName("Page count")
        self.zoom_out_button = _button("−", "Zoom out", "Zoom out (Ctrl+-)", self.zoom_out)
        self.zoom_in_button = _button("+", "Zoom in", "Zoom in (Ctrl++)", self.zoom_in)
        self.fit_button = _button(
            "Fit width", "Fit width", "Fit the page to the window's width", self.fit_width
        )
        self.rotate_button = _button(
            "Rotate", "Rotate", "Turn the page a quarter to the right", self.rotate
        )
        self.find_box = QLineEdit()
        self.find_box.setPlaceholderText("Find…")
        self.find_box.setAccessibleName("Find text")
        self.find_box.setToolTip("Text to find (Ctrl+F); Enter finds the next place")
        self.find_box.returnPressed.connect(self.find_next)
        self.find_button = _button("Find next", "Find next", "Find the next place", self.find_next)
        self.copy_button = _button(
            "Copy page text", "Copy page text", "Copy the text of this page", self.copy_page_text
        )
        self.status = QLabel()
        self.status.setAccessibleName("Viewer status")
        row = QHBoxLayout()
        for widget in (
            self.previous_button,
            self.next_button,
            self.page_box,
            self.page_count_label,
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_button,
            self.rotate_button,
            self.find_box,
            self.find_button,
            self.copy_button,
        ):
            row.addWidget(widget)
        row.addStretch(1)
        self.controls = row

    def _build_body(self, data: bytes) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self.controls)
        self.page_list = QListWidget()
        self.page_list.setAccessibleName("Pages")
        self.page_list.setMaximumWidth(THUMB_WIDTH + 60)
        self.page_label = QLabel()
        self.page_label.setAccessibleName("Page")
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll = QScrollArea()
        self.scroll.setAccessibleName("Document")
        self.scroll.setWidget(self.page_label)
        self.scroll.setWidgetResizable(True)
        self.text_view = QPlainTextEdit()
        self.text_view.setAccessibleName("Document text")
        self.text_view.setReadOnly(True)
        splitter = QSplitter()
        splitter.addWidget(self.page_list)
        splitter.addWidget(self.scroll)
        splitter.addWidget(self.text_view)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([THUMB_WIDTH + 60, 900, 900])
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        if self.kind == "pdf":
            self.pdf = PdfPages(data)
            self.page_list.addItems([f"Page {n}" for n in range(1, len(self.pdf) + 1)])
            self.page_list.currentRowChanged.connect(self._list_row_chosen)
            self.page_list.setIconSize(QSize(THUMB_WIDTH, round(THUMB_WIDTH * 1.3)))
            self._thumbs_timer = QTimer(self, singleShot=True, interval=0)
            self._thumbs_timer.timeout.connect(self.draw_visible_thumbnails)
            self.page_list.verticalScrollBar().valueChanged.connect(self._thumbs_timer.start)
            self.page_box.setMaximum(max(len(self.pdf), 1))
            self.page_count_label.setText(f"of {len(self.pdf)}")
            self.text_view.hide()
        elif self.kind == "image":
            image = QImage.fromData(data)
            if image.isNull():
                raise ViewerError(
                    "the image could not be read (damaged, or a kind Qt does not know)"
                )
            self.image = image
            self.text_view.hide()
            self.page_list.hide()
            self._hide(
                self.previous_button,
                self.next_button,
                self.page_box,
                self.page_count_label,
                self.find_box,
                self.find_button,
                self.copy_button,
            )
        else:
            self.text_view.setPlainText(
                word_text(data) if self.kind == "word" else plain_text(data)
            )
            self.scroll.hide()
            self.page_list.hide()
            self._hide(
                self.previous_button,
                self.next_button,
                self.page_box,
                self.page_count_label,
                self.zoom_in_button,
                self.zoom_out_button,
                self.fit_button,
                self.rotate_button,
                self.copy_button,
            )

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
        ]
        for key, slot in keys:
            QShortcut(key, self, activated=slot)

    # -- pages ----------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return len(self.pdf) if self.pdf is not None else 0

    def go_to(self, index: int) -> None:
        """Show the 0-based page ``index`` (kept within the document)."""
        if self.pdf is None or not self.page_count:
            return
        self.current = max(0, min(index, self.page_count - 1))
        self.page_box.setValue(self.current + 1)
        if self.page_list.currentRow() != self.current:
            self.page_list.setCurrentRow(self.current)
        self.page_list.scrollToItem(self.page_list.item(self.current))
        self._thumbs_timer.start()
        self.previous_button.setEnabled(self.current > 0)
        self.next_button.setEnabled(self.current < self.page_count - 1)
        self.show_page()

    def draw_visible_thumbnails(self) -> int:
        """Give the page list entries in view their small pictures (only those: a long
        PDF's other pages are drawn when scrolled to); returns how many were drawn."""
        if self.pdf is None or not self.page_count:
            return 0
        view = self.page_list
        top = view.indexAt(view.viewport().rect().topLeft()).row()
        bottom = view.indexAt(view.viewport().rect().bottomLeft()).row()
        if top < 0:  # the list is not laid out yet: the pages near the one shown
            top = self.current
        bottom = self.page_count - 1 if bottom < 0 else bottom
        drawn = 0
        for row in range(top, min(bottom + 1, top + 40)):
            item = view.item(row)
            if item is None or not item.icon().isNull():
                continue
            width, _height = self.pdf.page_size(row)
            image = self.pdf.render(row, THUMB_WIDTH / width * 72)
            item.setIcon(QIcon(QPixmap.fromImage(image)))
            drawn += 1
        return drawn

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self.pdf is not None:
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

    def rendered(self) -> QImage:
        """What is shown now: the page (or image) at the zoom and turn, the hit marked."""
        if self._fit_width:
            room = max(self.scroll.viewport().width() - 24, 200)
            self.zoom = max(MIN_ZOOM, min(room / self._natural_width(), MAX_ZOOM))
        if self.pdf is not None:
            dpi = SCREEN_DPI * self.zoom
            image = self.pdf.render(self.current, dpi)
            if self.hit is not None and self.hit.page == self.current:
                _, height = self.pdf.page_size(self.current)
                painter = QPainter(image)
                for rect in hit_rects(self.hit, height, dpi / 72):
                    painter.fillRect(rect, HIT_COLOUR)
                painter.end()
        elif self.image is not None:
            image = self.image.scaledToWidth(
                max(1, round(self.image.width() * self.zoom)),
                Qt.TransformationMode.SmoothTransformation,
            )
        else:
            return QImage()
        if self.rotation:
            image = image.transformed(QTransform().rotate(self.rotation))
        return image

    def show_page(self) -> None:
        if self.pdf is None and self.image is None:
            return
        self.page_label.setPixmap(QPixmap.fromImage(self.rendered()))
        where = f"Page {self.current + 1} of {self.page_count} · " if self.pdf else ""
        self.status.setText(f"{where}{round(self.zoom * 100)} %")

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
        self.go_to(self.hit.page)
        if self.pdf is not None and not self.rotation:  # bring the hit into view
            _, height = self.pdf.page_size(self.current)
            rects = hit_rects(self.hit, height, SCREEN_DPI * self.zoom / 72)
            if rects:
                centre = rects[0].center().toPoint()
                self.scroll.ensureVisible(centre.x(), centre.y(), 50, 120)

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
        if self.pdf is not None:
            self.pdf.close()
            self.pdf = None


def open_document_viewer(
    ctx: Any, document_id: int, page: int | None = None, parent: QWidget | None = None
) -> ViewerWindow | None:
    """Show the document's attached file in a viewer window, at ``page`` (1-based) when
    given; problems are told through ``ctx.interaction`` and give None."""
    from app.core.services.documents import get_document

    talk = ctx.interaction
    try:
        document = get_document(ctx.workspace, document_id)
        sha = document.get("file_sha256")
        if not sha:
            talk.inform(parent, "Casefile", "This document has no file attached.")
            return None
        data = ctx.workspace.store.read_bytes(sha)  # decrypted in memory, never to disk
        viewer = ViewerWindow(
            str(document.get("title") or ""),
            str(document.get("file_name") or sha),
            data,
            page,
            parent,
        )
    except CasefileError as exc:
        talk.warn(parent, "Casefile", str(exc))
        return None
    except Exception as exc:  # a damaged Word file or text: said, never a traceback
        talk.warn(parent, "Casefile", f"The file could not be shown ({type(exc).__name__}: {exc})")
        return None
    viewer.show()
    return viewer


def open_statement_source(
    ctx: Any, statement_id: int, parent: QWidget | None = None
) -> ViewerWindow | None:
    """Show a statement's source document at the page its pin cite names (the first
    page when the cite names none, e.g. "¶ 4")."""
    from app.core.pin_cites import page_of_pin_cite
    from app.core.services.statements import get_statement

    try:
        statement = get_statement(ctx.workspace, statement_id)
    except CasefileError as exc:
        ctx.interaction.warn(parent, "Casefile", str(exc))
        return None
    document_id = statement.get("source_document_id")
    if document_id is None:
        ctx.interaction.inform(parent, "Casefile", "This statement has no source document.")
        return None
    page = page_of_pin_cite(statement.get("pin_cite"))
    return open_document_viewer(ctx, int(document_id), page, parent)
