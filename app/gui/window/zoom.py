"""Text size for the whole window: View › Zoom In (Ctrl++), Zoom Out (Ctrl+-) and Actual
Size (Ctrl+0), remembered in the person's settings.

Zooming scales the application font, which every widget without a font of its own
follows. Widgets with a size of their own (headings, the statement text) say how they
relate to the text size (``style.FONT_SCALE``) and are re-sized here; lists' fixed
row heights are worked out again from the new font.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QMenu, QTableView

from app.gui import style

SETTING = "view/zoom"
STEPS = (0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)
_BASE = "casefileBaseFont"  # the application's font at 100%, kept on the application


def saved_zoom(settings: MutableMapping[str, Any]) -> float:
    try:
        value = float(settings.get(SETTING) or 1.0)
    except (TypeError, ValueError):
        return 1.0
    return min(STEPS, key=lambda step: abs(step - value))


def base_font(app: QApplication) -> QFont:
    """The application font at 100% (what it was before the first zoom)."""
    base = app.property(_BASE)
    if not isinstance(base, QFont):
        base = QFont(app.font())
        app.setProperty(_BASE, base)
    return QFont(base)


def current_zoom(app: QApplication | None = None) -> float:
    app = app or QApplication.instance()  # type: ignore[assignment]
    base = base_font(app)
    if base.pointSizeF() <= 0:
        return 1.0
    return round(app.font().pointSizeF() / base.pointSizeF(), 2)


def apply_zoom(factor: float, app: QApplication | None = None) -> None:
    """Set the application's text to ``factor`` of its normal size, everywhere."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    font = base_font(app)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:
        font.setPixelSize(round(font.pixelSize() * factor))
    app.setFont(font)
    app.sendPostedEvents()  # each widget's font follows now, not on the next loop turn
    for widget in app.allWidgets():
        scale = widget.property(style.FONT_SCALE)
        if scale:
            own = QFont(widget.font())
            own.setPointSizeF(font.pointSizeF() * float(scale))
            widget.setFont(own)
        if isinstance(widget, QTableView):
            rows = widget.verticalHeader()
            if rows.sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed or not rows.isVisible():
                rows.setDefaultSectionSize(style.row_height(widget))
        elif isinstance(widget, QAbstractItemView):
            widget.doItemsLayout()
        widget.updateGeometry()


def _step(settings: MutableMapping[str, Any], direction: int) -> float:
    now = current_zoom()
    index = min(range(len(STEPS)), key=lambda i: abs(STEPS[i] - now))
    index = max(0, min(len(STEPS) - 1, index + direction)) if direction else STEPS.index(1.0)
    factor = STEPS[index]
    apply_zoom(factor)
    settings[SETTING] = factor
    return factor


def add_zoom_actions(window: Any, menu: QMenu) -> None:
    """View › Zoom In, Zoom Out, Actual Size; kept on the window as ``zoom_*_action``."""

    def action(text: str, keys: list[QKeySequence], direction: int) -> QAction:
        act = QAction(text, window)
        act.setShortcuts(keys)
        act.triggered.connect(lambda _checked=False: _zoomed(window, direction))
        window.addAction(act)  # works with the menu bar hidden, as the others do
        menu.addAction(act)
        return act

    # Ctrl+= too: on most keyboards "+" needs Shift, which people leave out.
    window.zoom_in_action = action("Zoom &In", [QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")], 1)
    window.zoom_out_action = action("Zoom &Out", [QKeySequence("Ctrl+-")], -1)
    window.zoom_reset_action = action("&Actual Size", [QKeySequence("Ctrl+0")], 0)


def _zoomed(window: Any, direction: int) -> None:
    factor = _step(window.settings, direction)
    window.statusBar().showMessage(f"Text size {round(factor * 100)}%", 3000)
