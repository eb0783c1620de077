"""File > Print and File > Print preview of the current case's brief.

The full brief is made as a PDF in memory on the task runner (a progress dialog can
cancel it), then shown in ``QPrintPreviewDialog`` or sent through ``QPrintDialog``; its
pages are drawn by :func:`app.gui.printing.pages.paint_pdf`. The PDF is only ever bytes
in this process: nothing of the case is written to any folder, so nothing can outlive
the dialog, the app or a crash (the workspace's private folder is still swept at every
open for what older versions left).
"""

from __future__ import annotations

import io
from typing import Any

from PySide6.QtGui import QPaintEngine
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QProgressDialog,
    QToolButton,
    QWidget,
)

from app.core.errors import CasefileError
from app.gui.dialogs.brief import run_brief_task
from app.gui.printing.pages import PREVIEW_DPI, PRINT_DPI, paint_pdf
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


def _painter(ctx: Any, pdf: bytes, parent: QWidget | None, dpi: int, title: str) -> Any:
    """A paintRequested slot that draws ``pdf`` and says so when it cannot."""

    def paint(printer: QPrinter) -> None:
        try:
            with spooling_in(ctx.workspace.store.temporary_folder()):
                paint_pdf(pdf, printer, dpi)
        except CasefileError as exc:
            ctx.interaction.warn(parent, title, f"The brief could not be printed: {exc}")

    return paint


def preview_dialog(ctx: Any, pdf: bytes, parent: QWidget | None) -> QPrintPreviewDialog:
    """A print preview of ``pdf``, which prints from its toolbar the same way."""
    printer = brief_printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(PREVIEW_TITLE)
    dialog.setAccessibleName(PREVIEW_TITLE)
    dialog.setAccessibleDescription("The brief's pages as they will be printed.")
    dialog.printer_ = printer  # type: ignore[attr-defined]  # kept alive with the dialog
    # The preview draws at screen sharpness; printing from its toolbar goes through
    # the same slot with the real printer, so pages then go out at print resolution.
    preview_paint = _painter(ctx, pdf, parent, PREVIEW_DPI, PREVIEW_TITLE)
    print_paint = _painter(ctx, pdf, parent, PRINT_DPI, PREVIEW_TITLE)

    def paint(target: QPrinter) -> None:
        engine = target.paintEngine()
        previewing = engine is not None and engine.type() == QPaintEngine.Type.Picture
        (preview_paint if previewing else print_paint)(target)

    dialog.paintRequested.connect(paint)
    _name_unnamed_controls(dialog)
    return dialog


def _name_unnamed_controls(dialog: QPrintPreviewDialog) -> None:
    """Qt leaves two of the preview's controls without a name a screen reader can read."""
    for edit in dialog.findChildren(QLineEdit):
        if not edit.accessibleName() and isinstance(edit.parent(), QWidget):
            in_combo = isinstance(edit.parent(), QComboBox)
            edit.setAccessibleName("Zoom" if in_combo else "Page number")
    for button in dialog.findChildren(QToolButton, "qt_toolbar_ext_button"):
        button.setAccessibleName("More tools")
        button.setAccessibleDescription("Shows the toolbar buttons that do not fit the window")


def show_preview(ctx: Any, pdf: bytes, parent: QWidget | None) -> None:
    dialog = preview_dialog(ctx, pdf, parent)
    try:
        ctx.interaction.run_dialog(dialog)
    finally:
        dialog.deleteLater()


def print_pdf(ctx: Any, pdf: bytes, parent: QWidget | None) -> None:
    """Pick a printer and its options in Qt's print dialog, then print ``pdf``."""
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
