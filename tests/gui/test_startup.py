"""The app's start: the window is painted before its workspace opens (and before the
database layer is imported), then the workspace opens in it and the case list fills;
a workspace that cannot be opened still says why; the command line opens the window
without loading every command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from app.context import AppContext
from app.core.sample import load_sample
from app.core.storage.lock import WorkspaceLock, describe_holder, holder
from app.core.storage.workspace import open_workspace
from app.gui.settings import QSettingsMapping
from app.gui.window.main_window import MainWindow
from tests.conftest import copy_template
from tests.gui.fresh_home import fresh_home_env

REPO = Path(__file__).resolve().parents[2]
CAPTION = "People v. Derrick Ingram"


def _shell(qtbot: Any, qsettings: Any, opening: str) -> MainWindow:
    win = MainWindow(settings=QSettingsMapping(qsettings), opening=opening)
    qtbot.addWidget(win)
    return win


def _headers(win: MainWindow) -> list[str]:
    model = win.case_list.model
    return [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]


def test_the_window_shows_before_its_workspace_and_fills_once_it_is_given(
    qtbot: Any, ctx: AppContext, qsettings: Any
) -> None:
    name = ctx.workspace.describe()
    win = _shell(qtbot, qsettings, name)
    win.show()
    qtbot.waitExposed(win)
    # The whole window, laid out: menus, toolbar, the case list's heading and columns.
    menus = [a.text().replace("&", "") for a in win.menuBar().actions()]
    assert menus == ["File", "Edit", "View", "Case", "Help"]
    assert win.toolbar.isVisible() and win.case_list.heading.text() == "Cases"
    assert _headers(win)[:3] == ["Caption", "Docket no.", "Client"]
    assert win.pages.currentWidget() is win.case_list
    assert not win.case_list.is_empty_workspace()
    # ... saying what it is waiting for, with nothing that needs a workspace enabled.
    assert win.workspace_label.text() == f"Opening {name}…"
    assert win.case_list.count_label.text() == "Opening the workspace…"
    assert win.case_list.model.rowCount() == 0
    assert not win.has_workspace
    for action in (
        win.new_case_action,
        win.open_workspace_action,
        win.new_action,
        win.search_action,
        win.filter_action,
        win.case_list_action,
        win.safety_menu.history_action,
        win.safety_menu.backup_action,
        win.case_menu.conflict_action,
        win.encryption_menu.change_action,
    ):
        assert not action.isEnabled(), action.text()
    assert not win.case_list.new_button.isEnabled()
    assert win.quit_action.isEnabled() and win.about_action.isEnabled()

    ctx.settings = win.settings  # type: ignore[assignment]
    win.workspace_part.attach(ctx)
    assert win.workspace_label.text() == f"Workspace: {name}"
    model = win.case_list.model
    assert model.rowCount() == 1 and model.index(0, 0).data() == CAPTION
    assert win.case_list.count_label.text() == "1 case"
    assert win.case_list.current_case_id() is not None  # selected, as on any start
    for action in (win.new_case_action, win.open_workspace_action, win.edit_action):
        assert action.isEnabled(), action.text()
    assert win.case_list.new_button.isEnabled()
    # The open case's page is made when a case is first opened, not at the start.
    assert win.pages.count() == 1
    win.open_case(int(win.case_list.current_case_id() or 0))
    assert win.pages.currentWidget() is win.case_view and win.pages.count() == 2
    assert win.case_view.caption() == CAPTION


def test_an_empty_workspace_shows_its_welcome_once_attached(
    qtbot: Any, empty_ctx: AppContext, qsettings: Any
) -> None:
    win = _shell(qtbot, qsettings, empty_ctx.workspace.describe())
    win.show()
    assert not win.case_list.is_empty_workspace()
    empty_ctx.settings = win.settings  # type: ignore[assignment]
    win.workspace_part.attach(empty_ctx)
    assert win.case_list.is_empty_workspace()
    assert empty_ctx.workspace.describe() in win.case_list.welcome.workspace_label.text()


def test_closing_the_window_before_its_workspace_opens_keeps_the_settings(
    qtbot: Any, qsettings: Any
) -> None:
    win = _shell(qtbot, qsettings, "/nowhere/w.casefile")
    win.show()
    win.close()  # no workspace to remember a case for: only the window's own state
    settings = QSettingsMapping(qsettings)
    assert "window/geometry" in settings
    assert not [key for key in settings if key.startswith("workspace/")]


# -- the real start, in a new process --------------------------------------------------

CHILD = r"""
import json, sys
from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from app.gui import app as gui_app
from app.gui.window.main_window import MainWindow

DATABASE = ("sqlalchemy", "alembic", "app.core.storage.db", "app.core.storage.models",
            "app.core.storage.audit", "app.core.storage.workspace", "app.core.lists.queries",
            "app.core.search.query")
