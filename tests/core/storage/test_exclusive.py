"""Nothing writes while ``encrypt``, ``restore`` or ``passphrase`` replaces or re-keys a workspace.

Every open workspace holds the access lock shared; those three hold it alone and are
refused while anyone writes, naming them; a writer that starts meanwhile is refused,
naming the operation. The races are staged with a child process paused at a named
step (tests/faults.py), never with sleeps.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from app.core.errors import WorkspaceError
from app.core.safety import backup
from app.core.services import cases
from app.core.storage import crypto
from app.core.storage.lock import WorkspaceAccess, in_use_dir, live_notes
from app.core.storage.workspace import open_workspace
from tests.faults import Paused, casefile, child_env

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX locks and FIFOs")

PASSPHRASE = "a passphrase for the race"


@pytest.fixture(autouse=True)
def _quick_keys(quick_keys: None) -> None:
    """Every test here runs with cheap keys and a clean environment (tests/conftest.py)."""


def _archive(tmp_path: Path, caption: str) -> Path:
    from app.core.archive.write import export_case

    source = open_workspace(tmp_path / "source.casefile", user="tester")
    case_id = cases.add_case(source, caption=caption)
    path = export_case(source, case_id, tmp_path / f"{caption.replace(' ', '-')}.zip")
    source.close()
    return path


def _workspace(tmp_path: Path) -> Path:
    path = tmp_path / "office.casefile"
    ws = open_workspace(path, user="tester")
    cases.add_case(ws, caption="Already here")
    ws.close()
    return path


def _captions(path: Path, passphrase: str | None = None) -> list[str]:
    ws = open_workspace(path, passphrase)
    try:
        return sorted(c.caption for c in cases.list_cases(ws))
    finally:
        ws.close()


@pytest.mark.skipif(not crypto.available(), reason="needs SQLCipher")
def test_encrypt_refuses_while_an_import_is_writing_and_the_import_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main

    path, archive = _workspace(tmp_path), _archive(tmp_path, "Imported during encrypt")
    importing = Paused(
        ["--db", str(path), "import", str(archive)], tmp_path, "session:before-commit"
    )
    try:
        secret = tmp_path / "new-passphrase"
        secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
        argv = ["--db", str(path), "encrypt", "--new-passphrase-file", str(secret)]
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert "cannot start encrypting" in err
        assert "casefile import" in err and f"process {importing.proc.pid}" in err
        assert "nothing was changed" in err
    finally:
        done = importing.release()
    assert done.returncode == 0, done.stderr
    assert main(argv) == 0  # nobody writes now
    assert _captions(path, PASSPHRASE) == ["Already here", "Imported during encrypt"]


@pytest.mark.skipif(not crypto.available(), reason="needs SQLCipher")
def test_a_writer_starting_while_encrypt_runs_is_refused_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, archive = _workspace(tmp_path), _archive(tmp_path, "Too late")
    encrypting = Paused(
        ["--db", str(path), "encrypt"], tmp_path, "encrypt:after-export",
        CASEFILE_NEW_PASSPHRASE=PASSPHRASE,
    )  # fmt: skip
    try:
        with pytest.raises(WorkspaceError) as refused:
            open_workspace(path, user="late")
        message = str(refused.value)
        assert "is busy" in message and "encrypting" in message
        assert f"process {encrypting.proc.pid}" in message
        late = casefile(["--db", str(path), "import", str(archive)], child_env(tmp_path))
        out, err = late.communicate(timeout=120)
        assert late.returncode == 1 and "Traceback" not in err
        assert "is busy" in err and "encrypting" in err and not out
        checking = casefile(["--db", str(path), "check"], child_env(tmp_path))
        out, err = checking.communicate(timeout=120)
        assert checking.returncode == 1 and "is busy" in err and "no damage" not in out
    finally:
        done = encrypting.release()
    assert done.returncode == 0, done.stderr
    monkeypatch.setattr(crypto, "WORKSPACE_KDF", crypto.KdfParams())  # the child's keys
    assert _captions(path, PASSPHRASE) == ["Already here"]


def test_restore_is_refused_naming_an_open_command(tmp_path: Path) -> None:
    path = _workspace(tmp_path)
    ws = open_workspace(path)
    made = backup.make_backup(ws)
    ws.close()
    archive = _archive(tmp_path, "Imported while restoring")
    importing = Paused(
        ["--db", str(path), "import", str(archive)], tmp_path, "session:before-commit"
    )
    try:
        with pytest.raises(WorkspaceError, match="cannot start restoring a backup into") as no:
            backup.restore_backup(made.path, path)
        assert "casefile import" in str(no.value) and str(importing.proc.pid) in str(no.value)
    finally:
        assert importing.release().returncode == 0
    assert _captions(path) == ["Already here", "Imported while restoring"]
    backup.restore_backup(made.path, path)  # and now it may
    assert _captions(path) == ["Already here"]


def test_restore_is_refused_while_this_program_has_it_open(tmp_path: Path) -> None:
    path = _workspace(tmp_path)
    ws = open_workspace(path)
    made = backup.make_backup(ws)
    try:
        with pytest.raises(WorkspaceError, match="another part of this same program"):
            backup.restore_backup(made.path, path)
    finally:
        ws.close()
    assert live_notes(path) == []  # every holder's note went with it


@pytest.mark.skipif(not crypto.available(), reason="needs SQLCipher")
def test_passphrase_change_is_refused_while_a_command_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.core.storage.encryption import change_passphrase, create_encrypted_workspace

    monkeypatch.setattr(crypto, "WORKSPACE_KDF", crypto.KdfParams())  # as the child derives

    path = tmp_path / "sealed.casefile"
    create_encrypted_workspace(path, PASSPHRASE).close()
    archive = _archive(tmp_path, "Imported under the old key")
    importing = Paused(
        ["--db", str(path), "import", str(archive)], tmp_path, "session:before-commit",
        CASEFILE_PASSPHRASE=PASSPHRASE,
    )  # fmt: skip
    app = open_workspace(path, PASSPHRASE, exclusive=True)
    try:
        with pytest.raises(WorkspaceError, match="cannot start changing the passphrase of"):
            change_passphrase(app, PASSPHRASE, "the new one")
        assert importing.release().returncode == 0
        change_passphrase(app, PASSPHRASE, "the new one")  # alone now
        cases.add_case(app, caption="Added after the change")  # still open, still shared
    finally:
        importing.kill()
        app.close()
    assert _captions(path, "the new one") == [
        "Added after the change",
        "Imported under the old key",
    ]


@pytest.mark.skipif(not crypto.available(), reason="needs SQLCipher")
def test_the_passphrase_command_refuses_clearly_while_another_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not SQLCipher's traceback from re-keying under a writer: a refusal naming it."""
    from app.core.storage.encryption import create_encrypted_workspace

    monkeypatch.setattr(crypto, "WORKSPACE_KDF", crypto.KdfParams())  # as the child derives
    path = tmp_path / "sealed.casefile"
    create_encrypted_workspace(path, PASSPHRASE).close()
    old, new = tmp_path / "old", tmp_path / "new"
    old.write_text(PASSPHRASE + "\n")
    new.write_text("the new one\n")
    archive = _archive(tmp_path, "Imported under the old key")
    importing = Paused(
        ["--db", str(path), "import", str(archive)], tmp_path, "session:before-commit",
        CASEFILE_PASSPHRASE=PASSPHRASE,
    )  # fmt: skip
    try:
        argv = ["--db", str(path), "--passphrase-file", str(old), "passphrase"]
        changing = casefile([*argv, "--new-passphrase-file", str(new)], child_env(tmp_path))
        out, err = changing.communicate(timeout=120)
        assert changing.returncode == 1 and "Traceback" not in err and "unexpected" not in err
        assert "cannot start changing the passphrase of" in err and "casefile import" in err
        assert not out
    finally:
        assert importing.release().returncode == 0
    assert _captions(path, PASSPHRASE) == ["Imported under the old key"]


