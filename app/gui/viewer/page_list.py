"""The viewer's page list: an entry a page, captioned with its number (and its Bates
number where the document has a range), and the entries' small pictures, drawn a few
at a time for the entries in view so the window never stalls."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QListWidget, QStyledItemDelegate, QStyleOptionViewItem

THUMB_WIDTH = 72  # pixels: a page list entry's small picture
LIST_WIDTH = THUMB_WIDTH + 70  # the list's width: a picture and its caption under it
THUMBS_AT_A_TIME = 3  # drawn per turn of the event loop, so the window never stalls


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


def captions(viewer: Any) -> list[str]:
    """The entries: "Page 3", or "p. 3 · DA000122" where the page has a Bates number."""
    stamped = len(viewer.bates_numbers)
    return [
        f"p. {n} · {viewer.bates_numbers[n - 1]}" if n <= stamped else f"Page {n}"
        for n in range(1, viewer.page_count + 1)
    ]


def make_page_list(viewer: Any) -> QListWidget:
    """The list of ``viewer``'s pages (empty for a document without pages): choosing
    an entry turns to its page, scrolling draws the pictures come into view."""
    pages = QListWidget()
    pages.setAccessibleName("Pages")
    pages.setUniformItemSizes(True)  # 300 pages laid out without measuring each
    pages.setItemDelegate(CaptionUnder(pages))
    pages.setMaximumWidth(LIST_WIDTH)
    if viewer.pdf is None:
        return pages
    pages.addItems(captions(viewer))
    pages.setIconSize(QSize(THUMB_WIDTH, round(THUMB_WIDTH * 1.3)))
    pages.currentRowChanged.connect(viewer.list_row_chosen)
    # start() with no argument: the scroll value is not an interval
    pages.verticalScrollBar().valueChanged.connect(lambda _value: viewer.thumbs_timer.start())
    return pages


def draw_visible_thumbnails(viewer: Any) -> int:
    """Give a few page list entries in view their small pictures, and come back for
    more on the next turn of the event loop (a long PDF's other pages are drawn when
    scrolled to); returns how many were drawn now."""
    pdf = viewer.pdf
    if pdf is None or not viewer.page_count or not viewer.is_complete:
        return 0
    if not viewer.isVisible():
        return 0
    view = viewer.page_list
    top = view.indexAt(view.viewport().rect().topLeft()).row()
    bottom = view.indexAt(view.viewport().rect().bottomLeft()).row()
    if top < 0:  # the list is not laid out yet: the pages near the one shown
        top = viewer.current
    bottom = min(viewer.page_count - 1 if bottom < 0 else bottom, top + 40)
    drawn = 0
    for row in range(top, bottom + 1):
        item = view.item(row)
        if item is None or not item.icon().isNull():
            continue
        if drawn == THUMBS_AT_A_TIME:
            viewer.thumbs_timer.start()  # the rest after whatever else is waiting
            break
        width, _height = pdf.page_size(row)
        image = pdf.render(row, THUMB_WIDTH / width * 72)
        item.setIcon(QIcon(QPixmap.fromImage(image)))
        drawn += 1
    return drawn
