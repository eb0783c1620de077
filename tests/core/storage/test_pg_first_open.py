"""Many clients opening a brand-new PostgreSQL database at once: one upgrades the schema
under a database-wide lock, the others wait and find it at the head; first imports of the
same archive all succeed (one keeps the case's uid, the rest are copies)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from app.core.errors import WorkspaceError
from app.core.search.query import search
from app.core.storage import db
from app.core.storage.workspace import open_workspace
from tests.conftest_pg import PgUrlFactory
from tests.core.archive.parallel import assert_one_original_and_copies, write_archive

REPO = Path(__file__).resolve().parents[3]
CLIENTS = 20

# One interpreter imports Casefile once, then forks the clients; they all wait on one
# pipe and start together when it closes, so the race is as tight as real clients make it.
CLIENTS_SCRIPT = textwrap.dedent(
    """
    import os, sys
    from app.core.archive.transfer import import_archive
    from app.core.safety.on_open import install_hooks
    from app.core.storage import db
    from app.core.storage.workspace import open_workspace

    install_hooks()
    db.head_revision()  # Alembic and the migration scripts, loaded before forking
    url, store, count, archive = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    start_read, start_write = os.pipe()
    children = []
    for number in range(count):
        pid = os.fork()
        if pid == 0:
            os.close(start_write)
            os.read(start_read, 1)  # returns at end of file: when the parent closes it
            try:
                ws = open_workspace(url, store_root=store, user=f"client{number}")
                if archive:
                    import_archive(ws, archive)
                ws.close()
            except BaseException as exc:
                print(f"client {number}: {type(exc).__name__}: {exc}", flush=True)
                os._exit(1)
            os._exit(0)
        children.append(pid)
    os.close(start_read)
    os.close(start_write)
    failed = [pid for pid in children if os.waitpid(pid, 0)[1] != 0]
    print(f"{len(failed)} of {count} clients failed", flush=True)
    sys.exit(1 if failed else 0)
    """
)


def run_clients(url: str, store: Path, archive: Path | None = None) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CLIENTS_SCRIPT, url, str(store), str(CLIENTS), str(archive or "")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def stored_revisions(url: str) -> list[str]:
    engine = db.make_engine(db.resolve_url(url))
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT version_num FROM alembic_version"))
            return list(rows.scalars())
    finally:
        engine.dispose()


def test_twenty_first_opens_of_a_new_database_all_succeed(
    pg_url_factory: PgUrlFactory, tmp_path: Path
) -> None:
    url = pg_url_factory("first_open")
    run_clients(url, tmp_path / "store")
    assert stored_revisions(url) == [db.HEAD_REVISION]


def test_twenty_first_imports_into_a_new_database_all_succeed(
    pg_url_factory: PgUrlFactory, tmp_path: Path
) -> None:
    url = pg_url_factory("first_import")
    archive = write_archive(tmp_path / "parallel.casefile-archive")
    run_clients(url, tmp_path / "store", archive)
    assert stored_revisions(url) == [db.HEAD_REVISION]
    ws = open_workspace(url, store_root=tmp_path / "store", user="tester")
    try:
        assert_one_original_and_copies(ws, CLIENTS)
        # The search index came with the schema: every import's statement is found.
        hits = search(ws, "came at once", kinds=["statement"])
        assert len(hits) == CLIENTS
    finally:
        ws.close()


def advisory_locks(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            query = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
            return connection.execute(text(query)).scalar_one()
    finally:
        engine.dispose()


def test_an_open_workspace_holds_no_upgrade_lock(
    pg_url_factory: PgUrlFactory, tmp_path: Path
) -> None:
    url = pg_url_factory("lock_released")
    ws = open_workspace(url, store_root=tmp_path / "store", user="tester")
    try:
        assert advisory_locks(url) == 0  # given back, not kept by a pooled connection
        assert stored_revisions(url) == [db.HEAD_REVISION]
    finally:
        ws.close()


def test_a_client_waiting_too_long_for_an_upgrade_is_told_so(
    pg_url_factory: PgUrlFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = pg_url_factory("lock_wait")
    monkeypatch.setattr(db, "UPGRADE_WAIT_SECONDS", 1)
    holder = create_engine(url)
    try:
        with holder.connect() as connection:
            # Another client in the middle of its upgrade holds the lock.
            lock = db.advisory_key("casefile schema upgrade")
            connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": lock})
            with pytest.raises(WorkspaceError, match="another Casefile has been upgrading"):
                open_workspace(url, store_root=tmp_path / "store", user="tester")
            # It waited, and gave up without touching the schema.
            found = connection.execute(text("SELECT to_regclass('alembic_version')"))
            assert found.scalar_one() is None
    finally:
        holder.dispose()
    ws = open_workspace(url, store_root=tmp_path / "store", user="tester")
    ws.close()
    assert stored_revisions(url) == [db.HEAD_REVISION]
