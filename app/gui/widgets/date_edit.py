"""The date-with-precision editor: type it the way you would say it.

One line edit accepts "June 14, 2020", "June 2020", "2020", "about June 2020",
"6/14/2020" or ISO. Beside it a live reading shows how Casefile understood the
text ("June 2020 · month") or why it could not, so a typo is caught while the
client is still in the room rather than in the brief.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QWidget

from app.core.dates import PartialDate, Precision
from app.gui.widgets.style import error_color, muted_color, set_invalid

_PRECISION_WORDS = {
    Precision.DAY: "exact day",
    Precision.MONTH: "month only",
    Precision.YEAR: "year only",
}


class PartialDateEdit(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("e.g. June 14, 2020")
        self.edit.setToolTip(
            "Type a date as you would say it: June 14, 2020 · June 2020 · 2020 · about June 2020"
        )
        metrics = QFontMetrics(self.edit.font())
        self.edit.setMinimumWidth(metrics.horizontalAdvance("about September 30, 2020") + 24)
        self.edit.setMaximumWidth(metrics.horizontalAdvance("M" * 22) + 24)
        self.reading = QLabel(self)
        self.reading.setTextFormat(Qt.TextFormat.RichText)
        self.reading.setWordWrap(True)
        self.reading.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.reading.setMinimumWidth(metrics.horizontalAdvance("about September 2020 · month"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.edit)
        layout.addWidget(self.reading, 1)
        self.setFocusProxy(self.edit)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.edit.textChanged.connect(self._update_reading)
        self.edit.textChanged.connect(self.changed)
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
