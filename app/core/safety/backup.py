"""Backups of a workspace, their rotation, and restoring one.

A backup is one zip file, self-contained so it can be copied to a USB drive:

* ``workspace.casefile`` - a snapshot of the database made with SQLite's online
  backup API (consistent even while the app is writing; never a file copy of a
  live database), checked with ``PRAGMA integrity_check`` before it is kept;
* ``attachments/ab/<sha256>`` - every file in the attachment store, each hashed
  while it is copied;
* ``manifest.json`` - format, date, schema, SHA-256 of the database and of every
  attachment, and any problem found while copying (a missing or damaged file is
  reported, never silently left out).

An encrypted workspace (app/core/storage/crypto.py) is backed up encrypted: the snapshot
is made between two connections keyed alike, so it opens with the passphrase the
workspace had that day, and the attachments are copied as they are stored (sealed,
under their HMAC names). Its manifest says ``"encrypted": true``, names files by
those names only, and adds the SHA-256 of each sealed file (``attachment_sha256``)
for the restore check; it never holds a document's name or a plaintext hash.

A PostgreSQL workspace is backed up with ``pg_dump`` (``workspace.pgdump``, custom
format) plus the attachments, when ``pg_dump`` is installed; restoring one is
``pg_restore``'s job, which belongs to whoever runs the office server.

Automatic backups go to ``<workspace>.backups/`` beside the workspace, at most one
a day (made on open), and are rotated: the newest of each of the last 7 days, 4
weeks and 6 months that have one are kept. Files are written owner-only (0600 in
a 0700 folder) to a temporary name, flushed to disk and renamed into place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import subprocess
import tempfile
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.errors import WorkspaceError
from app.core.storage import db
from app.core.storage.atomic import atomic_write, fsync_dir, move_into_place
from app.core.storage.store import CHUNK

if TYPE_CHECKING:
    from app.core.storage.crypto import WorkspaceKey
    from app.core.storage.workspace import Workspace

log = logging.getLogger("casefile.backup")

FORMAT = "casefile-backup"
FORMAT_VERSION = 1
DB_NAME = "workspace.casefile"
PG_DUMP_NAME = "workspace.pgdump"
MANIFEST = "manifest.json"
PREFIX = "casefile-backup-"
STAMP = "%Y%m%d-%H%M%S"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 6


@dataclass
class BackupResult:
    path: Path
    attachments: int
    problems: list[str] = field(default_factory=list)


def backups_dir(workspace_file: Path) -> Path:
    return workspace_file.with_name(workspace_file.name + ".backups")


def _stamp_of(path: Path) -> dt.datetime | None:
    if not (path.name.startswith(PREFIX) and path.suffix == ".zip"):
        return None
    try:
        return dt.datetime.strptime(path.stem[len(PREFIX) :], STAMP)
    except ValueError:
        return None


def list_backups(workspace_file: Path) -> list[Path]:
    """The rotated backups of a workspace, newest first."""
    folder = backups_dir(workspace_file)
    if not folder.is_dir():
        return []
    found = [(stamp, p) for p in folder.iterdir() if (stamp := _stamp_of(p)) is not None]
    return [p for _stamp, p in sorted(found, reverse=True)]


def latest_backup(workspace_file: Path) -> Path | None:
    backups = list_backups(workspace_file)
    return backups[0] if backups else None


# -- making a backup ---------------------------------------------------------------------


def make_backup(
    ws: Workspace, dest: Path | None = None, *, now: dt.datetime | None = None
) -> BackupResult:
    """Back up ``ws`` to ``dest`` (default: a new file in the workspace's backups folder)."""
    now = now or dt.datetime.now()
    if dest is None:
        if ws.path is None:
            raise WorkspaceError("name the backup file (-o FILE) for a server workspace")
        folder = backups_dir(ws.path)
        dest = folder / f"{PREFIX}{now.strftime(STAMP)}.zip"
        n = 1
        while dest.exists():  # two backups in one second: keep both
            dest = folder / f"{PREFIX}{now.strftime(STAMP)}-{n}.zip"
            n += 1
    dest = dest.expanduser().absolute()
    _private_dir(dest.parent)
    with tempfile.TemporaryDirectory(prefix=".casefile-backup-", dir=dest.parent) as tmp:
        staging = Path(tmp)
        if ws.is_sqlite:
            if ws.path is None:
                raise WorkspaceError("an in-memory workspace cannot be backed up")
            db_file, db_name = staging / DB_NAME, DB_NAME
            snapshot_sqlite(ws.path, db_file, key=ws.key)
        else:
            db_file, db_name = staging / PG_DUMP_NAME, PG_DUMP_NAME
            _pg_dump(ws, db_file)
        return _write_zip(ws, dest, db_file, db_name, now)


def _connect(path: Path, key: WorkspaceKey | None, **kwargs: Any) -> Any:
    if key is None:
        return sqlite3.connect(path, **kwargs)
    from app.core.storage import crypto

    return crypto.connect(path, key, **kwargs)


def _driver(key: WorkspaceKey | None) -> Any:
    if key is None:
        return sqlite3
    from app.core.storage import crypto

    return crypto.sqlcipher()


def snapshot_sqlite(source: Path, target: Path, *, key: WorkspaceKey | None = None) -> None:
    """A consistent copy of a live SQLite database, checked before it is trusted.

    With ``key`` both ends are SQLCipher connections with that key: pages are
    decrypted and encrypted again on the way, and never written in the clear."""
    driver = _driver(key)
    try:
        # A normal connection: a read-only one cannot open a WAL database whose
        # -shm file is missing. It only reads.
        src = _connect(source, key, timeout=30)
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.close(fd)
            dst = _connect(target, key)
            try:
                src.backup(dst, pages=4096)
                dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
                result = dst.execute("PRAGMA integrity_check").fetchall()
            finally:
                dst.close()
        finally:
            src.close()
    except driver.OperationalError as exc:  # locked, disk full, unreadable file
        raise WorkspaceError(f"the workspace could not be backed up: {exc}") from None
    except driver.DatabaseError as exc:  # SQLITE_CORRUPT and the like
        raise WorkspaceError(
            "the workspace is damaged, so no backup was made (the existing backups are kept): "
            f"{exc}"
        ) from None
    if result != [("ok",)]:
        raise WorkspaceError(
            "the workspace is damaged, so no backup was made (the existing backups are kept): "
            + "; ".join(str(row[0]) for row in result[:5])
        )


def _pg_dump(ws: Workspace, target: Path) -> None:
    exe = shutil.which("pg_dump")
    if exe is None:
        raise WorkspaceError(
            "pg_dump is not installed on this computer, so Casefile cannot back up the office "
            "server; backing up a shared PostgreSQL server is the office's job (ask whoever "
            "runs it), or install the PostgreSQL client tools and try again"
        )
    url = ws.url
    args = [exe, "--format=custom", "--no-owner", f"--file={target}"]
    host = url.query.get("host") or url.host
    if host:
        args.append(f"--host={host if isinstance(host, str) else host[0]}")
    port = url.query.get("port") or url.port
    if port:
        args.append(f"--port={port if not isinstance(port, tuple) else port[0]}")
    if url.username:
        args.append(f"--username={url.username}")
    args.append(f"--dbname={url.database}")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise WorkspaceError(f"pg_dump failed: {done.stderr.strip().splitlines()[-1:]}")


def _write_zip(
    ws: Workspace, dest: Path, db_file: Path, db_name: str, now: dt.datetime
) -> BackupResult:
    problems: list[str] = []
    attachments: dict[str, int] = {}
    sealed: dict[str, str] = {}  # an encrypted store: stored name -> SHA-256 of the file
    store = ws.store
    referenced = _referenced_hashes(db_file, ws.key) if db_name == DB_NAME else set()
    stored = set(store.stored_names())  # a plain store's names are the hashes
    for name in sorted(store.name_for(sha) for sha in referenced):
        if name not in stored:
            problems.append(f"attachment {name} is referenced but missing from the store")
    try:
        with atomic_write(dest, prefix=f".{dest.name}.partial-") as raw:
            with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
                zf.write(db_file, db_name)
                for sha in sorted(stored):
                    size, actual = _copy_into(
                        zf, store.root / sha[:2] / sha, f"attachments/{sha[:2]}/{sha}"
                    )
                    attachments[sha] = size
                    if store.encrypted:
                        sealed[sha] = actual  # checked against the plaintext by `check`
                    elif actual != sha:
                        problems.append(f"attachment {sha} is damaged in the store (copied as is)")
                manifest = {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "created_at": now.astimezone().isoformat(timespec="seconds"),
                    "backend": "sqlite" if db_name == DB_NAME else "postgresql",
                    "workspace": ws.describe(),
                    "schema": db.head_revision(),
                    "database": {"name": db_name, "sha256": _sha256(db_file)},
                    "attachments": attachments,
                    "problems": problems,
                }
                if store.encrypted:
                    manifest.update(encrypted=True, attachment_sha256=sealed)
                zf.writestr(MANIFEST, json.dumps(manifest, indent=2))
    except OSError as exc:
        raise WorkspaceError(
            f"the backup could not be written to {dest}: {exc.strerror or exc}"
        ) from None
    return BackupResult(dest, len(attachments), problems)


def _copy_into(zf: zipfile.ZipFile, source: Path, name: str) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with source.open("rb") as fh, zf.open(zipfile.ZipInfo(name), "w") as out:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return size, digest.hexdigest()


def _referenced_hashes(db_file: Path, key: WorkspaceKey | None = None) -> set[str]:
    con = (
        sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
        if key is None
        else _connect(db_file, key)
    )
    try:
        rows = con.execute(
            "SELECT DISTINCT file_sha256 FROM documents WHERE file_sha256 IS NOT NULL"
        ).fetchall()
    finally:
        con.close()
    return {row[0] for row in rows}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _private_dir(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)


# -- rotation and the daily backup -------------------------------------------------------


def to_keep(stamps: list[dt.datetime]) -> set[dt.datetime]:
    """Newest backup of each of the last 7 days, 4 ISO weeks and 6 months that have one."""
    keep: set[dt.datetime] = set()
    for key, count in (
        (lambda s: s.date(), KEEP_DAILY),
        (lambda s: s.isocalendar()[:2], KEEP_WEEKLY),
        (lambda s: (s.year, s.month), KEEP_MONTHLY),
    ):
        seen: list[Any] = []
        for stamp in sorted(stamps, reverse=True):
            period = key(stamp)
            if period not in seen:
                seen.append(period)
                if len(seen) > count:
                    break
                keep.add(stamp)
    return keep


def rotate(workspace_file: Path) -> list[Path]:
    """Delete the backups rotation no longer keeps; returns what was deleted."""
    dated = {p: _stamp_of(p) for p in list_backups(workspace_file)}
    keep = to_keep([s for s in dated.values() if s is not None])
    removed = []
    for path, stamp in dated.items():
        if stamp not in keep:
            path.unlink()
            removed.append(path)
    return removed


def backup_due(workspace_file: Path, now: dt.datetime | None = None) -> bool:
    today = (now or dt.datetime.now()).date()
    latest = latest_backup(workspace_file)
    stamp = _stamp_of(latest) if latest else None
    return stamp is None or stamp.date() != today


def daily_backup(ws: Workspace) -> BackupResult | None:
    """Today's automatic backup, if none was made yet; rotates the old ones after it."""
    if ws.path is None or not backup_due(ws.path):
        return None
    try:
        result = make_backup(ws)
        rotate(ws.path)
    except Exception as exc:  # a failed backup must not stop anyone working; say so
        log.warning("casefile: the daily backup failed: %s", exc)
        return None
    for problem in result.problems:
        log.warning("casefile: backup %s: %s", result.path.name, problem)
    return result


def _has_records(ws: Workspace) -> bool:
    """An empty workspace (just created, or copied from a template) has nothing to keep.

    Plain SQL: the first ORM statement of a process costs ~70 ms of set-up."""
    from app.core.storage.models import Case, Person

    with ws.engine.connect() as connection:
        return any(
            connection.exec_driver_sql(f"SELECT 1 FROM {m.__tablename__} LIMIT 1").first()
            is not None
            for m in (Case, Person)
        )


def _daily_backup_if_records(ws: Workspace) -> None:
    if _has_records(ws):
        daily_backup(ws)


def start_daily_backup(ws: Workspace, *, background: bool) -> threading.Thread | None:
    """Run :func:`daily_backup` now, or on a thread the workspace joins when it closes.

    In the background even the check for records happens on the thread, so the desktop
    app's window does not wait for it."""
    if ws.path is None or not backup_due(ws.path):
        return None
    if not background:
        _daily_backup_if_records(ws)
        return None
    thread = threading.Thread(
        target=_daily_backup_if_records, args=(ws,), name="casefile-backup", daemon=True
    )
    thread.start()
    return thread


# -- restoring ---------------------------------------------------------------------------


@dataclass
class RestoreResult:
    workspace: Path
    store: Path
    moved_aside: list[Path]
    problems: list[str]


def read_manifest(backup: Path) -> dict[str, Any]:
    try:
        with zipfile.ZipFile(backup) as zf:
            manifest = json.loads(zf.read(MANIFEST))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise WorkspaceError(f"{backup} is not a Casefile backup: {exc}") from None
    if manifest.get("format") != FORMAT:
        raise WorkspaceError(f"{backup} is not a Casefile backup")
    if int(manifest.get("format_version", 0)) > FORMAT_VERSION:
        raise WorkspaceError(f"{backup} was made by a newer Casefile; update Casefile first")
    return manifest


def restore_backup(
    backup: Path,
    workspace_file: Path,
    *,
    store_root: Path | None = None,
    passphrase: str | None = None,
) -> RestoreResult:
    """Replace the workspace with ``backup``, after checking every byte of it.

    The current workspace (database, -wal/-shm and attachment folder) is moved aside
    to ``*.before-restore-<time>``, never deleted. Refused while an app has the
    workspace open. The database of an encrypted backup is checked with SQLite's
    integrity check only when its ``passphrase`` is given (its bytes always are).
    """
    from app.core.storage.lock import WorkspaceLock

    manifest = read_manifest(backup)
    if manifest.get("backend") != "sqlite":
        raise WorkspaceError(
            "this is a backup of an office PostgreSQL server: restoring it is done on the "
            f"server with pg_restore (its {PG_DUMP_NAME} inside the zip), which is the job of "
            "whoever runs the server"
        )
    workspace_file = workspace_file.expanduser().absolute()
    _private_dir(workspace_file.parent)
    with (
        WorkspaceLock(workspace_file),
        tempfile.TemporaryDirectory(prefix=".casefile-restore-", dir=workspace_file.parent) as tmp,
    ):
        staging = Path(tmp)
        problems, key = _extract_checked(backup, manifest, staging, passphrase)
        staged_db, staged_store = staging / DB_NAME, staging / "attachments"
        encrypted_unread = bool(manifest.get("encrypted")) and key is None
        store = (
            store_root
            or (None if encrypted_unread else _named_store(staged_db, key))
            or workspace_file.with_name(workspace_file.name + ".attachments")
        )
        stamp = dt.datetime.now().strftime(STAMP)
        moved = _move_aside(workspace_file, store, stamp)
        move_into_place(staged_db, workspace_file)
        store.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(staged_store), str(store))
        fsync_dir(store.parent)
    return RestoreResult(workspace_file, store, moved, problems)


