"""The timeline's shapes painted by two scene items that draw only what is exposed.

One scene item per shape made the 50,000-record case take seconds to open and to zoom:
Qt had to build, index and sort 55,000 items. Here the core's shapes stay a plain list,
:class:`ShapeIndex` files each under the horizontal strips of the picture it touches
and, inside a strip, by how wide it is, sorted by its left edge; the shapes an exposed
rectangle meets are then a few bisections away. :class:`PictureItem` paints those, in
the layout's order (so what overlaps overlaps as in the SVG), and
:class:`LaneNamesItem` paints the lanes' names over them at the left edge of the view.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from app.core.timeline.layout import LANE_LABEL_WIDTH, Drawing, Shape

STRIP = 256.0  # height of the index's horizontal strips, in drawing units
NARROW = 16.0  # the narrowest width class; each next one is four times as wide
LABEL_BACKDROP = "#e6ffffff"  # a lane's name over the marks: they show faintly through
TEXT_INK = "#1a1a1a"
Box = tuple[float, float, float, float]  # left, top, right, bottom


@cache
def pen(colour: str | None, width: float = 1.0) -> QPen:
    # One pen and one brush per colour: the 50,000-record case has a handful of colours.
    if not colour:
        return QPen(Qt.PenStyle.NoPen)
    made = QPen(QColor(colour), width)
    made.setCosmetic(True)
    return made


@cache
def brush(colour: str | None) -> QBrush:
    return QBrush(QColor(colour)) if colour else QBrush(Qt.BrushStyle.NoBrush)


@cache
def font(size: float, bold: bool) -> QFont:
    made = QFont()
    made.setPixelSize(max(int(round(size)), 6))
    made.setBold(bold)
    return made


@cache
def metrics(size: float, bold: bool) -> QFontMetricsF:
    return QFontMetricsF(font(size, bold))


def text_box(shape: Shape) -> Box:
    """Where a text shape is drawn: shapes place text on its baseline, at its anchor."""
    measure = metrics(shape.size, shape.bold)
    width = measure.horizontalAdvance(shape.text)
    left = shape.x - {"middle": width / 2, "end": width}.get(shape.anchor, 0.0)
    return left, shape.y - measure.ascent(), left + width, shape.y + measure.descent()


def box_of(shape: Shape) -> Box:
    if shape.form == "circle":
        return shape.x - shape.w, shape.y - shape.w, shape.x + shape.w, shape.y + shape.w
    if shape.form == "rect":
        return shape.x, shape.y, shape.x + shape.w, shape.y + shape.h
    if shape.form == "line":
        return (
            min(shape.x, shape.w),
            min(shape.y, shape.h),
            max(shape.x, shape.w),
            max(shape.y, shape.h),
        )
    return text_box(shape)


class ShapeIndex:
    """Which shapes meet a rectangle, without looking at the others.

    A shape is filed under every strip it touches and, there, under its width class
    (at most ``NARROW * 4**n`` wide); each class is sorted by left edge, so the shapes
    of a class that can reach into ``[left, right]`` lie between two bisections:
    from ``left - widest`` to ``right``. Points and short bands, nearly all of a big
    case, are in the first class, so a narrow view looks at little more than it shows."""

    def __init__(self, boxes: Sequence[Box]) -> None:
        self.boxes = boxes
        filed: dict[tuple[int, int], list[tuple[float, int]]] = defaultdict(list)
        for index, (left, top, right, bottom) in enumerate(boxes):
            width = right - left
            kind = 0 if width <= NARROW else math.ceil(math.log(width / NARROW, 4))
            first, last = int(top // STRIP), int(bottom // STRIP)
            if first == last:  # nearly every shape: a mark is far shorter than a strip
                filed[first, kind].append((left, index))
                continue
            for strip in range(first, last + 1):
                filed[strip, kind].append((left, index))
        self._classes: dict[int, list[tuple[float, list[float], list[int]]]] = defaultdict(list)
        for (strip, kind), entries in filed.items():
            entries.sort()
            lefts = [left for left, _ in entries]
            widest = NARROW * 4.0**kind + 1.0  # a pixel more: ``log`` may round down
            self._classes[strip].append((widest, lefts, [index for _, index in entries]))

    def meeting(self, rect: QRectF) -> list[int]:
        """The indices of the shapes whose boxes may meet ``rect``, in drawing order."""
        left, right = rect.left(), rect.right()
        first, last = int(rect.top() // STRIP), int(rect.bottom() // STRIP)
        found: list[int] = []
        for strip in range(first, last + 1):
            for widest, lefts, indices in self._classes.get(strip, ()):
                found += indices[bisect_left(lefts, left - widest) : bisect_right(lefts, right)]
        if last > first:
            found = list(set(found))  # a tall shape is filed under each strip it touches
        found.sort()
        return found

    def at(self, point: QPointF, slack: float = 1.0) -> list[int]:
        """The indices of the shapes whose boxes hold ``point``, topmost first."""
        x, y = point.x(), point.y()
        near = self.meeting(QRectF(x - slack, y - slack, 2 * slack, 2 * slack))
        return [
            index
            for index in reversed(near)
            if self.boxes[index][0] - slack <= x <= self.boxes[index][2] + slack
            and self.boxes[index][1] - slack <= y <= self.boxes[index][3] + slack
        ]


def paint_shapes(
    painter: QPainter, shapes: Sequence[Shape], indices: Iterable[int], boxes: Sequence[Box]
) -> None:
    """Draw ``shapes[i]`` for each ``i`` in ``indices``, setting pens and brushes only
    when they change (consecutive marks share them more often than not)."""
    last_pen: QPen | None = None
    last_brush: QBrush | None = None
    for index in indices:
        shape = shapes[index]
        form = shape.form
        if form == "text":
            left, _top, _right, _bottom = boxes[index]
            painter.setFont(font(shape.size, shape.bold))
            last_pen = pen(shape.fill or TEXT_INK)
            painter.setPen(last_pen)
            painter.drawText(QPointF(left, shape.y), shape.text)
            continue
        stroke = pen(shape.stroke)
        if stroke is not last_pen:
            painter.setPen(stroke)
            last_pen = stroke
        if form == "line":
            painter.drawLine(QLineF(shape.x, shape.y, shape.w, shape.h))
            continue
        fill = brush(shape.fill)
        if fill is not last_brush:
            painter.setBrush(fill)
            last_brush = fill
        if form == "circle":
            painter.drawEllipse(QPointF(shape.x, shape.y), shape.w, shape.w)
        else:
            painter.drawRect(QRectF(shape.x, shape.y, shape.w, shape.h))


@dataclass
class Laid:
    """One layout made ready to paint: its shapes but the lanes' names (painted by
    :class:`LaneNamesItem`), where each is, the index, and which shapes are marks."""

    drawing: Drawing
    shapes: list[Shape]
    names: list[Shape]
    boxes: list[Box]
    index: ShapeIndex
    marks: list[int]  # the marks' places in ``shapes``, in the layout's (date) order

    @classmethod
    def of(cls, drawing: Drawing) -> Laid:
        names = [s for s in drawing.shapes if s.form == "text" and s.lane]
        shapes = [s for s in drawing.shapes if not (s.form == "text" and s.lane)]
        # Circles inline: they are most of a big case's shapes.
        boxes = [
            (s.x - s.w, s.y - s.w, s.x + s.w, s.y + s.w) if s.form == "circle" else box_of(s)
            for s in shapes
        ]
        marks = [i for i, shape in enumerate(shapes) if shape.record_id]
        return cls(drawing, shapes, names, boxes, ShapeIndex(boxes), marks)


class PictureItem(QGraphicsItem):
    """The whole drawing as one item that paints only the shapes in the exposed rect."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # a drag pans the view
        self.shapes: Sequence[Shape] = ()
        self.boxes: list[Box] = []
        self.index = ShapeIndex([])
        self._rect = QRectF()

    def show(self, laid: Laid | None) -> None:
        """Paint ``laid``'s shapes from now on (nothing when None)."""
        self.prepareGeometryChange()
        self.shapes = laid.shapes if laid else ()
        self.boxes = laid.boxes if laid else []
        self.index = laid.index if laid else ShapeIndex([])
        self._rect = QRectF(0, 0, laid.drawing.width, laid.drawing.height) if laid else QRectF()
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        exposed = option.exposedRect  # type: ignore[attr-defined]
        meeting = self.index.meeting(exposed)
        shapes = self.shapes
        # Words last, as before: a mark's label starts inside its band, so it goes above.
        paint_shapes(painter, shapes, [i for i in meeting if shapes[i].form != "text"], self.boxes)
        paint_shapes(painter, shapes, [i for i in meeting if shapes[i].form == "text"], self.boxes)


