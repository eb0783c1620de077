"""Restoring a backup: every byte checked first, the current workspace moved aside.

Nothing of the current workspace is deleted: its database (with -wal/-shm) and its
attachment folder are renamed to ``*.before-restore-<time>`` beside it, through a
journal that lets the next open finish a restore cut short at any step. A backup of an
office PostgreSQL server is refused here: restoring one is ``pg_restore``'s job.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.errors import WorkspaceError
from app.core.safety.backup_files import (
    DB_NAME,
    PG_DUMP_NAME,
    STAMP,
    private_dir,
    read_manifest,
)
from app.core.safety.snapshot import connect, connect_read_only, driver
from app.core.storage import journal
from app.core.storage.faults import fault_point
from app.core.storage.lock import WorkspaceAccess
from app.core.storage.store import CHUNK, sha256_of

if TYPE_CHECKING:
    from app.core.storage.crypto import WorkspaceKey


@dataclass
class RestoreResult:
    workspace: Path
    store: Path
    moved_aside: list[Path]
    problems: list[str]
    notices: list[str] = field(default_factory=list)  # e.g. an earlier restore finished first


def restore_backup(
    backup: Path,
    workspace_file: Path,
    *,
    store_root: Path | None = None,
    passphrase: str | None = None,
) -> RestoreResult:
    """Replace the workspace with ``backup``, after checking every byte of it.

    The current workspace (database, -wal/-shm and attachment folder) is moved aside
    to ``*.before-restore-<time>``, never deleted. Refused while anyone has the
    workspace open (app/core/storage/lock.py). The database of an encrypted backup is
    checked with SQLite's integrity check only when its ``passphrase`` is given (its
    bytes always are). A journal written before anything moves lets the next open
    finish a restore cut short (app/core/storage/journal.py).
    """
    manifest = read_manifest(backup)
    if manifest.get("backend") != "sqlite":
        raise WorkspaceError(
            "this is a backup of an office PostgreSQL server: restoring it is done on the "
            f"server with pg_restore (its {PG_DUMP_NAME} inside the zip), which is the job of "
            "whoever runs the server"
        )
    backup = backup.expanduser().absolute()
    workspace_file = workspace_file.expanduser().absolute()
    private_dir(workspace_file.parent)
    with WorkspaceAccess(workspace_file, "a restore") as access:
        access.exclusive("restoring a backup into", doing="replacing it")
        earlier = journal.recover(workspace_file)  # an earlier restore cut short comes first
        journal.sweep_unjournaled(workspace_file)  # what one killed before its journal left
        staging = Path(
            tempfile.mkdtemp(
                prefix=journal.restoring_prefix(workspace_file), dir=workspace_file.parent
            )
        )
        try:
            problems, key = _extract_checked(backup, manifest, staging, passphrase)
            staged_db, staged_store = staging / DB_NAME, staging / "attachments"
            encrypted_unread = bool(manifest.get("encrypted")) and key is None
            store = (
                store_root
                or (None if encrypted_unread else _named_store(staged_db, key))
                or workspace_file.with_name(workspace_file.name + ".attachments")
            )
            stamp = dt.datetime.now().strftime(STAMP)
            plan = journal.RestorePlan.make(
                backup, workspace_file, store, staging, staged_db, staged_store, stamp
            )
            fault_point("restore:before-journal")
            plan.write()
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        try:
            journal.carry_out(plan)
        except OSError as exc:
            raise WorkspaceError(
                f"the restore was cut short ({exc.strerror or exc}); opening the workspace "
                "again finishes it, or puts the previous one back"
            ) from None
    notices = [earlier] if earlier else []
    return RestoreResult(workspace_file, store, plan.moved_aside(), problems, notices)


def _extract_checked(
    backup: Path, manifest: dict[str, Any], staging: Path, passphrase: str | None = None
) -> tuple[list[str], WorkspaceKey | None]:
    problems: list[str] = []
    expected: dict[str, int] = manifest.get("attachments", {})
    sealed: dict[str, str] | None = manifest.get("attachment_sha256")
    store = staging / "attachments"
    private_dir(store)
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
                private_dir(target.parent)
                if _extract(zf, member, target) != (sha if sealed is None else sealed.get(sha)):
                    problems.append(f"attachment {sha} in the backup does not match its hash")
    except (OSError, zipfile.BadZipFile) as exc:
        raise WorkspaceError(f"{backup} cannot be read: {exc}") from None
    if sha256_of(staging / DB_NAME) != manifest["database"]["sha256"]:
        raise WorkspaceError(f"the database in {backup} is damaged (its hash does not match)")
    key = None
    if manifest.get("encrypted"):
        if passphrase is None:
            return problems, None  # its bytes match; the rest needs the passphrase
        from app.core.storage import crypto

        key = crypto.unlock(staging / DB_NAME, passphrase)
    con = connect(staging / DB_NAME, key)
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
    con = connect_read_only(db_file, key)
    try:
        row = con.execute(
            "SELECT value FROM workspace_settings WHERE key = 'attachment_store'"
        ).fetchone()
    except driver(key).Error:
        row = None
    finally:
        con.close()
    return Path(row[0]) if row and row[0] else None
