"""Deleting a big case, and undoing or redoing that, off the window's thread.

A case of 50,000 statements takes seconds to read, delete or put back. Done on the
window's thread the window would freeze, so :class:`CaseDeleteCommand` runs each step
as a task (:func:`app.gui.dialogs.progress.run_with_progress`) with the progress
dialog, shown at once and window-modal: nothing else can change the workspace, or
move the undo stack, until the step has ended. Each step is one unit of work; Cancel
stops it before its commit, so the case is either fully there or fully gone.

``QUndoStack`` moves its index whatever a command's ``undo()``/``redo()`` did, so a
stopped undo (or redo) moves the stack straight back with a second call, which the
command sees as having nothing to do. Small cases keep the plain, instant command.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from app.context import AppContext
from app.core.progress import Progress
from app.core.services.operations import DeleteOperation
from app.core.storage.workspace import Workspace
from app.gui.commands import OperationCommand, Reporter
from app.gui.dialogs.progress import failure_text, wait_with_progress
from app.gui.tasks import TaskCancelled, TaskControl

# A case with more records than this is deleted and put back with the progress dialog.
BIG_CASE = 2000
DELETE_TASK = "case-delete"
RESTORE_TASK = "case-restore"

Step = Callable[[Workspace, Progress], None]


class CaseDeleteCommand(OperationCommand):
    """Delete a case, undo and redo it, each as a task with a progress dialog."""

    def __init__(
        self,
        ctx: AppContext,
        stack: QUndoStack,
        operation: DeleteOperation,
        text: str,
        parent: QWidget | None,
        report: Reporter | None = None,
    ) -> None:
        super().__init__(operation, text, report=report)
        self.ctx, self.stack, self.parent_widget = ctx, stack, parent
        self.delete_operation = operation

    def execute(self) -> None:
        """Delete the case; raises :class:`TaskCancelled` when the person stopped it."""
        self._run(DELETE_TASK, f"{self.text()}\u2026", self._apply)
        self._applied = self._ever_applied = True

    def redo(self) -> None:
        if self._applied:
            return
        if self._step(DELETE_TASK, f"Redo: {self.text()}\u2026", self._apply):
            self._applied = self._ever_applied = True
        elif not self.isObsolete():  # stopped: the stack moved forward, move it back
            QTimer.singleShot(0, self.stack.undo)

    def undo(self) -> None:
        if not self._applied:
            return
        if self._step(RESTORE_TASK, f"Undo: {self.text()}\u2026", self._revert):
            self._applied = False
        elif not self.isObsolete():
            QTimer.singleShot(0, self.stack.redo)

    def _apply(self, ws: Workspace, progress: Progress) -> None:
        self.delete_operation.apply_in_background(ws, progress)

    def _revert(self, ws: Workspace, progress: Progress) -> None:
        self.delete_operation.revert_in_background(ws, progress)

    def _step(self, name: str, label: str, step: Step) -> bool:
        """Run ``step``; False when it was stopped or failed (failure is reported)."""
        try:
            self._run(name, label, step)
        except TaskCancelled:
            return False
        except Exception as exc:  # reported as a synchronous step's failure is
            # The unit of work rolled back; drop the command, as OperationCommand does.
            self.setObsolete(True)
            self.report(f"Could not {self._verb()} “{self.text()}”: {failure_text(exc)}")
            return False
        return True

    def _run(self, name: str, label: str, step: Step) -> None:
        """Run ``step`` on a worker's handle and wait for it, the window answering."""
        workspace = self.ctx.workspace

        def work(control: TaskControl) -> None:
            worker = workspace.for_worker()
            try:
                step(worker, control.progress)
            finally:
                worker.close()

        # At once: the window must not take a second undo meanwhile.
        wait_with_progress(
            self.ctx, self.parent_widget, name, label, work, title="Delete case", show_at_once=True
        )


def is_big(contents: dict[str, int]) -> bool:
    """Whether a case holding ``contents`` (records by table) needs the progress dialog."""
    return sum(contents.values()) > BIG_CASE
