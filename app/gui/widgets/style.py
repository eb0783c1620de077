"""Palette-aware colours for hints and errors, so dark themes stay readable."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def error_color(palette: QPalette | None = None) -> QColor:
    return QColor("#ff8a80") if is_dark(palette) else QColor("#b3261e")


def muted_color(palette: QPalette | None = None) -> QColor:
    """Secondary text: halfway from the text colour to the background (any theme)."""
    palette = palette or QApplication.palette()
    return mix(
        palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window), 0.45
    )


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    return QColor(
        round(a.red() * (1 - amount) + b.red() * amount),
        round(a.green() * (1 - amount) + b.green() * amount),
        round(a.blue() * (1 - amount) + b.blue() * amount),
    )


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Tint a field's background (keeping the native frame) while it holds an error."""
    if widget.property("casefileInvalid") == invalid:
        return
    widget.setProperty("casefileInvalid", invalid)
    if not invalid:
        widget.setPalette(QPalette())
        return
    palette = QPalette(widget.palette())
    base = palette.color(QPalette.ColorRole.Base)
    palette.setColor(QPalette.ColorRole.Base, mix(base, error_color(palette), 0.14))
    palette.setColor(QPalette.ColorRole.Button, mix(base, error_color(palette), 0.14))
    widget.setPalette(palette)
    widget.setAutoFillBackground(True)


def set_label_color(label: QWidget, color: QColor) -> None:
    palette = QPalette(label.palette())
    palette.setColor(QPalette.ColorRole.WindowText, color)
    palette.setColor(QPalette.ColorRole.Text, color)
    label.setPalette(palette)
