"""Icons, spacing and the few font tweaks the window uses.

Icons are line drawings in ``resources/icons`` drawn with ``currentColor``; they
are tinted with the palette's text colour when loaded, so they read on a light or
a dark system palette alike. Nothing here hard-codes a colour except the app
icon's own artwork.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QCursor,
    QFont,
    QGuiApplication,
    QIcon,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from app.resources import resource

# Spacing on a 4 px grid, the rhythm of most native desktop apps.
SPACING = 8
MARGIN = 12
PAGE_MARGIN = 16
ROW_PADDING = 10  # added to the font height for a table row
ICON_SIZES = (16, 20, 24, 32, 48)


def _tint(name: str, color: QColor) -> QByteArray:
    text = resource("icons", f"{name}.svg").read_text(encoding="utf-8")
    return QByteArray(text.replace("currentColor", color.name()).encode("utf-8"))


def _render(svg: QByteArray, size: int, ratio: float) -> QPixmap:
    renderer = QSvgRenderer(svg)
    pixels = max(1, round(size * ratio))
    pixmap = QPixmap(pixels, pixels)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, pixels, pixels))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


@cache
def _icon(name: str, normal: str, disabled: str, selected: str) -> QIcon:
    icon = QIcon()
    for role, mode in (
        (normal, QIcon.Mode.Normal),
        (disabled, QIcon.Mode.Disabled),
        (selected, QIcon.Mode.Selected),
    ):
        svg = _tint(name, QColor(role))
        for size in ICON_SIZES:
            for ratio in (1.0, 2.0):  # crisp on high-DPI screens too
                icon.addPixmap(_render(svg, size, ratio), mode)
    return icon


def icon(name: str) -> QIcon:
    """The named icon from ``resources/icons``, tinted for the current palette."""
    palette = QGuiApplication.palette()
    return _icon(
        name,
        palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText).name(),
        palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText).name(),
        palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText).name(),
    )


def app_icon() -> QIcon:
    """The application icon: the manila case folder, in its own colours."""
    path = resource("icons", "casefile.svg")
    svg = QByteArray(path.read_bytes())
    result = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        result.addPixmap(_render(svg, size, 1.0))
    return result


def clear_icon_cache() -> None:
    """Drop tinted icons, e.g. after the system palette changed from light to dark."""
    _icon.cache_clear()


def heading(text: str, scale: float = 1.35, parent: QWidget | None = None) -> QLabel:
    """A page heading: the system font, larger and semi-bold (no colours of our own)."""
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def muted(label: QLabel) -> QLabel:
    """Secondary text: the palette's placeholder colour, which themes keep readable."""
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    label.setPalette(palette)
    return label


def row_height(widget: QWidget) -> int:
    return widget.fontMetrics().height() + ROW_PADDING


def toolbar_icon_size() -> QSize:
    return QSize(20, 20)


def toolbar_button_style() -> Qt.ToolButtonStyle:
    # Words beside the icons: staff should not have to learn a row of pictures.
    return Qt.ToolButtonStyle.ToolButtonTextBesideIcon


def busy_cursor() -> QCursor:
    return QCursor(Qt.CursorShape.WaitCursor)


def apply_app_style(app: QApplication) -> None:
    """App-wide touches: Fusion where the platform has no native style worth keeping."""
    if app.style().name().lower() in {"windows", ""}:
        app.setStyle("Fusion")
