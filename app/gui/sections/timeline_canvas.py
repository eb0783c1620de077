"""The drawn timeline inside the window: the core's layout painted as scene items.

The picture is the core's (``app.core.timeline.layout.lay_out``): this view only turns
its shapes into ``QGraphicsItem``s, so the window, the SVG, the PDF and the PNG cannot
disagree. Zooming lays the same timeline out again at a wider drawing width (the marks
are gathered once per case and lanes); the scene's index then paints only what is in
view. The keyboard reaches every mark: arrows move between marks in date order (the
view follows), Enter opens the one chosen; what is chosen is said in the accessible
description, so a screen reader reads it.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from app.core.timeline.layout import Drawing, Shape, lay_out

if TYPE_CHECKING:
    from app.core.timeline.marks import Timeline

MIN_ZOOM = 1.0
MAX_ZOOM = 4096.0  # a decade across the width down to a few hours
ZOOM_STEP = 1.5
MARK_ROLE = 0  # item data: (kind, record_id) of a record's mark
LANE_ROLE = 1  # item data: the lane a lane's label names (the label may be shortened)
CLICK_SLOP = 4  # pixels a press may move and still be a click, not a drag
FOCUS_PEN = "#d00000"


@cache
def _pen(colour: str | None, width: float = 1.0) -> QPen:
    # One pen and one brush per colour: the 50,000-record case has a handful of colours.
    if not colour:
        return QPen(Qt.PenStyle.NoPen)
    pen = QPen(QColor(colour), width)
    pen.setCosmetic(True)
    return pen


@cache
def _brush(colour: str | None) -> QBrush:
    return QBrush(QColor(colour)) if colour else QBrush(Qt.BrushStyle.NoBrush)


def item_of(shape: Shape) -> QGraphicsItem:
    """One scene item for one of the layout's shapes."""
    item: QGraphicsItem
    if shape.form == "rect":
        rect_item = QGraphicsRectItem(shape.x, shape.y, shape.w, shape.h)
        rect_item.setPen(_pen(shape.stroke))
        rect_item.setBrush(_brush(shape.fill))
        item = rect_item
    elif shape.form == "circle":
        r = shape.w
        circle = QGraphicsEllipseItem(shape.x - r, shape.y - r, 2 * r, 2 * r)
        circle.setPen(_pen(shape.stroke))
        circle.setBrush(_brush(shape.fill))
        item = circle
    elif shape.form == "line":
        line = QGraphicsLineItem(shape.x, shape.y, shape.w, shape.h)
        line.setPen(_pen(shape.stroke))
        item = line
    else:
        text = QGraphicsSimpleTextItem(shape.text)
        font = QFont()
        font.setPixelSize(max(int(round(shape.size)), 6))
        font.setBold(shape.bold)
        text.setFont(font)
        text.setBrush(_brush(shape.fill or "#1a1a1a"))
        metrics = QFontMetricsF(font)
        width = metrics.horizontalAdvance(shape.text)
        x = shape.x - {"middle": width / 2, "end": width}.get(shape.anchor, 0.0)
        text.setPos(x, shape.y - metrics.ascent())  # shapes place text on its baseline
        text.setZValue(1.5)  # a label starts inside its band: above it, as in the files
        if shape.lane:  # a lane's name: kept in view when the picture pans (see below)
            text.setData(LANE_ROLE, shape.lane)
            text.setZValue(1.9)
            backdrop = QGraphicsRectItem(text.boundingRect().adjusted(-4, -2, 4, 2), text)
            backdrop.setPen(_pen(None))
            backdrop.setBrush(_brush("#e6ffffff"))  # the marks show faintly through it
            backdrop.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        item = text
    if shape.record_id:
        item.setData(MARK_ROLE, (shape.kind, shape.record_id))
        item.setToolTip(shape.tip)
        item.setZValue(1)
    return item


