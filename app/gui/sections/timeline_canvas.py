"""The drawn timeline inside the window: the core's layout painted on a graphics view.

The picture is the core's (``app.core.timeline.layout.lay_out``): this view only paints
its shapes (:mod:`~app.gui.sections.timeline_picture`), so the window, the SVG, the PDF
and the PNG cannot disagree. The shapes are painted by two scene items that draw only
what is exposed, so 50,000 marks open and pan as fast as a few hundred. Zooming lays
the same timeline out again at a wider drawing width and hands the new shapes to the
same items (the marks are gathered once per case and lanes). The keyboard reaches
every mark: arrows move between marks in date order (the view follows), Enter opens
the one chosen; what is chosen is said in the accessible description, so a screen
reader reads it.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import (
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QToolTip,
    QWidget,
)

from app.core.timeline.layout import Drawing, lay_out, tip
from app.gui.sections.timeline_picture import Laid, LaneNamesItem, PictureItem, pen

if TYPE_CHECKING:
    from app.core.timeline.marks import Mark, Timeline

MIN_ZOOM = 1.0
MAX_ZOOM = 4096.0  # a decade across the width down to a few hours
ZOOM_STEP = 1.5
CLICK_SLOP = 4  # pixels a press may move and still be a click, not a drag
FOCUS_PEN = "#d00000"
KEPT_LAYOUTS = 4  # ~10 MB each at 50,000 marks


class TimelineCanvas(QGraphicsView):
    """Paints a :class:`Timeline`; zooms, pans, and opens the record of a mark."""

    open_requested = Signal(str, int)  # kind, record id
    current_changed = Signal(str)  # the chosen mark's words ("" when none)
    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        scene = QGraphicsScene(self)
        scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)  # three items
        self.setScene(scene)
        self.picture = PictureItem()
        scene.addItem(self.picture)
        self.lane_names_item = LaneNamesItem()
        scene.addItem(self.lane_names_item)
        self._focus_box = QGraphicsRectItem()
        self._focus_box.setPen(pen(FOCUS_PEN, 2))
        self._focus_box.setZValue(2)
        self._focus_box.setVisible(False)
        scene.addItem(self._focus_box)
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
        # Where the records' marks are among the painted shapes, in date order as the
        # layout gives them (and so ascending: a shape's mark is found by bisection).
        self.mark_shapes: list[int] = []
        self._marks_by_key: dict[tuple[str, int], Mark] | None = None
        self._laid: dict[float, Laid] = {}  # by drawing width, the latest last
        self._middle: float | None = None  # the share kept in the middle (show_middle)
        self.horizontalScrollBar().actionTriggered.connect(lambda _action: self._moved_by_hand())
        self.current = -1
        self._pressed_at: QPoint | None = None
        self._noted_share = 0.5  # the middle's share as last seen, before any resize
        self.horizontalScrollBar().valueChanged.connect(self._scrolled)

    # -- what is drawn ----------------------------------------------------------

    def set_timeline(self, timeline: Timeline | None, zoom: float = MIN_ZOOM) -> None:
        """Draw ``timeline`` at ``zoom`` times the fitted width (fitted by default)."""
        self.timeline = timeline
        self._marks_by_key = None
        self._laid.clear()
        self._middle = None
        self.zoom = min(max(zoom, MIN_ZOOM), MAX_ZOOM)
        self.current = -1
        self.redraw()

    def drawing_width(self) -> float:
        return max(self.viewport().width(), 600) * self.zoom

    def _fit_width(self) -> None:
        """After a resize: lay out again at the new width, the same moment in the middle."""
        if self.drawing is None or self.drawing.width == self.drawing_width():
            return
        # The share noted before the resize: the view's middle has moved with its width.
        middle = self._middle if self._middle is not None else self._noted_share
        self.redraw()
        self._show_share(middle)

    def middle_share(self) -> float:
        """Where the middle of the view is, as a share of the drawing's width."""
        if self.drawing is None:
            return 0.5
        at = self.horizontalScrollBar().value() + self.viewport().width() / 2
        return at / max(self.drawing.width, 1.0)

    def show_middle(self, share: float) -> None:
        """Scroll so the moment at ``share`` of the width is in the middle of the view,
        and keep it there when the view is laid out again at another width (until the
        person moves the view themselves)."""
        self._middle = min(max(share, 0.0), 1.0)
        self._show_share(self._middle)

    def _show_share(self, share: float) -> None:
        half = self.viewport().width() / 2
        self.horizontalScrollBar().setValue(int(share * self.drawing_width() - half))
        self._noted_share = self.middle_share()

    def _moved_by_hand(self) -> None:
        self._middle = None

    def _laid_out(self, timeline: Timeline, width: float) -> Laid:
        """The timeline laid out ``width`` wide, ready to paint; the last few widths
        are kept, so zooming back out or to fit is immediate."""
        laid = self._laid.pop(width, None)
        if laid is None:
            # Without the marks' words: they are made for the mark pointed at or chosen.
            laid = Laid.of(lay_out(timeline, width=width, tips=False))
        self._laid[width] = laid
        while len(self._laid) > KEPT_LAYOUTS:
            del self._laid[next(iter(self._laid))]
        return laid

    def redraw(self) -> None:
        """Lay the timeline out at the current zoom and hand the shapes to the items."""
        self._relayout.stop()
        laid = (
            None if self.timeline is None else self._laid_out(self.timeline, self.drawing_width())
        )
        self.drawing = laid.drawing if laid else None
        self.mark_shapes = laid.marks if laid else []
        self.picture.show(laid)
        self.lane_names_item.show_names(laid.names if laid else [])
        if laid is None:
            self.scene().setSceneRect(QRectF())
            self._show_current()
            return
        self.scene().setSceneRect(QRectF(0, 0, laid.drawing.width, laid.drawing.height))
        if self.mark_shapes and self.current >= len(self.mark_shapes):
            self.current = len(self.mark_shapes) - 1
        self._show_current()
        self._scrolled(self.horizontalScrollBar().value())

    def _scrolled(self, scrolled: int) -> None:
        self._pin_lane_labels(scrolled)
        self._noted_share = self.middle_share()

    def _pin_lane_labels(self, scrolled: int) -> None:
        """Keep the lanes' names at the left edge of the view: zoomed in, they would
        scroll away with the start of the time axis."""
        self.lane_names_item.setX(max(scrolled, 0))

    def lane_names(self) -> list[str]:
        return self.lane_names_item.names()

    def lane_name_rects(self) -> list[QRectF]:
        """Where each lane's name is drawn now, in scene coordinates."""
        return self.lane_names_item.rects()

    def set_zoom(self, zoom: float, anchor_x: float | None = None) -> None:
        """Zoom to ``zoom`` times the fitted width, keeping the moment at viewport
        position ``anchor_x`` (the middle when None) where it is."""
        zoom = min(max(zoom, MIN_ZOOM), MAX_ZOOM)
        if zoom == self.zoom or self.timeline is None:
            return
        self._middle = None
        bar = self.horizontalScrollBar()
        at = self.viewport().width() / 2 if anchor_x is None else anchor_x
        share = (bar.value() + at) / max(self.drawing_width(), 1.0)
        self.zoom = zoom
        self.redraw()
        bar.setValue(int(share * self.drawing_width() - at))
        self._noted_share = self.middle_share()
        self.zoom_changed.emit(zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def fit(self) -> None:
        self.set_zoom(MIN_ZOOM)

    def mark_count(self) -> int:
        return len(self.mark_shapes)

    def mark_keys(self) -> list[tuple[str, int]]:
        shapes = self.picture.shapes
        return [(shapes[i].kind, shapes[i].record_id) for i in self.mark_shapes]

    def mark_rect(self, index: int) -> QRectF:
        """Mark ``index``'s rectangle in scene coordinates."""
        left, top, right, bottom = self.picture.boxes[self.mark_shapes[index]]
        return QRectF(left, top, right - left, bottom - top)

    def mark_tip(self, index: int) -> str:
        """The words of mark ``index``: its date, title and issues."""
        shape = self.picture.shapes[self.mark_shapes[index]]
        if shape.tip or self.timeline is None:
            return shape.tip
        if self._marks_by_key is None:  # made once per timeline, when first asked
            self._marks_by_key = {(m.kind, m.record_id): m for m in self.timeline.marks}
        mark = self._marks_by_key.get((shape.kind, shape.record_id))
        return tip(self.timeline, mark) if mark is not None else ""

    # -- choosing and opening marks ---------------------------------------------

    def choose(self, index: int) -> None:
        if not self.mark_shapes:
            return
        self._moved_by_hand()
        self.current = min(max(index, 0), len(self.mark_shapes) - 1)
        self._show_current()
        self.ensureVisible(self.mark_rect(self.current), 60, 30)

    def _show_current(self) -> None:
        if not (0 <= self.current < len(self.mark_shapes)):
            self._focus_box.setVisible(False)
            self.current_changed.emit("")
            return
        self._focus_box.setRect(self.mark_rect(self.current).adjusted(-3, -3, 3, 3))
        self._focus_box.setVisible(True)
        words = self.mark_tip(self.current)
        self.setAccessibleDescription(words)
        self.current_changed.emit(words)

    def open_current(self) -> None:
        if 0 <= self.current < len(self.mark_shapes):
            shape = self.picture.shapes[self.mark_shapes[self.current]]
            self.open_requested.emit(shape.kind, shape.record_id)

    def mark_at(self, pos: QPoint) -> int:
        """The index of the mark under viewport position ``pos``; -1 when none."""
        for shape_index in self.picture.index.at(self.mapToScene(pos)):
            index = bisect_left(self.mark_shapes, shape_index)
            if index < len(self.mark_shapes) and self.mark_shapes[index] == shape_index:
                return index
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
            self.choose(len(self.mark_shapes) - 1)
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
        self._moved_by_hand()
        super().wheelEvent(event)

    def _apply_wheel(self) -> None:
        factor, self._wheel_zoom = self._wheel_zoom, 1.0
        self.set_zoom(self.zoom * factor, self._wheel_x)

    def mousePressEvent(self, event: Any) -> None:
        self._moved_by_hand()  # a drag pans
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

    def viewportEvent(self, event: Any) -> bool:
        if event.type() == QEvent.Type.ToolTip:  # the words of the mark pointed at
            index = self.mark_at(event.pos())
            if index >= 0:
                QToolTip.showText(event.globalPos(), self.mark_tip(index), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def scene_point(self, index: int) -> QPointF:
        """Where mark ``index`` is drawn, in viewport pixels (for tests and tools)."""
        return QPointF(self.mapFromScene(self.mark_rect(index).center()))
