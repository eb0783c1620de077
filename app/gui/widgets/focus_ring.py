"""A visible focus outline (WCAG 2.4.7): a ring in the palette's highlight colour
around whichever field, list or button has the keyboard focus, in every theme.

Some styles mark the focused field only by a faint change of its frame. The ring is a
:class:`QFocusFrame`, which Qt keeps on top of the focused widget and moves with it;
it is painted here, two pixels wide, so it shows the same on every platform. One ring
serves the whole application: it follows ``QApplication.focusChanged``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QApplication, QFocusFrame, QWidget
from shiboken6 import isValid

from app.gui.widgets.style import readable

RING_WIDTH = 2
OBJECT_NAME = "casefileFocusRing"


class FocusRing(QFocusFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(OBJECT_NAME)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        if self.widget() is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = QApplication.palette()
        # A ring is a graphic: 3:1 on the window at least (WCAG 1.4.11).
        colour = readable(
            palette.color(QPalette.ColorRole.Highlight),
            palette.color(QPalette.ColorRole.Window),
            minimum=3.0,
        )
        pen = QPen(colour, RING_WIDTH)
        painter.setPen(pen)
        inset = RING_WIDTH / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), 3, 3)
        painter.end()


class FocusRings(QObject):
    """Puts the ring on the widget that has the focus, if it is one a person types in
    or operates (not on a window or a plain container)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.ring: FocusRing | None = None
        app.focusChanged.connect(self._moved)

    def _moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self.ring is not None and not isValid(self.ring):
            self.ring = None  # it went with the dialog it was last in
        if new is None or new.isWindow() or new.objectName() == OBJECT_NAME:
            if self.ring is not None:
                self.ring.setWidget(None)
            return
        if self.ring is None:
            self.ring = FocusRing()
        self.ring.setWidget(new)
        self.ring.show()
        self.ring.update()


def install(app: QApplication | None = None) -> FocusRings:
    """The application's focus ring (installed once)."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    rings = app.findChild(FocusRings)
    return rings if rings is not None else FocusRings(app)
