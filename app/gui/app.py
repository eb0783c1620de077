"""Starts the desktop app: the application object, the workspace, the context, the window."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.db import ENV_VAR, WORKSPACE_SUFFIX, default_workspace_path
from app.core.errors import CasefileError
from app.core.workspace import Workspace, open_workspace

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


SMOKE_TEST_VAR = "CASEFILE_SMOKE_TEST"
# The start-up benchmark: print time.perf_counter() once the main window's first frame
# is painted, then close it (benchmarks/bench_startup.py compares it with a bare window).
FIRST_PAINT_VAR = "CASEFILE_REPORT_FIRST_PAINT"


def run_gui(db: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    from app.context import AppContext
    from app.gui import settings as prefs
    from app.gui import style
    from app.gui.main_window import MainWindow

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(prefs.APPLICATION)
    app.setOrganizationName(prefs.ORGANIZATION)
    app.setApplicationDisplayName("Casefile")
    app.setDesktopFileName("casefile")
    app.setWindowIcon(style.app_icon())
    style.apply_app_style(app)

    settings = prefs.QSettingsMapping(prefs.user_settings())
    workspace = open_first_workspace(db, settings)
    if workspace is None:
        return 1
    ctx = AppContext(workspace, settings=settings)  # type: ignore[arg-type]
    # The window is painted before the case list reads its cases (the first statement
    # of a process sets up the ORM, ~70-100 ms): the rows follow in the next moment.
    window = MainWindow(ctx, read_cases_later=True)
    _when_painted(window, window.case_list.read_cases)
    window.show()
    if os.environ.get(FIRST_PAINT_VAR):
        _report_first_paint(window)
    elif os.environ.get(SMOKE_TEST_VAR):
        # Packaging checks: start, paint the window once, quit cleanly.
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, window.close)
    try:
        return app.exec()
    finally:
        ctx.workspace.close()


def _when_painted(window: QWidget, call: Callable[[], None], latest_ms: int = 250) -> None:
    """Call ``call`` just after the window's first frame, or after ``latest_ms`` if no
    frame comes by then (a window that is never painted still gets it). Once."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    done = False

    def once() -> None:
        nonlocal done
        if not done:
            done = True
            call()

    class Painted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                QTimer.singleShot(0, once)
            return False

    window.installEventFilter(Painted(window))
    QTimer.singleShot(latest_ms, once)


def _report_first_paint(window: QWidget) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer

    def painted() -> None:
        import time

        print(f"first-paint {time.perf_counter():.6f}", flush=True)
        window.close()

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                # After the rest of this frame (the children) is painted and flushed.
                QTimer.singleShot(0, painted)
            return False

    watcher = FirstPaint(window)
    window.installEventFilter(watcher)


def first_target(db: str | None, settings: MutableMapping[str, Any]) -> str:
    """What to open: ``--db``, then $CASEFILE_DB, then the last workspace, then the default."""
    from app.gui import settings as prefs

    return (
        db
        or os.environ.get(ENV_VAR)
        or prefs.last_workspace(settings)
        or str(default_workspace_path())
    )


def open_first_workspace(
    db: str | None, settings: MutableMapping[str, Any], *, exclusive: bool = True
) -> Workspace | None:
    """Open the start-up workspace; if it fails, say why and offer the ways out.

    Returns None when the person chooses to quit.
    """
    target = first_target(db, settings)
    while True:
        try:
            return open_asking_passphrase(target, None, exclusive=exclusive)
        except CasefileError as exc:
            choice = _ask_after_failure(target, exc)
        if choice is None:
            return None
        target = choice


def open_asking_passphrase(
    target: str, parent: QWidget | None, *, exclusive: bool = True
) -> Workspace:
    """``open_workspace``, asking for the passphrase when the workspace is encrypted
    (again after a wrong one). Cancelling raises the "give its passphrase" error."""
    from app.core.crypto import PassphraseRequired, WrongPassphrase

    try:
        return open_workspace(target, exclusive=exclusive)
    except PassphraseRequired as exc:
        refused: BaseException = exc
    problem = ""
    while True:
        secret = ask_passphrase(parent, target, problem)
        if secret is None:
            raise refused
        try:
            return open_workspace(target, secret, exclusive=exclusive)
        except WrongPassphrase as exc:
            problem = "Wrong passphrase. Try again."
            refused = exc


def ask_passphrase(parent: QWidget | None, target: str, problem: str = "") -> str | None:
    """The passphrase typed into a password field (None if cancelled)."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    label = f"{problem}\n\n" if problem else ""
    text, ok = QInputDialog.getText(
        parent,
        "Encrypted Workspace",
        f"{label}{Path(target).name} is encrypted. Passphrase:",
        QLineEdit.EchoMode.Password,
    )
    return text if ok and text else None


def _ask_after_failure(target: str, error: Exception) -> str | None:
    """A message naming the workspace and the reason, with buttons for each way out."""
    from PySide6.QtWidgets import QMessageBox

    default = str(default_workspace_path())
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Cannot open workspace")
    box.setText("Casefile could not open the workspace")
    box.setInformativeText(
        f"{target}\n\n{error}\n\n"
        "You can open another workspace, start a new one, or quit. Nothing has been changed."
    )
    open_other = box.addButton("Open Another…", QMessageBox.ButtonRole.AcceptRole)
    new_one = box.addButton("New Workspace…", QMessageBox.ButtonRole.ActionRole)
    use_default = None
    if "://" in target or Path(target).expanduser().resolve() != Path(default):
        use_default = box.addButton("Use Default Workspace", QMessageBox.ButtonRole.ActionRole)
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_other)
    box.exec()
    clicked = box.clickedButton()
    if clicked is quit_button or clicked is None:
        return None
    if use_default is not None and clicked is use_default:
        return default
    folder = Path(default).parent
    name = ask_new_workspace(None, folder) if clicked is new_one else ask_workspace(None, folder)
    # Cancelling the file dialog brings the question back rather than quitting.
    return name or target


def ask_workspace(parent: QWidget | None, folder: Path) -> str | None:
    """Ask which workspace file to open."""
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getOpenFileName(
        parent,
        "Open Workspace",
        str(folder),
        f"Casefile workspaces (*{WORKSPACE_SUFFIX});;All files (*)",
    )
    return name or None


def ask_new_workspace(parent: QWidget | None, folder: Path) -> str | None:
    """Ask where a new workspace goes; an existing one is offered for opening instead."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    name, _ = QFileDialog.getSaveFileName(
        parent,
        "New Workspace",
        str(folder / f"cases{WORKSPACE_SUFFIX}"),
        f"Casefile workspaces (*{WORKSPACE_SUFFIX})",
        options=QFileDialog.Option.DontConfirmOverwrite,  # we never overwrite; we ask below
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix != WORKSPACE_SUFFIX:
        path = path.with_name(path.name + WORKSPACE_SUFFIX)
    if path.exists():
        answer = QMessageBox.question(
            parent, "Workspace exists", f"{path} is already a workspace. Open it instead?"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
    return str(path)
