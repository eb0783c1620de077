"""The document viewer: PDF pages, find, pin cites, images and text, opened from the store."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from app.context import AppContext
from app.core.pin_cites import page_of_pin_cite
from app.core.services import documents, statements
from app.gui.viewer import ViewerWindow, open_document_viewer, open_statement_source
from tests.gui.accessibility.walk import unnamed_controls
from tests.gui.forms import fixtures as forms_fixtures
from tests.gui.forms.fixtures import SmallCase, talk

form_ctx = forms_fixtures.form_ctx
small_case = forms_fixtures.small_case

NEEDLE_PAGE = 4  # 1-based: the only page that says "needle"


def make_pdf(pages: int = 6) -> bytes:
    out = io.BytesIO()
    drawing = canvas.Canvas(out, pagesize=letter)
    for number in range(1, pages + 1):
        drawing.setFont("Helvetica", 28)
        drawing.drawString(72, 700, f"Transcript page {number}")
        if number == NEEDLE_PAGE:
            drawing.drawString(72, 500, "The needle was in the haystack")
        drawing.showPage()
    drawing.save()
    return out.getvalue()


def _viewer(qtbot: Any, name: str, data: bytes, page: int | None = None) -> ViewerWindow:
    viewer = ViewerWindow("Transcript", name, data, page)
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitUntil(lambda: viewer.is_complete)  # the controls come after the first page
    return viewer


def _dark_pixels(image: QImage) -> int:
    small = image.scaled(200, 260).convertToFormat(QImage.Format.Format_RGB32)
    return sum(
        1
        for y in range(small.height())
        for x in range(small.width())
        if QColor(small.pixel(x, y)).lightness() < 128
    )


def test_a_pdf_shows_its_pages_and_opens_at_the_pin_cite(qtbot: Any) -> None:
    viewer = _viewer(qtbot, "t.pdf", make_pdf(), page_of_pin_cite("p. 3"))
    assert viewer.kind == "pdf"
    assert viewer.page_count == 6 and viewer.page_list.count() == 6
    assert viewer.current == 2 and viewer.page_box.value() == 3
    assert "Transcript page 3" in viewer.pdf.text(viewer.current)
    assert _dark_pixels(viewer.page_label.pixmap().toImage()) > 50  # drawn, not blank


def test_page_keys_zoom_rotate_and_go_to(qtbot: Any) -> None:
    viewer = _viewer(qtbot, "t.pdf", make_pdf())
    viewer.activateWindow()
    qtbot.waitUntil(viewer.isActiveWindow)
    qtbot.keyClick(viewer.page_list, Qt.Key.Key_PageDown)
    assert viewer.current == 1
    qtbot.keyClick(viewer.page_list, Qt.Key.Key_PageUp)
    assert viewer.current == 0
    width = viewer.page_label.pixmap().width()
    viewer.zoom_in()
    assert viewer.page_label.pixmap().width() > width
    viewer.zoom_out()
    viewer.zoom_out()
    assert viewer.page_label.pixmap().width() < width
    before = viewer.page_label.pixmap().size()
    viewer.rotate()
    after = viewer.page_label.pixmap().size()
    assert (after.width(), after.height()) == (before.height(), before.width())
    viewer.page_box.setValue(5)
    viewer.page_box.editingFinished.emit()
    assert viewer.current == 4
    viewer.go_to(99)
    assert viewer.current == 5 and not viewer.next_button.isEnabled()


def test_find_lands_on_the_page_with_the_needle_and_marks_it(qtbot: Any) -> None:
    viewer = _viewer(qtbot, "t.pdf", make_pdf())
    plain = viewer.rendered()
    viewer.find_box.setText("needle")
    viewer.find_next()
    assert viewer.current == NEEDLE_PAGE - 1
    assert viewer.hit is not None and viewer.hit.boxes
    marked = viewer.rendered()
    unmarked_page = _viewer(qtbot, "t.pdf", make_pdf(), NEEDLE_PAGE).rendered()
    assert marked != unmarked_page  # the hit is highlighted
    assert plain.size().isValid()
    viewer.find_box.setText("not anywhere")
    viewer.find_next()
    assert "not in this document" in viewer.status.text()


def test_copy_page_text(qtbot: Any) -> None:
    viewer = _viewer(qtbot, "t.pdf", make_pdf(), 2)
    viewer.copy_page_text()
    assert "Transcript page 2" in QGuiApplication.clipboard().text()


def test_escape_closes(qtbot: Any) -> None:
    viewer = _viewer(qtbot, "t.pdf", make_pdf())
    with qtbot.waitSignal(viewer.finished):
        qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    assert viewer.pdf is None  # the document is let go


def test_an_image_opens_with_zoom(qtbot: Any, tmp_path: Path) -> None:
    image = QImage(300, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("navy"))
    path = tmp_path / "photo.png"
    image.save(str(path))
    viewer = _viewer(qtbot, "photo.png", path.read_bytes())
    assert viewer.kind == "image" and viewer.page_label.pixmap().width() > 0
    viewer.zoom = 1.0
    viewer.zoom_in()
    assert viewer.page_label.pixmap().width() == round(300 * 1.25)
    assert not viewer.page_list.isVisible()


def test_text_and_word_files_show_their_text(qtbot: Any) -> None:
    viewer = _viewer(qtbot, "notes.txt", b"Officer Diaz arrived at 9")
    assert viewer.text_view.toPlainText() == "Officer Diaz arrived at 9"
    viewer.find_box.setText("Diaz")
    viewer.find_next()
    assert viewer.text_view.textCursor().selectedText() == "Diaz"
    document = docx.Document()
    document.add_paragraph("Motion to suppress")
    out = io.BytesIO()
    document.save(out)
    word = _viewer(qtbot, "motion.docx", out.getvalue())
    assert word.kind == "word" and "Motion to suppress" in word.text_view.toPlainText()


def test_every_control_is_named(qtbot: Any) -> None:
    for name, data in (("t.pdf", make_pdf()), ("notes.txt", b"some words")):
        viewer = _viewer(qtbot, name, data)
        assert unnamed_controls(viewer, "viewer") == []


def test_opened_from_the_store_at_a_page(
    qtbot: Any, tmp_path: Path, form_ctx: AppContext, small_case: SmallCase
) -> None:
    path = tmp_path / "transcript.pdf"
    path.write_bytes(make_pdf())
    document_id = documents.add_document(form_ctx.workspace, small_case.case_id, file=path)
    viewer = open_document_viewer(form_ctx, document_id, page=3)
    assert viewer is not None
    qtbot.addWidget(viewer)
    assert viewer.current == 2 and viewer.page_count == 6
    qtbot.waitUntil(lambda: viewer.is_complete)
    assert viewer.page_box.value() == 3 and viewer.page_list.currentRow() == 2


def test_the_record_read_gives_title_and_bates_and_a_missing_one_is_told(
    qtbot: Any, tmp_path: Path, form_ctx: AppContext, small_case: SmallCase
) -> None:
    path = tmp_path / "transcript.pdf"
    path.write_bytes(make_pdf())
    document_id = documents.add_document(
        form_ctx.workspace, small_case.case_id, file=path, title="Deposition", bates_start="DA07"
    )
    viewer = open_document_viewer(form_ctx, document_id, page=2)
    assert viewer is not None
    qtbot.addWidget(viewer)
    assert viewer.windowTitle() == "Deposition — Casefile viewer"
    assert viewer.bates_number(1) == "DA08"
    assert open_document_viewer(form_ctx, document_id + 1000) is None
    (said,) = talk(form_ctx).log
    assert said.kind == "warn" and f"no document with id {document_id + 1000}" in said.text


def test_a_damaged_pdf_is_a_warning(
    qtbot: Any, tmp_path: Path, form_ctx: AppContext, small_case: SmallCase
) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4 this is not really a pdf")
    document_id = documents.add_document(form_ctx.workspace, small_case.case_id, file=path)
    assert open_document_viewer(form_ctx, document_id) is None
    (said,) = talk(form_ctx).log
    assert said.kind == "warn" and "could not be read" in said.text


def test_a_statement_opens_its_source_at_the_pin_cite(
    qtbot: Any, tmp_path: Path, form_ctx: AppContext, small_case: SmallCase
) -> None:
    path = tmp_path / "transcript.pdf"
    path.write_bytes(make_pdf())
    document_id = documents.add_document(form_ctx.workspace, small_case.case_id, file=path)
    statements.update_statement(
        form_ctx.workspace, small_case.statement, source_document_id=document_id, pin_cite="3:12"
    )
    viewer = open_statement_source(form_ctx, small_case.statement)
    assert viewer is not None
    qtbot.addWidget(viewer)
    assert viewer.current == 2


def test_the_documents_section_views_the_selected_file(
    qtbot: Any, tmp_path: Path, form_ctx: AppContext, small_case: SmallCase
) -> None:
    from app.gui.sections.documents import DocumentsSection

    path = tmp_path / "transcript.pdf"
    path.write_bytes(make_pdf())
    document_id = documents.add_document(form_ctx.workspace, small_case.case_id, file=path)
    section = DocumentsSection(form_ctx)
    qtbot.addWidget(section)
    section.set_case(small_case.case_id)
    assert section.select_key({"id": document_id})
    assert section.view_button.isEnabled() and section.view_button.accessibleName() == "View"
    qtbot.mouseClick(section.view_button, Qt.MouseButton.LeftButton)
    (viewer,) = section.findChildren(ViewerWindow)
    assert viewer.kind == "pdf" and viewer.page_count == 6
    viewer.close()


def test_a_long_pdf_renders_only_what_is_in_view(qtbot: Any, monkeypatch: Any) -> None:
    from app.gui.viewer.pdf_pages import PdfPages

    rendered: list[int] = []
    render = PdfPages.render

    def counted(self: PdfPages, index: int, dpi: float) -> QImage:
        rendered.append(index)
        return render(self, index, dpi)

    monkeypatch.setattr(PdfPages, "render", counted)
    viewer = _viewer(qtbot, "long.pdf", make_pdf(400), 200)
    qtbot.waitUntil(lambda: not viewer.page_list.item(199).icon().isNull())
    qtbot.waitUntil(lambda: viewer.draw_visible_thumbnails() == 0)  # all in view drawn
    assert viewer.page_count == 400 and viewer.current == 199
    assert 199 in rendered and len(rendered) < 60  # the page and the thumbnails in view
    assert not viewer.page_list.item(199).icon().isNull()
    assert viewer.page_list.item(0).icon().isNull()  # far away: not drawn
