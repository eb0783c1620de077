"""Every refusal to share a workspace reads as a sentence naming who holds it and what it does.

The holders are real processes held at a named step (tests/faults.py); the texts are
compared whole, with the holder's details read from its own note.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from app.core.errors import WorkspaceError
from app.core.safety import backup
from app.core.services import cases
from app.core.storage.lock import WorkspaceAccess, WorkspaceLock, holder, live_notes
from app.core.storage.workspace import open_workspace
from tests.faults import Paused

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX locks and FIFOs")

TRY_AGAIN = "so nothing was changed; try again when that has finished"
CLOSE_THERE = "Close it there, or let that finish, and try again; nothing was changed"


@pytest.fixture(autouse=True)
def own_data_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CASEFILE_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


def _backed_up(tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "office.casefile"
    ws = open_workspace(path, user="tester")
    cases.add_case(ws, caption="Already here")
    made = backup.make_backup(ws, tmp_path / "saved.zip")
    ws.close()
    return path, made.path


def _only_note(path: Path) -> dict[str, Any]:
    (note,) = live_notes(path)
    return note


def test_a_restore_under_way_is_named_as_replacing_the_workspace(tmp_path: Path) -> None:
    path, saved = _backed_up(tmp_path)
    restoring = Paused(
        ["--db", str(path), "restore", str(saved)], tmp_path, "restore:before-journal"
    )
    try:
        note = _only_note(path)
        assert note["pid"] == restoring.proc.pid
        by = (
            f"started by {note['user']} on {note['host']}, process {restoring.proc.pid}, "
            f"at {note['started_at']}"
        )
        with pytest.raises(WorkspaceError) as busy:
            open_workspace(path)
        assert str(busy.value) == (f"{path} is busy: a restore is replacing it ({by}), {TRY_AGAIN}")
        with WorkspaceAccess(path, "casefile encrypt") as access:
            with pytest.raises(WorkspaceError) as refused:
                access.exclusive("encrypting")
        assert str(refused.value) == (
            f"cannot start encrypting {path}: a restore is replacing it ({by}). {CLOSE_THERE}"
        )
    finally:
        assert restoring.release().returncode == 0


def test_a_command_with_the_workspace_open_is_named_as_having_it_open(tmp_path: Path) -> None:
    path, saved = _backed_up(tmp_path)
    checking = Paused(["--db", str(path), "cases"], tmp_path, "workspace:opened")
    try:
        note = _only_note(path)
        with pytest.raises(WorkspaceError) as refused:
            backup.restore_backup(saved, path)
        assert str(refused.value) == (
            f"cannot start restoring a backup into {path}: casefile cases has it open "
            f"(run by {note['user']} on {note['host']}, process {checking.proc.pid}, since "
            f"{note['started_at']}). {CLOSE_THERE}"
        )
    finally:
        assert checking.release().returncode == 0


def test_a_second_desktop_app_is_told_which_app_holds_the_workspace(tmp_path: Path) -> None:
    path = tmp_path / "office.casefile"
    with WorkspaceLock(path):
        info = holder(path)
        assert info is not None
        with pytest.raises(WorkspaceError) as refused:
            WorkspaceLock(path).acquire()
    assert str(refused.value) == (
        f"{path} is open in the desktop app run by {info['user']} on {info['host']} "
        f"(process {os.getpid()}, since {info['started_at']}); close it there first (two "
        "apps writing one workspace file could lose work)"
    )
