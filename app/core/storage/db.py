"""Engines, connection settings, schema upgrades and the locks that serialise them.

A workspace is a database URL. A plain path means a SQLite file; anything with
``://`` is used as a SQLAlchemy URL (``postgresql+psycopg://...`` for a shared
office). Opening a workspace brings its schema to the current Alembic head; on
PostgreSQL under a database-wide advisory lock, so clients opening a new database
at once upgrade it one at a time (the first migrates, the others find it at the head).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from app.core.errors import WorkspaceError
from app.core.storage.paths import ENV_VAR, default_workspace_path
from app.core.storage.paths import WORKSPACE_SUFFIX as WORKSPACE_SUFFIX  # callers reach it here too

if TYPE_CHECKING:
    from alembic.config import Config

    from app.core.storage.crypto import WorkspaceKey

MIGRATIONS_DIR = Path(__file__).parent.parent / "migrations"


def _newest_migration() -> str:
    """The newest migration's revision, read from the file names alone: each migration
    is ``NNNN_what_it_does.py`` with ``revision = "NNNN"`` (a test holds them to it)."""
    names = (p.name for p in (MIGRATIONS_DIR / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))
    return max(name[:4] for name in names)


# Opening a workspace already at this revision skips Alembic, whose import and
# migration scripts cost a quarter of the app's start-up; so a new migration needs
# no second edit here.
HEAD_REVISION = _newest_migration()


def resolve_url(target: str | os.PathLike[str] | None = None) -> URL:
    """The database URL for ``target``, ``$CASEFILE_DB`` or the default workspace."""
    raw = os.fspath(target) if target is not None else os.environ.get(ENV_VAR) or ""
    if not raw:
        raw = os.fspath(default_workspace_path())
    if "://" in raw:
        try:
            return make_url(raw)
        except Exception as exc:  # SQLAlchemy raises ArgumentError with a terse text
            raise WorkspaceError(f"{raw!r} is not a database URL or a file path") from exc
    path = Path(raw).expanduser().resolve()
    return URL.create("sqlite", database=str(path))


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def sqlite_path(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for memory databases and servers."""
    if not is_sqlite(url) or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Durability first: a crash or power cut must not cost a client anything.
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 5000")
        mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        if mode != "wal":
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


def make_engine(url: URL, *, key: WorkspaceKey | None = None, **kwargs: Any) -> Engine:
    """An engine with Casefile's connection settings for the URL's backend.

    With ``key`` the SQLite file is a SQLCipher one (app/core/storage/crypto.py)."""
    if is_sqlite(url):
        path = sqlite_path(url)
        if path is not None:
            _check_sqlite_file(path, encrypted=key is not None)
        return _sqlite_engine(url, key, **kwargs)
    try:
        return create_engine(url, pool_pre_ping=True, **kwargs)
    except ModuleNotFoundError as exc:
        raise WorkspaceError(
            f"the database driver for {url.get_backend_name()} is not installed "
            f"(install Casefile with the 'postgres' extra): {exc.name}"
        ) from None


def _sqlite_engine(url: URL, key: WorkspaceKey | None, **kwargs: Any) -> Engine:
    if key is None:
        engine = create_engine(url, connect_args={"timeout": 5}, **kwargs)
    else:
        from app.core.storage import crypto

        engine = create_engine(
            url, module=crypto.sqlcipher(), connect_args={"timeout": 5}, **kwargs
        )
        # First of all the connect listeners: the dialect's own first query must
        # already find the database keyed.
        event.listen(engine, "connect", lambda con, _rec: crypto.apply_key(con, key), insert=True)
    event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def _check_sqlite_file(path: Path, *, encrypted: bool = False) -> None:
    if path.exists():
        if path.is_dir():
            raise WorkspaceError(f"{path} is a folder, not a Casefile workspace")
        with path.open("rb") as fh:
            header = fh.read(16)
        if header and header != b"SQLite format 3\x00" and not encrypted:
            from app.core.storage import crypto

            if crypto.looks_encrypted(path):
                raise crypto.PassphraseRequired(
                    f"{path}: this workspace is encrypted: give its passphrase"
                )
            raise WorkspaceError(f"{path} is not a Casefile workspace (not a SQLite database)")
        return
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    # Client data: create the file owner-only (SQLite would use 0644 less the umask);
    # SQLite gives its -wal and -shm files the same mode as the database file.
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the project ships at least one migration"
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head", *, key: WorkspaceKey | None = None) -> None:
    """Bring the schema to ``revision``, refusing a workspace made by a newer Casefile."""
    if revision == "head" and _stored_revision(engine) == HEAD_REVISION:
        return
    with _upgrade_lock(engine):
        # Read again: another client may have upgraded it while this one waited.
        if revision == "head" and _stored_revision(engine) == HEAD_REVISION:
            return
        _migrate(engine, revision, key)