def _extract_checked(
    backup: Path, manifest: dict[str, Any], staging: Path, passphrase: str | None = None
) -> tuple[list[str], WorkspaceKey | None]:
    problems: list[str] = []
    expected: dict[str, int] = manifest.get("attachments", {})
    sealed: dict[str, str] | None = manifest.get("attachment_sha256")
    store = staging / "attachments"
    _private_dir(store)
    try:
        with zipfile.ZipFile(backup) as zf:
            names = set(zf.namelist())
            if DB_NAME not in names:
                raise WorkspaceError(f"{backup} holds no workspace database")
            _extract(zf, DB_NAME, staging / DB_NAME)
            for sha in expected:
                member = f"attachments/{sha[:2]}/{sha}"
                if member not in names:
                    problems.append(f"attachment {sha} is listed but not in the backup")
                    continue
                target = store / sha[:2] / sha
                _private_dir(target.parent)
                if _extract(zf, member, target) != (sha if sealed is None else sealed.get(sha)):
                    problems.append(f"attachment {sha} in the backup does not match its hash")
    except (OSError, zipfile.BadZipFile) as exc:
        raise WorkspaceError(f"{backup} cannot be read: {exc}") from None
    if _sha256(staging / DB_NAME) != manifest["database"]["sha256"]:
        raise WorkspaceError(f"the database in {backup} is damaged (its hash does not match)")
    key = None
    if manifest.get("encrypted"):
        if passphrase is None:
            return problems, None  # its bytes match; the rest needs the passphrase
        from app.core.storage import crypto

        key = crypto.unlock(staging / DB_NAME, passphrase)
    con = _connect(staging / DB_NAME, key)
    try:
        result = con.execute("PRAGMA integrity_check").fetchall()
    finally:
        con.close()
    if result != [("ok",)]:
        raise WorkspaceError(f"the database in {backup} is damaged: {result[0][0]}")
    return problems, key


