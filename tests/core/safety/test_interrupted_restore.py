"""A restore killed at any step is finished (or undone) by the next open, which says so;
a missing workspace is never silently replaced by an empty one; ``check`` calls neither
an interrupted restore nor an empty replacement healthy.

The kills happen at named steps (``CASEFILE_FAULT``, app/core/storage/faults.py) in a
real ``casefile restore`` child process.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from app.core.errors import WorkspaceError
from app.core.safety import backup
from app.core.safety.check import check_workspace
from app.core.services import cases, documents
from app.core.storage import db, journal
from app.core.storage.workspace import open_workspace
from tests.faults import run_killed

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL at a step: POSIX")


@pytest.fixture(autouse=True)
def own_data_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CASEFILE_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


def _captions(path: Path) -> list[str]:
    ws = open_workspace(path)
    try:
        return sorted(c.caption for c in cases.list_cases(ws))
    finally:
        ws.close()


def _backed_up_then_changed(tmp_path: Path) -> tuple[Path, Path]:
    """A workspace with an attachment, backed up; then a case added after the backup."""
    path = tmp_path / "office.casefile"
    ws = open_workspace(path, user="tester")
    case_id = cases.add_case(ws, caption="In the backup")
    exhibit = tmp_path / "exhibit.txt"
    exhibit.write_text("the exhibit as it was backed up", encoding="utf-8")
    documents.add_document(ws, case_id, file=exhibit)
    made = backup.make_backup(ws, tmp_path / "saved.zip")
    cases.add_case(ws, caption="After the backup")
    ws.close()
    return path, made.path


def _restore_killed_at(tmp_path: Path, point: str) -> tuple[Path, Path]:
    path, saved = _backed_up_then_changed(tmp_path)
    run_killed(["--db", str(path), "restore", str(saved)], tmp_path, point)
    assert journal.pending(path)
    return path, saved


def test_a_restore_killed_after_moving_the_workspace_aside_is_finished_by_the_next_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main

    path, saved = _restore_killed_at(tmp_path, "restore:after-move-aside")
    assert not path.exists()  # the moment the old code left behind: no workspace at all
    report = check_workspace(db.resolve_url(str(path)))
    assert report.damaged and "interrupted" in report.problems[0].message
    assert "finishes the restore" in report.way_out

    assert main(["--db", str(path), "cases"]) == 0
    captured = capsys.readouterr()
    assert "was interrupted; it is finished now" in captured.err
    assert "In the backup" in captured.out and "After the backup" not in captured.out
    assert not journal.pending(path)
    # The previous workspace is kept aside, whole, and is named.
    (aside,) = journal.aside_copies(path)
    assert str(aside.parent) in captured.err
    assert _captions(aside) == ["After the backup", "In the backup"]
    assert not list(tmp_path.glob(".office.casefile.restoring-*"))  # the staging went too
    assert not check_workspace(db.resolve_url(str(path))).damaged


def test_a_restore_killed_before_the_attachments_moved_is_finished_with_them(
    tmp_path: Path,
) -> None:
    path, _saved = _restore_killed_at(tmp_path, "restore:after-database-in-place")
    ws = open_workspace(path)
    try:
        assert any("finished now" in n for n in ws.notices)
        (case,) = cases.list_cases(ws)
        (doc,) = documents.documents_of_case(ws, case.id)
        with ws.store.open(doc.file_sha256) as fh:
            assert fh.read() == b"the exhibit as it was backed up"
    finally:
        ws.close()
    assert not check_workspace(db.resolve_url(str(path))).damaged


def test_a_restore_whose_checked_copy_is_gone_is_undone(tmp_path: Path) -> None:
    path, _saved = _restore_killed_at(tmp_path, "restore:after-move-aside")
    plan = json.loads(journal.journal_path(path).read_text(encoding="utf-8"))
    shutil.rmtree(plan["staging"])  # someone tidied the folder before the next open
    ws = open_workspace(path)
    try:
        assert any("undone" in n for n in ws.notices)
    finally:
        ws.close()
    assert _captions(path) == ["After the backup", "In the backup"]  # as before the restore


def test_a_missing_workspace_beside_a_moved_aside_copy_is_never_made_anew(tmp_path: Path) -> None:
    path, _saved = _restore_killed_at(tmp_path, "restore:after-move-aside")
    journal.journal_path(path).unlink()  # as a crash in an older version left it
    with pytest.raises(WorkspaceError, match="moved a copy of it aside") as refused:
        open_workspace(path)
    assert "nothing was created" in str(refused.value)
    assert not path.exists()


def test_check_does_not_call_an_empty_replacement_healthy(tmp_path: Path) -> None:
    path, saved = _backed_up_then_changed(tmp_path)
    ws = open_workspace(path)
    backup.make_backup(ws)  # one in the backups folder beside it
    ws.close()
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    open_workspace(path).close()  # an empty file where the workspace was
    report = check_workspace(db.resolve_url(str(path)))
    assert report.damaged
    (empty,) = [p for p in report.problems if p.damage]
    assert "holds no cases and never did" in empty.message and "backup" in empty.message
    del saved


def test_check_calls_a_workspace_emptied_by_its_user_healthy(tmp_path: Path) -> None:
    path = tmp_path / "office.casefile"
    ws = open_workspace(path)
    case_id = cases.add_case(ws, caption="Closed and deleted")
    backup.make_backup(ws)
    cases.delete_case(ws, case_id)
    ws.close()
    assert not check_workspace(db.resolve_url(str(path))).damaged


def test_a_restore_killed_before_its_journal_changed_nothing_and_its_copy_is_swept(
    tmp_path: Path,
) -> None:
    path, saved = _backed_up_then_changed(tmp_path)
    run_killed(["--db", str(path), "restore", str(saved)], tmp_path, "restore:before-journal")
    assert not journal.pending(path)
    (left,) = tmp_path.glob(".office.casefile.restoring-*")  # a checked copy of the backup
    assert _captions(path) == ["After the backup", "In the backup"]  # untouched
    backup.restore_backup(saved, path)
    assert not left.exists()  # the next restore sweeps what the killed one left
    assert _captions(path) == ["In the backup"]


def test_a_restore_after_an_interrupted_one_finishes_that_first_and_says_so(
    tmp_path: Path,
) -> None:
    path, saved = _restore_killed_at(tmp_path, "restore:after-move-aside")
    result = backup.restore_backup(saved, path)
    assert any("finished now" in n for n in result.notices)
    assert len(result.moved_aside) == 2  # this restore's own copy of the restored workspace
    assert len(journal.aside_copies(path)) == 2  # and the first one's, kept
    assert _captions(path) == ["In the backup"]
