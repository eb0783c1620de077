"""File > Export brief... and Print: the GUI side of :mod:`app.briefs`.

The brief is built and written by a task on the context's runner
(:mod:`app.gui.tasks`), in its own database handle (``Workspace.for_worker``):
SQLite connections must not cross threads, and a 500-page brief takes long enough
that the window has to stay responsive. A progress dialog shows how far it got and
can cancel it.

Print and Print preview live in :mod:`app.gui.printing`; they make the brief with
:func:`run_brief_task` as Export does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.briefs.names import brief_file_name, with_format
from app.briefs.profiles import PROFILES, SECTIONS
from app.core.errors import CasefileError
from app.gui.dialogs.base import Buttons, Dialog
from app.gui.tasks import TaskCancelled, TaskControl

FORMATS = {"pdf": "PDF (.pdf)", "docx": "Word (.docx)"}
_SETTING = "briefs/"
TASK = "brief"


def open_url(url: QUrl) -> bool:
    """Hand ``url`` to the desktop's program for it; False when none took it."""
    return bool(QDesktopServices.openUrl(url))


@dataclass
class BriefWriting:
    """A brief being written: its task, and the progress dialog the person sees."""

    control: TaskControl
    progress: QProgressDialog


def failure_message(error: BaseException) -> str:
    """What to tell the person when the brief was not written; empty when they cancelled."""
    from app.briefs.export import BriefCancelled

    if isinstance(error, TaskCancelled | BriefCancelled):
        return ""
    if isinstance(error, CasefileError | OSError):
        return str(error)
    # A bug: say so rather than die silently on a thread.
    return f"the brief could not be written ({type(error).__name__}: {error})"


def write_brief_in_background(
    ctx: Any,
    parent: QWidget | None,
    case_id: int,
    path: Path,
    on_done: Callable[[Any], None],
    label: str = "Writing the brief\u2026",
    on_failed: Callable[[], None] | None = None,
    **options: Any,
) -> BriefWriting:
    """Write the case's brief to ``path`` on the context's task runner, with a progress
    dialog that can cancel it; ``on_done(pages)`` once written (pages: PDF only),
    ``on_failed()`` when it was not (failed or cancelled)."""
    workspace = ctx.workspace

    def work(control: TaskControl) -> int | None:
        from app.briefs.export import export_brief

        ws = workspace.for_worker()  # its connections are made, used and closed there
        try:
            return export_brief(ws, case_id, path, progress=control.progress, **options)
        finally:
            ws.close()

    return run_brief_task(ctx, parent, work, on_done, label, on_failed)


def run_brief_task(
    ctx: Any,
    parent: QWidget | None,
    work: Callable[[TaskControl], Any],
    on_done: Callable[[Any], None],
    label: str,
    on_failed: Callable[[], None] | None = None,
) -> BriefWriting:
    """Run ``work`` (which makes a brief) on the context's task runner with a progress
    dialog that can cancel it; ``on_done(result)`` once done, ``on_failed()`` and a
    message when it failed (``on_failed()`` alone when the person cancelled)."""
    progress = QProgressDialog(label, "Cancel", 0, 1000, parent)
    progress.setWindowTitle("Casefile")
    progress.setMinimumDuration(400)  # small cases finish before it would show
    progress.setAutoClose(False)
    progress.setAutoReset(False)

    def finish() -> None:
        progress.close()
        progress.deleteLater()

    def failed(error: BaseException) -> None:
        finish()
        if on_failed is not None:
            on_failed()
        message = failure_message(error)
        if message:
            ctx.interaction.warn(parent, "Casefile", f"The brief was not written: {message}")

    def succeeded(result: Any) -> None:
        finish()
        on_done(result)

    control = ctx.tasks.start(
        TASK,
        work,
        on_done=succeeded,
        on_failed=failed,
        on_progress=lambda done, total: progress.setValue(int(1000 * done / max(total, 1))),
    )
    progress.canceled.connect(control.cancel)
    return BriefWriting(control, progress)


class ExportBriefDialog(Dialog):
    """Format, profile, sections and output path of a brief."""

    help_text = (
        "A brief gathers the case file into one document for a meeting or for court.\n\n"
        "Profile: Full keeps everything; Client meeting leaves out internal and staff-only "
        "notes and the details of privileged documents; Co-counsel leaves out staff-only "
        "notes.\n\nSections: untick what the brief should not have. Statements are "
        "grouped by speaker, or by legal issue when you tick that box."
    )

    def __init__(self, ctx: Any, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, title="Export brief", ctx=ctx)
        self.ctx, self.case_id = ctx, case_id
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
        self.path.setAccessibleName("Save as")
        self.path.setText(self._default_path())
        self.browse_button = QPushButton("Browse\u2026")
        self.browse_button.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browse_button)
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
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.button_box(Buttons.Save | Buttons.Cancel))

    def _default_path(self) -> str:
        from app.core.services.cases import get_case

        try:
            caption = get_case(self.ctx.workspace, self.case_id)["caption"]
        except Exception:
            caption = f"case-{self.case_id}"
        folder = Path(self.ctx.settings.get(_SETTING + "folder", "") or Path.home())
        return str(folder / brief_file_name(caption, self.chosen_format()))

    def chosen_format(self) -> str:
        return str(self.format.currentData() or "pdf")

    def _fix_suffix(self) -> None:
        text = self.path.text().strip()
        if text:
            self.path.setText(with_format(text, self.chosen_format()))

    def _browse(self) -> None:
        fmt = self.chosen_format()
        path = self.interaction.save_file(
            self, "Save brief as", self.path.text(), f"{FORMATS[fmt]} (*.{fmt})"
        )
        if path:
            self.path.setText(path)

    def chosen_sections(self) -> list[str]:
        return [key for key, box in self.sections.items() if box.isChecked()]

    def accept(self) -> None:
        if not self.chosen_sections():
            self.interaction.inform(self, "Export brief", "Choose at least one section.")
            return
        if not self.path.text().strip():
            self.interaction.inform(self, "Export brief", "Choose where to save the brief.")
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
    accepted = ctx.interaction.run_dialog(dialog) == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    if not accepted:
        return
    path = Path(dialog.path.text().strip()).expanduser()
    options = dialog.options()
    open_after = dialog.open_after.isChecked()
    ctx.settings[_SETTING + "format"] = options["fmt"]
    ctx.settings[_SETTING + "folder"] = str(path.parent)
    ctx.settings[_SETTING + "open_after"] = open_after

    def done(pages: Any) -> None:
        if open_after and not open_url(QUrl.fromLocalFile(str(path))):
            ctx.interaction.warn(
                parent,
                "Export brief",
                f"The brief was written to {path}, but no program on this computer "
                f"opened it. Open it from your file manager, or install a program that "
                f"reads {options['fmt'].upper()} files.",
            )
        status = getattr(parent, "statusBar", None)
        if callable(status):
            extra = f", {pages} pages" if pages else ""
            status().showMessage(f"Brief written to {path}{extra}", 8000)

    write_brief_in_background(ctx, parent, case_id, path, done, **options)
