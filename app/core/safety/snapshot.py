"""A workspace's SQLite file opened directly, plain or encrypted, and a consistent copy of it.

Backups and restores work on the database file, not through a workspace: a snapshot
is made with SQLite's online backup API (consistent even while the app is writing;
never a file copy of a live database) and checked with ``PRAGMA integrity_check``
before it is trusted. An encrypted workspace (app/core/storage/crypto.py) is read and
copied through SQLCipher connections with its key, so no page is written in the clear.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.errors import WorkspaceError

if TYPE_CHECKING:
    from app.core.progress import Progress
    from app.core.storage.crypto import WorkspaceKey


def connect(path: Path, key: WorkspaceKey | None, **kwargs: Any) -> Any:
    """A DB-API connection to the file: sqlite3, or SQLCipher with ``key``."""
    if key is None:
        return sqlite3.connect(path, **kwargs)
    from app.core.storage import crypto

    return crypto.connect(path, key, **kwargs)


def connect_read_only(path: Path, key: WorkspaceKey | None) -> Any:
    """A connection that cannot change the file (read-only for a plain one)."""
    if key is None:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    return connect(path, key)


def driver(key: WorkspaceKey | None) -> Any:
    """The DB-API module whose exceptions a connection from :func:`connect` raises."""
    if key is None:
        return sqlite3
    from app.core.storage import crypto

    return crypto.sqlcipher()


def snapshot_sqlite(
    source: Path,
    target: Path,
    *,
    key: WorkspaceKey | None = None,
    progress: Progress | None = None,
) -> None:
    """A consistent copy of a live SQLite database, checked before it is trusted.

    With ``key`` both ends are SQLCipher connections with that key: pages are
    decrypted and encrypted again on the way, and never written in the clear.
    ``progress(pages copied, pages)`` is told every 4096 pages; it may raise to stop
    (the caller removes ``target``)."""
    dbapi = driver(key)
    try:
        # A normal connection: a read-only one cannot open a WAL database whose
        # -shm file is missing. It only reads.
        src = connect(source, key, timeout=30)
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.close(fd)
            dst = connect(target, key)
            try:
                if progress is None:
                    src.backup(dst, pages=4096)
                else:
                    src.backup(
                        dst,
                        pages=4096,
                        progress=lambda _status, left, total: progress(total - left, total),
                    )
                dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
                result = dst.execute("PRAGMA integrity_check").fetchall()
            finally:
                dst.close()
        finally:
            src.close()
    except dbapi.OperationalError as exc:  # locked, disk full, unreadable file
        raise WorkspaceError(f"the workspace could not be backed up: {exc}") from None
    except dbapi.DatabaseError as exc:  # SQLITE_CORRUPT and the like
        raise WorkspaceError(
            "the workspace is damaged, so no backup was made (the existing backups are kept): "
            f"{exc}"
        ) from None
    if result != [("ok",)]:
        raise WorkspaceError(
            "the workspace is damaged, so no backup was made (the existing backups are kept): "
            + "; ".join(str(row[0]) for row in result[:5])
        )
