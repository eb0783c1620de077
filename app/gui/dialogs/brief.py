"""File > Export brief... and Print: the GUI side of :mod:`app.briefs`.

The brief is built and written on a worker thread (QThreadPool) that opens its
own database engine and sessions: SQLite connections must not cross threads, and
a 500-page brief takes long enough that the window has to stay responsive. A
progress dialog shows how far it got and can cancel it.

Printing: PySide6-Essentials has QtPrintSupport but not QtPdf, so Casefile cannot
draw a PDF's pages onto a QPrinter itself. It renders the brief as a PDF and then
either opens it in the system PDF viewer (preview, or print from there) or, where
CUPS ``lp`` is installed, sends it to the printer picked in Qt's print dialog.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.briefs.profiles import PROFILES, SECTIONS

FORMATS = {"pdf": "PDF (.pdf)", "docx": "Word (.docx)"}
_SETTING = "briefs/"
_RUNNING: set[BriefJob] = set()  # keeps jobs (and their signals) alive until they finish


class _Signals(QObject):
    progress = Signal(int, int)
    done = Signal(object)  # page count (PDF) or None
    failed = Signal(str)


class BriefJob(QRunnable):
    """Build and write one brief off the GUI thread, in its own database sessions."""

    def __init__(self, ctx: Any, case_id: int, path: Path, **options: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.workspace = ctx.workspace
        self.case_id, self.path, self.options = case_id, path, options
        self.cancelled = False
        self.signals = _Signals()

    def run(self) -> None:
        from app.briefs.export import BriefCancelled, export_brief
        from app.core.errors import CasefileError

        main = self.workspace
        # A separate engine: its connections are made, used and closed on this thread.
        ws = main.for_worker()
        try:
            pages = export_brief(
                ws, self.case_id, self.path, progress=self._progress, **self.options
            )
        except BriefCancelled:
            self.signals.failed.emit("")
        except (CasefileError, OSError) as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # a bug: say so rather than die silently on a thread
            self.signals.failed.emit(
                f"the brief could not be written ({type(exc).__name__}: {exc})"
            )
        else:
            self.signals.done.emit(pages)
        finally:
            ws.close()

    def _progress(self, done: int, total: int) -> None:
        from app.briefs.export import BriefCancelled

        if self.cancelled:
            raise BriefCancelled
        self.signals.progress.emit(done, total)


def start_job(
    parent: QWidget | None,
    job: BriefJob,
    on_done: Callable[[Any], None],
    label: str = "Writing the brief\u2026",
) -> None:
    """Run ``job`` on the thread pool with a progress dialog that can cancel it."""
    progress = QProgressDialog(label, "Cancel", 0, 1000, parent)
    progress.setWindowTitle("Casefile")
    progress.setMinimumDuration(400)  # small cases finish before it would show
    progress.setAutoClose(False)
    progress.setAutoReset(False)

    def on_progress(done: int, total: int) -> None:
        progress.setValue(int(1000 * done / max(total, 1)))

    def finish() -> None:
        _RUNNING.discard(job)
        progress.close()

    def on_failed(message: str) -> None:
        finish()
        if message:
            QMessageBox.warning(parent, "Casefile", f"The brief was not written: {message}")

    def on_success(result: Any) -> None:
        finish()
        on_done(result)

    def cancel() -> None:
        job.cancelled = True

    job.signals.progress.connect(on_progress)
    job.signals.failed.connect(on_failed)
    job.signals.done.connect(on_success)
    progress.canceled.connect(cancel)
    _RUNNING.add(job)
    QThreadPool.globalInstance().start(job)


class ExportBriefDialog(QDialog):
    """Format, profile, sections and output path of a brief."""

    def __init__(self, ctx: Any, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        self.setWindowTitle("Export brief")
        settings = ctx.settings
        self.format = QComboBox()
        for code, label in FORMATS.items():
            self.format.addItem(label, code)
        self.format.setCurrentIndex(
            max(self.format.findData(settings.get(_SETTING + "format", "pdf")), 0)
        )
        self.profile = QComboBox()
        for code, prof in PROFILES.items():
            self.profile.addItem(prof.label, code)
        self.profile.setToolTip(
            "Client meeting leaves out internal and staff-only notes and the details of "
            "privileged documents; Co-counsel leaves out staff-only notes."
        )
        self.sections = {key: QCheckBox(title) for key, title in SECTIONS.items()}
        grid = QGridLayout()
        for i, box in enumerate(self.sections.values()):
            box.setChecked(True)
            grid.addWidget(box, i // 3, i % 3)
        self.by_issue = QCheckBox("Group statements by legal issue (not by speaker)")
        self.open_after = QCheckBox("Open the brief when it is written")
        self.open_after.setChecked(bool(settings.get(_SETTING + "open_after", True)))
        self.path = QLineEdit()
        self.path.setText(self._default_path())
        browse = QPushButton("Browse\u2026")
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        self.format.currentIndexChanged.connect(self._fix_suffix)
        form = QFormLayout()
        form.addRow("Format", self.format)
        form.addRow("Profile", self.profile)
        sections = QWidget()
        sections.setLayout(grid)
        form.addRow("Sections", sections)
        form.addRow("", self.by_issue)
        form.addRow("Save as", path_row)
        form.addRow("", self.open_after)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _default_path(self) -> str:
        from app.core.services.cases import get_case

        try:
            caption = get_case(self.ctx.workspace, self.case_id)["caption"]
        except Exception:
            caption = f"case-{self.case_id}"
        stem = "".join(c if c.isalnum() or c in " -_" else "_" for c in caption).strip()[:80]
        folder = Path(self.ctx.settings.get(_SETTING + "folder", "") or Path.home())
        return str(folder / f"{stem or 'brief'} - brief.{self.chosen_format()}")

    def chosen_format(self) -> str:
        return str(self.format.currentData() or "pdf")

    def _fix_suffix(self) -> None:
        text = self.path.text().strip()
        if text:
            self.path.setText(str(Path(text).with_suffix("." + self.chosen_format())))

    def _browse(self) -> None:
        fmt = self.chosen_format()
        path, _ = QFileDialog.getSaveFileName(
            self, "Save brief as", self.path.text(), f"{FORMATS[fmt]} (*.{fmt})"
        )
        if path:
            self.path.setText(path)

    def chosen_sections(self) -> list[str]:
        return [key for key, box in self.sections.items() if box.isChecked()]

    def accept(self) -> None:
        if not self.chosen_sections():
            QMessageBox.information(self, "Export brief", "Choose at least one section.")
            return
        if not self.path.text().strip():
            QMessageBox.information(self, "Export brief", "Choose where to save the brief.")
            return
        self._fix_suffix()
        super().accept()

    def options(self) -> dict[str, Any]:
        chosen = self.chosen_sections()
        return {
            "fmt": self.chosen_format(),
            "profile": str(self.profile.currentData()),
            "sections": None if len(chosen) == len(SECTIONS) else chosen,
            "by_issue": self.by_issue.isChecked(),
        }


def export_brief_dialog(ctx: Any, case_id: int, parent: QWidget | None) -> None:
    """Ask how to export the case's brief, then write it in the background."""
    dialog = ExportBriefDialog(ctx, case_id, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    path = Path(dialog.path.text().strip()).expanduser()
    options = dialog.options()
    open_after = dialog.open_after.isChecked()
    ctx.settings[_SETTING + "format"] = options["fmt"]
    ctx.settings[_SETTING + "folder"] = str(path.parent)
    ctx.settings[_SETTING + "open_after"] = open_after

    def done(pages: Any) -> None:
        if open_after:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        status = getattr(parent, "statusBar", None)
        if callable(status):
            extra = f", {pages} pages" if pages else ""
            status().showMessage(f"Brief written to {path}{extra}", 8000)

    start_job(parent, BriefJob(ctx, case_id, path, **options), done)


def print_case(ctx: Any, case_id: int, parent: QWidget | None, preview: bool) -> None:
    """Render the case's full brief as a PDF, then preview it or print it."""
    folder = Path(tempfile.mkdtemp(prefix="casefile-print-"))
    path = folder / f"brief-{case_id}.pdf"

    def done(_pages: Any) -> None:
        if not preview and _print_with_cups(path, parent):
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        if not preview:
            QMessageBox.information(
                parent,
                "Print brief",
                "The brief is open in your PDF viewer: print it from there.",
            )

    job = BriefJob(ctx, case_id, path, fmt="pdf", profile="full")
    start_job(parent, job, done, "Preparing the brief for printing\u2026")


def _print_with_cups(path: Path, parent: QWidget | None) -> bool:
    """Pick a printer in Qt's dialog and hand the PDF to CUPS; False if unavailable."""
    lp = shutil.which("lp")
    if lp is None:
        return False
    try:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    except ImportError:
        return False
    printer = QPrinter()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print brief")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return True  # the user cancelled: nothing else to do
    command = [lp, "-n", str(max(printer.copyCount(), 1))]
    if printer.printerName():
        command += ["-d", printer.printerName()]
    result = subprocess.run([*command, str(path)], capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        QMessageBox.warning(parent, "Print brief", f"Printing failed: {result.stderr.strip()}")
    return True
