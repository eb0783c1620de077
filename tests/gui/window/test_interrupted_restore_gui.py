"""The app, opening a workspace whose restore was cut short, finishes it and says so."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.context import AppContext
from app.core.safety import backup
from app.core.services import cases
from app.core.storage import journal
from app.core.storage.workspace import open_workspace
from app.gui.settings import QSettingsMapping
from app.gui.window.main_window import MainWindow
from tests.faults import run_killed
from tests.gui.recording import RecordingInteraction

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL at a step: POSIX")


@pytest.fixture
def interrupted(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "office.casefile"
    ws = open_workspace(path, user="tester")
    cases.add_case(ws, caption="In the backup")
    made = backup.make_backup(ws, tmp_path / "saved.zip")
    cases.add_case(ws, caption="After the backup")
    ws.close()
    run_killed(["--db", str(path), "restore", str(made.path)], tmp_path, "restore:after-move-aside")
    assert journal.pending(path) and not path.exists()
    yield path


def test_the_app_finishes_an_interrupted_restore_and_says_so(
    qtbot: Any, qsettings: Any, interrupted: Path
) -> None:
    talk = RecordingInteraction()
    ws = open_workspace(interrupted, exclusive=True, user="tester")
    ctx = AppContext(ws, settings=QSettingsMapping(qsettings), interaction=talk)  # type: ignore[arg-type]
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    try:
        told = [said.text for said in talk.of_kind("inform")]
        assert any("was interrupted; it is finished now" in text for text in told)
        assert [c.caption for c in cases.list_cases(ws)] == ["In the backup"]
    finally:
        assert win.ctx.tasks.wait()
        win.close()
        ws.close()
