"""Long work with a progress bar and Cancel: :func:`run_with_progress`.

The work runs on the context's task runner (:mod:`app.gui.tasks`) and reports
``progress(done, total)``; :class:`ProgressDialog` shows it, window-modal, so the
window keeps painting and answering while nothing else can change the workspace
underneath the work. Cancel (or Escape, or closing the dialog) asks the work to stop
at its next report; the dialog stays, saying so, until the work has really stopped,
then the caller hears ``on_cancelled``. The work reports only where stopping leaves
nothing half-done (a transaction not yet committed, a file not yet renamed into place).

A failure becomes a message naming the problem, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from app.core.errors import CasefileError
from app.gui.dialogs.base import Dialog
from app.gui.tasks import TaskCancelled, TaskControl, Work

# Work that ends sooner than this never shows the dialog (no flash for a small case).
SHOW_AFTER_MS = 300
SCALE = 1000


class ProgressDialog(Dialog):
    """A label, a bar and Cancel, for one task; closed by whoever runs the task."""

    dialog_name = "progress"

    def __init__(
        self,
        label: str,
        parent: QWidget | None,
        ctx: Any = None,
        title: str = "Casefile",
        *,
        cancellable: bool = True,
    ) -> None:
        super().__init__(parent, title=title, ctx=ctx)
        self.cancellable = cancellable
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.control: TaskControl | None = None
        self.label = QLabel(label)
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, SCALE)
        self.bar.setValue(0)
        self.bar.setAccessibleName("Progress")
        self.bar.setAccessibleDescription(label)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel")
        self.cancel_button.setAccessibleDescription("Stops the work; nothing is changed")
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(420)
        self.finished_work = False
        if not cancellable:  # work that cannot stop half-way says so, and runs to its end
            self.cancel_button.hide()
            self.bar.setRange(0, 0)  # busy, until the work reports how far it got

    def advance(self, done: int, total: int) -> None:
        if not self.stopping:
            self.bar.setRange(0, SCALE)
            self.bar.setValue(int(SCALE * done / max(total, 1)))

    @property
    def stopping(self) -> bool:
        return self.control is not None and self.control.cancelled

    def reject(self) -> None:
        """Cancel, Escape or the close box: ask the work to stop; stay until it has."""
        if self.finished_work:
            super().reject()
            return
        if self.cancellable and self.control is not None and not self.control.cancelled:
            self.control.cancel()
            self.label.setText("Stopping\u2026 nothing is changed.")
            self.cancel_button.setEnabled(False)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.finished_work:
            super().closeEvent(event)
            return
        event.ignore()
        self.reject()

    def show_if_still_running(self) -> None:
        if not self.finished_work:
            self.show()

    def end(self) -> None:
        """The work is over: close for good."""
        self.finished_work = True
        self.hide()
        self.deleteLater()


def failure_text(error: BaseException) -> str:
    """What to tell the person about ``error``: its own words for an expected problem,
    its kind for a defect (a bug must not die silently on a thread, nor show a traceback)."""
    if isinstance(error, CasefileError | OSError):
        return str(error)
    return f"something went wrong ({type(error).__name__}: {error})"


def run_with_progress(
    ctx: Any,
    parent: QWidget | None,
    name: str,
    label: str,
    work: Work,
    *,
    on_done: Callable[[Any], None],
    failure: str,
    on_cancelled: Callable[[], None] | None = None,
    on_error: Callable[[BaseException], bool] | None = None,
    title: str = "Casefile",
    cancellable: bool = True,
) -> ProgressDialog:
    """Run ``work`` as the task ``name`` with a :class:`ProgressDialog` saying ``label``.

    ``on_done(result)`` when it finished; ``on_cancelled()`` when the person stopped
    it; otherwise ``on_error(error)`` may handle a failure (returning True), else the
    person is told ``failure`` and why. Work that cannot stop half-way (re-keying the
    database) is not ``cancellable``: its dialog has no Cancel."""
    dialog = ProgressDialog(label, parent, ctx, title, cancellable=cancellable)

    def done(result: Any) -> None:
        dialog.end()
        on_done(result)

    def failed(error: BaseException) -> None:
        dialog.end()
        if isinstance(error, TaskCancelled):
            if on_cancelled is not None:
                on_cancelled()
            return
        if on_error is not None and on_error(error):
            return
        ctx.interaction.warn(parent, failure, failure_text(error))

    dialog.control = ctx.tasks.start(
        name, work, on_done=done, on_failed=failed, on_progress=dialog.advance
    )
    QTimer.singleShot(SHOW_AFTER_MS, dialog, dialog.show_if_still_running)
    return dialog


def wait_with_progress(
    ctx: Any,
    parent: QWidget | None,
    name: str,
    label: str,
    work: Work,
    *,
    title: str = "Casefile",
    show_at_once: bool = False,
) -> Any:
    """Run ``work`` as :func:`run_with_progress` does and return its result once it
    ended, for a caller that goes on from there (a dialog that comes back after a
    failure). A local event loop keeps the window answering meanwhile, as a modal
    dialog's does. Raises what the work raised: :class:`TaskCancelled` when stopped.
    ``show_at_once`` shows the dialog without the usual short wait (an undo step, which
    must block a second undo from the start)."""
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def ended(key: str, value: Any) -> bool:
        outcome[key] = value
        loop.quit()
        return True

    dialog = run_with_progress(
        ctx, parent, name, label, work,
        on_done=lambda result: ended("result", result),
        failure=title,
        on_cancelled=lambda: ended("error", TaskCancelled()),
        on_error=lambda error: ended("error", error),
        title=title,
    )  # fmt: skip
    if show_at_once:
        dialog.show()
    if not outcome:  # the outcome comes through the event loop, never before it runs
        loop.exec()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]
