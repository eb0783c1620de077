"""One way to run slow work off the window's thread: brief export, backup, restore, extraction.

A task is a plain function that receives a :class:`TaskControl` (to report progress and
to learn it was cancelled) and returns a result. :class:`TaskRunner` runs it on a
worker thread and calls ``on_done(result)`` or ``on_failed(error)`` back on the window's
thread, through a queued Qt signal. The runner keeps every running task alive until it
finishes, so no module-level "running" set is needed, and it can say what is running
(the window asks before closing) and wait for it (tests, and quitting).

Work that touches the database opens its own handle with
:meth:`app.core.storage.workspace.Workspace.for_worker`: SQLite connections, and the
engine's pool, belong to the thread that made them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal


class TaskCancelled(Exception):
    """Raised inside a task by :meth:`TaskControl.progress` once the person cancelled it."""


class TaskControl:
    """What a running task sees: where to report progress and whether to stop."""

    def __init__(self, name: str, relay: _Relay) -> None:
        self.name = name
        self.cancelled = False
        self._relay = relay

    def cancel(self) -> None:
        self.cancelled = True

    def progress(self, done: int, total: int) -> None:
        """Report progress; raises :class:`TaskCancelled` once the task was cancelled."""
        if self.cancelled:
            raise TaskCancelled
        self._relay.progress.emit(done, total)


class _Relay(QObject):
    """Carries a worker's progress and outcome back to the window's thread (queued)."""

    progress = Signal(int, int)
    finished = Signal(object, object)  # result, error (an exception or None)


Work = Callable[[TaskControl], Any]


class TaskRunner(QObject):
    """Runs tasks on worker threads and reports back on the thread that owns the runner."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: dict[TaskControl, tuple[threading.Thread, _Relay]] = {}
        self.last_error: BaseException | None = None

    def start(
        self,
        name: str,
        work: Work,
        *,
        on_done: Callable[[Any], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> TaskControl:
        """Run ``work`` off this thread. ``on_failed`` gets every exception the work
        raised, :class:`TaskCancelled` included; without it, failures are dropped
        only after being kept on :attr:`last_error` for a test or a report to read."""
        relay = _Relay()
        relay.moveToThread(self.thread())
        control = TaskControl(name, relay)
        if on_progress is not None:
            relay.progress.connect(on_progress)

        def finished(result: Any, error: BaseException | None) -> None:
            self._running.pop(control, None)
            relay.deleteLater()
            if error is None:
                if on_done is not None:
                    on_done(result)
            elif on_failed is not None:
                on_failed(error)
            else:
                self.last_error = error

        relay.finished.connect(finished)

        def run() -> None:
            try:
                result = work(control)
            except BaseException as exc:  # reported on the window's thread, never lost
                relay.finished.emit(None, exc)
            else:
                relay.finished.emit(result, None)

        thread = threading.Thread(target=run, name=f"casefile-{name}", daemon=True)
        self._running[control] = (thread, relay)
        thread.start()
        return control

    def running(self) -> list[str]:
        """The names of the tasks still running."""
        return [control.name for control in self._running]

    def is_running(self, name: str) -> bool:
        return any(control.name == name for control in self._running)

    def cancel_all(self) -> None:
        """Ask every running task to stop at its next progress report (closing the
        window); a task that never reports (a backup) runs to its end."""
        for control in self._running:
            control.cancel()

    def wait(self, timeout: float = 30.0) -> bool:
        """Wait until every task has finished and reported back; False on time-out.
        Events are processed meanwhile, so the queued outcomes are delivered."""
        deadline = time.monotonic() + timeout
        while self._running:
            if time.monotonic() > deadline:
                return False
            for thread, _relay in list(self._running.values()):
                thread.join(0.01)
            QCoreApplication.processEvents()
        return True
