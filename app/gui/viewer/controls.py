"""The viewer's row of controls (pages, zoom, turn, find, copy and the statement made
from a selection) and its keys. Built here so the window module holds only what they
do; built once the first page is on screen, into the room the window kept for them."""

from __future__ import annotations

import functools
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

NEW_STATEMENT_KEYS = "Ctrl+Shift+N"


def button(text: str, name: str, tip: str, slot: Any) -> QPushButton:
    made = QPushButton(text)
    made.setAccessibleName(name)
    made.setToolTip(tip)
    made.clicked.connect(slot)
    return made


@functools.cache
def row_height() -> int:
    """The row's height (its tallest control's), so the window keeps room for it
    before it is built and the page does not move when it comes."""
    return max(kind().sizeHint().height() for kind in (QPushButton, QSpinBox, QLineEdit))


class _Stand(SimpleNamespace):
    """Takes the place of a viewer when a row is built only to be measured."""

    def __getattr__(self, name: str) -> Any:
        return lambda *args: None


@functools.cache
def _measuring_row() -> tuple[QWidget, Any]:
    stand = _Stand(kind="pdf", page_count=1)
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)  # as in the window's own row
    build_controls(stand, row)
    fit_controls_to_kind(stand)
    return holder, stand


def row_width(pages: int, bates: str | None) -> int:
    """The least width a PDF's row of controls takes with ``pages`` pages and the
    Bates number ``bates`` shown (measured once on a row built aside), so the window
    is as wide from its first frame as it will be once the row is there."""
    holder, stand = _measuring_row()
    stand.page_box.setMaximum(max(pages, 1))  # as wide as its longest number
    stand.page_count_label.setText(f"of {pages}")
    stand.bates_label.setText(f"· {bates}" if bates else "")
    stand.bates_label.setVisible(bool(bates))
    return holder.minimumSizeHint().width()


def build_controls(viewer: Any, row: QHBoxLayout) -> list[QWidget]:
    """Make the controls as attributes of ``viewer`` (the viewer window, whose
    methods they call) and lay them out in ``row``; returns them in tab order."""
    v = viewer
    v.previous_button = button("◀", "Previous page", "Previous page (PgUp)", v.previous_page)
    v.next_button = button("▶", "Next page", "Next page (PgDn)", v.next_page)
    v.page_box = QSpinBox()
    v.page_box.setAccessibleName("Go to page")
    v.page_box.setToolTip("Type a page number and press Enter")
    v.page_box.setMinimum(1)
    v.page_box.editingFinished.connect(lambda: v.go_to(v.page_box.value() - 1))
    v.page_count_label = QLabel()
    v.page_count_label.setAccessibleName("Page count")
    v.bates_label = QLabel()
    v.bates_label.setAccessibleName("Bates number")
    v.bates_label.setToolTip("The Bates number stamped on this page")
    v.zoom_out_button = button("−", "Zoom out", "Zoom out (Ctrl+-)", v.zoom_out)
    v.zoom_in_button = button("+", "Zoom in", "Zoom in (Ctrl++)", v.zoom_in)
    v.fit_button = button(
        "Fit width", "Fit width", "Fit the page to the window's width", v.fit_width
    )
    v.rotate_button = button("Rotate", "Rotate", "Turn the page a quarter to the right", v.rotate)
    for small in (v.previous_button, v.next_button, v.zoom_out_button, v.zoom_in_button):
        small.setMaximumWidth(40)
    v.find_box = QLineEdit()
    v.find_box.setMinimumWidth(140)
    v.find_box.setPlaceholderText("Find…")
    v.find_box.setAccessibleName("Find text")
    v.find_box.setToolTip("Text to find (Ctrl+F); Enter finds the next place")
    v.find_box.returnPressed.connect(v.find_next)
    v.find_button = button("Find next", "Find next", "Find the next place", v.find_next)
    # What is done with the page's words: copied, made a statement.
    v.copy_button = button(
        "Copy text", "Copy text", "Copy the selected words, or the whole page's text", v.copy_text
    )
    v.new_statement_button = button(
        "New statement from selection",
        "New statement from selection",
        "Drag over words on the page (Ctrl+A chooses them all), then make them a "
        f"statement quoting this page ({NEW_STATEMENT_KEYS})",
        v.new_statement_from_selection,
    )
    v.new_statement_button.setAccessibleDescription(
        "Opens a new statement with the selected words as its verbatim text, this "
        "document as its source and this page as its pin cite"
    )
    v.new_statement_button.setEnabled(False)
    widgets = [
        v.previous_button,
        v.next_button,
        v.page_box,
        v.page_count_label,
        v.bates_label,
        v.zoom_out_button,
        v.zoom_in_button,
        v.fit_button,
        v.rotate_button,
        v.find_box,
        v.find_button,
        v.copy_button,
        v.new_statement_button,
    ]
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return widgets


def fit_controls_to_kind(viewer: Any) -> None:
    """Hide what does nothing for the kind of file shown: pages for an image or a
    text, zoom and turning for a text, find for an image."""
    v = viewer
    if v.kind == "pdf":
        v.page_box.setMaximum(max(v.page_count, 1))
        v.page_count_label.setText(f"of {v.page_count}")
        return
    hidden = [v.previous_button, v.next_button, v.page_box, v.page_count_label]
    hidden += [v.bates_label, v.copy_button, v.new_statement_button]
    if v.kind == "image":
        hidden += [v.find_box, v.find_button]
    else:
        hidden += [v.zoom_in_button, v.zoom_out_button, v.fit_button, v.rotate_button]
    for widget in hidden:
        widget.hide()


def add_shortcuts(viewer: Any) -> None:
    """The viewer's keys: PgUp/PgDn turn pages, Ctrl+F finds, Ctrl++ / Ctrl+- zoom,
    Ctrl+Shift+N makes a statement of the chosen words; on a PDF page Ctrl+C copies
    and Ctrl+A chooses every word (a text view copies and selects on its own)."""
    v = viewer
    keys = [
        (QKeySequence(Qt.Key.Key_PageDown), v.next_page),
        (QKeySequence(Qt.Key.Key_PageUp), v.previous_page),
        (QKeySequence.StandardKey.Find, v.focus_find),
        (QKeySequence.StandardKey.ZoomIn, v.zoom_in),
        (QKeySequence("Ctrl+="), v.zoom_in),
        (QKeySequence.StandardKey.ZoomOut, v.zoom_out),
        (QKeySequence(NEW_STATEMENT_KEYS), v.new_statement_from_selection),
    ]
    if v.pdf is not None:
        keys.append((QKeySequence.StandardKey.Copy, v.copy_text))
        keys.append((QKeySequence.StandardKey.SelectAll, v.select_page))
    for key, slot in keys:
        QShortcut(key, v, activated=slot)
