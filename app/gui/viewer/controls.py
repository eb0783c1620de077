"""The viewer's row of controls (pages, zoom, turn, find, copy and the statement made
from a selection) and how its page list draws an entry. Built here so the window
module holds only what they do."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

NEW_STATEMENT_KEYS = "Ctrl+Shift+N"


def button(text: str, name: str, tip: str, slot: Any) -> QPushButton:
    made = QPushButton(text)
    made.setAccessibleName(name)
    made.setToolTip(tip)
    made.clicked.connect(slot)
    return made


def build_controls(viewer: Any) -> QHBoxLayout:
    """Make the controls as attributes of ``viewer`` (the viewer window, whose
    methods they call) and lay them out in one row."""
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
    v.status = QLabel()
    v.status.setAccessibleName("Viewer status")
    row = QHBoxLayout()
    for widget in (
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
    ):
        row.addWidget(widget)
    row.addStretch(1)
    return row


class CaptionUnder(QStyledItemDelegate):
    """Draws a page list entry as its small picture with the caption under it, as
    tall with its picture still to come as with it (the list sizes every entry as
    its first)."""

    def __init__(self, pages: QListWidget) -> None:
        super().__init__(pages)
        self.pages = pages

    def sizeHint(self, option: QStyleOptionViewItem, index: Any) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        icon = self.pages.iconSize()
        text_height = option.fontMetrics.height()
        return QSize(max(size.width(), icon.width() + 8), icon.height() + text_height + 12)

    def initStyleOption(self, option: QStyleOptionViewItem, index: Any) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        option.decorationPosition = QStyleOptionViewItem.Position.Top
        option.displayAlignment = Qt.AlignmentFlag.AlignHCenter
