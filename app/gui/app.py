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
from typing import TYPE_CHECKING, Any

from app.core.errors import CasefileError
from app.core.storage.paths import ENV_VAR, default_workspace_path, describe_target
from app.gui.dialogs.workspace import ask_after_failure, open_asking_passphrase

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from app.core.storage.workspace import Workspace
    from app.gui.interaction import Interaction
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
    from app.gui.interaction import QtInteraction
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
    apply_view_settings(app, settings)
    window = MainWindow(
        settings=settings,
        opening=_name_of(first_target(db, settings)),
        interaction=QtInteraction(),
    )
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


def apply_view_settings(app: Any, settings: MutableMapping[str, Any]) -> None:
    """The person's theme and text size, before the first frame; and the focus ring."""
    from app.gui.widgets import focus_ring
    from app.gui.window import theme, zoom

    theme.themes(app).apply(theme.saved_theme(settings))
    factor = zoom.saved_zoom(settings)
    if factor != 1.0:
        zoom.apply_zoom(factor, app)
    focus_ring.install(app)


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

        window = self.window
        window.finish_setup()  # menus the first frame did without, before any question
        _load_database_layer()
        part = window.workspace_part
        workspace = open_first_workspace(
            self.db,
            self.settings,
            window.interaction,
            parent=window,
            trying=lambda t: part.show_opening(_name_of(t)),
        )
        if workspace is None:
            from PySide6.QtWidgets import QApplication

            self.quit = True
            window.close()
            QApplication.exit(1)
            return
        part.attach(AppContext(workspace, settings=self.settings, interaction=window.interaction))
        if os.environ.get(FIRST_PAINT_VAR):
            _when_painted(window, lambda: (_report("filled-paint"), window.close()))
        elif os.environ.get(SMOKE_TEST_VAR):
            # Packaging checks: start, open the workspace, paint it once, quit cleanly.
            _when_painted(window, window.close)
        else:  # the reminders and the Today view, once the cases are on screen
            _when_painted(window, window.schedule.start)


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
    interaction: Interaction,
    *,
    exclusive: bool = True,
    parent: QWidget | None = None,
    trying: Callable[[str], None] | None = None,
) -> Workspace | None:
    """Open the start-up workspace; if it fails, say why and offer the ways out (in
    dialogs over ``parent``, the window, asked through ``interaction``; ``trying`` is
    told each workspace tried).

    Returns None when the person chooses to quit.
    """
    target = first_target(db, settings)
    while True:
        if trying is not None:
            trying(target)
        try:
            return open_asking_passphrase(target, parent, interaction, exclusive=exclusive)
        except CasefileError as exc:
            choice = ask_after_failure(target, exc, parent, interaction)
        if choice is None:
            return None
        target = choice
