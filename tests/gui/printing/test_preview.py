"""The print preview holds only the pages in view: each page is rendered when painted,
at the size it is painted, and let go of once it scrolls away; Print from the preview
goes through the same printer, page by page."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtPrintSupport")

from pypdf import PdfReader  # noqa: E402
from PySide6.QtGui import QPageLayout  # noqa: E402
from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog  # noqa: E402

from app.context import AppContext  # noqa: E402
from app.gui.printing.brief_print import preview_dialog, show_preview  # noqa: E402
from tests.gui.printing.test_print_brief import numbered_pdf  # noqa: E402
from tests.gui.recording import RecordingInteraction  # noqa: E402

PAGES = 120
# The most page images a preview the size of a window can show at once (a fitted-width
# letter sheet is taller than the window: one page, two while one scrolls past).
SHOWN_AT_ONCE = 3


def _painted(dialog: Any) -> None:
    dialog.sheets.repaint()
    QApplication.processEvents()


@pytest.fixture
def long_preview(qtbot: Any, sqlite_workspace: Any) -> Iterator[Any]:
    ctx = AppContext(sqlite_workspace, interaction=RecordingInteraction())
    dialog = preview_dialog(ctx, numbered_pdf(PAGES), None)
    qtbot.addWidget(dialog)
    dialog.resize(900, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    _painted(dialog)
    yield dialog
    dialog.reject()


def test_a_long_brief_previews_holding_only_the_pages_in_view(long_preview: Any) -> None:
    dialog = long_preview
    assert dialog.page_count() == PAGES
    assert 1 <= dialog.live_images() <= SHOWN_AT_ONCE
    for number in (2, 40, 80, PAGES):
        dialog.go_to_page(number)
        _painted(dialog)
        assert 1 <= dialog.live_images() <= SHOWN_AT_ONCE, number
        assert number - 1 in dialog.sheets.images  # the page asked for is the one shown
    # Every page was rendered on the way through, none kept: memory stays one window's.
    assert dialog.sheets.renders < 4 * SHOWN_AT_ONCE + 4
    dialog.reject()
    assert dialog.live_images() == 0


def test_a_page_is_rendered_at_the_size_it_is_shown(long_preview: Any) -> None:
    dialog = long_preview
    sheets = dialog.sheets
    ratio = sheets.devicePixelRatioF()
    size, image = sheets.images[0]
    target = sheets.page_rect(0)
    assert image.width() == size.width() == pytest.approx(target.width() * ratio, abs=1)
    assert image.height() == pytest.approx(target.height() * ratio, abs=1)
    dialog.set_zoom(sheets.zoom * 2)
    dialog.go_to_page(1)
    _painted(dialog)
    bigger, _image = sheets.images[0]
    assert bigger.width() == pytest.approx(2 * size.width(), abs=2)  # sharp when zoomed


def test_the_sheets_take_the_printers_paper_and_orientation(long_preview: Any) -> None:
    dialog = long_preview
    portrait = dialog.sheets.sheet_rect(0)
    assert portrait.height() > portrait.width()
    dialog.set_orientation(QPageLayout.Orientation.Landscape)
    landscape = dialog.sheets.sheet_rect(0)
    assert landscape.width() > landscape.height()
    assert dialog.printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape


def test_print_from_the_preview_prints_every_page_on_its_printer(
    qtbot: Any, sqlite_workspace: Any, tmp_path: Path
) -> None:
    out = tmp_path / "printed.pdf"

    def to_a_file(dialog: QDialog) -> int:
        assert isinstance(dialog, QPrintDialog)
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted

    ctx = AppContext(sqlite_workspace, interaction=RecordingInteraction(dialogs=[to_a_file]))
    dialog = preview_dialog(ctx, numbered_pdf(5), None)
    qtbot.addWidget(dialog)
    dialog.set_orientation(QPageLayout.Orientation.Landscape)
    dialog.print_button.click()
    pages = PdfReader(out).pages
    assert len(pages) == 5
    box = pages[0].mediabox
    assert float(box.width) > float(box.height)  # the orientation chosen in the preview
    dialog.reject()


def test_a_pdf_that_cannot_be_read_is_said_in_the_window(qtbot: Any, sqlite_workspace: Any) -> None:
    talk = RecordingInteraction()
    show_preview(AppContext(sqlite_workspace, interaction=talk), b"not a pdf", None)
    assert talk.said("warn", "could not be read")


def test_the_brief_preview_shows_as_many_pages_as_the_brief(qtbot: Any, small_case: Any) -> None:
    from app.gui.printing.brief_print import brief_pdf

    pdf = brief_pdf(small_case.ws, small_case.case_id)
    ctx = AppContext(small_case.ws, interaction=RecordingInteraction())
    dialog = preview_dialog(ctx, pdf, None)
    qtbot.addWidget(dialog)
    assert dialog.page_count() == len(PdfReader(io.BytesIO(pdf)).pages) > 1
    dialog.reject()


def test_paper_chosen_in_the_print_dialog_is_shown_after_printing(
    qtbot: Any, sqlite_workspace: Any, tmp_path: Path
) -> None:
    from PySide6.QtGui import QPageSize

    def legal_to_a_file(dialog: QDialog) -> int:
        dialog.printer().setPageSize(QPageSize(QPageSize.PageSizeId.Legal))
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(tmp_path / "legal.pdf"))
        return QDialog.DialogCode.Accepted

    ctx = AppContext(sqlite_workspace, interaction=RecordingInteraction(dialogs=[legal_to_a_file]))
    dialog = preview_dialog(ctx, numbered_pdf(2), None)
    qtbot.addWidget(dialog)
    before = dialog.sheets.sheet_rect(0)
    dialog.print_button.click()
    legal = dialog.sheets.sheet_rect(0)
    # Legal paper is longer for its width than Letter (1.29) or A4 (1.41): 14 by 8.5 in.
    assert legal.height() / legal.width() == pytest.approx(14 / 8.5, rel=0.02)
    assert before.height() / before.width() < 1.5
    dialog.reject()
