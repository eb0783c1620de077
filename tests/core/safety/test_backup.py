"""Backups: the restore drill, rotation, the daily backup, owner-only files, servers."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from app.core.errors import WorkspaceError
from app.core.safety import backup
from app.core.services import cases, documents, people, statements
from app.core.storage.lock import WorkspaceLock
from app.core.storage.models import Base
from app.core.storage.workspace import Workspace, open_workspace


def _fill(ws: Workspace, tmp_path: Path) -> int:
    case_id = cases.add_case(ws, caption="People v. Ingram", opened_on="2020-06")
    party = people.add_person_to_case(ws, case_id, ["client"], name="Derrick Ingram")
    for n in range(5):
        statements.add_statement(ws, case_id, speaker_id=party, text=f"Statement {n}.")
        source = tmp_path / f"exhibit-{n}.txt"
        source.write_bytes(f"exhibit {n}\n".encode() * (n + 1))
        documents.add_document(ws, case_id, file=source)
    return case_id


def _dump(ws: Workspace) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in a stable order."""
    out = {}
    with ws.engine.connect() as connection:
        for name in inspect(ws.engine).get_table_names():
            table = Base.metadata.tables.get(name)
            if table is None:
                continue
            rows = connection.execute(select(table).order_by(*table.primary_key.columns)).all()
            out[name] = [tuple(row) for row in rows]
    return out


def _store_hashes(ws: Workspace) -> dict[str, str]:
    from app.core.storage.store import sha256_of

    return {sha: sha256_of(ws.store.path_for(sha)) for sha in ws.store.all_hashes()}


