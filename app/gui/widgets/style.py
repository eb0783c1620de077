"""Palette-aware colours for hints and errors, so dark themes stay readable, and the
WCAG contrast arithmetic that keeps every text colour at least 4.5:1 on its background
(WCAG 2.1 AA, 1.4.3)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


# WCAG 2.1 AA: normal text needs 4.5:1 against its background.
MIN_CONTRAST = 4.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: QColor) -> float:
    """WCAG relative luminance of an opaque colour (0 black .. 1 white)."""
    return (
        0.2126 * _channel(color.red())
        + 0.7152 * _channel(color.green())
        + 0.0722 * _channel(color.blue())
    )


def over(color: QColor, background: QColor) -> QColor:
    """``color`` as it shows on ``background`` (a translucent colour blended onto it)."""
    alpha = color.alphaF()
    return mix(background, color, alpha) if alpha < 1 else QColor(color)


def contrast(foreground: QColor, background: QColor) -> float:
    """The WCAG contrast ratio of ``foreground`` drawn on ``background`` (1 to 21)."""
    lighter, darker = sorted(
        (luminance(over(foreground, background)), luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def readable(color: QColor, *backgrounds: QColor, minimum: float = MIN_CONTRAST) -> QColor:
    """``color``, or the nearest shade of it (towards black on light backgrounds, white
    on dark ones) that reaches ``minimum`` contrast on every one of ``backgrounds``."""
    shown = over(color, backgrounds[0])
    if all(contrast(shown, b) >= minimum for b in backgrounds):
        return shown
    target = QColor("#000000") if luminance(backgrounds[0]) > 0.18 else QColor("#ffffff")
    for step in range(1, 21):
        candidate = mix(shown, target, step / 20)
        if all(contrast(candidate, b) >= minimum for b in backgrounds):
            return candidate
    return target


def error_color(palette: QPalette | None = None) -> QColor:
    """Red for errors and overdue dates, readable on the window and in fields."""
    palette = palette or QApplication.palette()
    red = QColor("#ff8a80") if is_dark(palette) else QColor("#b3261e")
    return readable(
        red, palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Base)
    )


def muted_color(palette: QPalette | None = None) -> QColor:
    """Secondary text: between the text colour and the background (any theme), yet no
    fainter than 4.5:1 on the window or in a field."""
    palette = palette or QApplication.palette()
    window = palette.color(QPalette.ColorRole.Window)
    soft = mix(palette.color(QPalette.ColorRole.WindowText), window, 0.45)
    return readable(soft, window, palette.color(QPalette.ColorRole.Base))


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0..1) of the way to ``b``, opaque."""
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
