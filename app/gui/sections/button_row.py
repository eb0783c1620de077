"""A row of buttons that fits a narrow window: below the width its labels need, the
buttons show their icons only (their names stay as tooltips and for screen readers),
and plain labels in the row (hints) step aside."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QBoxLayout, QLabel, QWidget

FULL_TEXT = "full_text"  # the property holding a button's label while it shows its icon only


def _widgets(row: QBoxLayout) -> list[QWidget]:
    items = (row.itemAt(i) for i in range(row.count()))
    return [widget for item in items if item is not None and (widget := item.widget())]


def full_width(row: QBoxLayout) -> int:
    """The width ``row`` needs with every label shown."""
    width = 0
    for widget in _widgets(row):
        if isinstance(widget, QAbstractButton):
            text = widget.property(FULL_TEXT) or widget.text()
            width += widget.fontMetrics().horizontalAdvance(text) + widget.sizeHint().width()
            width -= widget.fontMetrics().horizontalAdvance(widget.text())
        else:
            width += widget.sizeHint().width()
        width += row.spacing()
    return width


def set_compact(row: QBoxLayout, compact: bool) -> None:
    """Show the buttons of ``row`` as icons only (``compact``) or with their labels."""
    for widget in _widgets(row):
        if isinstance(widget, QAbstractButton):
            full = widget.property(FULL_TEXT)
            if full is None:
                full = widget.text()
                widget.setProperty(FULL_TEXT, full)
            if not widget.accessibleName():
                widget.setAccessibleName(full.rstrip("…").strip())
            if not widget.toolTip():
                widget.setToolTip(full)
            widget.setText("" if compact else full)
        elif isinstance(widget, QLabel):
            widget.setVisible(not compact)
