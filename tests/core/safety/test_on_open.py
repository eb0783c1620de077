"""The openers of the desktop app and the CLI install the safety hooks themselves:
a workspace they open is backed up once a day and refused when damaged."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.safety import backup, backup_files
from app.core.safety.on_open import install_hooks, start_backup
from app.core.services import cases
from app.core.storage import encryption, hooks
from app.core.storage.workspace import open_workspace

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    path = tmp_path / "w.casefile"
    ws = open_workspace(path, user="t")
    cases.add_case(ws, caption="People v. Ingram")
    ws.close()
    assert backup.list_backups(path) == []
    return path


@pytest.fixture
def no_hooks() -> Iterator[None]:
    hooks.unregister_all()
    try:
        yield
    finally:
        install_hooks()


def test_install_hooks_registers_the_check_the_backup_and_the_copies(no_hooks: None) -> None:
    assert hooks.registered() == ([], [], [])
    install_hooks()
    install_hooks()
    checks, after, finders = hooks.registered()
    assert len(checks) == len(finders) == 1
    # An unfinished request to delete plain backups is honoured before today's backup.
    assert after == [encryption.finish_asked_deletion, start_backup]
    assert finders == [backup_files.list_backups]


def test_the_command_line_backs_up_the_workspace_it_opens(filled: Path) -> None:
    # A new process: nothing but the CLI itself installs the hooks there.
    out = subprocess.run(
        [sys.executable, "-m", "app", "--db", str(filled), "cases"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert len(backup.list_backups(filled)) == 1


def test_the_desktop_opener_backs_up_in_the_background(filled: Path, no_hooks: None) -> None:
    from app.gui.dialogs.workspace import open_asking_passphrase
    from tests.gui.recording import RecordingInteraction

    ws = open_asking_passphrase(str(filled), None, RecordingInteraction(), exclusive=True)
    try:
        assert ws.backup_thread is not None  # the window does not wait for it
    finally:
        ws.close()  # ... but closing does
    assert len(backup.list_backups(filled)) == 1


def test_the_desktop_opener_refuses_a_damaged_workspace(filled: Path, no_hooks: None) -> None:
    from app.core.errors import WorkspaceError
    from app.gui.dialogs.workspace import open_asking_passphrase
    from tests.gui.recording import RecordingInteraction

    with filled.open("r+b") as fh:  # scribble over the first table's pages
        fh.seek(4096)
        fh.write(b"\xff" * 8192)
    with pytest.raises(WorkspaceError, match="damaged"):
        open_asking_passphrase(str(filled), None, RecordingInteraction(), exclusive=True)
