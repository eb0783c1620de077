"""Icons, spacing and the few font tweaks the window uses.

Icons are line drawings in ``resources/icons`` drawn with ``currentColor``; they
are tinted with the palette's text colour when loaded, so they read on a light or
a dark system palette alike. Nothing here hard-codes a colour except the app
icon's own artwork.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QCursor,
    QFont,
    QGuiApplication,
    QIcon,
    QIconEngine,
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
# A widget whose font is a multiple of the text size (a heading) says so under this
# property, so zooming (app/gui/window/zoom.py) keeps the proportion.
FONT_SCALE = "casefileFontScale"
APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


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


class _SquareIconEngine(QIconEngine):
    """What the icon engines here share: square sizes, and pixmaps drawn by
    ``scaledPixmap`` (each engine's own)."""

    _sizes: tuple[int, ...] = ICON_SIZES

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def actualSize(  # noqa: N802 (Qt's name)
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State
    ) -> QSize:
        side = min(size.width(), size.height())
        return QSize(side, side)

    def availableSizes(  # noqa: N802 (Qt's name)
        self, mode: QIcon.Mode = QIcon.Mode.Normal, state: QIcon.State = QIcon.State.Off
    ) -> list[QSize]:
        return [QSize(size, size) for size in self._sizes]


class _TintedSvgEngine(_SquareIconEngine):
    """Draws a tinted icon at the size and mode asked for, when first asked (a window
    shows few of the sizes and modes an icon could have), and keeps each pixmap drawn."""

    def __init__(
        self,
        name: str,
        tints: dict[QIcon.Mode, str] | None,
        sizes: tuple[int, ...] = ICON_SIZES,
    ) -> None:
        super().__init__()
        self._name = name
        self._tints = tints  # None: the artwork's own colours, in every mode
        self._sizes = sizes
        self._svgs: dict[QIcon.Mode, QByteArray] = {}
        self._pixmaps: dict[tuple[int, int, float], QPixmap] = {}

    def _svg(self, mode: QIcon.Mode) -> QByteArray:
        if self._tints is None or mode not in self._tints:  # Active looks like Normal
            mode = QIcon.Mode.Normal
        svg = self._svgs.get(mode)
        if svg is None:
            if self._tints is None:
                svg = QByteArray(resource("icons", f"{self._name}.svg").read_bytes())
            else:
                svg = _tint(self._name, QColor(self._tints[mode]))
            self._svgs[mode] = svg
        return svg

    def scaledPixmap(  # noqa: N802 (Qt's name)
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        side = max(1, min(size.width(), size.height()))
        key = (side, mode.value, float(scale))
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            pixmap = self._pixmaps[key] = _render(self._svg(mode), side, scale)
        return pixmap

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        pixmap = self.scaledPixmap(rect.size(), mode, state, ratio)
        painter.drawPixmap(rect, pixmap)

    def key(self) -> str:
        return "casefile-tinted-svg"

    def clone(self) -> QIconEngine:
        twin = _TintedSvgEngine(self._name, self._tints, self._sizes)
        twin._svgs, twin._pixmaps = self._svgs, self._pixmaps  # same drawings, shared
        return twin


@cache
def _engine(name: str, normal: str, disabled: str, selected: str) -> _TintedSvgEngine:
    """One engine per (name, palette); its pixmaps are drawn on first use, per size."""
    tints = {
        QIcon.Mode.Normal: normal,
        QIcon.Mode.Disabled: disabled,
        QIcon.Mode.Selected: selected,
    }
    return _TintedSvgEngine(name, tints)


def _palette_engine(name: str) -> _TintedSvgEngine:
    palette = QGuiApplication.palette()
    return _engine(
        name,
        palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText).name(),
        palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText).name(),
        palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText).name(),
    )


class _PaletteSvgEngine(_SquareIconEngine):
    """An icon in the colours of the palette in use when it is drawn: after a switch to
    a dark or high-contrast theme every icon already shown repaints in the new ink."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name

    def scaledPixmap(  # noqa: N802 (Qt's name)
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        return _palette_engine(self._name).scaledPixmap(size, mode, state, scale)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        _palette_engine(self._name).paint(painter, rect, mode, state)

    def key(self) -> str:
        return "casefile-palette-svg"

    def clone(self) -> QIconEngine:
        return _PaletteSvgEngine(self._name)


@cache
def icon(name: str) -> QIcon:
    """The named icon from ``resources/icons``, drawn in the text colour of the palette
    in use each time it is drawn."""
    return QIcon(_PaletteSvgEngine(name))


@cache
def app_icon() -> QIcon:
    """The application icon: the manila case folder, in its own colours (drawn per size
    when first shown, like the other icons)."""
    return QIcon(_TintedSvgEngine("casefile", None, APP_ICON_SIZES))


def clear_icon_cache() -> None:
    """Drop the drawings of old palettes, e.g. after a switch from light to dark."""
    _engine.cache_clear()


def heading(text: str, scale: float = 1.35, parent: QWidget | None = None) -> QLabel:
    """A page heading: the system font, larger and semi-bold (no colours of our own)."""
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setProperty(FONT_SCALE, scale)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def muted(label: QLabel) -> QLabel:
    """Secondary text: the palette's placeholder colour, which every theme keeps at
    4.5:1 on the window (app/gui/window/theme.py). A role, not a colour copied now,
    so the label follows a switch to a dark or high-contrast theme."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
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
