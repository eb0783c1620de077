"""A refused field's message, shown right under the field without moving the form.

An error line inserted into the layout pushes every field below it down (and a
word-wrapped label can claim far more height than its text), so the person's next
click or glance lands somewhere else. This message floats instead: a small framed
label laid over the form just under the field, shown while the field has the
keyboard focus. The field stays tinted and the form's banner keeps the message
when the focus moves on, so nothing is hidden for long.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QWidget

from app.gui.widgets.style import error_color

_GAP = 2  # pixels between the field and its message
_MARGIN = 8  # kept clear at the form's right edge


class FieldMessage(QLabel):
    """One floating message at a time, for whichever field was last refused."""

    def __init__(self, form: QWidget) -> None:
        super().__init__(form)
        self.setObjectName("fieldMessage")
        self.setAccessibleName("Error")
        self.setWordWrap(True)
        self.setFrameShape(QFrame.Shape.Box)
        self.setMargin(4)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        palette = QPalette(self.palette())
        color = error_color(palette)
        palette.setColor(QPalette.ColorRole.WindowText, color)
        palette.setColor(QPalette.ColorRole.Text, color)
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.Base))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self._target: QWidget | None = None
        self.hide()

    @property
    def target(self) -> QWidget | None:
        return self._target

    def show_for(self, target: QWidget, text: str) -> None:
        """Put ``text`` under ``target``; shown whenever the target has the focus."""
        self.clear_target()
        self._target = target
        self.setText(text)
        target.installEventFilter(self)
        self.place()

    def clear_target(self) -> None:
        if self._target is not None:
            self._target.removeEventFilter(self)
        self._target = None
        self.setText("")
        self.hide()

    def place(self, focused: bool | None = None) -> None:
        """Lay the message under its field, inside the form, over whatever is below;
        visible while the field has the focus (``focused`` when already known)."""
        target = self._target
        form = self.parentWidget()
        if target is None or form is None or not target.isVisible():
            self.hide()
            return
        room = form.width() - 2 * _MARGIN
        width = min(max(target.width(), self._text_width()), room)
        self.setFixedWidth(width)
        self.adjustSize()
        corner = target.mapTo(form, QPoint(0, target.height() + _GAP))
        x = max(_MARGIN, min(corner.x(), form.width() - _MARGIN - width))
        self.move(x, corner.y())
        self.raise_()
        self.setVisible(target.hasFocus() if focused is None else focused)

    def _text_width(self) -> int:
        return self.fontMetrics().horizontalAdvance(self.text()) + 2 * (self.margin() + 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is not self._target:
            return False
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.place(focused=event.type() == QEvent.Type.FocusIn)
        elif event.type() in (
            QEvent.Type.Move,
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.Hide,
        ):
            self.place()
        return False
