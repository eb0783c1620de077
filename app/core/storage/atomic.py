"""Writing a file so that it is either complete or not there at all: one way, for every writer.

Attachments, backups, archives, briefs and the encrypted workspace are all written the
same way: into a temporary file in the target's own folder (a rename is atomic only
within one file system), flushed and fsynced, renamed over the target, and then the
folder itself is fsynced so the rename survives a power cut. Any failure on the way
removes the temporary file and leaves the target as it was. Temporary files are
created by :func:`tempfile.mkstemp`, so they (and the files they become) are
owner-only (0600).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


def fsync_dir(folder: Path) -> None:
    """Make a rename into ``folder`` durable. Not possible (nor needed) on Windows."""
    if os.name != "posix":
        return
    fd = os.open(folder if str(folder) else ".", os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    """Flush a file someone else wrote (by name) to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def move_into_place(source: Path, target: Path) -> None:
    """Rename the finished file ``source`` over ``target``, durably.

    For a file written by other code (SQLite, an extractor): its bytes are synced first,
    so the rename can never publish a file whose contents are still in memory."""
    fsync_file(source)
    os.replace(source, target)
    fsync_dir(target.parent)


class StagedFile:
    """A temporary file beside its future target, open for writing.

    Write to :attr:`file` (or close it and let other code write :attr:`path`), then
    :meth:`commit` it to its target; leaving :func:`staged_file` without a commit
    discards it."""

    def __init__(self, path: Path, file: IO[Any]) -> None:
        self.path = path
        self.file = file
        self.committed = False

    def commit(self, target: Path) -> None:
        """Flush, fsync and close the file, rename it over ``target``, fsync the folder."""
        if not self.file.closed:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
            os.replace(self.path, target)
            fsync_dir(target.parent)
        else:
            move_into_place(self.path, target)
        self.committed = True

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.file.close()
        with contextlib.suppress(OSError):
            self.path.unlink()


@contextlib.contextmanager
def staged_file(
    folder: Path, *, prefix: str = ".casefile-", suffix: str = "", mode: str = "wb"
) -> Iterator[StagedFile]:
    """A :class:`StagedFile` in ``folder``, removed on the way out unless committed.

    For writers that learn their target only once the bytes are written (the
    attachment store names a file by its hash)."""
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
    try:
        file = os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8"}))
    except BaseException:
        os.close(fd)
        Path(name).unlink(missing_ok=True)
        raise
    staged = StagedFile(Path(name), file)
    try:
        yield staged
    finally:
        if not staged.committed:
            staged.discard()


@contextlib.contextmanager
def atomic_write(
    path: str | os.PathLike[str], mode: str = "wb", *, prefix: str | None = None, suffix: str = ""
) -> Iterator[IO[Any]]:
    """Write ``path`` through the file yielded; it replaces ``path`` only if the block ends
    normally. ``mode`` is ``"wb"`` or ``"w"`` (UTF-8 text)."""
    if mode not in ("wb", "w"):
        raise ValueError(f"atomic_write writes a new file ('wb' or 'w'), not {mode!r}")
    target = Path(path)
    folder = target.parent
    with staged_file(folder, prefix=prefix or f".{target.name}.", suffix=suffix, mode=mode) as st:
        yield st.file
        st.commit(target)


__all__ = [
    "StagedFile",
    "atomic_write",
    "fsync_dir",
    "fsync_file",
    "move_into_place",
    "staged_file",
]