class LaneNamesItem(QGraphicsItem):
    """The lanes' names on a pale backdrop, moved with the view so they stay in it."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(1.9)
        self.shapes: list[Shape] = []
        self.boxes: list[Box] = []
        self._tops: list[float] = []
        self._bottoms: list[float] = []
        self._rect = QRectF()

    def show_names(self, shapes: list[Shape]) -> None:
        """Paint the names ``shapes`` (lanes top to bottom, as the layout gives them).

        The layout shortens a name by an estimate of its width in any font; here the
        font is known, so the whole name is shortened to just fit its column instead
        of running over the lane's first marks."""
        self.prepareGeometryChange()
        self.shapes = [
            replace(
                shape,
                text=metrics(shape.size, shape.bold).elidedText(
                    shape.lane, Qt.TextElideMode.ElideRight, LANE_LABEL_WIDTH - 8
                ),
            )
            for shape in shapes
        ]
        shapes = self.shapes
        self.boxes = [text_box(shape) for shape in shapes]
        self._tops = [top - 2 for _left, top, _right, _bottom in self.boxes]
        self._bottoms = [bottom + 2 for _left, _top, _right, bottom in self.boxes]
        rect = QRectF()
        for left, top, right, bottom in self.boxes:
            rect = rect.united(QRectF(left - 4, top - 2, right - left + 8, bottom - top + 4))
        self._rect = rect
        self.update()

    def names(self) -> list[str]:
        return [shape.lane for shape in self.shapes]

    def rects(self) -> list[QRectF]:
        """Each name's rectangle in scene coordinates, where it is drawn now."""
        return [
            self.mapRectToScene(QRectF(left, top, right - left, bottom - top))
            for left, top, right, bottom in self.boxes
        ]

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: Any, widget: QWidget | None = None) -> None:
        exposed = option.exposedRect
        # Thousands of lanes by person: only the names in the exposed rows are drawn.
        shown = range(
            bisect_left(self._bottoms, exposed.top()), bisect_right(self._tops, exposed.bottom())
        )
        painter.setPen(pen(None))
        painter.setBrush(brush(LABEL_BACKDROP))
        for index in shown:
            left, top, right, bottom = self.boxes[index]
            painter.drawRect(QRectF(left - 4, top - 2, right - left + 8, bottom - top + 4))
        paint_shapes(painter, self.shapes, shown, self.boxes)
