"""The undo list is the window's, not the workspace's: the window says what it covers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.context import AppContext
from app.core.storage.workspace import open_workspace
from app.gui import actions
from app.gui.guide.dialog import guide_text
from app.gui.settings import QSettingsMapping
from app.gui.window.main_window import MainWindow
from app.gui.window.undo_scope import UNDO_SCOPE
from tests.gui.recording import RecordingInteraction


@pytest.fixture
def window(qtbot: Any, ctx: AppContext, qsettings: Any) -> MainWindow:
    ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    ctx.interaction = RecordingInteraction(confirm=[True])
    win = MainWindow(ctx, actions=actions, workspace_opener=lambda t: open_workspace(t))
    qtbot.addWidget(win)
    win.show()
    return win


def _delete_a_note(window: MainWindow, case_id: int) -> None:
    window.open_case(case_id)
    window.show_section("notes")
    window.case_view.current_list().table.select_row(0)
    window.delete_action.trigger()


def test_undo_and_redo_say_what_they_cover(window: MainWindow, sample_case_id: int) -> None:
    assert UNDO_SCOPE == (
        "Undo covers changes made since the workspace was opened; "
        "History (Ctrl+H) keeps every change."
    )
    for action in (window.undo_action, window.redo_action):
        assert UNDO_SCOPE in action.toolTip() and action.statusTip() == UNDO_SCOPE
    _delete_a_note(window, sample_case_id)
    tip = window.undo_action.toolTip()
    assert tip.startswith("Undo Delete note") and "(Ctrl+Z)" in tip and UNDO_SCOPE in tip
    window.undo_action.trigger()
    assert window.redo_action.toolTip().startswith("Redo Delete note")
    assert UNDO_SCOPE in window.redo_action.toolTip()


def test_switching_away_from_undoable_changes_says_they_cannot_be_undone_there(
    window: MainWindow, sample_case_id: int, tmp_path: Path
) -> None:
    _delete_a_note(window, sample_case_id)
    assert window.undo.count() == 1
    assert window.workspace_part.switch_to(str(tmp_path / "other.casefile"))
    message = window.statusBar().currentMessage()
    assert "History (Ctrl+H) keeps every change" in message
    assert window.undo.count() == 0 and not window.undo_action.isEnabled()
    # Nothing undoable left: switching again just says where it went.
    assert window.workspace_part.switch_to(str(tmp_path / "third.casefile"))
    assert "History" not in window.statusBar().currentMessage()


def test_the_user_guide_says_it_too() -> None:
    assert UNDO_SCOPE in " ".join(guide_text().split())
