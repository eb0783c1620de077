"""What a killed backup leaves beside its target, and sweeping it away.

A backup is staged in ``.casefile-backup-*/`` (the database snapshot: for a plain
workspace a full readable copy) and written as ``.<name>.partial-*`` before it is
renamed into place. A process killed meanwhile leaves both behind, and nothing else
would ever remove them. Each is held under an advisory lock (``flock``) while its
backup runs, so :func:`sweep_unfinished` (at every open and before every backup)
removes only those whose process is gone, never one another process is writing.
Where ``flock`` is missing (Windows) a leftover counts as abandoned after a day.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

STAGING_PREFIX = ".casefile-backup-"
STAGING_LOCK = ".in-progress"
PARTIAL_MARK = ".partial-"
# A staging folder is locked a moment after it is made; one older than this without
# its lock file was left by a process killed in that moment.
UNLOCKED_GRACE_SECONDS = 600
NO_FLOCK_GRACE_SECONDS = 24 * 3600

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


@contextlib.contextmanager
def held_while_working(lock_file: Path) -> Iterator[None]:
    """Hold ``lock_file`` (created owner-only) for as long as the block runs."""
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def hold(file: IO[Any]) -> None:
    """Lock an open file being written until it is closed."""
    if fcntl is not None:
        fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def sweep_unfinished(folder: Path) -> list[Path]:
    """Remove the staging folders and partial files of backups killed in ``folder``."""
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        with contextlib.suppress(OSError):
            if entry.name.startswith(STAGING_PREFIX) and entry.is_dir():
                if _abandoned(entry / STAGING_LOCK, entry):
                    shutil.rmtree(entry)
                    removed.append(entry)
            elif _is_partial(entry) and _abandoned(entry, entry):
                entry.unlink()
                removed.append(entry)
    return removed


def _is_partial(entry: Path) -> bool:
    if not (entry.name.startswith(".") and PARTIAL_MARK in entry.name and entry.is_file()):
        return False
    with entry.open("rb") as fh:
        head = fh.read(2)
    return head in (b"", b"PK")  # a zip being written (or not begun): nobody else's file


def _abandoned(lock_file: Path, leftover: Path) -> bool:
    age = time.time() - leftover.stat().st_mtime
    if fcntl is None:
        return age > NO_FLOCK_GRACE_SECONDS
    try:
        fd = os.open(lock_file, os.O_RDONLY)
    except FileNotFoundError:
        return age > UNLOCKED_GRACE_SECONDS
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False  # its backup is still being written
    finally:
        os.close(fd)
    return True


__all__ = [
    "PARTIAL_MARK",
    "STAGING_LOCK",
    "STAGING_PREFIX",
    "held_while_working",
    "hold",
    "sweep_unfinished",
]
