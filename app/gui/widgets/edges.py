"""Field edges a person can see in the dark and high-contrast themes (WCAG 1.4.11: the
boundary of a field needs 3:1 against what is around it).

Fusion draws a field's frame and a check box's square a shade darker than the window:
on black, black. This style is Fusion with one more line around line edits, combo
boxes, spin boxes, text areas, lists and check boxes, in a colour between the text and
the window that reaches 3:1. The app uses it only with its own themes; the system
theme keeps the platform's style.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

from app.gui.widgets.style import mix, readable

NAME = "casefile-fusion"
PE = QStyle.PrimitiveElement
# Field frames and check boxes (in forms and in lists of tags, such as a person's roles).
_FRAMED_PRIMITIVES = {
    PE.PE_FrameLineEdit,
    PE.PE_IndicatorCheckBox,
    PE.PE_IndicatorItemViewItemCheck,
}
_FRAMED_CONTROLS = {QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox}


def edge_colour(palette: QPalette) -> QColor:
    """Halfway from the window to the text, and at least 3:1 on the window."""
    window = palette.color(QPalette.ColorRole.Window)
    halfway = mix(window, palette.color(QPalette.ColorRole.WindowText), 0.5)
    return readable(halfway, window, palette.color(QPalette.ColorRole.Base), minimum=3.0)


class EdgedFusion(QProxyStyle):
    def __init__(self) -> None:
        super().__init__("Fusion")
        self.setObjectName(NAME)

    def _edge(self, option: QStyleOption, painter: QPainter) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(edge_colour(option.palette), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5), 2, 2)
        painter.restore()

    def drawPrimitive(  # noqa: N802 (Qt's name)
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in _FRAMED_PRIMITIVES or (
            element == PE.PE_Frame and isinstance(widget, QAbstractScrollArea)  # text, lists
        ):
            self._edge(option, painter)

    def drawComplexControl(  # noqa: N802 (Qt's name)
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in _FRAMED_CONTROLS and getattr(option, "frame", True):
            self._edge(option, painter)