LATER = ("app.gui.window.context_menus", "app.gui.window.reopen",
         "app.gui.window.undo_scope")
seen = {"order": []}


def window():
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))


def report(what):
    win = window()
    model = win.case_list.model
    seen["order"].append(what)
    seen[what] = {
        "database": sorted(m for m in sys.modules if m.split(".")[0] in DATABASE
                           or m.startswith(DATABASE)),
        "status": win.workspace_label.text(),
        "count": win.case_list.count_label.text(),
        "rows": [model.index(r, 0).data() for r in range(model.rowCount())],
        "headers": [model.headerData(c, Qt.Orientation.Horizontal)
                    for c in range(model.columnCount())],
        "menus": [a.text().replace("&", "") for a in win.menuBar().actions()],
        "visible": win.isVisible(),
        "later": sorted(m for m in LATER if m in sys.modules),
        "view": [a.text().replace("&", "") for a in win.view_menu.actions() if a.menu()],
    }
    if what == "first-paint":
        timer = QTimer(win, interval=20)
        timer.timeout.connect(lambda: answer(timer))
        timer.start()


def answer(timer):
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox):
        return
    timer.stop()
    seen["order"].append("dialog")
    seen["dialog"] = {"text": box.text(), "detail": box.informativeText(),
                      "over_window": box.parent() is window()}
    quit_button = next(b for b in box.buttons() if b.text() == "Quit")
    quit_button.click()


gui_app._report = report
from app.cli import main

code = main(sys.argv[1:])
print("RESULT " + json.dumps(seen), flush=True)
sys.exit(code)
"""


def _start(tmp_path: Path, workspace: Path) -> tuple[subprocess.CompletedProcess[str], Any]:
    env = fresh_home_env(tmp_path / "home", CASEFILE_REPORT_FIRST_PAINT="1")
    result = subprocess.run(
        [sys.executable, "-c", CHILD, "--db", str(workspace)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("RESULT "))
    return result, json.loads(line.removeprefix("RESULT "))


def test_the_first_frame_comes_before_the_database_layer_and_the_cases_follow(
    tmp_path: Path, sqlite_template: Path
) -> None:
    workspace = copy_template(sqlite_template, tmp_path / "office.casefile")
    ws = open_workspace(workspace, user="tester")
    load_sample(ws)
    ws.close()
    result, seen = _start(tmp_path, workspace)
    assert result.returncode == 0
    assert seen["order"] == ["first-paint", "filled-paint"]
    first, filled = seen["first-paint"], seen["filled-paint"]
    # The first frame: the real window, laid out, naming the workspace it opens...
    assert first["visible"] and first["menus"] == ["File", "Edit", "View", "Case", "Help"]
    assert first["headers"][:3] == ["Caption", "Docket no.", "Client"]
    assert first["status"] == f"Opening {workspace}…"
    assert first["rows"] == []
    # ... painted before SQLAlchemy, the models or the audit trail are imported.
    assert first["database"] == []
    # ... and before what it does not show: right-click menus, View › Zoom and Theme.
    assert first["later"] == [] and first["view"] == []
    # Then the workspace opens in it and the case list fills.
    assert "sqlalchemy" in filled["database"] and "app.core.storage.workspace" in filled["database"]
    assert filled["status"] == f"Workspace: {workspace}"
    assert filled["rows"] == [CAPTION] and filled["count"] == "1 case"
    assert filled["view"] == ["Zoom", "Theme"]
    assert "app.gui.window.context_menus" in filled["later"]
    assert not Path(f"{workspace}.lock").exists()  # released on the way out


def test_a_workspace_open_in_another_app_says_who_holds_it_and_quit_exits(
    tmp_path: Path, sqlite_template: Path
) -> None:
    workspace = copy_template(sqlite_template, tmp_path / "office.casefile")
    with WorkspaceLock(workspace):  # this test process is "the other app"
        who = describe_holder(holder(workspace))
        result, seen = _start(tmp_path, workspace)
        assert holder(workspace) is not None  # the refused app left the lock alone
    # The window was painted first; the message came over it, naming the holder.
    assert seen["order"] == ["first-paint", "dialog"]
    dialog = seen["dialog"]
    assert dialog["text"] == "Casefile could not open the workspace"
    assert str(workspace) in dialog["detail"]
    assert f"is open in {who}; close it there first" in dialog["detail"]
    assert f"(process {os.getpid()}," in who
    assert dialog["over_window"]
    # Quit: the app ends at once, saying it did not start, without a traceback.
    assert result.returncode == 1


def test_the_database_layer_loads_past_pysides_import_hook_and_puts_it_back(
    qapp: Any,
) -> None:
    import builtins

    from app.gui import app as gui_app

    hooked = builtins.__import__
    gui_app._load_database_layer()
    assert builtins.__import__ is hooked
    assert "app.core.storage.workspace" in sys.modules and "app.core.lists.queries" in sys.modules


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
