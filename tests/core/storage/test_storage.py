"""Workspaces on disk and on a server: settings, where they are, what they refuse, the store."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import URL

from app.core.errors import StoreError, WorkspaceError
from app.core.services import cases, documents
from app.core.storage import db
from app.core.storage.workspace import Workspace, open_workspace, set_store_root


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- SQLite settings -----------------------------------------------------------------


def test_sqlite_workspace_is_durable_by_default(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "office.casefile", user="tester")
    try:
        cases.add_case(ws, caption="People v. Ingram")
        ws.engine.dispose()  # a brand-new connection gets the same settings
        with ws.engine.connect() as connection:
            pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
            assert pragma("journal_mode") == "wal"
            assert pragma("foreign_keys") == 1
            assert pragma("synchronous") == 2  # FULL
            assert pragma("busy_timeout") == 5000
    finally:
        ws.close()


def test_a_new_sqlite_workspace_is_private(tmp_path: Path) -> None:
    path = tmp_path / "new-folder" / "office.casefile"
    ws = open_workspace(path, user="tester")
    try:
        cases.add_case(ws, caption="People v. Ingram")
        assert _mode(path) == 0o600
        assert _mode(path.parent) == 0o700
        wal = path.with_name(path.name + "-wal")
        assert wal.exists() and _mode(wal) == 0o600
    finally:
        ws.close()


# -- where the workspace is ---------------------------------------------------------------


def test_resolve_url_accepts_a_path_or_a_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(db.ENV_VAR, raising=False)
    url = db.resolve_url(tmp_path / "a.casefile")
    assert url.get_backend_name() == "sqlite"
    assert url.database == str((tmp_path / "a.casefile").resolve())
    assert db.sqlite_path(url) == (tmp_path / "a.casefile").resolve()

    monkeypatch.setenv("HOME", str(tmp_path))
    assert db.resolve_url("~/b.casefile").database == str(tmp_path.resolve() / "b.casefile")

    server = db.resolve_url("postgresql+psycopg://clerk:secret@db.example/casefile")
    assert server.get_backend_name() == "postgresql"
    assert server.database == "casefile" and server.username == "clerk"
    assert db.sqlite_path(server) is None
    assert db.sqlite_path(db.resolve_url("sqlite://")) is None  # in memory

    default = db.resolve_url()
    assert default.database == str(db.default_workspace_path().resolve())


def test_resolve_url_reads_casefile_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(db.ENV_VAR, str(tmp_path / "from-env.casefile"))
    assert db.resolve_url().database == str(tmp_path / "from-env.casefile")
    # An explicit target wins over the environment.
    assert db.resolve_url(tmp_path / "named.casefile").database == str(tmp_path / "named.casefile")
    monkeypatch.setenv(db.ENV_VAR, "postgresql+psycopg://clerk@db.example/office")
    assert db.resolve_url().database == "office"


def test_open_workspace_from_casefile_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "env.casefile"
    monkeypatch.setenv(db.ENV_VAR, str(path))
    ws = open_workspace(user="tester")
    try:
        case_id = cases.add_case(ws, caption="People v. Env")
        assert ws.path == path.resolve()
        assert ws.describe() == str(path.resolve())
    finally:
        ws.close()
    reopened = open_workspace(path, user="tester")
    try:
        assert cases.get_case(reopened, case_id)["caption"] == "People v. Env"
    finally:
        reopened.close()


def test_open_workspace_from_a_server_url_string(pg_url: str, tmp_path: Path) -> None:
    ws = open_workspace(pg_url, store_root=tmp_path / "store")
    try:
        assert not ws.is_sqlite and ws.path is None
        assert ws.user == "postgres"  # the database user, when none is given
        case_id = cases.add_case(ws, caption="People v. Server")
        assert cases.get_case(ws, case_id)["caption"] == "People v. Server"
    finally:
        ws.close()


def test_describe_never_shows_a_password() -> None:
    url = URL.create("postgresql+psycopg", "clerk", "hunter2", "db.example", None, "office")
    ws = Workspace(url, db.make_engine(url), None, "clerk")  # type: ignore[arg-type]
    try:
        assert "hunter2" not in ws.describe()
        assert "clerk" in ws.describe()
    finally:
        ws.close()


# -- what is refused --------------------------------------------------------------------------


def test_a_file_that_is_not_a_workspace_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "brief.docx"
    content = b"PK\x03\x04 this is a Word file, not a database" * 10
    path.write_bytes(content)
    with pytest.raises(WorkspaceError, match="not a Casefile workspace"):
        open_workspace(path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.docx"]


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="is a folder"):
        open_workspace(tmp_path)


def test_a_damaged_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "damaged.casefile"
    path.write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    with pytest.raises(WorkspaceError, match="cannot be read"):
        open_workspace(path)


def test_a_workspace_from_a_newer_casefile_is_refused(workspace: Workspace) -> None:
    case_id = cases.add_case(workspace, caption="People v. Future")
    with workspace.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    workspace.close()
    with pytest.raises(WorkspaceError, match="saved by a newer version of Casefile") as caught:
        open_workspace(workspace.url, store_root=workspace.store.root)
    assert "9999_future" in str(caught.value)
    # Nothing was touched: the revision and the data are as the newer version left them.
    assert db.current_revision(workspace.engine) == "9999_future"
    with workspace.engine.connect() as connection:
        caption = connection.execute(
            text("SELECT caption FROM cases WHERE id = :id"), {"id": case_id}
        ).scalar_one()
    assert caption == "People v. Future"


def test_a_new_workspace_is_at_the_head_revision(workspace: Workspace) -> None:
    assert db.current_revision(workspace.engine) == db.head_revision()


# -- the attachment store ----------------------------------------------------------------------


def test_the_same_file_is_stored_once(workspace: Workspace, tmp_path: Path) -> None:
    content = b"%PDF-1.4 complaint\n" * 1000
    first = tmp_path / "complaint.pdf"
    first.write_bytes(content)
    second = tmp_path / "copy of complaint.pdf"
    second.write_bytes(content)
    sha = hashlib.sha256(content).hexdigest()

    case_a = cases.add_case(workspace, caption="People v. A")
    case_b = cases.add_case(workspace, caption="People v. B")
    doc_a = documents.add_document(workspace, case_a, file=first)
    doc_b = documents.add_document(workspace, case_b, file=second)

    for doc, name in ((doc_a, "complaint.pdf"), (doc_b, "copy of complaint.pdf")):
        snapshot = documents.get_document(workspace, doc)
        assert snapshot["file_sha256"] == sha
        assert snapshot["file_size"] == len(content)
        assert snapshot["file_media_type"] == "application/pdf"
        assert snapshot["file_name"] == name
    assert list(workspace.store.all_hashes()) == [sha]
    stored = workspace.store.path_for(sha)
    assert [p for p in workspace.store.root.rglob("*") if p.is_file()] == [stored]
    assert workspace.store.read_bytes(sha) == content
    assert workspace.store.verify(sha)


def test_store_files_are_private(workspace: Workspace) -> None:
    stored = workspace.store.add_bytes(b"privileged memo", "memo.txt")
    path = workspace.store.path_for(stored.sha256)
    assert _mode(path) == 0o600
    assert _mode(path.parent) == 0o700
    assert _mode(workspace.store.root) == 0o700
    assert stored.media_type == "text/plain" and stored.size == len(b"privileged memo")
    # No temporary file is left behind.
    assert [p.name for p in workspace.store.root.iterdir()] == [path.parent.name]


def test_store_notices_a_damaged_or_missing_file(workspace: Workspace) -> None:
    stored = workspace.store.add_bytes(b"original", "a.txt")
    path = workspace.store.path_for(stored.sha256)
    os.chmod(path, 0o600)
    path.write_bytes(b"tampered")
    assert not workspace.store.verify(stored.sha256)
    path.unlink()
    with pytest.raises(StoreError, match="missing from the store"):
        workspace.store.read_bytes(stored.sha256)
    with pytest.raises(StoreError, match="not a SHA-256 name"):
        workspace.store.path_for("../../etc/passwd")


def test_a_store_root_named_in_the_workspace_is_used(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="absolute path"):
        set_store_root(workspace, Path("relative/folder"))
    shared = tmp_path / "shared-attachments"
    set_store_root(workspace, shared)
    assert workspace.store.root == shared
    workspace.close()
    reopened = open_workspace(workspace.url)  # no store_root: the workspace names it
    try:
        assert reopened.store.root == shared
    finally:
        reopened.close()


def test_sqlite_attachments_live_beside_the_file(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "office.casefile", user="tester")
    try:
        assert ws.store.root == tmp_path.resolve() / "office.casefile.attachments"
    finally:
        ws.close()
