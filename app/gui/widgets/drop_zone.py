"""The frame laid over a list while files are dragged onto it: "Drop to attach 3 files".

Without it nothing showed that the list takes files until they were dropped. The
:class:`DropZone` covers its host (it follows the host's size), draws a dashed frame in
the palette's highlight colour with the text in the middle, lets every mouse and drag
event through to the host (so the host keeps receiving the drag), and tells a screen
reader what a drop would do. The host calls :meth:`DropZone.show_for` on drag enter and
:meth:`DropZone.clear` on leave and on drop.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


def drop_text(count: int) -> str:
    return f"Drop to attach {count} file{'' if count == 1 else 's'}"


class DropZone(QFrame):
    """A highlight over ``host`` while files are dragged over it."""

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.host = host
        self.setObjectName("dropZone")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName("Drop zone")
        self.label = QLabel(self)
        self.label.setObjectName("dropZoneText")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.label.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label, 0, Qt.AlignmentFlag.AlignCenter)
        self._restyle()
        host.installEventFilter(self)
        self.hide()

    def _restyle(self) -> None:
        palette = self.host.palette()
        ring = palette.color(QPalette.ColorRole.Highlight)
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        wash = f"rgba({ring.red()}, {ring.green()}, {ring.blue()}, 40)"
        # The words sit on the plain base colour, so they keep the text's contrast
        # whatever the list under the wash shows.
        self.setStyleSheet(
            f"QFrame#dropZone {{ border: 3px dashed {ring.name()}; border-radius: 8px;"
            f" background: {wash}; }}"
            f" QLabel#dropZoneText {{ color: {text.name()}; background: {base.name()};"
            f" border: 2px solid {ring.name()}; border-radius: 6px; padding: 10px 18px; }}"
        )

    def show_for(self, count: int) -> None:
        """Cover the host, saying what dropping ``count`` files does."""
        text = drop_text(count)
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self._restyle()
        self.setGeometry(self.host.rect())
        self.raise_()
        self.show()
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))

    def clear(self) -> None:
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.host and event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self.host.rect())
        return super().eventFilter(watched, event)
