"""History, Back Up Now, Restore from Backup and Check Workspace, through the real window."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QUrl
from PySide6.QtGui import QHelpEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMenu

from app.context import AppContext
from app.core.safety import backup
from app.core.sample import load_sample
from app.core.services import cases, documents
from app.core.services import statements as st
from app.core.storage.workspace import Workspace, open_workspace
from app.gui.dialogs.backup import BackupDialog, CheckReportDialog
from app.gui.history_view import HistoryDialog
from app.gui.sections.list_section import ListSection
from app.gui.settings import QSettingsMapping
from app.gui.window.main_window import MainWindow
from app.gui.window.menus import menu_titled
from app.gui.window.safety_menu import SERVER_RESTORE, backup_tip
from tests.gui.recording import RecordingInteraction


def _desktop(target: str) -> Workspace:
    # As the app opens it: holding the workspace's lock, so a restore must let go first.
    return open_workspace(target, exclusive=True, user="tester")


@pytest.fixture
def talk() -> RecordingInteraction:
    return RecordingInteraction()


@pytest.fixture
def window(
    qtbot: Any, workspace_path: Path, qsettings: Any, talk: RecordingInteraction
) -> Iterator[MainWindow]:
    ws = _desktop(str(workspace_path))
    load_sample(ws)
    settings = QSettingsMapping(qsettings)
    ctx = AppContext(ws, settings=settings, interaction=talk)  # type: ignore[arg-type]
    win = MainWindow(ctx, workspace_opener=_desktop)
    win.resize(1366, 768)
    qtbot.addWidget(win)
    win.show()
    yield win
    assert win.ctx.tasks.wait()
    win.close()
    win.ctx.workspace.close()


def _told(talk: RecordingInteraction) -> tuple[str, str, str]:
    """The last thing the window told the person (a notice or a warning)."""
    last = talk.of_kind("inform", "warn")[-1]
    return last.title, last.text, last.detail


def _menu(window: MainWindow, title: str) -> QMenu:
    menu = menu_titled(window, title)
    assert menu is not None
    return menu


def _texts(menu: QMenu) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def _case_id(window: MainWindow) -> int:
    return cases.list_cases(window.ctx.workspace)[0].id


def test_the_actions_sit_in_the_case_edit_and_file_menus(window: MainWindow) -> None:
    case_menu = _menu(window, "Case")
    safety = window.safety_menu
    assert _texts(case_menu)[-1] == "History…"
    assert safety.history_action.shortcut() == QKeySequence("Ctrl+H")
    edit = _menu(window, "Edit").actions()
    assert edit[edit.index(window.delete_action) + 1] is safety.record_history_action
    file_texts = _texts(_menu(window, "File"))
    assert file_texts[-4:] == [
        "Back Up Now",
        "Restore from Backup…",
        "Check Workspace…",
        "Quit",
    ]


def test_case_history_opens_for_the_open_case_and_follows_edits(
    qtbot: Any, window: MainWindow
) -> None:
    case_id = _case_id(window)
    window.open_case(case_id)
    window.safety_menu.history_action.trigger()
    dialog = next(d for d in window.findChildren(HistoryDialog) if d.isVisible())
    assert dialog.model.scope.case_id == case_id
    before = dialog.model.total
    statement = st.statements_of_case(window.ctx.workspace, case_id)[0]
    st.update_statement(window.ctx.workspace, statement.id, pin_cite="¶ 42")
    window.undo.indexChanged.emit(0)  # what an undoable edit from the window does
    assert dialog.model.total == before + 1
    dialog.close()


def test_the_detail_pane_links_to_the_records_history(qtbot: Any, window: MainWindow) -> None:
    window.open_case(_case_id(window))
    window.show_section("statements")
    section = window.case_view.current_list()
    assert isinstance(section, ListSection)
    key = section.current_key()
    assert key is not None
    href = f"casefile:history/statement/{key['id']}"
    assert href in section.detail.toHtml()
    section._link_clicked(QUrl(href))
    dialog = next(d for d in window.findChildren(HistoryDialog) if d.isVisible())
    assert dialog.model.scope.records == (("statements", key["id"]),)
    # The Edit menu's action is about the same record.
    window.safety_menu.record_history_action.trigger()
    opened = [d for d in window.findChildren(HistoryDialog) if d.isVisible()]
    assert all(d.model.scope.records == (("statements", key["id"]),) for d in opened)
    assert len(opened) == 2


def test_back_up_now_runs_off_the_window_thread(qtbot: Any, window: MainWindow) -> None:
    ws = window.ctx.workspace
    assert ws.path is not None
    already = set(backup.list_backups(ws.path))
    safety = window.safety_menu
    assert safety.back_up_now() is not None
    assert window.ctx.tasks.is_running("backup")
    # Closing the workspace waits for it: it is the workspace's backup thread.
    assert ws.backup_thread is not None and ws.backup_thread.name == "casefile-backup"
    assert ws.backup_thread is not threading.current_thread()
    assert not safety.backup_action.isEnabled()
    assert window.ctx.tasks.wait(30)
    assert safety.backup_action.isEnabled()
    assert window.statusBar().currentMessage().startswith("Backed up to ")
    made = set(backup.list_backups(ws.path)) - already
    assert len(made) == 1
    assert backup.read_manifest(made.pop())["problems"] == []
    # The status bar's workspace label names the last backup when its tooltip is shown.
    label = window.workspace_label
    QApplication.sendEvent(label, QHelpEvent(QEvent.Type.ToolTip, QPoint(2, 2), QPoint(2, 2)))
    assert "Last backup:" in label.toolTip()
    assert ws.describe() in label.toolTip()


def test_the_restore_dialog_lists_backups_newest_first_and_asks_first(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    ws = window.ctx.workspace
    assert ws.path is not None
    older = backup.make_backup(ws, now=dt.datetime(2026, 1, 2, 9, 0)).path
    newer = backup.make_backup(ws, now=dt.datetime(2026, 3, 4, 9, 0)).path
    talk = RecordingInteraction(confirm=[False, True])
    dialog = BackupDialog(ws.path, window, interaction=talk)
    qtbot.addWidget(dialog)
    names = [dialog.list.topLevelItem(i).text(3) for i in range(dialog.list.topLevelItemCount())]
    assert names.index(newer.name) < names.index(older.name)
    top = dialog.list.topLevelItem(0)
    assert "attached file" in top.text(2) and top.text(1)
    dialog.restore_button.click()
    assert dialog.chosen is None and dialog.result() != QDialog.DialogCode.Accepted
    asked = [said.detail for said in talk.of_kind("confirm")]
    assert "not deleted" in asked[0] and "open it again" in asked[0]
    dialog.restore_button.click()
    assert dialog.chosen == newer


def test_restore_closes_restores_and_reopens_the_workspace(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, talk: RecordingInteraction
) -> None:
    old = window.ctx.workspace
    assert old.path is not None
    made = backup.make_backup(old).path
    extra = cases.add_case(old, caption="Added after the backup")
    window.open_case(extra)

    def choose(dialog: BackupDialog) -> int:
        dialog.interaction = RecordingInteraction(confirm=[True])
        assert dialog.ask_and_accept(dialog.infos[0])
        return QDialog.DialogCode.Accepted

    talk.dialogs.append(choose)
    with qtbot.waitSignal(window.safety_menu.restore_finished, timeout=30_000) as finished:
        assert window.safety_menu.restore_from_backup()
    assert finished.args == [True]
    assert window.isEnabled()
    new = window.ctx.workspace
    assert new is not old and new.path == old.path
    assert new.exclusive_lock is not None and new.exclusive_lock.held  # reopened as the app does
    assert [c.caption for c in cases.list_cases(new)] == ["People v. Derrick Ingram"]
    assert window.current_case_id() is None  # the case added after the backup is gone
    title, text, detail = _told(talk)
    assert text == f"Restored {made.name}."
    assert "before-restore-" in detail
    aside = list(old.path.parent.glob(f"{old.path.name}.before-restore-*"))
    assert aside and (aside[0] / old.path.name).is_file()  # set aside, not deleted


def test_a_damaged_backup_is_refused_and_the_workspace_reopened(
    qtbot: Any, window: MainWindow, tmp_path: Path, talk: RecordingInteraction
) -> None:
    old = window.ctx.workspace
    assert old.path is not None
    made = backup.make_backup(old).path
    damaged = tmp_path / "damaged.zip"
    data = bytearray(made.read_bytes())
    damaged.write_bytes(bytes(data[: len(data) // 2]))
    case_id = _case_id(window)
    with qtbot.waitSignal(window.safety_menu.restore_finished, timeout=30_000) as finished:
        window.safety_menu.restore_into_window(damaged)
    assert finished.args == [False]
    assert window.ctx.workspace is not old
    assert [c.id for c in cases.list_cases(window.ctx.workspace)] == [case_id]
    assert _told(talk)[1] == "The backup was not restored; nothing was changed."
    assert not list(old.path.parent.glob("*.before-restore-*"))


def test_check_workspace_reports_a_whole_workspace(qtbot: Any, window: MainWindow) -> None:
    window.safety_menu.check_workspace()
    assert window.ctx.tasks.wait(60)
    dialog = window.safety_menu.check_report
    assert isinstance(dialog, CheckReportDialog)
    assert not dialog.report.damaged and dialog.restore_button is None
    assert dialog.report.attachments_checked > 0
    dialog.close()


def test_check_workspace_shows_damage_and_the_way_out(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = window.ctx.workspace
    backup.make_backup(ws)
    doc = next(
        d for d in documents.documents_of_case(ws, _case_id(window)) if d.file_sha256 is not None
    )
    ws.store.path_for(doc.file_sha256).write_bytes(b"tampered")
    window.safety_menu.check_workspace()
    assert window.ctx.tasks.wait(60)
    dialog = window.safety_menu.check_report
    assert isinstance(dialog, CheckReportDialog)
    assert dialog.report.damaged
    assert "restore the latest good backup" in dialog.report.way_out
    assert "Damage:" in dialog.details.toPlainText()
    assert dialog.restore_button is not None
    opened: list[bool] = []
    monkeypatch.setattr(window.safety_menu, "restore_from_backup", lambda: opened.append(True))
    dialog.restore_button.click()
    assert opened == [True]


def test_a_server_workspace_says_who_restores_it(
    window: MainWindow, monkeypatch: Any, talk: RecordingInteraction
) -> None:
    monkeypatch.setattr(type(window.ctx.workspace), "path", property(lambda _self: None))
    assert not window.safety_menu.restore_from_backup()
    assert _told(talk)[1] == SERVER_RESTORE
    assert "office server" in backup_tip(window.ctx.workspace)
    QApplication.processEvents()
