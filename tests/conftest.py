"""Shared fixtures: a fresh workspace on SQLite, and on PostgreSQL where a server can start,
and ``small_case`` (tests/casebuilder.py), the small case the brief and form tests share.

Migrating a new workspace costs far more than copying one, so each session
migrates one template per backend and every test gets a copy of it: a file copy
on SQLite, ``CREATE DATABASE ... TEMPLATE`` on PostgreSQL. Tests about opening
and migrating workspaces make their own with ``open_workspace``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.core.safety.on_open import install_hooks  # noqa: E402
from app.core.storage.workspace import Workspace, open_workspace  # noqa: E402
from tests.casebuilder import small_case  # noqa: E402, F401  (the shared small case)
from tests.pgserver import PostgresServer  # noqa: E402

install_hooks()  # workspaces open here as in the app and the CLI: quick-checked, backed up

pytest_plugins = ["tests.conftest_pg"]

REPO = Path(__file__).resolve().parent.parent
SEED_ARTICLE = REPO.parent / "shared" / "seed" / "000_f7358e5193441ec4.txt"
SAMPLE_ARTICLE = REPO / "resources" / "sample" / "article.txt"
PG_TEMPLATE = "casefile_template"


@pytest.fixture(autouse=True)
def own_state_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Each test keeps what Casefile remembers per computer (the audit chain's end it last
    saw: app/core/storage/audit_witness.py) in a folder of its own, never the real one."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty workspace at the current schema, to copy."""
    path = tmp_path_factory.mktemp("template") / "template.casefile"
    open_workspace(path, user="tester").close()
    # Fold the WAL into the file so that copying the one file copies everything.
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture(scope="session")
def pg_template(pg_server: PostgresServer, tmp_path_factory: pytest.TempPathFactory) -> str:
    url = pg_server.create_database(PG_TEMPLATE)
    store = tmp_path_factory.mktemp("template-store")
    open_workspace(url, store_root=store, user="tester").close()
    return PG_TEMPLATE


def copy_template(template: Path, target: Path) -> Path:
    """A new workspace file at ``target``: a copy of the migrated template."""
    shutil.copyfile(template, target)
    os.chmod(target, 0o600)
    return target


def fresh_sqlite_workspace(template: Path, folder: Path) -> Workspace:
    return open_workspace(copy_template(template, folder / "test.casefile"), user="tester")


@pytest.fixture
def sqlite_workspace(sqlite_template: Path, tmp_path: Path) -> Iterator[Workspace]:
    ws = fresh_sqlite_workspace(sqlite_template, tmp_path)
    yield ws
    ws.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def workspace(
    request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path
) -> Iterator[Workspace]:
    """A fresh, empty workspace; every storage test runs once per backend."""
    if request.param == "sqlite":
        ws = fresh_sqlite_workspace(sqlite_template, tmp_path)
    else:
        template = request.getfixturevalue("pg_template")
        url = request.getfixturevalue("pg_url_factory")(template=template)
        ws = open_workspace(url, store_root=tmp_path / "store", user="tester")
    yield ws
    ws.close()


@pytest.fixture
def article_text() -> str:
    """The news article the sample case is built from."""
    return SAMPLE_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture
def quick_keys(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Cheap key derivation, no passphrase or workspace inherited from the environment,
    and a data folder of the test's own: what every command-line encryption test needs."""
    from app.core.storage import crypto

    monkeypatch.setattr(crypto, "WORKSPACE_KDF", crypto.KdfParams(log2_n=10))
    for var in ("CASEFILE_PASSPHRASE", "CASEFILE_NEW_PASSPHRASE", "CASEFILE_DB"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
