"""Back Up Now shows a progress bar with Cancel; a stopped backup leaves no file."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.context import AppContext
from app.core.safety import backup
from app.gui.dialogs.progress import ProgressDialog
from app.gui.window.main_window import MainWindow
from tests.gui.window import test_long_work as long_work
from tests.gui.window.test_long_work import Gate

# The window and its recording interaction, as the other long-work tests have them.
window = long_work.window
talk = long_work.talk


def _dialog(window: MainWindow) -> ProgressDialog:
    [dialog] = [d for d in window.findChildren(ProgressDialog) if not d.finished_work]
    return dialog


def _folder(ctx: AppContext) -> Path:
    assert ctx.workspace.path is not None
    return backup.backups_dir(ctx.workspace.path)


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_back_up_now_shows_progress_and_cancel_leaves_no_backup(
    qtbot: Any, window: MainWindow, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(ctx)
    before = _listing(folder)
    gate = Gate(lambda done, total: done >= total, task="backup")
    gate.install(monkeypatch)
    control = window.safety_menu.back_up_now()
    assert control is not None
    dialog = _dialog(window)
    values: list[int] = []
    dialog.bar.valueChanged.connect(values.append)
    qtbot.waitUntil(gate.reached.is_set, timeout=20000)
    assert gate.worker is not threading.main_thread()
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    # Held at its last report: the zip is half-written, in the backups folder.
    assert not window.safety_menu.backup_action.isEnabled()
    dialog.cancel_button.click()
    assert ctx.tasks.wait(30)
    assert _listing(folder) == before  # no backup, no partial file, no staging folder
    assert "stopped" in window.statusBar().currentMessage()
    assert window.safety_menu.backup_action.isEnabled()


def test_back_up_now_moves_its_bar_to_the_end(
    qtbot: Any, window: MainWindow, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(ctx)
    before = set(_listing(folder))
    reported: list[int] = []
    original = backup.make_backup

    def watched(*args: Any, **kwargs: Any) -> Any:
        inner = kwargs["progress"]

        def progress(done: int, total: int) -> None:
            reported.append(done * 1000 // max(total, 1))
            inner(done, total)

        return original(*args, **{**kwargs, "progress": progress})

    monkeypatch.setattr(backup, "make_backup", watched)
    assert window.safety_menu.back_up_now() is not None
    assert ctx.tasks.wait(30)
    assert reported and reported[-1] == 1000 and reported == sorted(reported)
    assert len(set(_listing(folder)) - before) == 1
    assert window.statusBar().currentMessage().startswith("Backed up to ")
