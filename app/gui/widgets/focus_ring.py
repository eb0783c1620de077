"""A visible focus outline (WCAG 2.4.7): a ring in the palette's highlight colour
around whichever field, list or button has the keyboard focus, in every theme.

Some styles mark the focused field only by a faint change of its frame. The ring is a
small transparent widget laid over the window, two pixels outside the focused
widget's edges: on the window, not inside the widget's own parent, so a container that
fits its field exactly (a date with its picker button) does not clip it away. It moves
with the widget and everything around it. One ring serves the whole application: it
follows ``QApplication.focusChanged``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

from app.gui.widgets.style import readable

RING_WIDTH = 2
OBJECT_NAME = "casefileFocusRing"
_MOVES = {
    QEvent.Type.Move,
    QEvent.Type.Resize,
    QEvent.Type.Show,
    QEvent.Type.Hide,
    QEvent.Type.ParentChange,
}


class FocusRing(QWidget):
    """The ring itself: paints a rounded outline at its edges, nothing inside."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(OBJECT_NAME)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName("Focus outline")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        palette = QApplication.palette()
        # A ring is a graphic: 3:1 on the window at least (WCAG 1.4.11).
        colour = readable(
            palette.color(QPalette.ColorRole.Highlight),
            palette.color(QPalette.ColorRole.Window),
            minimum=3.0,
        )
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(colour, RING_WIDTH))
        inset = RING_WIDTH / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), 3, 3)
        painter.end()


class FocusRings(QObject):
    """Puts the ring around the widget that has the focus (not around a window) and
    keeps it there while the widget or any of its containers moves."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.ring: FocusRing | None = None
        self.target: QWidget | None = None
        self._watched: list[QWidget] = []
        app.focusChanged.connect(self._moved)

    def _moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        self._unwatch()
        if new is None or new.isWindow() or new.objectName() == OBJECT_NAME:
            self.target = None
            if self.ring is not None and isValid(self.ring):
                self.ring.hide()
            return
        self.target = new
        window = new.window()
        if self.ring is None or not isValid(self.ring) or self.ring.parentWidget() is not window:
            if self.ring is not None and isValid(self.ring):
                self.ring.deleteLater()
            self.ring = FocusRing(window)
        widget: QWidget | None = new
        while widget is not None and widget is not window:
            widget.installEventFilter(self)
            self._watched.append(widget)
            widget = widget.parentWidget()
        self.place()

    def _unwatch(self) -> None:
        for widget in self._watched:
            if isValid(widget):
                widget.removeEventFilter(self)
        self._watched = []

    def place(self) -> None:
        ring, target = self.ring, self.target
        if ring is None or target is None or not isValid(ring) or not isValid(target):
            return
        if not target.isVisible():
            ring.hide()
            return
        margin = RING_WIDTH + 1
        corner = target.mapTo(target.window(), QPoint(0, 0))
        ring.setGeometry(QRect(corner, target.size()).adjusted(-margin, -margin, margin, margin))
        ring.show()
        ring.raise_()
        ring.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in _MOVES:
            self.place()
        return False


def install(app: QApplication | None = None) -> FocusRings:
    """The application's focus ring (installed once)."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    rings = app.findChild(FocusRings)
    return rings if rings is not None else FocusRings(app)


def uninstall(app: QApplication | None = None) -> None:
    """Take the ring away again (tests that installed it)."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    rings = app.findChild(FocusRings)
    if rings is None:
        return
    app.focusChanged.disconnect(rings._moved)
    rings._unwatch()
    if rings.ring is not None and isValid(rings.ring):
        rings.ring.deleteLater()
    rings.setParent(None)  # not found by install() while it waits to be deleted
    rings.deleteLater()
