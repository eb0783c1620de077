"""The first page is on screen before the rest of the viewer is made: the row of
controls, the page list, its small pictures and the keys come right after, and
then the window reads and tabs exactly as if they had been there from the start."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QBuffer, QByteArray, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QListWidget, QWidget

from app.gui.viewer import ViewerWindow
from app.gui.viewer.pdf_pages import PdfPages
from tests.gui.accessibility.walk import unnamed_controls
from tests.gui.viewer.test_viewer import make_pdf


def _named_focus() -> str:
    widget: QWidget | None = QApplication.focusWidget()
    while widget is not None and not widget.accessibleName():
        widget = widget.parentWidget()  # a spin box's own line edit reads as the box
    return widget.accessibleName() if widget is not None else ""


def test_the_first_page_is_painted_before_the_controls_and_thumbnails(
    qtbot: Any, monkeypatch: Any
) -> None:
    rendered: list[int] = []
    render = PdfPages.render

    def counted(self: PdfPages, index: int, dpi: float) -> QImage:
        rendered.append(index)
        return render(self, index, dpi)

    monkeypatch.setattr(PdfPages, "render", counted)
    viewer = ViewerWindow("Transcript", "t.pdf", make_pdf(40), 5)
    qtbot.addWidget(viewer)
    seen: list[Any] = []
    viewer.first_page_shown.connect(
        lambda: seen.append(
            (
                list(rendered),
                viewer.is_complete,
                viewer.findChildren(QListWidget),
                viewer.page_label.pixmap().width(),
                viewer.status.text(),
            )
        )
    )
    viewer.completed.connect(lambda: seen.append("completed"))
    viewer.show()
    qtbot.waitUntil(lambda: viewer.is_complete)
    (renders, complete, lists, width, status), completed = seen
    assert renders == [4]  # the page asked for, and no small picture before it
    assert not complete and lists == [] and width > 100
    assert status.startswith("Page 5 of 40")
    assert completed == "completed"
    assert viewer.page_list.count() == 40 and viewer.page_list.currentRow() == 4
    assert viewer.page_box.value() == 5 and viewer.page_count_label.text() == "of 40"
    qtbot.waitUntil(lambda: not viewer.page_list.item(4).icon().isNull())  # then they come
    assert viewer.text_view is None  # a PDF has no text view


def test_once_complete_the_keys_tab_order_and_names_are_all_there(qtbot: Any) -> None:
    viewer = ViewerWindow("Transcript", "t.pdf", make_pdf(), 3)
    qtbot.addWidget(viewer)
    viewer.show()
    viewer.activateWindow()
    qtbot.waitUntil(lambda: viewer.is_complete and viewer.isActiveWindow())
    order = []
    for _ in range(11):
        order.append(_named_focus())
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert order == [
        "Previous page",
        "Next page",
        "Go to page",
        "Zoom out",
        "Zoom in",
        "Fit width",
        "Rotate",
        "Find text",
        "Find next",
        "Copy text",
        "Pages",
    ]
    assert unnamed_controls(viewer, "viewer") == []
    QTest.keyClick(viewer, Qt.Key.Key_PageDown)
    assert viewer.current == 3 and viewer.page_box.value() == 4


def test_a_text_file_is_complete_at_once_and_an_image_has_no_text_view(qtbot: Any) -> None:
    text = ViewerWindow("Notes", "notes.txt", b"Officer Diaz arrived at 9")
    qtbot.addWidget(text)
    assert text.is_complete and text.text_view is not None
    assert not text.page_list.isVisibleTo(text) and not text.zoom_in_button.isVisibleTo(text)
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkBlue)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    photo = ViewerWindow("Photo", "photo.png", bytes(data.data()))
    qtbot.addWidget(photo)
    assert photo.text_view is None and not photo.is_complete
    photo.complete()  # at once when asked, shown or not
    assert photo.is_complete and not photo.find_box.isVisibleTo(photo)
    assert photo.zoom_in_button.isVisibleTo(photo)


def test_the_page_stays_put_when_its_scroll_bar_comes(qtbot: Any) -> None:
    viewer = ViewerWindow("Transcript", "t.pdf", make_pdf(), 2)
    qtbot.addWidget(viewer)
    where: list[Any] = []

    def place() -> None:
        corner = viewer.page_label.picture_rect().topLeft()
        where.append((viewer.page_label.mapTo(viewer, corner), viewer.scroll.viewport().width()))

    viewer.first_page_shown.connect(place)
    viewer.show()
    qtbot.waitUntil(lambda: viewer.is_complete)
    qtbot.waitUntil(lambda: viewer.scroll.verticalScrollBar().isVisible())
    place()
    (first, first_width), (then, then_width) = where
    assert (first, first_width) == (then, then_width)
    assert not viewer.scroll.horizontalScrollBar().isVisible()  # the page fits the width


@pytest.mark.parametrize(
    ("pages", "bates", "shown"),
    [(6, "SMITH-DEFENSE-000000120", "SMITH-DEFENSE-000000122"), (120, "DA000001", "DA000003")],
)
def test_the_window_is_as_wide_in_its_first_frame_as_with_its_controls(
    qtbot: Any, pages: int, bates: str, shown: str
) -> None:
    viewer = ViewerWindow("Transcript", "t.pdf", make_pdf(pages), 3, bates=(bates, ""))
    qtbot.addWidget(viewer)
    first: list[tuple[int, float]] = []
    viewer.first_page_shown.connect(lambda: first.append((viewer.width(), viewer.zoom)))
    viewer.show()
    qtbot.waitUntil(lambda: viewer.is_complete)
    qtbot.waitUntil(lambda: viewer.bates_label.isVisible())
    assert viewer.width() >= viewer.minimumSizeHint().width()  # the row fits
    assert first == [(viewer.width(), viewer.zoom)]  # nothing grew, nothing redrawn
    assert viewer.bates_label.text() == f"· {shown}"
