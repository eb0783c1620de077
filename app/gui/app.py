"""Starts the desktop app: the application object, the window, then the workspace.

The window is painted first, without its workspace: the menus, toolbar, status bar and
the case list page (its heading, filter and table header), saying which workspace is
opening. Just after that frame the workspace is opened (asking for a passphrase, or
what to do instead if it cannot be opened), the context is made and handed to the
window, and the case list reads its cases. So nothing before the first frame imports
SQLAlchemy, the models or the audit trail: a test checks it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.errors import CasefileError
from app.core.storage.paths import (
    ENV_VAR,
    WORKSPACE_SUFFIX,
    default_workspace_path,
    describe_target,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from app.core.storage.workspace import Workspace
    from app.gui.window.main_window import MainWindow


SMOKE_TEST_VAR = "CASEFILE_SMOKE_TEST"
# The start-up benchmark: print time.perf_counter() once the main window's first frame
# is painted ("first-paint"), and once its first frame with the workspace open and the
# cases read ("filled-paint"), then close it (benchmarks/bench_startup.py).
FIRST_PAINT_VAR = "CASEFILE_REPORT_FIRST_PAINT"


def run_gui(db: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    from app.gui import settings as prefs
    from app.gui import style
    from app.gui.window.main_window import MainWindow

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(prefs.APPLICATION)
    app.setOrganizationName(prefs.ORGANIZATION)
    app.setApplicationDisplayName("Casefile")
    app.setDesktopFileName("casefile")
    app.setWindowIcon(style.app_icon())
    style.apply_app_style(app)

    settings = prefs.QSettingsMapping(prefs.user_settings())
    window = MainWindow(settings=settings, opening=_name_of(first_target(db, settings)))
    start = _Start(window, db, settings)
    _when_painted(window, start.open, latest_ms=1000)
    window.show()
    if os.environ.get(FIRST_PAINT_VAR):
        _on_paint(window, lambda: _report("first-paint"))
    try:
        status = app.exec()
    finally:
        if window.has_workspace:
            window.ctx.workspace.close()
    if start.error is not None:
        raise start.error
    return 1 if start.quit else status


class _Start:
    """What run_gui does once the window is painted: open the workspace and show it."""

    def __init__(
        self, window: MainWindow, db: str | None, settings: MutableMapping[str, Any]
    ) -> None:
        self.window = window
        self.db = db
        self.settings = settings
        self.quit = False  # the person chose Quit instead of another workspace
        self.error: BaseException | None = None  # raised again by run_gui, as before

    def open(self) -> None:
        try:
            self._open()
        except BaseException as exc:  # not swallowed by the event loop: run_gui raises it
            from PySide6.QtWidgets import QApplication

            self.error = exc
            QApplication.exit(1)

    def _open(self) -> None:
        from app.context import AppContext

        _load_database_layer()
        window = self.window
        workspace = open_first_workspace(
            self.db, self.settings, parent=window, trying=lambda t: window.show_opening(_name_of(t))
        )
        if workspace is None:
            from PySide6.QtWidgets import QApplication

            self.quit = True
            window.close()
            QApplication.exit(1)
            return
        window.attach(AppContext(workspace, settings=self.settings))
        if os.environ.get(FIRST_PAINT_VAR):
            _when_painted(window, lambda: (_report("filled-paint"), window.close()))
        elif os.environ.get(SMOKE_TEST_VAR):
            # Packaging checks: start, open the workspace, paint it once, quit cleanly.
            _when_painted(window, window.close)


def _load_database_layer() -> None:
    """Import what opening a workspace and reading its case list need (SQLAlchemy, the
    models, the audit trail: ~250 ms quiet), past PySide's import hook.

    PySide wraps ``__import__`` to read the source of every module imported after it,
    looking for its ``__feature__`` switches (which Casefile never uses, and which mean
    nothing to modules that do not use Qt): ~50 ms over these ~260 modules, at the start
    of every session. The app imports them after its first frame, so after PySide; for
    these imports only, on the GUI thread with no other thread running Python yet, it
    uses the interpreter's own import. None of these modules imports Qt.
    """
    import builtins

    plain = getattr(builtins, "__orig_import__", None)
    hooked = builtins.__import__
    if plain is not None:
        builtins.__import__ = plain
    try:
        import app.core.lists.queries
        import app.core.safety.on_open
        import app.core.storage.crypto
        import app.core.storage.workspace  # noqa: F401
    finally:
        builtins.__import__ = hooked


def _name_of(target: str) -> str:
    try:
        return describe_target(target)
    except (OSError, RuntimeError):  # an unresolvable path: opening it will say why
        return target


def _report(what: str) -> None:
    import time

    print(f"{what} {time.perf_counter():.6f}", flush=True)


def _on_paint(window: QWidget, call: Callable[[], None]) -> None:
    """Call ``call`` just after the window's next frame is painted (and flushed), once."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Painted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                self.deleteLater()
                # After the rest of this frame (the children) is painted and flushed.
                QTimer.singleShot(0, call)
            return False

    window.installEventFilter(Painted(window))


def _when_painted(window: QWidget, call: Callable[[], None], latest_ms: int = 250) -> None:
    """Call ``call`` just after the window's next frame, or after ``latest_ms`` if no
    frame comes by then (a window that is never painted still gets it). Once."""
    from PySide6.QtCore import QTimer

    done = False

    def once() -> None:
        nonlocal done
        if not done:
            done = True
            call()

    _on_paint(window, once)
    QTimer.singleShot(latest_ms, once)


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
    db: str | None,
    settings: MutableMapping[str, Any],
    *,
    exclusive: bool = True,
    parent: QWidget | None = None,
    trying: Callable[[str], None] | None = None,
) -> Workspace | None:
    """Open the start-up workspace; if it fails, say why and offer the ways out (in
    dialogs over ``parent``, the window; ``trying`` is told each workspace tried).

    Returns None when the person chooses to quit.
    """
    target = first_target(db, settings)
    while True:
        if trying is not None:
            trying(target)
        try:
            return open_asking_passphrase(target, parent, exclusive=exclusive)
        except CasefileError as exc:
            choice = _ask_after_failure(target, exc, parent)
        if choice is None:
            return None
        target = choice


def open_asking_passphrase(
    target: str, parent: QWidget | None, *, exclusive: bool = True
) -> Workspace:
    """``open_workspace``, asking for the passphrase when the workspace is encrypted
    (again after a wrong one). Cancelling raises the "give its passphrase" error."""
    from app.core.safety.on_open import install_hooks
    from app.core.storage.crypto import PassphraseRequired, WrongPassphrase
    from app.core.storage.workspace import open_workspace

    install_hooks()  # quick-checked on open, backed up once a day in the background
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


def _ask_after_failure(target: str, error: Exception, parent: QWidget | None = None) -> str | None:
    """A message naming the workspace and the reason, with buttons for each way out."""
    from PySide6.QtWidgets import QMessageBox

    default = str(default_workspace_path())
    box = QMessageBox(parent)
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
    ask = ask_new_workspace if clicked is new_one else ask_workspace
    name = ask(parent, folder)
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