def test_restore_drill_brings_back_every_row_and_every_file(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    ws = sqlite_workspace
    case_id = _fill(ws, tmp_path)
    result = backup.make_backup(ws)
    assert result.problems == [] and result.attachments == 5
    before_rows, before_files = _dump(ws), _store_hashes(ws)

    # Change, delete and add after the backup, attachments included.
    cases.update_case(ws, case_id, caption="Changed after the backup")
    first_doc = documents.documents_of_case(ws, case_id)[0]
    documents.delete_document(ws, first_doc.id)
    ws.store.path_for(first_doc.file_sha256).unlink()
    extra = tmp_path / "late.txt"
    extra.write_text("late")
    documents.add_document(ws, case_id, file=extra)
    cases.add_case(ws, caption="Another")
    path = ws.path
    assert path is not None
    ws.close()

    restored = backup.restore_backup(result.path, path)
    assert restored.problems == []
    # The current workspace was moved aside, not deleted.
    aside = [p for p in restored.moved_aside if p.name.startswith("test.casefile.before-restore")]
    assert (aside[0] / "test.casefile").is_file()
    assert any(
        p.name.startswith("test.casefile.attachments.before-restore") for p in restored.moved_aside
    )

    ws2 = open_workspace(path, user="tester")
    try:
        assert _dump(ws2) == before_rows
        assert _store_hashes(ws2) == before_files
        assert all(sha == actual for sha, actual in before_files.items())
    finally:
        ws2.close()


def test_the_backup_is_a_zip_with_a_manifest_and_owner_only(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    _fill(sqlite_workspace, tmp_path)
    result = backup.make_backup(sqlite_workspace)
    with zipfile.ZipFile(result.path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        assert zf.testzip() is None
        assert "workspace.casefile" in zf.namelist()
    assert manifest["format"] == "casefile-backup" and manifest["backend"] == "sqlite"
    assert len(manifest["attachments"]) == 5
    if os.name == "posix":
        assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
        assert stat.S_IMODE(result.path.parent.stat().st_mode) == 0o700
        ws_path = sqlite_workspace.path
        assert ws_path is not None
        for suffix in ("", "-wal", "-shm"):
            f = ws_path.with_name(ws_path.name + suffix)
            if f.exists():
                assert stat.S_IMODE(f.stat().st_mode) == 0o600, f
        root = sqlite_workspace.store.root
        assert stat.S_IMODE(root.stat().st_mode) == 0o700
        for sha in sqlite_workspace.store.all_hashes():
            assert stat.S_IMODE(sqlite_workspace.store.path_for(sha).stat().st_mode) == 0o600


def test_a_missing_attachment_is_reported_not_dropped_silently(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    case_id = _fill(sqlite_workspace, tmp_path)
    doc = documents.documents_of_case(sqlite_workspace, case_id)[0]
    sqlite_workspace.store.path_for(doc.file_sha256).unlink()
    result = backup.make_backup(sqlite_workspace)
    assert any(doc.file_sha256 in p and "missing" in p for p in result.problems)


def test_a_damaged_workspace_is_not_backed_up_over_good_backups(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "w.casefile", user="tester")
    _fill(ws, tmp_path)
    good = backup.make_backup(ws)
    ws.close()
    _corrupt(tmp_path / "w.casefile")
    with pytest.raises(WorkspaceError, match="damaged"):
        backup.snapshot_sqlite(tmp_path / "w.casefile", tmp_path / "snap.db")
    assert backup.list_backups(tmp_path / "w.casefile") == [good.path]


def _corrupt(path: Path) -> None:
    """Overwrite the middle of a table's pages with garbage."""
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'statements'").fetchone()[0]
    con.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * page_size + 8)
        fh.write(b"\xff" * 64)


def test_rotation_keeps_7_daily_4_weekly_6_monthly() -> None:
    start = dt.datetime(2026, 1, 1, 9, 0)
    stamps = [start + dt.timedelta(days=d, hours=h) for d in range(300) for h in (0, 5)]
    keep = backup.to_keep(stamps)
    newest = max(stamps)
    days = {s.date() for s in keep}
    # The newest of each of the last 7 days ...
    for d in range(7):
        day = (newest - dt.timedelta(days=d)).date()
        assert max(s for s in stamps if s.date() == day) in keep
    # ... of each of the last 4 weeks and 6 months, and nothing else.
    weeks = {s.isocalendar()[:2] for s in keep}
    months = {(s.year, s.month) for s in keep}
    assert len(months) == 6 and len(weeks) >= 4
    assert len(keep) <= 7 + 4 + 6
    assert all(list(keep).count(s) == 1 for s in keep)
    assert len(days) == len(keep)  # one per day at most


def test_rotate_deletes_only_what_rotation_drops(sqlite_workspace: Workspace) -> None:
    path = sqlite_workspace.path
    assert path is not None
    folder = backup.backups_dir(path)
    folder.mkdir()
    start = dt.datetime(2026, 1, 1, 3, 0)
    for d in range(60):
        stamp = (start + dt.timedelta(days=d)).strftime(backup.STAMP)
        (folder / f"{backup.PREFIX}{stamp}.zip").write_bytes(b"x")
    (folder / "my-notes.txt").write_text("not a backup")
    removed = backup.rotate(path)
    left = backup.list_backups(path)
    assert len(left) + len(removed) == 60
    assert 7 <= len(left) <= 17
    assert (folder / "my-notes.txt").exists()


def test_the_daily_backup_runs_once_a_day(tmp_path: Path) -> None:
    path = tmp_path / "w.casefile"
    ws = open_workspace(path, user="tester")  # a new workspace: nothing to back up yet
    _fill(ws, tmp_path)
    ws.close()
    assert backup.list_backups(path) == []
    for _ in range(2):
        ws = open_workspace(path, user="tester")
        ws.close()
    assert len(backup.list_backups(path)) == 1
    # The desktop app's open does it in the background; close waits for it.
    (only,) = backup.list_backups(path)
    only.rename(only.with_name(f"{backup.PREFIX}20200101-000000.zip"))
    ws = open_workspace(path, user="tester", exclusive=True)
    ws.close()
    assert len(backup.list_backups(path)) == 2


def test_restore_is_refused_while_an_app_has_the_workspace_open(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    _fill(sqlite_workspace, tmp_path)
    result = backup.make_backup(sqlite_workspace)
    path = sqlite_workspace.path
    assert path is not None
    with WorkspaceLock(path), pytest.raises(WorkspaceError, match="has it open"):
        backup.restore_backup(result.path, path)
    assert not list(path.parent.glob("*.before-restore-*"))


def test_a_damaged_backup_is_refused_and_the_workspace_untouched(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    _fill(sqlite_workspace, tmp_path)
    result = backup.make_backup(sqlite_workspace)
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(result.path) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "workspace.casefile":
                data = data[:4096] + b"\x00" * 100 + data[4196:]
            dst.writestr(item, data)
    path = sqlite_workspace.path
    assert path is not None
    before = path.read_bytes()
    with pytest.raises(WorkspaceError, match="damaged"):
        backup.restore_backup(bad, path)
    with pytest.raises(WorkspaceError, match="not a Casefile backup"):
        backup.restore_backup(tmp_path / "exhibit-0.txt", path)
    assert path.read_bytes() == before
    assert not list(path.parent.glob("*.before-restore-*"))


@pytest.mark.pg
def test_a_server_workspace_is_backed_up_with_pg_dump(pg_url: str, tmp_path: Path) -> None:
    ws = open_workspace(pg_url, store_root=tmp_path / "store", user="tester")
    try:
        _fill(ws, tmp_path)
        with pytest.raises(WorkspaceError, match="-o FILE"):
            backup.make_backup(ws)
        result = backup.make_backup(ws, tmp_path / "server.zip")
        with ws.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM cases")).scalar() == 1
    finally:
        ws.close()
    with zipfile.ZipFile(result.path) as zf:
        assert zf.read("workspace.pgdump").startswith(b"PGDMP")
        assert json.loads(zf.read("manifest.json"))["backend"] == "postgresql"
    with pytest.raises(WorkspaceError, match="pg_restore"):
        backup.restore_backup(result.path, tmp_path / "w.casefile")


@pytest.mark.pg
def test_without_pg_dump_a_server_backup_says_whose_job_it_is(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup.shutil, "which", lambda _name: None)
    ws = open_workspace(pg_url, store_root=tmp_path / "store", user="tester")
    try:
        with pytest.raises(WorkspaceError, match="the office's job"):
            backup.make_backup(ws, tmp_path / "server.zip")
    finally:
        ws.close()
    assert not (tmp_path / "server.zip").exists()
