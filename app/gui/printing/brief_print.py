"""File > Print and File > Print preview of the current case's brief.

The full brief is made as a PDF in memory on the task runner (a progress dialog can
cancel it), then shown in the preview (:mod:`.preview`, on the printer's paper, each page rendered
while it shows) or sent through ``QPrintDialog``; printed pages are drawn by
:func:`app.gui.printing.pages.paint_pdf`. The PDF is only ever bytes
in this process: nothing of the case is written to any folder, so nothing can outlive
the dialog, the app or a crash (the workspace's private folder is still swept at every
open for what older versions left).
"""

from __future__ import annotations

import io
from typing import Any

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QWidget

from app.core.errors import CasefileError
from app.gui.dialogs.brief import run_brief_task
from app.gui.printing.pages import PRINT_DPI, paint_pdf
from app.gui.printing.preview import PreviewDialog
from app.gui.printing.spool import spooling_in
from app.gui.tasks import TaskControl

PREVIEW_TITLE = "Print preview"
PRINT_TITLE = "Print brief"


def brief_pdf(ws: Any, case_id: int, control: TaskControl | None = None) -> bytes:
    """The case's full brief as PDF bytes (run on a worker, with its own handle)."""
    from app.briefs.build import build_brief
    from app.briefs.pdf.document import write_pdf
    from app.briefs.profiles import get_profile

    brief = build_brief(ws, case_id, get_profile("full"))
    out = io.BytesIO()
    write_pdf(brief, out, control.progress if control is not None else None)
    return out.getvalue()


def print_case(ctx: Any, case_id: int, parent: QWidget | None, preview: bool) -> None:
    """Make the case's brief in memory, then preview it or print it."""
    workspace = ctx.workspace

    def work(control: TaskControl) -> bytes:
        ws = workspace.for_worker()  # its connections are made, used and closed there
        try:
            return brief_pdf(ws, case_id, control)
        finally:
            ws.close()

    def done(pdf: bytes) -> None:
        (show_preview if preview else print_pdf)(ctx, pdf, parent)

    label = "Preparing the brief for printing\u2026"
    run_brief_task(ctx, parent, work, done, label)


def brief_printer() -> QPrinter:
    """A printer set up for a brief: the page is the paper, the PDF brings its margins."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    return printer


def preview_dialog(ctx: Any, pdf: bytes, parent: QWidget | None) -> PreviewDialog:
    """A print preview of ``pdf`` on a brief's printer, which prints from its toolbar."""
    printer = brief_printer()
    dialog: PreviewDialog

    def print_from_preview(chosen: QPrinter) -> None:
        print_pdf(ctx, pdf, dialog, chosen)

    dialog = PreviewDialog(pdf, printer, print_from_preview, parent, ctx.interaction.run_dialog)
    dialog.setWindowTitle(PREVIEW_TITLE)
    dialog.setAccessibleName(PREVIEW_TITLE)
    dialog.setAccessibleDescription("The brief's pages as they will be printed.")
    return dialog


def show_preview(ctx: Any, pdf: bytes, parent: QWidget | None) -> None:
    try:
        dialog = preview_dialog(ctx, pdf, parent)
    except CasefileError as exc:
        ctx.interaction.warn(parent, PREVIEW_TITLE, f"The brief could not be shown: {exc}")
        return
    try:
        ctx.interaction.run_dialog(dialog)
    finally:
        dialog.deleteLater()


def print_pdf(
    ctx: Any, pdf: bytes, parent: QWidget | None, printer: QPrinter | None = None
) -> None:
    """Pick a printer and its options in Qt's print dialog, then print ``pdf`` page by
    page (one page's image in memory at a time). ``printer`` is the preview's, whose
    paper and orientation the person may have chosen there."""
    if printer is None:
        printer = brief_printer()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(PRINT_TITLE)
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
    try:
        if ctx.interaction.run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return  # the person cancelled: nothing else to do
    finally:
        dialog.deleteLater()
    progress = QProgressDialog("Printing the brief\u2026", "Cancel", 0, 1000, parent)
    progress.setWindowTitle(PRINT_TITLE)
    progress.setMinimumDuration(400)  # a few pages go out before it would show

    def step(done: int, total: int) -> bool:
        progress.setValue(int(1000 * done / max(total, 1)))
        # Each page takes a moment at print resolution: keep the window painting and
        # the Cancel button live between pages.
        QApplication.processEvents()
        return not progress.wasCanceled()

    try:
        with spooling_in(ctx.workspace.store.temporary_folder()):
            paint_pdf(pdf, printer, PRINT_DPI, step)
    except CasefileError as exc:
        ctx.interaction.warn(parent, PRINT_TITLE, f"The brief could not be printed: {exc}")
    finally:
        progress.close()
        progress.deleteLater()
