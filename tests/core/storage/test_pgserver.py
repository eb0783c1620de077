"""The throwaway PostgreSQL server and its fixtures work (tests/pgserver.py, conftest_pg.py).

Everything else in the PostgreSQL half of the suite trusts these fixtures, so
they are checked end to end here: a real server, real SQLAlchemy connections,
isolation between databases, and cleanup (including after a crash).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest_pg import PgUrlFactory
from tests.pgserver import (
    PG_BIN_ENV,
    PostgresServer,
    PostgresStartError,
    PostgresUnavailable,
    find_pg_bin,
)

REPO = Path(__file__).resolve().parents[3]


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie still "exists" for kill(0); treat it as dead.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except (OSError, IndexError):
        return True


def _wait_until(predicate: Callable[[], bool], timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


# --------------------------------------------------------------------------- #
# The fixtures, as other tests use them
# --------------------------------------------------------------------------- #


def test_pg_url_connects_to_postgresql_15_and_round_trips(pg_url: str) -> None:
    engine = sa.create_engine(pg_url)
    try:
        with engine.begin() as conn:
            version = conn.execute(sa.text("SELECT version()")).scalar_one()
            assert "PostgreSQL 15" in version
            conn.execute(sa.text("CREATE TABLE note (id serial PRIMARY KEY, body text NOT NULL)"))
            conn.execute(
                sa.text("INSERT INTO note (body) VALUES (:a), (:b)"),
                {"a": "first", "b": "zweite – ü"},
            )
        with engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT id, body FROM note ORDER BY id")).all()
        assert [tuple(r) for r in rows] == [(1, "first"), (2, "zweite – ü")]
    finally:
        engine.dispose()


def test_pg_url_points_at_a_private_socket_only_server(
    pg_url: str, pg_server: PostgresServer
) -> None:
    url = sa.make_url(pg_url)
    assert url.drivername == "postgresql+psycopg"
    assert url.username == "postgres"
    assert url.query["host"] == str(pg_server.socket_dir)
    # Unix socket paths must stay well below the ~107 byte kernel limit.
    socket_file = pg_server.socket_dir / f".s.PGSQL.{pg_server.port}"
    assert socket_file.exists()
    assert len(str(socket_file).encode()) < 100
    assert pg_server.socket_dir.stat().st_mode & 0o777 == 0o700

    engine = sa.create_engine(pg_url)
    try:
        with engine.connect() as conn:
            settings = {
                name: conn.execute(sa.text(f"SHOW {name}")).scalar_one()
                for name in ("listen_addresses", "fsync", "synchronous_commit",
                             "full_page_writes", "server_encoding", "TimeZone")
            }  # fmt: skip
            current = conn.execute(sa.text("SELECT current_database()")).scalar_one()
    finally:
        engine.dispose()
    assert settings == {
        "listen_addresses": "",
        "fsync": "off",
        "synchronous_commit": "off",
        "full_page_writes": "off",
        "server_encoding": "UTF8",
        "TimeZone": "UTC",
    }
    assert current == url.database


def test_two_databases_in_one_session_are_isolated(pg_url_factory: PgUrlFactory) -> None:
    url_a, url_b = pg_url_factory("alpha"), pg_url_factory("beta")
    assert url_a != url_b
    engine_a, engine_b = sa.create_engine(url_a), sa.create_engine(url_b)
    try:
        with engine_a.begin() as conn:
            conn.execute(sa.text("CREATE TABLE only_in_a (x int)"))
            conn.execute(sa.text("INSERT INTO only_in_a VALUES (42)"))
        with engine_b.begin() as conn:
            conn.execute(sa.text("CREATE TABLE only_in_b (y int)"))

        assert sa.inspect(engine_a).get_table_names() == ["only_in_a"]
        assert sa.inspect(engine_b).get_table_names() == ["only_in_b"]
        with engine_a.connect() as conn:
            assert conn.execute(sa.text("SELECT x FROM only_in_a")).scalar_one() == 42
    finally:
        engine_a.dispose()
        engine_b.dispose()


@pytest.mark.parametrize("run", [1, 2, 3])
def test_every_test_gets_a_fresh_database(run: int, pg_url: str, pg_server: PostgresServer) -> None:
    # Would fail on the second run if the database (or its contents) were reused;
    # independent of test order, -k selection or xdist distribution.
    engine = sa.create_engine(pg_url)
    assert sa.inspect(engine).get_table_names() == []
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE marker (run int)"))
        conn.execute(sa.text("INSERT INTO marker VALUES (:run)"), {"run": run})
    # Deliberately leave a connection open and the engine undisposed: the
    # fixture's teardown must still be able to drop the database.
    leaked = engine.connect()
    assert leaked.execute(sa.text("SELECT count(*) FROM marker")).scalar_one() == 1


def test_databases_are_dropped_even_with_open_connections(pg_server: PostgresServer) -> None:
    url = pg_server.create_database("t_drop_me_explicitly")
    engine = sa.create_engine(url)
    conn = engine.connect()
    conn.execute(sa.text("SELECT 1"))
    try:
        assert "t_drop_me_explicitly" in pg_server.list_databases()
        pg_server.drop_database("t_drop_me_explicitly")
        assert "t_drop_me_explicitly" not in pg_server.list_databases()
        pg_server.drop_database("t_drop_me_explicitly")  # dropping twice is fine
    finally:
        conn.invalidate()
        engine.dispose()


def test_template_databases_can_be_cloned(pg_url_factory: PgUrlFactory) -> None:
    template_url = pg_url_factory("template")
    engine = sa.create_engine(template_url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE seeded (v text)"))
        conn.execute(sa.text("INSERT INTO seeded VALUES ('from template')"))
    engine.dispose()  # a template must have no connections while being copied

    template_name = sa.make_url(template_url).database
    clone = sa.create_engine(pg_url_factory("clone", template=template_name))
    try:
        with clone.connect() as conn:
            assert conn.execute(sa.text("SELECT v FROM seeded")).scalar_one() == "from template"
    finally:
        clone.dispose()


def test_database_names_are_validated(pg_server: PostgresServer) -> None:
    for bad in ("", "Upper", "semi;colon", "x" * 64, "1digit", 'quo"te'):
        with pytest.raises(ValueError):
            pg_server.create_database(bad)
    with pytest.raises(ValueError):
        pg_server.drop_database("postgres")


def test_leftover_test_databases_are_not_accumulating(pg_server: PostgresServer) -> None:
    # Earlier tests in this module created databases through the fixtures; none
    # may survive their test (only the one this test may be running alongside).
    leftovers = [d for d in pg_server.list_databases() if d.startswith("t_")]
    assert leftovers == []


# --------------------------------------------------------------------------- #
# PostgresServer lifecycle on its own
# --------------------------------------------------------------------------- #


def test_server_stop_leaves_nothing_running(pg_server: PostgresServer) -> None:
    # pg_server is requested only so this skips where PostgreSQL is unavailable.
    # ram_disk=False covers the other directory layout than the session server's
    # default (which uses /dev/shm where it can).
    with PostgresServer(ram_disk=False) as server:
        assert server.is_running
        assert server.startup_seconds is not None and server.startup_seconds < 20
        root = server.socket_dir
        assert server.data_dir.parent == root
        pid = server._postmaster_pid()
        assert pid is not None and _pid_alive(pid)
        assert server.socket_dir != pg_server.socket_dir
        engine = sa.create_engine(server.create_database("t_lifecycle"))
        conn = engine.connect()  # left open on purpose across stop()
    assert not server.is_running
    assert not root.exists()
    assert _wait_until(lambda: not _pid_alive(pid), timeout=10)
    conn.invalidate()
    engine.dispose()
    server.stop()  # idempotent


def test_a_crashed_owner_does_not_leave_a_server_behind(
    pg_server: PostgresServer, tmp_path: Path
) -> None:
    # The owner process starts a server and is then SIGKILLed, so no teardown,
    # no atexit. The watchdog must stop the server and remove its directory.
    script = textwrap.dedent(
        """
        import os, signal, sys
        sys.path.insert(0, sys.argv[1])
        from tests.pgserver import PostgresServer
        server = PostgresServer().start()
        print(server.socket_dir, server.data_dir, server._postmaster_pid(), flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(REPO)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert proc.returncode == -9, proc.stderr
    root_str, data_str, pid_str = proc.stdout.split()
    root, data, pid = Path(root_str), Path(data_str), int(pid_str)
    assert root.name.startswith("cfpg")
    assert _wait_until(lambda: not _pid_alive(pid)), f"postmaster {pid} survived its owner"
    assert _wait_until(lambda: not root.exists()), f"{root} survived its owner"
    assert _wait_until(lambda: not data.exists()), f"{data} survived its owner"


def test_a_server_that_cannot_start_reports_its_log_and_cleans_up(
    pg_server: PostgresServer,
) -> None:
    server = PostgresServer(settings={"shared_buffers": "not-a-size"}, startup_timeout=20)
    with pytest.raises(PostgresStartError) as info:
        server.start()
    message = str(info.value)
    assert "exited during startup" in message
    assert "shared_buffers" in message  # the server log tail is included
    assert not server.is_running
    assert not server.socket_dir.exists()
    assert not server.data_dir.exists()


def test_missing_binaries_raise_unavailable_and_create_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Needs no PostgreSQL at all: this is the path the fixture turns into a skip.
    monkeypatch.setenv(PG_BIN_ENV, str(tmp_path))
    assert find_pg_bin() is None
    parent = tmp_path / "parent"
    parent.mkdir()
    server = PostgresServer(bin_dir=tmp_path, tmp_parent=str(parent))
    with pytest.raises(PostgresUnavailable, match="not found"):
        server.start()
    assert not server.is_running
    assert list(parent.iterdir()) == []
    server.stop()  # harmless on a server that never started
