"""Print and Print preview draw the brief's own pages onto Qt's printer (offscreen):
every page, only the pages chosen, as many copies as asked, nothing left on disk."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtPrintSupport")

import pypdfium2 as pdfium  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from PySide6.QtGui import QImage, QPageRanges  # noqa: E402
from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # noqa: E402
from PySide6.QtWidgets import QDialog  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from app.context import AppContext  # noqa: E402
from app.gui.dialogs import brief  # noqa: E402
from app.gui.printing.brief_print import (  # noqa: E402
    brief_pdf,
    brief_printer,
    preview_dialog,
    print_case,
)
from app.gui.printing.pages import page_image, paint_pdf  # noqa: E402
from app.gui.printing.preview import PreviewDialog  # noqa: E402
from tests.briefs.conftest import SmallCase  # noqa: E402
from tests.gui.recording import RecordingInteraction  # noqa: E402


def numbered_pdf(count: int) -> bytes:
    """A PDF whose page ``k`` has a black bar ``k`` inches wide, to tell pages apart."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(612, 792))
    for k in range(1, count + 1):
        canvas.rect(36, 400, 72 * k, 72, fill=1)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def dark_share(image: QImage) -> float:
    """The share of dark pixels along the image's row through the middle of a bar."""
    y = int(image.height() * (792 - 436) / 792)
    dark = sum(1 for x in range(0, image.width(), 2) if image.pixelColor(x, y).value() < 80)
    return dark / (image.width() / 2)


def printed_pages(path: Path) -> list[QImage]:
    document = pdfium.PdfDocument(path.read_bytes())
    try:
        return [page_image(document[i], 40) for i in range(len(document))]
    finally:
        document.close()


def test_every_page_is_drawn_and_not_blank(qtbot: Any, tmp_path: Path) -> None:
    out = tmp_path / "printed.pdf"
    assert paint_pdf(numbered_pdf(3), pdf_printer(out), 100) == 3
    assert len(PdfReader(out).pages) == 3
    shares = [dark_share(image) for image in printed_pages(out)]
    assert 0 < shares[0] < shares[1] < shares[2]  # the pages, in order


def test_a_page_the_size_of_the_paper_prints_at_its_own_size(qtbot: Any, tmp_path: Path) -> None:
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize

    out = tmp_path / "printed.pdf"
    printer = brief_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    printer.setPageMargins(QMarginsF(54, 54, 54, 54), QPageLayout.Unit.Point)  # a printer's
    paint_pdf(numbered_pdf(1), printer, 100)
    page = PdfReader(out).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx((612, 792))
    # The one-inch bar is one inch wide on paper: not shrunk into the printer's margins.
    assert dark_share(printed_pages(out)[0]) == pytest.approx(72 / 612, abs=0.01)


def test_the_page_range_chosen_is_honoured(qtbot: Any, tmp_path: Path) -> None:
    out = tmp_path / "printed.pdf"
    printer = pdf_printer(out)
    ranges = QPageRanges()
    ranges.addRange(2, 3)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setPageRanges(ranges)
    assert paint_pdf(numbered_pdf(4), printer, 100) == 2
    shares = [dark_share(image) for image in printed_pages(out)]
    whole = [dark_share(image) for image in printed_pages(_all_four(tmp_path))]
    assert shares == pytest.approx(whole[1:3], abs=0.02)


def _all_four(tmp_path: Path) -> Path:
    out = tmp_path / "all.pdf"
    paint_pdf(numbered_pdf(4), pdf_printer(out), 100)
    return out


def test_copies_are_made_when_the_printer_cannot(qtbot: Any, tmp_path: Path) -> None:
    out = tmp_path / "printed.pdf"
    printer = pdf_printer(out)
    printer.setCopyCount(2)
    printer.setCollateCopies(True)
    assert not printer.supportsMultipleCopies()  # a PDF file: the copies are ours to draw
    assert paint_pdf(numbered_pdf(2), printer, 100) == 4
    shares = [dark_share(image) for image in printed_pages(out)]
    assert shares[0] == pytest.approx(shares[2]) and shares[1] == pytest.approx(shares[3])
    assert shares[0] < shares[1]


def test_the_brief_prints_every_page_through_the_print_dialog(
    qtbot: Any, small_case: SmallCase, tmp_path: Path
) -> None:
    out = tmp_path / "printed.pdf"
    asked: list[str] = []

    def choose_a_file(dialog: QDialog) -> int:
        assert isinstance(dialog, QPrintDialog)
        asked.append(dialog.windowTitle())
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted

    talk = RecordingInteraction(dialogs=[choose_a_file])
    ctx = AppContext(small_case.ws, interaction=talk)
    print_case(ctx, small_case.case_id, None, preview=False)
    assert ctx.tasks.wait(60)
    qtbot.waitUntil(out.exists)
    expected = len(PdfReader(io.BytesIO(brief_pdf(small_case.ws, small_case.case_id))).pages)
    assert asked == ["Print brief"]
    assert len(PdfReader(out).pages) == expected
    assert all(dark_share_anywhere(image) > 0 for image in printed_pages(out))
    assert not talk.said("warn") and not talk.said("inform")


