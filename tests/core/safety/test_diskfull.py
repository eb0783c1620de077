"""A full disk or a read-only workspace: a clear error, and the workspace stays as it was.

Tests run as root, for whom chmod does not block writes, so "full" and "read-only" are
simulated where the failure really comes from: an ``OSError(ENOSPC)`` from the store's
file writes, SQLite's own SQLITE_FULL (``PRAGMA max_page_count`` pinned to the current
size) and SQLITE_READONLY (``PRAGMA query_only``).
"""

from __future__ import annotations

import errno
import io
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from app.core.errors import StoreError, WorkspaceError
from app.core.safety import backup
from app.core.services import cases, documents
from app.core.storage import audit
from app.core.storage import store as store_module
from app.core.storage.workspace import Workspace


class _FullDisk(io.FileIO):
    def write(self, data: Any) -> int:  # type: ignore[override]
        raise OSError(errno.ENOSPC, "No space left on device")


def _state(ws: Workspace) -> tuple[Any, ...]:
    case_list = [(c.id, c.caption, c.version) for c in cases.list_cases(ws)]
    docs = [d.id for c in cases.list_cases(ws) for d in documents.documents_of_case(ws, c.id)]
    trail = [len(audit.history_of_case(ws, c.id)) for c in cases.list_cases(ws)]
    files = sorted(p.name for p in ws.store.root.rglob("*")) if ws.store.root.exists() else []
    return case_list, docs, trail, files


def test_a_full_disk_while_storing_an_attachment(
    sqlite_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = sqlite_workspace
    case_id = cases.add_case(ws, caption="People v. Ingram")
    ws.store.add_bytes(b"already here", "a.txt")
    before = _state(ws)
    source = tmp_path / "exhibit.pdf"
    source.write_bytes(b"%PDF-1.4 " * 1000)

    real_fdopen = store_module.os.fdopen
    monkeypatch.setattr(
        store_module.os, "fdopen", lambda fd, mode="r", *a, **k: _FullDisk(fd, "wb")
    )
    with pytest.raises(StoreError, match="No space left on device"):
        documents.add_document(ws, case_id, file=source)
    monkeypatch.setattr(store_module.os, "fdopen", real_fdopen)

    assert _state(ws) == before  # no row, no half file, no temp file, no audit entry
    documents.add_document(ws, case_id, file=source)  # space again: it works


def _pin_size(ws: Workspace, pragma: str) -> None:
    @event.listens_for(ws.engine, "connect")
    def _limit(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        if pragma == "full":
            pages = cursor.execute("PRAGMA page_count").fetchone()[0]
            cursor.execute(f"PRAGMA max_page_count = {pages}")
        else:
            cursor.execute("PRAGMA query_only = ON")
        cursor.close()

    ws.engine.dispose()  # new connections get the limit


@pytest.mark.parametrize(
    ("condition", "message"),
    [("full", "database or disk is full"), ("read-only", "readonly database")],
)
def test_a_full_or_read_only_database_refuses_the_change_whole(
    sqlite_workspace: Workspace, condition: str, message: str
) -> None:
    ws = sqlite_workspace
    case_id = cases.add_case(ws, caption="People v. Ingram")
    before = _state(ws)
    _pin_size(ws, condition)
    with pytest.raises(WorkspaceError, match=f"not saved: .*{message}"):
        cases.add_case(ws, caption="Big", summary="x" * 1_000_000, notes="x" * 1_000_000)
    with pytest.raises(WorkspaceError, match=message):
        cases.update_case(ws, case_id, summary="y" * 1_000_000, notes="y" * 1_000_000)
    assert _state(ws) == before
    path = ws.path
    assert path is not None
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    con.close()


def test_a_full_disk_while_writing_a_backup_leaves_no_partial_file(
    sqlite_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = sqlite_workspace
    cases.add_case(ws, caption="People v. Ingram")
    ws.store.add_bytes(b"exhibit", "a.txt")

    def full(*_args: Any, **_kwargs: Any) -> Any:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup, "_copy_into", full)
    with pytest.raises(WorkspaceError, match="No space left on device"):
        backup.make_backup(ws)
    path = ws.path
    assert path is not None
    folder = backup.backups_dir(path)
    assert list(folder.iterdir()) == []
