"""Confirm what dropped or chosen files are before they become documents.

``confirm_and_attach(ctx, undo, case_id, paths, parent)`` guesses each file's kind,
title and date (:mod:`app.core.documents.guess`, a worker reading each file's first
page while the window answers), shows them in
:class:`AttachFilesDialog` for the person to correct, and on Attach adds every file in
one unit of work as one undo step (:mod:`app.core.documents.attach`). Cancel adds
nothing. Files that could not be added (already in the case, unreadable) are named
afterwards.

Copying the files and extracting their text takes seconds for a big PDF, so it runs
off the window's thread, on a worker's own handle, with the progress dialog
(:func:`app.gui.dialogs.progress.wait_with_progress`). Its Cancel stops the work
before the commit: no document is added, no file is left in the store, and nothing is
pushed on the undo stack.

The dialog is a grid with a row per file: its name, then a kind (combo box), a title
and a date (line edits), in that tab order, each named for a screen reader after its
file ("Kind of IMG_2041.jpg").
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.core import vocab
from app.core.dates import PartialDate
from app.core.documents.attach import AttachFilesOperation, FileToAttach
from app.core.documents.guess import Guess, guess_document
from app.core.services.operations import describe
from app.gui.commands import OperationCommand, Reporter
from app.gui.dialogs.base import Buttons, Dialog
from app.gui.dialogs.progress import failure_text, wait_with_progress
from app.gui.tasks import TaskCancelled, TaskControl
from app.gui.widgets.basic import VocabCombo
from app.gui.widgets.style import error_color, set_invalid

DATE_HINT = "e.g. June 14, 2020 · June 2020 · 2020 · today"
ATTACH_TASK = "attach-files"
GUESS_TASK = "attach-reading"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


class FileRow:
    """The editors of one file's row."""

    def __init__(self, guess: Guess, parent: QWidget) -> None:
        self.guess = guess
        name = guess.file_name
        self.name = QLabel(parent)
        shown = self.name.fontMetrics().elidedText(name, Qt.TextElideMode.ElideMiddle, 220)
        self.name.setText(shown)
        self.name.setToolTip(f"{guess.path}\nGuessed from {guess.how or 'its name'}.")
        self.kind = VocabCombo(vocab.DOCUMENT_KINDS, parent)
        self.kind.set_value(guess.kind)
        self.kind.setAccessibleName(f"Kind of {name}")
        self.kind.setAccessibleDescription(f"Guessed from {guess.how or 'its name'}")
        self.title = QLineEdit(guess.title, parent)
        self.title.setAccessibleName(f"Title of {name}")
        self.title.setMinimumWidth(220)
        self.date = QLineEdit(guess.date.display() if guess.date else "", parent)
        self.date.setPlaceholderText("date unknown")
        self.date.setToolTip(f"The document's date, if known ({DATE_HINT})")
        self.date.setAccessibleName(f"Date of {name}")
        self.date.setAccessibleDescription(f"Type it as you would say it: {DATE_HINT}")

    def problem(self) -> tuple[QWidget, str] | None:
        """The first field the documents would refuse, and why."""
        set_invalid(self.title, False)
        set_invalid(self.date, False)
        if not self.title.text().strip():
            set_invalid(self.title, True)
            return self.title, f"{self.guess.file_name} needs a title."
        try:
            PartialDate.parse(self.date.text())
        except ValueError as exc:
            set_invalid(self.date, True)
            return self.date, f"{self.guess.file_name}: {exc}"
        return None

    def confirmed(self) -> FileToAttach:
        return FileToAttach(
            self.guess.path,
            self.title.text().strip(),
            str(self.kind.value() or "other"),
            PartialDate.parse(self.date.text()),
        )


class AttachFilesDialog(Dialog):
    """One row per file: its guessed kind, title and date, each editable."""

    dialog_name = "attachFiles"
    default_size = (820, 360)
    help_text = (
        "Casefile has read the start of each file to guess what it is: the heading on a "
        "PDF's first page (a felony complaint, a DD5, a notice of motion…), the title the "
        "file gives itself, the day a photo was taken, or else the file's name.\n\n"
        "Correct the kind, title or date of any file, then choose Attach: all the files "
        "are added together, as one step that Edit ▸ Undo takes back. Cancel adds none."
    )

    def __init__(
        self, guesses: list[Guess], parent: QWidget | None = None, ctx: AppContext | None = None
    ) -> None:
        count = len(guesses)
        super().__init__(parent, title=f"Attach {_plural(count, 'file')}", ctx=ctx)
        intro = QLabel(
            "Check what each file is, then Attach. Casefile guessed the kind, title and date "
            "from the file; change any of them here or later.",
            self,
        )
        intro.setWordWrap(True)
        grid_host = QWidget(self)
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, text in enumerate(("File", "Kind", "Title", "Date")):
            header = QLabel(f"<b>{text}</b>", grid_host)
            grid.addWidget(header, 0, column)
        self.rows: list[FileRow] = []
        for number, guess in enumerate(guesses, start=1):
            row = FileRow(guess, grid_host)
            grid.addWidget(row.name, number, 0)
            grid.addWidget(row.kind, number, 1)
            grid.addWidget(row.title, number, 2)
            grid.addWidget(row.date, number, 3)
            self.rows.append(row)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(guesses) + 1, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(grid_host)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.message = QLabel(self)
        self.message.setAccessibleName("Error")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {error_color(self.palette()).name()};")
        self.message.hide()
        buttons = self.button_box(Buttons.Ok | Buttons.Cancel, on_accept=self.attach)
        attach = buttons.button(Buttons.Ok)
        attach.setText(f"&Attach {_plural(count, 'file')}")
        attach.setAccessibleName(f"Attach {_plural(count, 'file')}")
        buttons.button(Buttons.Cancel).setAccessibleName("Cancel: attach nothing")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        if self.rows:
            self.rows[0].kind.setFocus(Qt.FocusReason.OtherFocusReason)

    def attach(self) -> None:
        """Accept only when every row would be taken; else say which and go there."""
        for row in self.rows:
            problem = row.problem()
            if problem is not None:
                widget, text = problem
                self.message.setText(text)
                self.message.show()
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        self.message.hide()
        self.accept()

    def confirmed(self) -> list[FileToAttach]:
        return [row.confirmed() for row in self.rows]


