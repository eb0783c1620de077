"""The date-with-precision editor: type it the way you would say it.

One line edit accepts "June 14, 2020", "June 2020", "2020", "about June 2020",
"6/14/2020", ISO, and days counted from today ("today", "yesterday", "+7", "-3";
shown as the date they mean once the field is left). Beside it a live reading
shows how Casefile understood the text ("June 2020 · month") or why it could not,
so a typo is caught while the client is still in the room rather than in the
brief. A calendar button (or Alt+Down / F4 in the field) drops a month down to
pick a day from, for when pointing is easier than typing.
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QToolButton, QWidget

from app.core.dates import PartialDate, Precision
from app.gui.style import icon
from app.gui.widgets.date_picker import DatePopup
from app.gui.widgets.style import error_color, muted_color, set_invalid

_PRECISION_WORDS = {
    Precision.DAY: "exact day",
    Precision.MONTH: "month only",
    Precision.YEAR: "year only",
}


# What is counted from today, and so best shown as the day it means once typed.
_COUNTED = re.compile(r"\s*(today|yesterday|tomorrow|[+-]\s*\d+)\s*", re.IGNORECASE)


class PartialDateEdit(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("e.g. June 14, 2020")
        self.edit.setToolTip(
            "Type a date as you would say it: June 14, 2020 · June 2020 · 2020 · "
            "about June 2020 · today · +7 (days from today). Alt+Down opens a calendar."
        )
        metrics = QFontMetrics(self.edit.font())
        self.edit.setMinimumWidth(metrics.horizontalAdvance("about September 30, 2020") + 24)
        self.edit.setMaximumWidth(metrics.horizontalAdvance("M" * 22) + 24)
        self.reading = QLabel(self)
        self.reading.setTextFormat(Qt.TextFormat.RichText)
        self.reading.setWordWrap(True)
        self.reading.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)  # the button sits against its field
        self.pick_button = QToolButton(self)
        self.pick_button.setObjectName("datePickerButton")
        self.pick_button.setIcon(icon("calendar"))
        self.pick_button.setText("Calendar")
        self.pick_button.setToolTip("Pick the day from a calendar (Alt+Down)")
        self.pick_button.setAccessibleName("Pick a date from a calendar")
        self.pick_button.setAccessibleDescription(
            "Opens a month calendar; arrow keys choose the day, Return picks it."
        )
        # Reached with Alt+Down from the field, so Tab goes on to the next field.
        self.pick_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.pick_button.clicked.connect(self.open_picker)
        self._popup: DatePopup | None = None
        layout.addWidget(self.edit)
        layout.addWidget(self.pick_button)
        # The button's room comes out of the reading's (which wraps), not the form's.
        reading_room = metrics.horizontalAdvance("about September 2020 · month")
        spare = self.pick_button.sizeHint().width() + layout.spacing()
        self.reading.setMinimumWidth(max(reading_room - spare, 0))
        layout.addSpacing(6)
        layout.addWidget(self.reading, 1)
        self.setFocusProxy(self.edit)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.edit.textChanged.connect(self._update_reading)
        self.edit.textChanged.connect(self.changed)
        self.edit.editingFinished.connect(self._show_counted_as_date)
        self.edit.installEventFilter(self)
        self._forced_error: str | None = None
        self._update_reading()

    # -- the widget protocol ---------------------------------------------------

    def value(self) -> str | None:
        """The stored form when the text reads as a date, else the text itself.

        Unreadable text is passed on unchanged so the service's cleaner rejects it
        with the message (and field name) every other front end gets.
        """
        try:
            parsed = PartialDate.parse(self.edit.text())
        except ValueError:
            return self.edit.text()
        return parsed.iso() if parsed is not None else None

    def set_value(self, value: Any) -> None:
        if value is None or value == "":
            self.edit.setText("")
        elif isinstance(value, PartialDate):
            self.edit.setText(value.display())
        else:
            try:
                self.edit.setText(PartialDate.from_iso(str(value)).display())
            except ValueError:
                self.edit.setText(str(value))

    def partial_date(self) -> PartialDate | None:
        try:
            return PartialDate.parse(self.edit.text())
        except ValueError:
            return None

    def error_target(self) -> QWidget:
        return self.edit

    def set_error(self, message: str | None) -> None:
        """Show a save-time error in the reading instead of a second label."""
        self._forced_error = message
        self._forced_for = self.edit.text()
        self._update_reading()

    # -- the calendar ------------------------------------------------------------------

    def open_picker(self) -> None:
        """Drop the calendar down on the date typed (its last day), else on today."""
        if self._popup is None:
            self._popup = DatePopup(self)
            self._popup.picked.connect(self._take_picked)
            self._popup.closed.connect(self._back_to_field)
        parsed = self.partial_date()
        start = parsed.latest() if parsed is not None else dt.date.today()
        self._popup.open_at(self.edit, start)

    @property
    def popup(self) -> DatePopup | None:
        return self._popup

    def _back_to_field(self) -> None:
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)

    def _take_picked(self, day: dt.date) -> None:
        self.edit.setText(PartialDate.from_date(day).display())
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt_down = event.key() == Qt.Key.Key_Down and bool(
                event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            if alt_down or event.key() == Qt.Key.Key_F4:
                self.open_picker()
                return True
        return super().eventFilter(watched, event)

    def _show_counted_as_date(self) -> None:
        # "today" or "+7" would mean another day tomorrow: show the day it means now.
        if _COUNTED.fullmatch(self.edit.text()):
            parsed = self.partial_date()
            if parsed is not None:
                self.edit.setText(parsed.display())

    # -- the live reading ------------------------------------------------------

    def _update_reading(self) -> None:
        text = self.edit.text()
        muted = muted_color(self.palette()).name()
        error = None
        try:
            parsed = PartialDate.parse(text)
        except ValueError as exc:
            parsed = None
            # The core's words: it says "June 2020 has only 30 days", not just "no".
            error = str(exc).replace(f"{text!r} ", "This ", 1)
        if error is None and self._forced_error and text == self._forced_for:
            # A whole-record rule (closed before opened) until the date is edited.
            error = self._forced_error
        if error is not None:
            color = error_color(self.palette()).name()
            self.reading.setText(f'<span style="color:{color}">{escape(error)}</span>')
            set_invalid(self.edit, True)
        elif parsed is None:
            self.reading.setText(f'<span style="color:{muted}">Unknown date</span>')
            set_invalid(self.edit, False)
        else:
            detail = _PRECISION_WORDS[parsed.precision]
            if parsed.approximate:
                detail += ", approximate"
            self.reading.setText(
                f"{escape(parsed.display())}"
                f'&nbsp;&nbsp;<span style="color:{muted}">· {escape(detail)}</span>'
            )
            set_invalid(self.edit, False)

    _forced_for = ""
