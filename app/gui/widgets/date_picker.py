"""The calendar that drops down from a date field, for when a day is easier to point at.

Typing stays the main way in ("June 14, 2020", "today", "+7"); the calendar is a
second way to the same text. It opens from its button or with Alt+Down / F4 in the
field, starts on the date typed (or today), and works from the keyboard alone:
arrows move the day, Page Up / Page Down the month, Return picks, Escape closes,
and the focus goes back to the field either way.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QCalendarWidget, QFrame, QVBoxLayout, QWidget


class DatePopup(QFrame):
    """A popup window holding one month's calendar; ``picked`` gives the chosen day."""

    picked = Signal(object)  # dt.date
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Choose a date")
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("datePickerCalendar")
        self.calendar.setAccessibleName("Calendar")
        self.calendar.setAccessibleDescription(
            "Arrow keys move the day, Page Up and Page Down the month; "
            "Return picks the day, Escape closes without picking."
        )
        self.calendar.setGridVisible(False)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.calendar)
        self.calendar.activated.connect(self._pick)  # Return or a double click
        self.calendar.clicked.connect(self._pick)  # one click is enough with a mouse

    def open_at(self, anchor: QWidget, day: dt.date) -> None:
        """Show under ``anchor`` (above it when the screen has no room below) on ``day``."""
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.adjustSize()
        below = anchor.mapToGlobal(QPoint(0, anchor.height()))
        screen = anchor.screen().availableGeometry()
        x = max(screen.left(), min(below.x(), screen.right() - self.width()))
        y = below.y()
        if y + self.height() > screen.bottom():
            y = anchor.mapToGlobal(QPoint(0, 0)).y() - self.height()
        self.move(x, max(screen.top(), y))
        self.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _pick(self, day: QDate) -> None:
        self.picked.emit(dt.date(day.year(), day.month(), day.day()))
        self.close()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        super().hideEvent(event)
        self.closed.emit()
