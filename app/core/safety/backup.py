"""Backups of a workspace, their rotation, and restoring one.

A backup is one zip file, self-contained so it can be copied to a USB drive:

* ``workspace.casefile`` - a snapshot of the database made with SQLite's online
  backup API (consistent even while the app is writing; never a file copy of a
  live database), checked with ``PRAGMA integrity_check`` before it is kept;
* ``attachments/ab/<sha256>`` - every file in the attachment store, each hashed
  while it is copied;
* ``manifest.json`` - format, date, schema, SHA-256 of the database and of every
  attachment, any problem found while copying (a missing or damaged file is
  reported, never silently left out), and the audit chain's end in the backed-up
  database (``audit_head``: last id, last hash, entries), a copy outside the
  workspace that ``casefile check`` compares the trail with.

An encrypted workspace (app/core/storage/crypto.py) is backed up encrypted: the snapshot
is made between two connections keyed alike, so it opens with the passphrase the
workspace had that day, and the attachments are copied as they are stored (sealed,
under their HMAC names). Its manifest says ``"encrypted": true``, names files by
those names only, and adds the SHA-256 of each sealed file (``attachment_sha256``)
for the restore check; it never holds a document's name or a plaintext hash.

A PostgreSQL workspace is backed up with ``pg_dump`` (``workspace.pgdump``, custom
format, staged beside its attachment folder, see :func:`staging_area`) plus the
attachments, when ``pg_dump`` is installed; restoring one is
``pg_restore``'s job, which belongs to whoever runs the office server.

Automatic backups go to ``<workspace>.backups/`` beside the workspace, at most one
a day (made on open), and are rotated: the newest of each of the last 7 days, 4
weeks and 6 months that have one are kept. Files are written owner-only (0600 in
a 0700 folder) through app/core/storage/atomic.py. Where backups live, how they are
named and rotated is app/core/safety/backup_files.py; restoring one is
app/core/safety/restore.py (both re-exported here, so ``backup.X`` reaches all of it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import subprocess
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.errors import WorkspaceError
from app.core.progress import Progress, Stages
from app.core.safety.backup_files import (  # noqa: F401 - re-exported: ``backup.X`` for all of it
    DB_NAME,
    FORMAT,
    FORMAT_VERSION,
    KEEP_DAILY,
    KEEP_MONTHLY,
    KEEP_WEEKLY,
    MANIFEST,
    PG_DUMP_NAME,
    PREFIX,
    STAMP,
    backup_due,
    backup_name,
    backups_dir,
    latest_backup,
    list_backups,
    private_dir,
    read_manifest,
    rotate,
    to_keep,
)
from app.core.safety.leftovers import hold, partial_prefix, staging_for, sweep_unfinished
from app.core.safety.restore import RestoreResult, restore_backup  # noqa: F401 - re-exported
from app.core.safety.snapshot import connect_read_only, driver, snapshot_sqlite
from app.core.storage import db
from app.core.storage.atomic import atomic_write
from app.core.storage.faults import fault_point
from app.core.storage.store import CHUNK, sha256_of

if TYPE_CHECKING:
    from app.core.storage.crypto import WorkspaceKey
    from app.core.storage.workspace import Workspace

log = logging.getLogger("casefile.backup")
SERVER_STAGING_SUFFIX = ".unfinished-backups"


@dataclass
class BackupResult:
    path: Path
    attachments: int
    problems: list[str] = field(default_factory=list)


def make_backup(
    ws: Workspace,
    dest: Path | None = None,
    *,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
) -> BackupResult:
    """Back up ``ws`` to ``dest`` (default: a new file in the workspace's backups folder).

    ``progress(done, total)`` may raise to stop: it is told only while the backup is
    still staged or half-written, so a stopped backup leaves no file behind."""
    stages = Stages(progress, {"snapshot": 2, "zip": 3})
    now = now or dt.datetime.now()
    if dest is None:
        if ws.path is None:
            raise WorkspaceError("name the backup file (-o FILE) for a server workspace")
        folder = backups_dir(ws.path)
        dest = folder / backup_name(now)
        n = 1
        while dest.exists():  # two backups in one second: keep both
            dest = folder / backup_name(now, n)
            n += 1
    dest = dest.expanduser().absolute()
    private_dir(dest.parent)
    area = staging_area(ws)
    try:
        private_dir(area)
    except OSError as exc:
        raise WorkspaceError(
            f"no backup was made: its snapshot is prepared in {area}, which cannot be made "
            f"({exc.strerror or exc})"
        ) from None
    sweep_unfinished(area)
    if dest.parent != area:
        sweep_unfinished(dest.parent)
    with staging_for(area, dest) as staging:
        if ws.is_sqlite:
            if ws.path is None:
                raise WorkspaceError("an in-memory workspace cannot be backed up")
            db_file, db_name = staging / DB_NAME, DB_NAME
            snapshot_sqlite(ws.path, db_file, key=ws.key, progress=stages.part("snapshot"))
            chain_end = _chain_end_of_snapshot(db_file, ws.key)
        else:
            db_file, db_name = staging / PG_DUMP_NAME, PG_DUMP_NAME
            chain_end = _chain_end_of(ws)  # read first: the dump holds at least this
            _pg_dump(ws, db_file)
        fault_point("backup:after-snapshot")
        stages.finish("snapshot")
        return _write_zip(ws, dest, db_file, db_name, now, chain_end, stages.part("zip"))


def staging_area(ws: Workspace) -> Path:
    """Where a backup's snapshot is staged, whatever its output: a folder every open of
    the workspace sweeps (:func:`start_daily_backup`), so a killed backup's copy never
    outlives the next open. A SQLite workspace's backups folder; for a server workspace,
    whose dump is as readable, a private folder beside its attachment folder."""
    if ws.path is not None:
        return backups_dir(ws.path)
    root = Path(ws.store.root)
    return root.with_name(root.name + SERVER_STAGING_SUFFIX)


def _chain_end_of_snapshot(db_file: Path, key: WorkspaceKey | None) -> dict[str, object] | None:
    con = connect_read_only(db_file, key)
    try:
        row = con.execute(
            "SELECT last_id, last_hash, entries FROM audit_head WHERE id = 1"
        ).fetchone()
    except driver(key).Error:  # a workspace from before the chain has no head to record
        row = None
    finally:
        con.close()
    return None if row is None else {"last_id": row[0], "last_hash": row[1], "entries": row[2]}


def _chain_end_of(ws: Workspace) -> dict[str, object] | None:
    from app.core.storage import audit_chain

    with ws.reader() as session:
        head = audit_chain.head_of(session.connection())
    return None if head is None else {k: head[k] for k in ("last_id", "last_hash", "entries")}


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
    ws: Workspace,
    dest: Path,
    db_file: Path,
    db_name: str,
    now: dt.datetime,
    chain_end: dict[str, object] | None,
    progress: Progress | None = None,
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
        with atomic_write(dest, prefix=partial_prefix(dest)) as raw:
            hold(raw)  # a later sweep leaves a backup being written alone
            with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
                zf.write(db_file, db_name)
                fault_point("backup:mid-zip")
                # Weighed by bytes: the database is most of a backup, files the rest.
                total = db_file.stat().st_size + sum(_size(store.root / s[:2] / s) for s in stored)
                done = db_file.stat().st_size
                if progress is not None:
                    progress(done, total)  # may stop: the half-written file is removed
                for sha in sorted(stored):
                    size, actual = _copy_into(
                        zf, store.root / sha[:2] / sha, f"attachments/{sha[:2]}/{sha}"
                    )
                    attachments[sha] = size
                    done += size
                    if progress is not None:
                        progress(done, total)
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
                    "database": {"name": db_name, "sha256": sha256_of(db_file)},
                    "attachments": attachments,
                    "problems": problems,
                    "audit_head": chain_end,
                }
                if store.encrypted:
                    manifest.update(encrypted=True, attachment_sha256=sealed)
                zf.writestr(MANIFEST, json.dumps(manifest, indent=2))
    except OSError as exc:
        raise WorkspaceError(
            f"the backup could not be written to {dest}: {exc.strerror or exc}"
        ) from None
    return BackupResult(dest, len(attachments), problems)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # missing: reported as a problem when it is copied
        return 0


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
    con = connect_read_only(db_file, key)
    try:
        rows = con.execute(
            "SELECT DISTINCT file_sha256 FROM documents WHERE file_sha256 IS NOT NULL"
        ).fetchall()
    finally:
        con.close()
    return {row[0] for row in rows}


# -- the daily backup ------------------------------------------------------------------


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
    if ws.path is not None or not ws.is_sqlite:
        sweep_unfinished(staging_area(ws))  # what a killed backup left, at every open
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