def _extract(zf: zipfile.ZipFile, member: str, target: Path) -> str:
    digest = hashlib.sha256()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with zf.open(member) as src, os.fdopen(fd, "wb") as out:
        for chunk in iter(lambda: src.read(CHUNK), b""):
            digest.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    return digest.hexdigest()


def _named_store(db_file: Path, key: WorkspaceKey | None = None) -> Path | None:
    con = (
        sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
        if key is None
        else _connect(db_file, key)
    )
    try:
        row = con.execute(
            "SELECT value FROM workspace_settings WHERE key = 'attachment_store'"
        ).fetchone()
    except _driver(key).Error:
        row = None
    finally:
        con.close()
    return Path(row[0]) if row and row[0] else None


def _move_aside(workspace_file: Path, store: Path, stamp: str) -> list[Path]:
    """Move the current workspace and its store out of the way; never delete them."""
    moved: list[Path] = []
    files = [workspace_file.with_name(workspace_file.name + s) for s in ("", "-wal", "-shm")]
    present = [f for f in files if f.exists()]
    if present:
        aside = workspace_file.with_name(f"{workspace_file.name}.before-restore-{stamp}")
        _private_dir(aside)
        for f in present:  # the database with its WAL: a consistent set
            os.replace(f, aside / f.name)
        moved.append(aside)
    if store.exists():
        aside_store = store.with_name(f"{store.name}.before-restore-{stamp}")
        os.replace(store, aside_store)
        moved.append(aside_store)
    return moved