def dark_share_anywhere(image: QImage) -> float:
    """Some share of the page that is not white: the page has something on it."""
    step = 3
    dark = sum(
        1
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
        if image.pixelColor(x, y).value() < 200
    )
    return dark / ((image.width() // step) * (image.height() // step))


def _private_files(ctx: AppContext) -> list[Path]:
    folder = ctx.workspace.store.root / ".plain"
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


@pytest.fixture
def system_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system temp folder, watched: printing must leave nothing in it."""
    folder = tmp_path / "system-temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_the_preview_shows_the_briefs_pages_and_leaves_no_file(
    qtbot: Any, small_case: SmallCase, system_temp: Path
) -> None:
    expected = len(PdfReader(io.BytesIO(brief_pdf(small_case.ws, small_case.case_id))).pages)
    seen: list[tuple[int, list[Path]]] = []
    ctx: AppContext

    def look(dialog: QDialog) -> int:
        assert isinstance(dialog, PreviewDialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        seen.append((dialog.page_count(), _private_files(ctx) + list(system_temp.iterdir())))
        dialog.reject()
        return QDialog.DialogCode.Rejected

    ctx = AppContext(small_case.ws, interaction=RecordingInteraction(dialogs=[look]))
    print_case(ctx, small_case.case_id, None, preview=True)
    assert ctx.tasks.wait(60)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(expected, [])]  # every page, and no copy on disk even while open
    assert _private_files(ctx) == [] and list(system_temp.iterdir()) == []


def test_the_preview_dialog_is_named_for_assistive_technology(
    qtbot: Any, small_case: SmallCase, tmp_path: Path
) -> None:
    ctx = AppContext(small_case.ws, interaction=RecordingInteraction())
    dialog = preview_dialog(ctx, numbered_pdf(3), None)
    qtbot.addWidget(dialog)
    dialog.resize(900, 700)
    dialog.show()
    assert dialog.page_count() == 3
    assert dialog.accessibleName() == "Print preview"


def test_a_brief_that_fails_leaves_no_file_behind_and_says_so(
    qtbot: Any, small_case: SmallCase, system_temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("app.briefs.pdf.document.write_pdf", broken)
    talk = RecordingInteraction()
    ctx = AppContext(small_case.ws, interaction=talk)
    print_case(ctx, small_case.case_id, None, preview=True)
    assert ctx.tasks.wait(60)
    qtbot.waitUntil(lambda: talk.said("warn"))
    assert talk.said("warn", "disk full")
    assert _private_files(ctx) == [] and list(system_temp.iterdir()) == []


def test_open_when_written_with_no_viewer_says_what_to_do(
    qtbot: Any, small_case: SmallCase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "brief.pdf"
    monkeypatch.setattr(brief.QDesktopServices, "openUrl", lambda _url: False)

    def fill(dialog: QDialog) -> int:
        dialog.path.setText(str(chosen))  # type: ignore[attr-defined]
        dialog.open_after.setChecked(True)  # type: ignore[attr-defined]
        dialog.accept()
        return int(dialog.result())

    talk = RecordingInteraction(dialogs=[fill])
    ctx = AppContext(small_case.ws, settings={}, interaction=talk)
    brief.export_brief_dialog(ctx, small_case.case_id, None)
    assert ctx.tasks.wait(60)
    qtbot.waitUntil(lambda: talk.said("warn"))
    assert chosen.exists()
    assert talk.said("warn", str(chosen)) and talk.said("warn", "file manager")


def test_cancelling_between_pages_stops_the_job(qtbot: Any, tmp_path: Path) -> None:
    out = tmp_path / "printed.pdf"
    calls: list[tuple[int, int]] = []

    def cancel_after_the_first(done: int, total: int) -> bool:
        calls.append((done, total))
        return False

    assert paint_pdf(numbered_pdf(3), pdf_printer(out), 100, cancel_after_the_first) == 0
    assert calls == [(1, 3)]
    assert not out.exists()  # no half-brief left in the file the person chose


def test_a_print_job_spools_in_the_workspaces_private_folder(
    qtbot: Any, small_case: SmallCase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QDir

    from app.gui.printing import brief_print

    out = tmp_path / "printed.pdf"
    spooled: list[str] = []
    real_paint = brief_print.paint_pdf

    def watched(*args: Any, **kwargs: Any) -> int:
        spooled.append(QDir.tempPath())  # where Qt's CUPS engine writes the job
        return real_paint(*args, **kwargs)

    monkeypatch.setattr(brief_print, "paint_pdf", watched)
    monkeypatch.setenv("TMPDIR", str(tmp_path))

    def to_a_file(dialog: QDialog) -> int:
        assert isinstance(dialog, QPrintDialog)
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted

    ctx = AppContext(small_case.ws, interaction=RecordingInteraction(dialogs=[to_a_file]))
    brief_print.print_pdf(ctx, numbered_pdf(2), None)
    private = small_case.ws.store.root / ".plain"
    assert [Path(p) for p in spooled] == [private]
    assert QDir.tempPath() == str(tmp_path)  # put back once printed
    assert len(PdfReader(out).pages) == 2


def test_every_control_of_the_preview_has_a_name(qtbot: Any, small_case: SmallCase) -> None:
    from tests.gui.accessibility.walk import unnamed_controls

    ctx = AppContext(small_case.ws, interaction=RecordingInteraction())
    dialog = preview_dialog(ctx, numbered_pdf(2), None)
    qtbot.addWidget(dialog)
    dialog.show()
    found = unnamed_controls(dialog, "print preview")
    assert not found, "\n".join(map(str, found))
