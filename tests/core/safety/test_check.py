"""``check_workspace`` and the quick check on open: damage is found and named, with the way out."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.core.errors import WorkspaceError
from app.core.safety import backup
from app.core.safety.check import check_workspace
from app.core.services import cases, documents
from app.core.storage import db
from app.core.storage.workspace import Workspace, open_workspace


def _with_files(ws: Workspace, tmp_path: Path, n: int = 3) -> int:
    case_id = cases.add_case(ws, caption="People v. Ingram")
    for i in range(n):
        source = tmp_path / f"exhibit-{i}.txt"
        source.write_text(f"exhibit {i}")
        documents.add_document(ws, case_id, file=source)
    return case_id


def test_a_whole_workspace_passes(workspace: Workspace, tmp_path: Path) -> None:
    _with_files(workspace, tmp_path)
    report = check_workspace(workspace.url, store_root=workspace.store.root)
    assert report.problems == []
    assert report.attachments_checked == 3
    assert not report.damaged


def test_missing_damaged_and_unreferenced_files_are_all_reported(
    workspace: Workspace, tmp_path: Path
) -> None:
    case_id = _with_files(workspace, tmp_path)
    docs = documents.documents_of_case(workspace, case_id)
    workspace.store.path_for(docs[0].file_sha256).unlink()
    workspace.store.path_for(docs[1].file_sha256).write_text("tampered")
    stray = workspace.store.add_bytes(b"no row refers to me", "stray.txt")
    report = check_workspace(workspace.url, store_root=workspace.store.root)
    messages = [(p.damage, p.message) for p in report.problems]
    assert any(d and "missing" in m and docs[0].title in m for d, m in messages)
    assert any(d and "damaged" in m and docs[1].title in m for d, m in messages)
    assert any(not d and stray.sha256 in m and "not referred to" in m for d, m in messages)
    assert report.damaged
    assert "restore" in report.way_out
    # Nothing was dropped or repaired by looking.
    assert workspace.store.has(stray.sha256)
    assert len(documents.documents_of_case(workspace, case_id)) == 3


def test_broken_links_are_found(sqlite_workspace: Workspace) -> None:
    cases.add_case(sqlite_workspace, caption="A")
    path = sqlite_workspace.path
    assert path is not None
    sqlite_workspace.close()
    con = sqlite3.connect(path)  # foreign keys are off by default on a raw connection
    con.execute(
        "INSERT INTO notes (case_id, body, is_todo, done, staff_only) VALUES (99, 'x', 0, 0, 0)"
    )
    con.commit()
    con.close()
    report = check_workspace(db.resolve_url(path))
    assert any("notes row" in p.message and "cases" in p.message for p in report.problems)
    assert report.damaged


def _corrupt_table(path: Path, table: str) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    con.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\x00\xff" * 50)


def test_a_damaged_database_is_refused_on_open_with_the_way_out(tmp_path: Path) -> None:
    path = tmp_path / "w.casefile"
    ws = open_workspace(path, user="tester")
    _with_files(ws, tmp_path)
    ws.close()
    ws = open_workspace(path, user="tester")  # makes today's backup
    ws.close()
    latest = backup.latest_backup(path)
    assert latest is not None
    _corrupt_table(path, "documents")
    report = check_workspace(db.resolve_url(path))
    assert report.damaged
    assert latest.name in report.way_out and "casefile" in report.way_out
    with pytest.raises(WorkspaceError, match="damaged") as caught:
        open_workspace(path, user="tester")
    assert latest.name in str(caught.value)


def test_opening_runs_the_quick_check_and_a_big_file_only_when_due(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening pays for SQLite's quick check (which skips the index-content pass of the
    integrity check), never the full check; a workspace above the size limit pays it only
    once a day. How long it takes on a big file is for the benchmarks, not a test."""
    from sqlalchemy import event

    from app.core.safety import check
    from app.core.services import cases

    path = tmp_path / "big.casefile"
    ws = open_workspace(path, user="tester")
    cases.add_case(ws, caption="Big")
    ran: list[str] = []

    def note(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.upper().startswith("PRAGMA") and "CHECK" in statement.upper():
            ran.append(statement)

    event.listen(ws.engine, "before_cursor_execute", note)
    check.quick_check_on_open(ws.engine, ws.url, daily_due=False)
    assert ran == ["PRAGMA quick_check"]

    ran.clear()
    monkeypatch.setattr(check, "QUICK_CHECK_EVERY_OPEN_BYTES", path.stat().st_size - 1)
    check.quick_check_on_open(ws.engine, ws.url, daily_due=False)
    assert ran == []  # too big to check on every open, and not due today
    check.quick_check_on_open(ws.engine, ws.url, daily_due=True)
    assert ran == ["PRAGMA quick_check"]
    ws.close()
