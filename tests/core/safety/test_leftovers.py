"""Nothing a killed backup or restore leaves holding client data outlives the next open.

A backup written anywhere (``-o FILE``) stages its snapshot in the workspace's backups
folder and leaves a note of its output there, so the next open (any command) removes
the snapshot and the half-written file beside FILE; a restore killed before its journal
leaves its checked copy of the backup, which the next open removes too. Each kill
happens at a named step (tests/faults.py), never after a sleep.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.core.safety import backup
from app.core.safety.check import check_workspace
from app.core.services import cases, documents
from app.core.storage import db, journal, lock
from app.core.storage.workspace import open_workspace
from tests.faults import Paused, casefile, child_env, run_killed

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL at a step: POSIX")

CAPTION = b"People v. Ingram"


@pytest.fixture(autouse=True)
def own_data_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CASEFILE_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


def _workspace(tmp_path: Path) -> Path:
    path = tmp_path / "home" / "w.casefile"
    path.parent.mkdir()
    ws = open_workspace(path, user="tester")
    case_id = cases.add_case(ws, caption=CAPTION.decode())
    exhibit = tmp_path / "exhibit.txt"
    exhibit.write_text("the exhibit", encoding="utf-8")
    documents.add_document(ws, case_id, file=exhibit)
    backup.make_backup(ws)  # today's: the commands below make only the one asked for
    ws.close()
    return path


def _run(args: list[str], tmp_path: Path) -> str:
    done = casefile(args, child_env(tmp_path))
    out, err = done.communicate(timeout=120)
    assert done.returncode == 0, err
    return out


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize(
    ("point", "left_in_out"),
    [("backup:after-snapshot", False), ("backup:mid-zip", True)],
)
def test_a_backup_killed_while_writing_elsewhere_leaves_nothing_after_the_next_open(
    tmp_path: Path, point: str, left_in_out: bool
) -> None:
    path = _workspace(tmp_path)
    out = tmp_path / "out"
    run_killed(["--db", str(path), "backup", "-o", str(out / "z.zip")], tmp_path, point)
    backups = backup.backups_dir(path)
    # The kill left something holding the workspace, else the test proves nothing.
    left = [p for p in tmp_path.rglob("*") if p.is_file() and ".casefile-backup-" in str(p)]
    partials = list(out.glob(".z.zip.partial-*"))
    assert left or partials
    assert bool(partials) == left_in_out
    assert not list(out.glob(".casefile-backup-*"))  # the snapshot is never staged beside FILE
    _run(["--db", str(path), "cases"], tmp_path)
    assert _hidden(out) == []
    assert _hidden(backups) == []
    assert not (out / "z.zip").exists()
    _run(["--db", str(path), "backup", "-o", str(out / "z.zip")], tmp_path)
    assert sorted(p.name for p in out.iterdir()) == ["z.zip"]


def test_a_backup_being_written_elsewhere_is_left_alone_by_an_open(tmp_path: Path) -> None:
    path = _workspace(tmp_path)
    out = tmp_path / "out"
    running = Paused(
        ["--db", str(path), "backup", "-o", str(out / "z.zip")], tmp_path, "backup:mid-zip"
    )
    try:
        (partial,) = out.glob(".z.zip.partial-*")
        _run(["--db", str(path), "cases"], tmp_path)
        assert partial.exists()
        assert _hidden(backup.backups_dir(path))  # its staging folder, still in use
    finally:
        done = running.release()
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["z.zip"]
    assert _hidden(backup.backups_dir(path)) == []


def test_a_restore_killed_before_its_journal_leaves_its_copy_only_until_the_next_open(
    tmp_path: Path,
) -> None:
    path = _workspace(tmp_path)
    saved = backup.latest_backup(path)
    assert saved is not None
    run_killed(["--db", str(path), "restore", str(saved)], tmp_path, "restore:before-journal")
    assert not journal.pending(path)
    (left,) = path.parent.glob(".w.casefile.restoring-*")  # the checked copy of the backup
    assert any(CAPTION in p.read_bytes() for p in left.rglob("*") if p.is_file())
    report = check_workspace(db.resolve_url(str(path)))  # reads only, and says so
    assert left.exists() and not report.damaged
    assert [p.message for p in report.problems] == [
        f"{left} is a copy of a backup left by a restore interrupted before it changed "
        "anything; the next open of the workspace removes it"
    ]
    _run(["--db", str(path), "cases"], tmp_path)
    assert not left.exists()


def test_without_shared_locks_an_open_leaves_a_restore_copy_to_the_next_restore(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _workspace(tmp_path)
    left = path.parent / ".w.casefile.restoring-abc123"
    left.mkdir()
    monkeypatch.setattr(lock, "ACCESS_LOCKS", False)  # Windows: a restore may run meanwhile
    open_workspace(path).close()
    assert left.exists()
    monkeypatch.setattr(lock, "ACCESS_LOCKS", True)
    open_workspace(path).close()
    assert not left.exists()


def test_a_restore_under_way_keeps_its_copy_while_others_open_nothing(tmp_path: Path) -> None:
    path = _workspace(tmp_path)
    saved = backup.latest_backup(path)
    assert saved is not None
    running = Paused(["--db", str(path), "restore", str(saved)], tmp_path, "restore:before-journal")
    try:
        (staging,) = path.parent.glob(".w.casefile.restoring-*")
        refused = casefile(["--db", str(path), "cases"], child_env(tmp_path))
        _out, err = refused.communicate(timeout=120)
        assert refused.returncode == 1 and "is busy" in err
        assert staging.exists()
    finally:
        done = running.release()
    assert done.returncode == 0, done.stderr
    assert not list(path.parent.glob(".w.casefile.restoring-*"))


@pytest.mark.pg
@pytest.mark.parametrize("point", ["backup:after-snapshot", "backup:mid-zip"])
def test_a_killed_server_backup_leaves_no_dump_after_the_next_open(
    pg_url: str, tmp_path: Path, point: str
) -> None:
    ws = open_workspace(pg_url, user="tester")  # its attachments: under XDG_DATA_HOME
    cases.add_case(ws, caption=CAPTION.decode())
    ws.close()
    out = tmp_path / "out"
    run_killed(["--db", pg_url, "backup", "-o", str(out / "z.zip")], tmp_path, point)
    dumps = list(tmp_path.rglob("workspace.pgdump"))
    partials = list(out.glob(".z.zip.partial-*"))
    assert dumps or partials, "the kill left nothing: the test proves nothing"
    assert not list(out.glob(".casefile-backup-*"))  # the dump is never staged beside FILE
    _run(["--db", pg_url, "cases"], tmp_path)
    assert not list(tmp_path.rglob("workspace.pgdump"))
    assert not [p for p in tmp_path.rglob(".casefile-backup-*")]
    assert _hidden(out) == []


def test_a_backup_whose_staging_folder_cannot_be_made_says_so(tmp_path: Path) -> None:
    from app.core.errors import WorkspaceError

    path = _workspace(tmp_path)
    folder = backup.backups_dir(path)
    for old in folder.iterdir():
        old.unlink()
    folder.rmdir()
    folder.write_text("a file where the backups folder belongs", encoding="utf-8")
    ws = open_workspace(path, user="tester")
    try:
        with pytest.raises(WorkspaceError) as refused:
            backup.make_backup(ws, tmp_path / "out" / "z.zip")
    finally:
        ws.close()
    assert str(refused.value).startswith(
        f"no backup was made: its snapshot is prepared in {folder}, which cannot be made ("
    )
    assert not (tmp_path / "out" / "z.zip").exists()
