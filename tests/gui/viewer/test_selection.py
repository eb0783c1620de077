"""Words dragged over on a page become a new statement quoting it; the Bates number
of each page is shown where the document has a range."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from sqlalchemy import text

from app.context import AppContext
from app.core.services import documents
from app.gui.viewer import ViewerWindow, open_document_viewer
from app.gui.viewer.pdf_pages import box_rects
from app.gui.viewer.window import SCREEN_DPI
from tests.gui.accessibility.walk import unnamed_controls
from tests.gui.forms import fixtures as forms_fixtures
from tests.gui.forms.fixtures import SmallCase, drive, talk
from tests.gui.viewer import transcript as t

form_ctx = forms_fixtures.form_ctx
small_case = forms_fixtures.small_case


class MainStandIn(QWidget):
    """What the viewer needs of the main window: its undo stack."""

    def __init__(self) -> None:
        super().__init__()
        self.undo = QUndoStack(self)


def _open(
    qtbot: Any, ctx: AppContext, case: SmallCase, tmp_path: Path, **values: Any
) -> tuple[ViewerWindow, int, MainStandIn]:
    path = tmp_path / "transcript.pdf"
    path.write_bytes(t.transcript_pdf())
    document_id = documents.add_document(ctx.workspace, case.case_id, file=path, **values)
    main = MainStandIn()
    qtbot.addWidget(main)
    viewer = open_document_viewer(ctx, document_id, page=3, parent=main)
    assert viewer is not None
    qtbot.addWidget(viewer)
    qtbot.waitUntil(lambda: viewer.is_complete)  # the controls come after the first page
    return viewer, document_id, main


def _drag_over(qtbot: Any, viewer: ViewerWindow, top_y: float, bottom_y: float) -> None:
    """Drag the mouse over the page picture from above the line at ``top_y`` to below
    the line at ``bottom_y`` (PDF points), the whole width of the text."""
    _, height = viewer.pdf.page_size(viewer.current)
    scale = SCREEN_DPI * viewer.zoom / 72
    (area,) = box_rects([(t.LEFT - 10, bottom_y - 6, 560, top_y + 14)], height, scale)
    offset = viewer.page_label.picture_rect().topLeft()
    start = area.topLeft().toPoint() + offset
    end = area.bottomRight().toPoint() + offset
    label = viewer.page_label
    QTest.mousePress(label, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(label, (start + end) / 2)
    QTest.mouseRelease(label, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def test_dragged_words_become_a_statement_quoting_the_page(
    qtbot: Any, tmp_path: Path, form_ctx: AppContext, small_case: SmallCase
) -> None:
    viewer, document_id, main = _open(qtbot, form_ctx, small_case, tmp_path)
    assert not viewer.new_statement_button.isEnabled()
    (y1, _), (y2, _) = t.BROKEN
    _drag_over(qtbot, viewer, y1, y2)
    assert viewer.selection is not None and viewer.selection.page == 2
    said = "A. I was never at the well-known store on “Main Street” that night."
    assert viewer.selection.text == said
    assert viewer.new_statement_button.isEnabled()
    assert "13 words chosen on page 3" in viewer.status.text()
    viewer.copy_text()
    assert QGuiApplication.clipboard().text() == said

    seen = drive(form_ctx, lambda form: _type_speaker(form, "Kenneth Thomas"))
    qtbot.mouseClick(viewer.new_statement_button, Qt.MouseButton.LeftButton)
    (form,) = seen
    assert form.windowTitle() == "New statement"
    with form_ctx.workspace.reader() as session:
        row = session.execute(
            text(
                "SELECT id, text, source_document_id, pin_cite, speaker_id FROM statements"
                " ORDER BY id DESC LIMIT 1"
            )
        ).one()
    assert (row.text, row.source_document_id, row.pin_cite) == (said, document_id, "p. 3")
    assert row.speaker_id == small_case.thomas
    assert main.undo.count() == 1 and main.undo.undoText().startswith("Add statement")
    assert "saved" in viewer.status.text()
    main.undo.undo()  # one step takes it away again
    with form_ctx.workspace.reader() as session:
        gone = session.execute(
            text("SELECT count(*) FROM statements WHERE id = :id"), {"id": row.id}
        )
        assert gone.scalar() == 0


def _type_speaker(form: Any, name: str) -> None:
    target = getattr(form.fields["speaker_id"], "edit", form.fields["speaker_id"])
    target.setFocus()
    QTest.keyClicks(target, name)


def test_the_shortcut_and_the_page_menu_make_a_statement_too(
    qtbot: Any, tmp_path: Path, form_ctx: AppContext, small_case: SmallCase
) -> None:
    viewer, document_id, _main = _open(qtbot, form_ctx, small_case, tmp_path)
    viewer._page_menu(QPoint(5, 5))
    (make, _all, copy) = viewer.page_menu.actions()
    assert make.text() == "New statement from selection" and not make.isEnabled()
    viewer.page_menu.close()
    _drag_over(qtbot, viewer, t.RUNNING_FOOT[0], t.RUNNING_FOOT[0])
    assert viewer.selection is not None and viewer.selection.text == "A. I told them the car was"
    viewer._page_menu(QPoint(5, 5))
    (make, _all, copy) = viewer.page_menu.actions()
    assert make.isEnabled()
    viewer.page_menu.close()
    seen = drive(form_ctx, lambda form: _type_speaker(form, "Kenneth Thomas"), save=False)
    viewer.activateWindow()
    qtbot.waitUntil(viewer.isActiveWindow)
    QTest.keyClick(
        viewer,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    (form,) = seen
    assert form.fields["text"].value() == "A. I told them the car was"
    assert form.fields["source_document_id"].value() == document_id
    assert form.fields["pin_cite"].value() == "p. 3"


def test_a_click_chooses_nothing_and_an_empty_area_says_so(
    qtbot: Any, tmp_path: Path, form_ctx: AppContext, small_case: SmallCase
) -> None:
    viewer, _document_id, _main = _open(qtbot, form_ctx, small_case, tmp_path)
    picture = viewer.page_label.picture_rect()
    viewer.page_label.choose(
        QRect(picture.topLeft() + QPoint(20, 20), picture.topLeft() + QPoint(21, 21))
    )
    assert viewer.selection is None
    viewer.page_label.choose(
        QRect(picture.topLeft() + QPoint(20, 300), picture.topLeft() + QPoint(60, 340))
    )
    assert viewer.selection is None and not viewer.new_statement_button.isEnabled()
    assert viewer.new_statement_from_selection() is None
    assert "Drag over words" in viewer.status.text()
    assert talk(form_ctx).log == []


def test_a_turned_page_maps_the_drag_back_to_its_words(
    qtbot: Any, tmp_path: Path, form_ctx: AppContext, small_case: SmallCase
) -> None:
    viewer, _document_id, _main = _open(qtbot, form_ctx, small_case, tmp_path)
    viewer.rotate()
    viewer.rotate()  # upside down: the picture's top left is the page's bottom right
    _, height = viewer.pdf.page_size(viewer.current)
    width, _ = viewer.pdf.page_size(viewer.current)
    scale = SCREEN_DPI * viewer.zoom / 72
    y = t.RUNNING_FOOT[0]
    # the line's box, turned half round within the page
    left, right = width - 560, width - (t.LEFT - 10)
    bottom, top = height - (y + 14), height - (y - 6)
    (area,) = box_rects([(left, bottom, right, top)], height, scale)
    offset = viewer.page_label.picture_rect().topLeft()
    viewer.page_label.choose(area.toRect().translated(offset))
    assert viewer.selection is not None and viewer.selection.text == "A. I told them the car was"


def test_each_page_shows_its_bates_number(
    qtbot: Any, tmp_path: Path, form_ctx: AppContext, small_case: SmallCase
) -> None:
    viewer, _document_id, _main = _open(
        qtbot, form_ctx, small_case, tmp_path, bates_start="DA000120", bates_end="DA000125"
    )
    assert viewer.page_list.item(0).text() == "p. 1 · DA000120"
    assert viewer.page_list.item(2).text() == "p. 3 · DA000122"
    assert viewer.bates_label.text() == "· DA000122" and viewer.bates_label.isVisible()
    assert "Page 3 of 6 · DA000122" in viewer.status.text()
    viewer.next_page()
    assert viewer.bates_label.text() == "· DA000123"
    assert unnamed_controls(viewer, "viewer") == []


def test_without_a_range_no_bates_number_is_shown(
    qtbot: Any, tmp_path: Path, form_ctx: AppContext, small_case: SmallCase
) -> None:
    viewer, _document_id, _main = _open(qtbot, form_ctx, small_case, tmp_path)
    assert viewer.page_list.item(2).text() == "Page 3"
    assert not viewer.bates_label.isVisible()
    assert "DA" not in viewer.status.text()


def test_ctrl_a_chooses_every_word_on_the_page(
    qtbot: Any, tmp_path: Path, form_ctx: AppContext, small_case: SmallCase
) -> None:
    viewer, _document_id, _main = _open(qtbot, form_ctx, small_case, tmp_path)
    viewer.next_page()  # page 4: its header and one line
    viewer.activateWindow()
    qtbot.waitUntil(viewer.isActiveWindow)
    QTest.keyClick(viewer, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert viewer.selection is not None and viewer.selection.page == 3
    assert viewer.selection.text == "Transcript page 4 not mine, and I left."
    assert viewer.new_statement_button.isEnabled()
