"""The restore and check-report dialogs, answered through a recording interaction."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from app.context import AppContext
from app.core.safety import backup
from app.gui.dialogs.backup import BackupDialog
from app.gui.dialogs.base import Buttons
from tests.gui.recording import RecordingInteraction


def _dialog(qtbot: Any, ctx: AppContext, talk: RecordingInteraction) -> BackupDialog:
    path = ctx.workspace.path
    assert path is not None
    dialog = BackupDialog(path, interaction=talk)
    qtbot.addWidget(dialog)
    return dialog


def test_restore_asks_first_and_accepts_only_when_confirmed(qtbot: Any, ctx: AppContext) -> None:
    made = backup.make_backup(ctx.workspace, now=dt.datetime(2026, 2, 3, 9, 0)).path
    talk = RecordingInteraction(confirm=[False, True])
    dialog = _dialog(qtbot, ctx, talk)
    dialog.restore_button.click()
    assert dialog.chosen is None and dialog.result() != QDialog.DialogCode.Accepted
    dialog.restore_button.click()
    assert dialog.chosen == made and dialog.result() == QDialog.DialogCode.Accepted
    assert [s.title for s in talk.of_kind("confirm")] == ["Restore from Backup"] * 2


def test_another_file_that_is_no_backup_is_refused(
    qtbot: Any, ctx: AppContext, tmp_path: Path
) -> None:
    junk = tmp_path / "holiday.zip"
    junk.write_bytes(b"not a zip at all")
    talk = RecordingInteraction(files=[None, str(junk)])
    dialog = _dialog(qtbot, ctx, talk)
    dialog.other_button.click()  # cancelled: nothing happens
    assert not talk.of_kind("warn")
    dialog.other_button.click()
    assert talk.said("warn", "Cannot be read")
    assert talk.of_kind("warn")[0].title == "Not a backup to restore"
    assert dialog.chosen is None and not talk.of_kind("confirm")


def test_another_file_that_is_a_backup_is_restored_once_confirmed(
    qtbot: Any, ctx: AppContext, tmp_path: Path
) -> None:
    made = backup.make_backup(ctx.workspace).path
    copy = tmp_path / "usb" / made.name
    copy.parent.mkdir()
    copy.write_bytes(made.read_bytes())
    talk = RecordingInteraction(files=[str(copy)], confirm=[True])
    dialog = _dialog(qtbot, ctx, talk)
    dialog.other_button.click()
    assert talk.of_kind("open_file")[0].title == "Choose a Backup"
    assert dialog.chosen == copy and dialog.result() == QDialog.DialogCode.Accepted


def test_escape_closes_without_choosing_and_help_explains(qtbot: Any, ctx: AppContext) -> None:
    backup.make_backup(ctx.workspace)
    talk = RecordingInteraction()  # no answers: any question would fail the test
    dialog = _dialog(qtbot, ctx, talk)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.buttons is not None
    dialog.buttons.button(Buttons.Help).click()
    assert talk.said("inform", "set aside in the same folder")
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.chosen is None
    assert dialog.result() == QDialog.DialogCode.Rejected