class TimelineCanvas(QGraphicsView):
    """Paints a :class:`Timeline`; zooms, pans, and opens the record of a mark."""

    open_requested = Signal(str, int)  # kind, record id
    current_changed = Signal(str)  # the chosen mark's words ("" when none)
    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setBackgroundBrush(QBrush(QColor("#ffffff")))
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # A vertical bar that comes and goes would change the width, and so the layout.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        # Re-lay out once after a resize (or a run of Ctrl+wheel steps) ends, not per step.
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(150)
        self._relayout.timeout.connect(self._fit_width)
        self._wheel = QTimer(self)
        self._wheel.setSingleShot(True)
        self._wheel.setInterval(80)
        self._wheel.timeout.connect(self._apply_wheel)
        self._wheel_zoom = 1.0
        self._wheel_x = 0.0
        self.setAccessibleName("Timeline picture")
        self.setAccessibleDescription(
            "Arrow keys move between the marks, Enter opens the record, "
            "Ctrl+plus and Ctrl+minus zoom."
        )
        self.timeline: Timeline | None = None
        self.drawing: Drawing | None = None
        self.zoom = MIN_ZOOM
        self.mark_items: list[QGraphicsItem] = []  # in date order, as the layout gives them
        self.current = -1
        self._focus_box: QGraphicsRectItem | None = None
        self._pressed_at: QPoint | None = None
        self.lane_labels: list[tuple[QGraphicsItem, float]] = []  # with their drawn x
        self.horizontalScrollBar().valueChanged.connect(self._pin_lane_labels)

    # -- what is drawn ----------------------------------------------------------

    def set_timeline(self, timeline: Timeline | None) -> None:
        self.timeline = timeline
        self.zoom = MIN_ZOOM
        self.current = -1
        self.redraw()

    def drawing_width(self) -> float:
        return max(self.viewport().width(), 600) * self.zoom

    def _fit_width(self) -> None:
        if self.drawing is None or self.drawing.width != self.drawing_width():
            self.redraw()

    def redraw(self) -> None:
        """Lay the timeline out at the current zoom and rebuild the scene once."""
        self._relayout.stop()
        scene = self.scene()
        scene.clear()
        self._focus_box = None
        self.mark_items = []
        self.lane_labels = []
        if self.timeline is None:
            self.drawing = None
            return
        self.drawing = lay_out(self.timeline, width=self.drawing_width())
        for shape in self.drawing.shapes:
            item = item_of(shape)
            scene.addItem(item)
            if shape.record_id:
                self.mark_items.append(item)
            elif shape.lane and shape.form == "text":
                self.lane_labels.append((item, item.x()))
        scene.setSceneRect(QRectF(0, 0, self.drawing.width, self.drawing.height))
        if self.mark_items and self.current >= len(self.mark_items):
            self.current = len(self.mark_items) - 1
        self._show_current()
        self._pin_lane_labels(self.horizontalScrollBar().value())

    def _pin_lane_labels(self, scrolled: int) -> None:
        """Keep the lanes' names at the left edge of the view: zoomed in, they would
        scroll away with the start of the time axis."""
        for item, drawn_x in self.lane_labels:
            item.setX(drawn_x + max(scrolled, 0))

    def set_zoom(self, zoom: float, anchor_x: float | None = None) -> None:
        """Zoom to ``zoom`` times the fitted width, keeping the moment at viewport
        position ``anchor_x`` (the middle when None) where it is."""
        zoom = min(max(zoom, MIN_ZOOM), MAX_ZOOM)
        if zoom == self.zoom or self.timeline is None:
            return
        bar = self.horizontalScrollBar()
        at = self.viewport().width() / 2 if anchor_x is None else anchor_x
        share = (bar.value() + at) / max(self.drawing_width(), 1.0)
        self.zoom = zoom
        self.redraw()
        bar.setValue(int(share * self.drawing_width() - at))
        self.zoom_changed.emit(zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def fit(self) -> None:
        self.set_zoom(MIN_ZOOM)

    def mark_keys(self) -> list[tuple[str, int]]:
        return [item.data(MARK_ROLE) for item in self.mark_items]

    # -- choosing and opening marks ---------------------------------------------

    def choose(self, index: int) -> None:
        if not self.mark_items:
            return
        self.current = min(max(index, 0), len(self.mark_items) - 1)
        self._show_current()
        self.ensureVisible(self.mark_items[self.current], 60, 30)

    def _show_current(self) -> None:
        if self._focus_box is not None:
            self.scene().removeItem(self._focus_box)
            self._focus_box = None
        if not (0 <= self.current < len(self.mark_items)):
            self.current_changed.emit("")
            return
        item = self.mark_items[self.current]
        box = QGraphicsRectItem(item.sceneBoundingRect().adjusted(-3, -3, 3, 3))
        box.setPen(_pen(FOCUS_PEN, 2))
        box.setZValue(2)
        self.scene().addItem(box)
        self._focus_box = box
        words = item.toolTip()
        self.setAccessibleDescription(words)
        self.current_changed.emit(words)

    def open_current(self) -> None:
        if 0 <= self.current < len(self.mark_items):
            kind, record_id = self.mark_items[self.current].data(MARK_ROLE)
            self.open_requested.emit(kind, record_id)

    def mark_at(self, pos: QPoint) -> int:
        """The index of the mark under viewport position ``pos``; -1 when none."""
        for item in self.items(pos):
            if item.data(MARK_ROLE) is not None:
                return self.mark_items.index(item)
        return -1

    # -- input --------------------------------------------------------------------

    def keyPressEvent(self, event: Any) -> None:
        key, ctrl = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if ctrl and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif ctrl and key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self.choose(self.current + 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self.choose(self.current - 1 if self.current >= 0 else 0)
        elif key == Qt.Key.Key_Home:
            self.choose(0)
        elif key == Qt.Key.Key_End:
            self.choose(len(self.mark_items) - 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.open_current()
        else:
            super().keyPressEvent(event)

    def wheelEvent(self, event: Any) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:  # a run of steps lays out once, when the wheel rests
                self._wheel_zoom *= ZOOM_STEP**steps
                self._wheel_x = event.position().x()
                self._wheel.start()
            event.accept()
            return
        super().wheelEvent(event)

    def _apply_wheel(self) -> None:
        factor, self._wheel_zoom = self._wheel_zoom, 1.0
        self.set_zoom(self.zoom * factor, self._wheel_x)

    def mousePressEvent(self, event: Any) -> None:
        self._pressed_at = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: Any) -> None:
        super().mouseReleaseEvent(event)
        pressed, self._pressed_at = self._pressed_at, None
        pos = event.position().toPoint()
        if pressed is None or (pos - pressed).manhattanLength() > CLICK_SLOP:
            return  # a drag pans; it opens nothing
        index = self.mark_at(pos)
        if index >= 0:
            self.choose(index)
            self.open_current()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.timeline is not None and event.oldSize().width() != event.size().width():
            self._relayout.start()  # the fitted width follows the window

    def scene_point(self, index: int) -> QPointF:
        """Where mark ``index`` is drawn, in viewport pixels (for tests and tools)."""
        return QPointF(self.mapFromScene(self.mark_items[index].sceneBoundingRect().center()))