def _migrate(engine: Engine, revision: str, key: WorkspaceKey | None) -> None:
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    try:
        current = current_revision(engine)
    except (DBAPIError, sqlite3.DatabaseError) as exc:
        raise WorkspaceError(f"the workspace cannot be read: {reason(exc)}") from None
    if current is not None:
        try:
            script.get_revision(current)
        except Exception:
            raise WorkspaceError(
                f"this workspace was saved by a newer version of Casefile (schema {current}); "
                "update Casefile to open it"
            ) from None
    migrating = _migration_engine(engine, key)
    try:
        command.upgrade(alembic_config(migrating), revision)
    except SQLAlchemyError as exc:
        if getattr(getattr(exc, "orig", None), "sqlstate", None) == _NOT_ALLOWED:
            # An office server: staff logins own no table; its owner upgrades it.
            raise WorkspaceError(
                "this workspace needs a schema upgrade for this version of Casefile, which "
                "your login may not make; ask the database's owner to run "
                "'casefile --db URL server init' (docs/server.md)"
            ) from None
        raise WorkspaceError(f"the workspace could not be upgraded: {reason(exc)}") from None
    finally:
        if migrating is not engine:
            migrating.dispose()


# How long a client waits for another one's schema upgrade before it gives up.
UPGRADE_WAIT_SECONDS = 120
_UPGRADE_LOCK = "casefile schema upgrade"
_LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE for a lock wait that timed out
_NOT_ALLOWED = "42501"  # insufficient_privilege


def advisory_key(name: str) -> int:
    """The PostgreSQL advisory lock key (a signed 64-bit number) for ``name``."""
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@contextlib.contextmanager
def _upgrade_lock(engine: Engine) -> Iterator[None]:
    """On PostgreSQL, hold the database-wide schema upgrade lock for the block.

    Two clients creating the same tables at once collide in the catalog (``duplicate
    key ... pg_type_typname_nsp_index``), so upgrades take turns. The lock belongs to a
    connection of its own, not to the migration's transaction: Alembic runs in its own.
    A SQLite migration needs none: it runs in one BEGIN IMMEDIATE transaction, and
    Alembic reads the revision inside it."""
    if is_sqlite(engine.url):
        yield
        return
    lock = advisory_key(_UPGRADE_LOCK)
    connection = engine.connect()
    try:
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{UPGRADE_WAIT_SECONDS}s'")
        connection.execute(text("SELECT pg_advisory_lock(:lock)"), {"lock": lock})
        connection.commit()  # the lock is the session's: it outlives this transaction
    except DBAPIError as exc:
        connection.close()
        if getattr(exc.orig, "sqlstate", None) == _LOCK_NOT_AVAILABLE:
            raise WorkspaceError(
                "another Casefile has been upgrading this workspace for more than "
                f"{UPGRADE_WAIT_SECONDS} seconds; try again later"
            ) from None
        raise WorkspaceError(f"cannot open the workspace: {reason(exc)}") from None
    except BaseException:  # interrupted while waiting: the lock may be granted even so
        connection.invalidate()
        connection.close()
        raise
    try:
        yield
    finally:
        try:
            connection.execute(text("SELECT pg_advisory_unlock(:lock)"), {"lock": lock})
            connection.commit()
        except DBAPIError:
            # Never pool a connection that may still hold the lock: closed, it holds none.
            connection.invalidate()
        connection.close()


def lock_for_transaction(connection: Connection, names: Iterable[str]) -> None:
    """Hold ``names`` until ``connection``'s transaction ends, so a check and the write
    it decides cannot interleave with another transaction's (two imports of one uid).

    PostgreSQL: a transaction-scoped advisory lock per name, taken in key order so two
    transactions never wait for each other in a circle. SQLite has one writer at a time:
    a write that changes nothing takes the database's write lock for the transaction."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = version_num WHERE 0")
        return
    for lock in sorted({advisory_key(name) for name in names}):
        connection.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": lock})


def _stored_revision(engine: Engine) -> str | None:
    """The workspace's schema revision read with one plain query (None when unreadable or
    not one revision); Alembic then looks again, and says what is wrong, if anything."""
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except (DBAPIError, sqlite3.DatabaseError):
        return None
    return rows[0][0] if len(rows) == 1 else None


def _migration_engine(engine: Engine, key: WorkspaceKey | None = None) -> Engine:
    """The engine to migrate a workspace with: for a SQLite file, one whose transactions
    include DDL.

    pysqlite opens a transaction only before INSERT/UPDATE/DELETE, so every CREATE and
    ALTER of a migration would commit on its own, and a migration failing halfway would
    leave a schema that no version of Casefile can open again. With the driver's own
    transaction handling off and an explicit BEGIN IMMEDIATE, an upgrade applies whole
    or not at all (and commits once, instead of once per statement).
    """
    if sqlite_path(engine.url) is None:
        return engine  # PostgreSQL has transactional DDL; a memory database is not shared
    migrating = _sqlite_engine(engine.url, key)
    event.listen(migrating, "connect", _driver_transactions_off)
    event.listen(migrating, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    return migrating


def _driver_transactions_off(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None


def reason(exc: BaseException) -> str:
    """The database's own first line about a failure (e.g. "database or disk is full")."""
    orig = getattr(exc, "orig", None)
    return str(orig or exc).splitlines()[0]
