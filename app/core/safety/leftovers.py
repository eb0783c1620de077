"""What a killed backup or restore leaves holding client data, and sweeping it away.

A backup is staged in ``.casefile-backup-*/`` (the database snapshot: for a plain
workspace a full readable copy) and written as ``.<name>.partial-*`` beside its output
before it is renamed into place. The staging folder always lives in a folder that
every open sweeps (a SQLite workspace's own backups folder, even for ``backup -o
FILE``), and before anything else it gets a note (``output.json``) naming where the
partial file is written. A process killed meanwhile leaves both behind; the next open
(:func:`sweep_unfinished` on the backups folder) removes the staging folder and, as its
note says, the partial file beside the output, wherever that is. Each is held under
an advisory lock (``flock``) while its backup runs, so only those whose process is
gone are removed, never one another process is writing. Where ``flock`` is missing
(Windows) a leftover counts as abandoned after a day.

What a restore killed before its journal leaves is swept by every open too
(``journal.sweep_unjournaled``, in storage, where opening a workspace reaches it).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

STAGING_PREFIX = ".casefile-backup-"
STAGING_LOCK = ".in-progress"
OUTPUT_NOTE = "output.json"
PARTIAL_MARK = ".partial-"
# A staging folder is locked a moment after it is made, and a partial file a moment
# after it is created; one older than this without its lock was left by a process
# killed in that moment (and holds nothing yet).
UNLOCKED_GRACE_SECONDS = 600
NO_FLOCK_GRACE_SECONDS = 24 * 3600

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def partial_prefix(dest: Path) -> str:
    """How the file being written for ``dest`` is named, beside it, until it is done."""
    return f".{dest.name}{PARTIAL_MARK}"


@contextlib.contextmanager
def held_while_working(lock_file: Path) -> Iterator[None]:
    """Hold ``lock_file`` (created owner-only) for as long as the block runs.

    The file is locked under a draft name and only then given its own: a sweep never
    finds it unlocked while its holder lives (a missing lock file in a young folder
    counts as a backup starting)."""
    draft = lock_file.with_name(f".{lock_file.name}.draft")
    fd = os.open(draft, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.replace(draft, lock_file)
        yield
    finally:
        os.close(fd)  # releases the lock


@contextlib.contextmanager
def staging_for(area: Path, dest: Path) -> Iterator[Path]:
    """A private staging folder in ``area`` (a folder every open sweeps) for a backup
    written to ``dest``: locked, with the note of its output, removed when it ends."""
    with tempfile.TemporaryDirectory(prefix=STAGING_PREFIX, dir=area) as tmp:
        staging = Path(tmp)
        with held_while_working(staging / STAGING_LOCK):
            # Before any partial file exists: a kill from here on is found by the note.
            note = {"folder": str(dest.parent), "partial_prefix": partial_prefix(dest)}
            (staging / OUTPUT_NOTE).write_text(json.dumps(note), encoding="utf-8")
            yield staging


def hold(file: IO[Any]) -> None:
    """Lock an open file being written until it is closed."""
    if fcntl is not None:
        fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def sweep_unfinished(folder: Path) -> list[Path]:
    """Remove the staging folders and partial files of backups killed in ``folder``, and
    the partial files their notes name elsewhere."""
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        with contextlib.suppress(OSError):
            if entry.name.startswith(STAGING_PREFIX) and entry.is_dir():
                if _abandoned(entry / STAGING_LOCK, entry):
                    removed += _sweep_output_of(entry)
                    shutil.rmtree(entry)
                    removed.append(entry)
            elif _is_partial(entry) and _abandoned(entry, entry):
                entry.unlink()
                removed.append(entry)
    return removed


def _sweep_output_of(staging: Path) -> list[Path]:
    """The partial files the note of an abandoned staging folder names."""
    try:
        note = json.loads((staging / OUTPUT_NOTE).read_text(encoding="utf-8"))
        folder, prefix = Path(note["folder"]), str(note["partial_prefix"])
    except (OSError, ValueError, KeyError, TypeError):
        return []  # killed before its note: no partial file was begun
    if not prefix.startswith(".") or PARTIAL_MARK not in prefix or "/" in prefix:
        return []  # not a note this code wrote: touch nothing
    removed: list[Path] = []
    try:
        entries = [e for e in folder.iterdir() if e.name.startswith(prefix)]
    except OSError:
        return []
    for entry in entries:
        with contextlib.suppress(OSError):
            if _is_partial(entry) and _abandoned(entry, entry):
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
    if leftover.is_file() and leftover.stat().st_size == 0 and age <= UNLOCKED_GRACE_SECONDS:
        return False  # just created, not locked yet (and holding nothing)
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
    "OUTPUT_NOTE",
    "PARTIAL_MARK",
    "STAGING_LOCK",
    "STAGING_PREFIX",
    "held_while_working",
    "hold",
    "partial_prefix",
    "staging_for",
    "sweep_unfinished",
]
