"""An open workspace: the database, its attachment store and who is working in it."""

from __future__ import annotations

import getpass
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.core.errors import ConflictError, StoreError, WorkspaceError
from app.core.storage import audit, audit_witness, db, hooks, journal
from app.core.storage.faults import fault_point
from app.core.storage.lock import WorkspaceAccess, WorkspaceLock
from app.core.storage.models import Setting
from app.core.storage.paths import describe_target
from app.core.storage.store import AttachmentStore

if TYPE_CHECKING:
    from app.core.storage.crypto import WorkspaceKey

STORE_SETTING = "attachment_store"
ATTACHMENT_KEY_SETTING = "attachment_key"  # inside the encrypted database only


class Workspace:
    """One open workspace. Pass it to services; it holds no case state of its own."""

    def __init__(
        self,
        url: URL,
        engine: Engine,
        store: AttachmentStore,
        user: str,
        *,
        key: WorkspaceKey | None = None,
    ) -> None:
        self.url = url
        self.key = key  # an encrypted workspace's keys, in memory only (app/core/storage/crypto.py)
        self.engine = engine
        self.store = store
        self.user = user
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        audit.install(self._sessions, self)
        # Set by open_workspace: the desktop app's lock, and today's backup if it runs.
        self.exclusive_lock: WorkspaceLock | None = None
        self.backup_thread: threading.Thread | None = None
        # Set by open_workspace for a SQLite file: held shared while open (lock.py).
        self.access: WorkspaceAccess | None = None
        # What opening it did that the person should hear of (an interrupted restore
        # finished); the opener shows these.
        self.notices: list[str] = []

    @property
    def is_sqlite(self) -> bool:
        return db.is_sqlite(self.url)

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    def make_engine(self) -> Engine:
        """A new engine on the same database (a worker thread's own connections)."""
        return db.make_engine(self.url, key=self.key)

    def for_worker(self) -> Workspace:
        """A handle on the same workspace for another thread: its own engine and
        connections, the same store, user and keys. The caller closes it; closing it
        leaves this workspace, its lock and its backup alone."""
        return Workspace(self.url, self.make_engine(), self.store, self.user, key=self.key)

    def rebind(self, engine: Engine) -> None:
        """Use ``engine`` from now on (after the database key changed)."""
        self.engine.dispose()
        self.engine = engine
        self._sessions.configure(bind=engine)

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server workspace."""
        return db.sqlite_path(self.url)

    def describe(self) -> str:
        """A name for the status bar and messages; never shows a password."""
        if self.path is not None:
            return str(self.path)
        # The same words the window showed while this workspace was opening.
        return describe_target(self.url.render_as_string(hide_password=False))

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: everything in the block commits together or not at all."""
        with self._sessions() as session:
            try:
                yield session
                fault_point("session:before-commit")
                session.flush()  # every audit entry of the unit of work is chained now
                end = audit.take_chain_end(session)
                # Record the new end only if the trail still holds the end recorded
                # before: otherwise the evidence of entries removed since is kept.
                record = end is not None and audit_witness.holds(session.connection(), self.url)
                session.commit()
                if record:
                    assert end is not None
                    audit_witness.saw(self.url, audit_witness.ChainEnd(*end))
            except StaleDataError as exc:
                # The ORM's version check found the row changed or deleted by another
                # session since it was read: the same thing ConflictError reports.
                session.rollback()
                raise ConflictError(
                    "this record was changed or deleted by someone else since you opened it; "
                    "reopen it and make your change again"
                ) from exc
            except OperationalError as exc:
                # Disk full, read-only file or folder, locked too long: nothing was saved.
                session.rollback()
                raise WorkspaceError(f"the change was not saved: {db.reason(exc)}") from None
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A session for reading; nothing done in it is committed."""
        with self._sessions() as session:
            try:
                yield session
            finally:
                # Detach first: a rollback expires every loaded object, and the lists the
                # services return (``parties_of_case`` ...) would then be unreadable.
                session.expunge_all()
                session.rollback()

    @contextmanager
    def held_alone(self, operation: str) -> Iterator[None]:
        """Hold this open SQLite workspace alone for ``operation`` ("changing the passphrase
        of"): refused, naming them, while anyone else has it open."""
        if self.access is None:
            yield
            return
        self.access.exclusive(operation)
        try:
            yield
        finally:
            self.access.downgrade()

    def close(self) -> None:
        if self.backup_thread is not None:
            self.backup_thread.join()  # a half-written backup is no backup
        self.engine.dispose()
        if self.exclusive_lock is not None:
            self.exclusive_lock.release()
        if self.access is not None:
            self.access.release()


def open_workspace(
    target: str | os.PathLike[str] | URL | None = None,
    passphrase: str | None = None,
    *,
    store_root: Path | None = None,
    user: str | None = None,
    exclusive: bool = False,
    purpose: str | None = None,
) -> Workspace:
    """Open (creating if needed) the workspace at ``target`` and upgrade its schema.

    ``exclusive`` (the desktop app) takes the SQLite workspace's lock file, refusing
    a second app. With the safety hooks installed (``app.core.safety.install_hooks``,
    done by the desktop app and the CLI), an existing SQLite workspace is quick-checked,
    and backed up once a day (in the background when ``exclusive``).

    A SQLite workspace is held shared while open (``purpose`` names the holder, e.g.
    "casefile import", in the refusal ``encrypt``, ``restore`` or ``passphrase`` gives);
    one of those running refuses the open, naming it. A restore cut short is finished
    first (said in ``workspace.notices``); a missing file is never silently replaced by
    an empty one while copies moved aside by a restore sit beside it.

    ``passphrase`` opens an encrypted workspace (a new one is created encrypted); a
    plain workspace ignores it. Without one, an encrypted workspace raises
    ``crypto.PassphraseRequired``; with a wrong one, ``crypto.WrongPassphrase``.
    """
    url = target if isinstance(target, URL) else db.resolve_url(target)
    path = db.sqlite_path(url)
    held = WorkspaceLock(path) if exclusive and path is not None else None
    if held is not None:
        held.acquire()
    access = None
    notices: list[str] = []
    try:
        if path is not None:
            role = purpose or ("the desktop app" if exclusive else "a Casefile command")
            access, notices = _take_access(path, role)
        had_data = path is not None and path.is_file() and path.stat().st_size > 0
        if path is not None and not had_data:
            _refuse_empty_replacement(path)
            audit_witness.forget(path)  # a new trail, not the old one's end
        key = _workspace_key(path, had_data, passphrase)
        engine = db.make_engine(url, key=key)
    except BaseException:
        if access is not None:
            access.release()
        if held is not None:
            held.release()
        raise
    try:
        if key is not None and had_data:
            _check_key(engine, path)
        if had_data and path is not None:
            hooks.run_open_checks(engine, url)  # the quick check, once safety is installed
        db.upgrade(engine, key=key)
        root = store_root or store_root_of(url, engine)
        store = open_store(engine, root, key)
    except OperationalError as exc:
        engine.dispose()
        if access is not None:
            access.release()
        if held is not None:
            held.release()
        raise WorkspaceError(f"cannot open the workspace: {db.reason(exc)}") from None
    except BaseException:
        engine.dispose()
        if access is not None:
            access.release()
        if held is not None:
            held.release()
        raise
    if user is None:
        user = _os_user() if db.is_sqlite(url) else _server_login(engine)
    workspace = Workspace(url, engine, store, user, key=key)
    workspace.exclusive_lock = held
    workspace.access = access
    workspace.notices = notices
    if held is not None:  # the one desktop app on this workspace: earlier viewer copies can go
        workspace.store.sweep_plain_files()
    if had_data or (path is None and not db.is_sqlite(url)):  # a server workspace too
        hooks.run_after_open(workspace, exclusive)  # today's backup, once safety is installed
    fault_point("workspace:opened")
    return workspace


def _take_access(path: Path, role: str) -> tuple[WorkspaceAccess, list[str]]:
    """Hold the workspace shared, after finishing a restore that was cut short."""
    notices: list[str] = []
    if journal.pending(path):
        with WorkspaceAccess(path, role) as alone:
            alone.exclusive("finishing an interrupted restore of")
            done = journal.recover(path)
            if done:
                notices.append(done)
    access = WorkspaceAccess(path, role)
    access.share()
    journal.sweep_unjournaled(path)  # a restore killed before its journal: its copy goes
    return access, notices


def _refuse_empty_replacement(path: Path) -> None:
    """A missing workspace file is created empty only where no restore moved one aside."""
    copies = journal.aside_copies(path)
    if copies:
        raise WorkspaceError(
            f"there is no workspace at {path}, but a restore moved a copy of it aside to "
            f"{copies[0]}; nothing was created. To get that copy back, move it to {path}; "
            f"to start a new, empty workspace there instead, move the folder {copies[0].parent} "
            "somewhere else first"
        )


def _workspace_key(
    path: Path | None, had_data: bool, passphrase: str | None
) -> WorkspaceKey | None:
    if path is None or passphrase is None:
        return None
    from app.core.storage import crypto

    if not had_data:  # a new workspace: encrypted from its first byte
        return crypto.WorkspaceKey.new(passphrase)
    with path.open("rb") as fh:
        if fh.read(len(crypto.SQLITE_HEADER)) == crypto.SQLITE_HEADER:
            return None  # a plain workspace needs no passphrase
    return crypto.WorkspaceKey.derive(passphrase, crypto.workspace_salt(path))


def _check_key(engine: Engine, path: Path | None) -> None:
    from sqlalchemy.exc import DBAPIError

    from app.core.storage import crypto

    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except OperationalError as exc:  # locked, a disk error: the passphrase may be right
        raise WorkspaceError(f"cannot open the workspace: {db.reason(exc)}") from None
    except DBAPIError:  # "file is not a database": the key did not fit
        raise crypto.wrong_passphrase(path) from None


def open_store(engine: Engine, root: Path, key: WorkspaceKey | None) -> AttachmentStore:
    """A plain store, or for an encrypted workspace the encrypted one with its data key
    (made with the workspace: the key lives inside the encrypted database)."""
    if key is None:
        if engine.dialect.name == "postgresql":  # an office server keeps files in its database
            from app.core.storage import db_store

            if db_store.keeps_files_in_database(engine):
                return db_store.DatabaseAttachmentStore(engine, root)
        return AttachmentStore(root)
    from app.core.storage import crypto
    from app.core.storage.store import EncryptedAttachmentStore

    with engine.begin() as connection:
        stored = _setting(connection, ATTACHMENT_KEY_SETTING)
        if stored:
            data_key = crypto.AttachmentKey(bytes.fromhex(stored))
        else:
            data_key = crypto.AttachmentKey.new()
            connection.execute(
                Setting.__table__.insert().values(key=ATTACHMENT_KEY_SETTING, value=data_key.hex())
            )
    if stored is None:
        # Fold the new workspace into its file, so the salt heads it for the next open.
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store = EncryptedAttachmentStore(root, data_key)
    store.sweep_plain_files()
    return store


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _server_login(engine: Engine) -> str:
    """Who the server says this connection is (what the audit trail records and row
    security reads): never the URL's text or an environment variable."""
    with engine.connect() as connection:
        return str(connection.exec_driver_sql("SELECT current_user").scalar_one())


def _setting(connection: Connection, key: str) -> str | None:
    """A workspace setting, by plain SQL: the first ORM statement of a process costs ~70 ms
    of compiling and mapper set-up, which opening a workspace need not pay."""
    return connection.execute(
        text(f"SELECT value FROM {Setting.__tablename__} WHERE key = :key"), {"key": key}
    ).scalar_one_or_none()


def store_root_of(url: URL, engine: Engine) -> Path:
    """Where attachments live: the folder the workspace names, else beside the file."""
    with engine.connect() as connection:
        named = _setting(connection, STORE_SETTING)
    if named:
        return Path(named)
    path = db.sqlite_path(url)
    if path is not None:
        return path.with_name(path.name + ".attachments")
    if db.is_sqlite(url):  # an in-memory workspace keeps attachments in a temp folder
        import tempfile

        return Path(tempfile.mkdtemp(prefix="casefile-store-"))
    # A server workspace without a configured store keeps attachments per machine.
    slug = f"{url.host or 'local'}-{url.database or 'casefile'}".replace("/", "_")
    return Path(platformdirs.user_data_dir("Casefile", appauthor=False)) / f"attachments-{slug}"


def set_store_root(workspace: Workspace, root: Path) -> None:
    """Name the attachment folder in the workspace itself (for a shared office server)."""
    if not root.is_absolute():
        raise StoreError(f"the attachment folder must be an absolute path, not {root}")
    with workspace.session() as session:
        session.merge(Setting(key=STORE_SETTING, value=str(root)))
    workspace.store = open_store(workspace.engine, root, workspace.key)
