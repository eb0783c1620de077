"""Names a screen reader reads for a form's editors.

A label's buddy names the widget it points at, but a composite editor (a date with its
live reading) takes the keyboard focus in an inner line edit the label does not point
at, and a row of two small fields has one label for the row. So each editor that takes
the focus is named after its field's label, and a hint under a field becomes its
description.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QAbstractButton, QLineEdit, QToolButton, QWidget


def focus_target(widget: QWidget) -> QWidget:
    """The widget that takes the keyboard focus for ``widget`` (its innermost proxy)."""
    while widget.focusProxy() is not None:
        widget = widget.focusProxy()
    return widget


def name_editors(fields: Mapping[str, Any], labels: Mapping[str, str]) -> None:
    """Give each field's focus widget its label as accessible name. A check box keeps
    its own text, which says more than the field's short label."""
    for name, widget in fields.items():
        if not isinstance(widget, QWidget):
            continue
        target = focus_target(widget)
        if isinstance(target, QAbstractButton) and target.text():
            continue
        if not target.accessibleName():
            target.setAccessibleName(labels.get(name, name))


def describe(widget: QWidget, text: str) -> None:
    """``text`` (a hint shown near the field) as the description read after its name."""
    focus_target(widget).setAccessibleDescription(text)


def name_line_edit(edit: QLineEdit, name: str) -> None:
    """Name a line edit and the buttons Qt puts inside it ("Clear filter" and the like).

    Qt draws a line edit's clear button and its icon actions as small tool buttons with
    no text, which a screen reader would announce as a nameless "button"."""
    edit.setAccessibleName(name)
    for button in edit.findChildren(QToolButton):
        if button.accessibleName():
            continue
        action = button.defaultAction()
        if action is not None and action.objectName() == "_q_qlineeditclearaction":
            button.setAccessibleName(f"Clear {name.lower()}")
        else:
            words = action.text() or action.toolTip() if action is not None else ""
            button.setAccessibleName(words or name)


def tab_order(*widgets: QWidget | None) -> None:
    """Tab visits ``widgets`` in this order (the reading order of the page: top to
    bottom, left to right); ``None`` entries (parts a page lacks) are skipped."""
    present = [widget for widget in widgets if widget is not None]
    for first, second in zip(present, present[1:], strict=False):
        QWidget.setTabOrder(first, second)