def test_a_killed_holder_leaves_no_lock_and_its_note_is_swept(tmp_path: Path) -> None:
    path = _workspace(tmp_path)
    ws = open_workspace(path)
    made = backup.make_backup(ws)
    ws.close()
    holder = Paused(["--db", str(path), "cases"], tmp_path, "workspace:opened")
    assert [n["role"] for n in live_notes(path)] == ["casefile cases"]
    holder.kill()  # SIGKILL: no clean-up ran
    assert live_notes(path) == []
    backup.restore_backup(made.path, path)
    assert _captions(path) == ["Already here"]
    assert not in_use_dir(path).exists()  # the last one out tidies up, stale notes too


def test_holders_coming_and_going_at_once_never_refuse_each_other(tmp_path: Path) -> None:
    """The last holder out removes the lock folder while others arrive: none is refused."""
    path = tmp_path / "busy.casefile"
    failures: list[BaseException] = []

    def come_and_go() -> None:
        try:
            for _ in range(60):
                access = WorkspaceAccess(path, "a test")
                access.share()
                access.release()
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=come_and_go) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert not in_use_dir(path).exists()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork")
def test_a_forked_child_letting_go_leaves_the_parents_hold(tmp_path: Path) -> None:
    path = _workspace(tmp_path)
    ws = open_workspace(path)
    made = backup.make_backup(ws)
    try:
        assert ws.access is not None
        pid = os.fork()
        if pid == 0:  # the child shares the parent's locks; letting go must not drop them
            ws.access.release()
            os._exit(0)
        os.waitpid(pid, 0)
        assert len(live_notes(path)) == 1
        with pytest.raises(WorkspaceError, match="another part of this same program"):
            backup.restore_backup(made.path, path)
    finally:
        ws.close()
    assert not in_use_dir(path).exists()
