"""Choosing words on a PDF page with the mouse, and making them a new statement.

The person drags a rectangle over the page picture; the words with any letter inside
it are chosen, whole, in the page's reading order, and marked. The chosen words can
be copied, or become a new statement: the app's own statement form opens with them
as its verbatim text, this document as its source and "p. N" as its pin cite, and
saving it is one undoable step like any new statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QImage, QMouseEvent, QPaintEvent, QTransform
from PySide6.QtWidgets import QLabel, QRubberBand, QStyle, QWidget

from app.core.errors import CasefileError
from app.gui.viewer.pdf_pages import Box, PdfPages
from app.gui.viewer.source import DocumentSource

_SPACES = re.compile(r"\s+")
# PDFium's mark for a hyphen at a line's end, and a soft hyphen, with the break after:
# the hyphen printed on the page stays (verbatim), the soft one and the break go.
_LINE_END_HYPHEN = re.compile(r"[\x02\ufffe]\s*")
_SOFT_HYPHEN = re.compile(r"\xad\s*")
_MIN_DRAG = 4  # pixels: less is a click, not a selection


@dataclass(frozen=True)
class Selection:
    """Chosen words: the 0-based page, the text as one line, and the boxes to mark."""

    page: int
    text: str
    boxes: tuple[Box, ...]


def _in_word(char: str) -> bool:
    return char.isalnum() or char in "-‐‑'’\x02\ufffe\xad"


def select_in_box(pdf: PdfPages, index: int, area: Box) -> Selection | None:
    """The whole words of page ``index`` with a letter inside ``area`` (PDF points,
    left, bottom, right, top); None when the area holds no text."""
    left, bottom, right, top = area
    chars = pdf.chars(index)
    boxes = pdf.char_boxes(index)
    chosen: set[int] = set()
    for i, (c_left, c_bottom, c_right, c_top) in enumerate(boxes):
        x, y = (c_left + c_right) / 2, (c_bottom + c_top) / 2
        if c_right > c_left and left <= x <= right and bottom <= y <= top:
            chosen.add(i)
    if not any(not chars[i].isspace() for i in chosen):
        return None
    for i in sorted(chosen):  # widen each chosen char to its whole word
        if not _in_word(chars[i]):
            continue
        j = i
        while j > 0 and _in_word(chars[j - 1]):
            j -= 1
            chosen.add(j)
        j = i
        while j + 1 < len(chars) and _in_word(chars[j + 1]):
            j += 1
            chosen.add(j)
    runs: list[tuple[int, int]] = []  # (start, end) of each stretch of chosen chars
    for i in sorted(chosen):
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    text = " ".join(chars[start:end] for start, end in runs)
    text = _SOFT_HYPHEN.sub("", _LINE_END_HYPHEN.sub("-", text))
    text = _SPACES.sub(" ", text).strip()
    marked: list[Box] = []
    for start, end in runs:
        marked.extend(pdf.span_boxes(index, start, end - start))
    return Selection(index, text, tuple(marked))


class PageView(QLabel):
    """The page picture, on which a drag with the left button chooses an area:
    ``area_chosen`` gives it in the picture's own pixels (the picture as drawn, before
    its offset in the label)."""

    area_chosen = Signal(QRectF)
    context_menu_wanted = Signal(QPoint)
    first_painted = Signal()  # the first time the label is painted (its picture on screen)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._band: QRubberBand | None = None  # made at the first drag
        self._origin: QPoint | None = None
        self._painted = False
        self.setCursor(Qt.CursorShape.IBeamCursor)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self.context_menu_wanted)

    def picture_rect(self) -> QRect:
        """Where the picture is drawn in the label (centred when smaller)."""
        pixmap = self.pixmap()
        size = pixmap.size() if pixmap is not None and not pixmap.isNull() else QSize()
        return QStyle.alignedRect(
            self.layoutDirection(), self.alignment(), size, self.contentsRect()
        )

    def choose(self, rect: QRect) -> None:
        """Choose the area ``rect`` of the label, as a drag over it would."""
        picture = self.picture_rect()
        area = rect.normalized().intersected(picture)
        if area.width() >= _MIN_DRAG or area.height() >= _MIN_DRAG:
            self.area_chosen.emit(QRectF(area.translated(-picture.topLeft())))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            self._origin = event.position().toPoint()
            if self._band is None:
                self._band = QRubberBand(QRubberBand.Shape.Rectangle, self)
            self._band.setGeometry(QRect(self._origin, QSize()))
            self._band.show()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self._origin is not None and self._band is not None:
            self._band.setGeometry(QRect(self._origin, event.position().toPoint()).normalized())
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self._origin is not None and event.button() == Qt.MouseButton.LeftButton:
            if self._band is not None:
                self._band.hide()
            origin, self._origin = self._origin, None
            self.choose(QRect(origin, event.position().toPoint()))
        super().mouseReleaseEvent(event)


def picture_to_page(
    area: QRectF, rotation: int, upright: QSize, page_height: float, scale: float
) -> Box:
    """An area of the page picture as drawn (turned by ``rotation`` from an upright
    picture of size ``upright``, ``scale`` pixels per point) in PDF points."""
    back, _invertible = turn_matrix(rotation, upright).inverted()
    upright_area = back.mapRect(area)
    return (
        upright_area.left() / scale,
        page_height - upright_area.bottom() / scale,
        upright_area.right() / scale,
        page_height - upright_area.top() / scale,
    )


def turn_matrix(rotation: int, upright: QSize) -> QTransform:
    """The transform ``QImage.transformed`` applies to turn an upright picture by
    ``rotation`` degrees, its result moved back to the origin."""
    return QImage.trueMatrix(QTransform().rotate(rotation), upright.width(), upright.height())


def new_statement_from_selection(
    viewer: Any, source: DocumentSource | None, selection: Selection | None
) -> int | None:
    """Open the statement form filled in from ``selection``; the new statement's id
    once it is saved (one step on the window's undo stack), else None."""
    if selection is None or not selection.text:
        viewer.status.setText("Drag over words on the page first to choose them")
        return None
    if source is None:
        viewer.status.setText("Open the document from its case to make statements from it")
        return None
    from app.gui import actions  # the forms load when first used

    def prepare(form: Any) -> None:
        form.fields["text"].set_value(selection.text)
        form.fields["source_document_id"].set_value(source.document_id)
        form.fields["pin_cite"].set_value(f"p. {selection.page + 1}")

    try:
        new_id = actions.add_record(
            source.ctx, source.undo, "statement", source.case_id, viewer, prepare=prepare
        )
    except CasefileError as exc:
        source.ctx.interaction.warn(viewer, "Casefile", str(exc))
        return None
    if new_id is not None:
        viewer.status.setText(f"The statement quoting page {selection.page + 1} is saved")
    return new_id
