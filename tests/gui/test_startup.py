"""The app's start: the window is painted before the case list reads its cases, and
the command line opens the window without loading every command."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from app.context import AppContext
from app.gui.app import _when_painted
from app.gui.main_window import MainWindow
from app.gui.settings import QSettingsMapping


def _window(qtbot: Any, ctx: AppContext, qsettings: Any) -> MainWindow:
    ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    win = MainWindow(ctx, read_cases_later=True)
    qtbot.addWidget(win)
    return win


def test_the_window_shows_the_list_at_once_and_its_cases_once_painted(
    qtbot: Any, ctx: AppContext, qsettings: Any
) -> None:
    win = _window(qtbot, ctx, qsettings)
    read: list[int] = []
    _when_painted(win, lambda: (read.append(1), win.case_list.read_cases()))
    # Before the first frame: the list page (never the empty workspace's welcome).
    assert not win.case_list.is_empty_workspace()
    assert win.case_list.model.rowCount() == 0
    win.show()
    qtbot.waitUntil(lambda: bool(read))
    assert read == [1]
    model = win.case_list.model
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == "People v. Derrick Ingram"
    assert win.case_list.count_label.text() == "1 case"
    assert win.case_list.current_case_id() is not None  # selected, as on a normal start
    assert win.edit_action.isEnabled()
    qtbot.wait(300)  # the fallback timer does not read again
    assert read == [1]


def test_an_empty_workspace_shows_its_welcome_once_read(
    qtbot: Any, empty_ctx: AppContext, qsettings: Any
) -> None:
    win = _window(qtbot, empty_ctx, qsettings)
    win.show()
    win.case_list.read_cases()
    assert win.case_list.is_empty_workspace()


def test_a_refresh_before_the_read_reads_the_cases(
    qtbot: Any, ctx: AppContext, qsettings: Any
) -> None:
    win = _window(qtbot, ctx, qsettings)
    win.case_list.refresh()
    assert win.case_list.model.rowCount() == 1
    win.case_list.read_cases()  # nothing left to do
    assert win.case_list.model.rowCount() == 1


def test_window_arguments_need_no_command_modules() -> None:
    code = (
        "import sys; from app.cli import _window_args; "
        "a = _window_args(['--db', 'x.casefile']); "
        "assert a.db == 'x.casefile' and a.command is None, a; "
        "assert not [m for m in sys.modules if m.startswith('app.commands')]; "
        "assert 'importlib.metadata' not in sys.modules; "
        "assert _window_args(['cases']) is None and _window_args(['--version']) is None; "
        "assert _window_args(['--db']) is None and _window_args(['-h']) is None"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