class AttachFilesCommand(OperationCommand):
    """Attaching files as one undo step, done the first time in the background.

    :meth:`execute` runs the copy, extraction and insert as a task with the progress
    dialog and returns once it ended (the window answering meanwhile); it raises
    :class:`TaskCancelled` when the person stopped it. Undo and redo only delete and
    put back rows, which is quick, and stay on the window's thread."""

    def __init__(
        self,
        ctx: AppContext,
        operation: AttachFilesOperation,
        parent: QWidget | None,
        report: Reporter | None = None,
    ) -> None:
        super().__init__(operation, "", report=report)
        self.ctx, self.parent_widget = ctx, parent
        self.attach_operation = operation

    def execute(self) -> None:
        workspace = self.ctx.workspace
        operation = self.attach_operation

        def work(control: TaskControl) -> None:
            worker = workspace.for_worker()  # its connections are made, used and closed there
            try:
                operation.apply_in_background(worker, control.progress)
            finally:
                worker.close()

        count = len(operation.files)
        label = (
            f"Attaching {operation.files[0].path.name}\u2026"
            if count == 1
            else f"Attaching {count} files\u2026"
        )
        wait_with_progress(
            self.ctx, self.parent_widget, ATTACH_TASK, label, work, title="Attach files"
        )
        self._applied = self._ever_applied = True


def confirm_and_attach(
    ctx: AppContext,
    undo: QUndoStack,
    case_id: int,
    paths: list[Path],
    parent: QWidget | None,
) -> list[int]:
    """Files dropped or chosen -> confirmed by the person -> one document each, as one
    undo step. Returns the new documents' ids (none when cancelled or stopped)."""
    if not paths or ctx.tasks.is_running(ATTACH_TASK) or ctx.tasks.is_running(GUESS_TASK):
        return []  # one attach at a time
    guesses = _guess_all(ctx, parent, paths)
    if guesses is None:
        return []
    dialog = AttachFilesDialog(guesses, parent, ctx)
    if ctx.interaction.run_dialog(dialog) != QDialog.DialogCode.Accepted:
        return []
    operation = AttachFilesOperation(ctx.workspace, case_id, dialog.confirmed())
    command = AttachFilesCommand(ctx, operation, parent, report=_reporter(ctx, parent))
    try:
        command.execute()
    except TaskCancelled:
        if parent is None or parent.window().isVisible():  # not when the window closed
            ctx.interaction.inform(parent, "Files not attached", "Stopped: no file was attached.")
        return []
    except Exception as exc:  # the unit of work rolled back; a message, never a traceback
        ctx.interaction.warn(
            parent, "Files not attached", "No file was attached.", failure_text(exc)
        )
        return []
    ids, skipped = operation.result.ids, operation.result.skipped
    if ids:
        one = len(ids) == 1
        subject = describe(ctx.workspace, "document", ids[0]) if one else ""
        command.setText(f"Add document {subject}" if one else f"Add {len(ids)} documents")
        undo.push(command)
    if skipped:
        ctx.interaction.inform(
            parent,
            "Some files were not added",
            f"{_plural(len(skipped), 'file')} could not be added:",
            "\n".join(skipped),
        )
    return ids


def _guess_all(ctx: AppContext, parent: QWidget | None, paths: list[Path]) -> list[Guess] | None:
    """Each file's guess, read by a worker (twenty big PDFs take a second); None when
    the person stopped it."""

    def work(control: TaskControl) -> list[Guess]:
        found = []
        for number, path in enumerate(paths):
            control.progress(number, len(paths))
            found.append(guess_document(path))
        return found

    label = f"Reading {_plural(len(paths), 'file')}\u2026"
    try:
        return list(wait_with_progress(ctx, parent, GUESS_TASK, label, work, title="Attach files"))
    except TaskCancelled:
        return None
    except Exception as exc:  # guessing never raises; a defect is still a message
        ctx.interaction.warn(
            parent, "Files not attached", "No file was attached.", failure_text(exc)
        )
        return None


def _reporter(ctx: AppContext, parent: QWidget | None) -> Callable[[str], None]:
    return lambda message: ctx.interaction.inform(parent, "Casefile", message)
