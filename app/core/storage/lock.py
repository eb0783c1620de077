"""One desktop app per SQLite workspace: a lock file that names who holds it.

The desktop app opens its workspace with ``exclusive=True``, which takes
``<workspace>.lock``. A second app on the same file is refused with a message
naming the user, machine and process holding it, and when it was taken.
Short CLI commands do not take it; they rely on SQLite's own locking and the
version counters (a stale save is refused, never silently lost). ``casefile
restore`` takes it, so a workspace is never replaced under an open app.

The lock is an OS lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) on the
lock file, not the file's existence: the OS drops it when the process dies, so a
crash or SIGKILL never leaves a stale lock and a re-used pid can never be
mistaken for the holder. The JSON inside only says who holds it, for the message.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import socket
from pathlib import Path
from typing import Any

from app.core.errors import WorkspaceError

# On Windows the locked byte range is mandatory, so lock a byte far past the JSON
# to keep the holder's details readable by the process that is refused.
_WIN_OFFSET = 1 << 30


def lock_path(workspace_file: Path) -> Path:
    return workspace_file.with_name(workspace_file.name + ".lock")


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _try_lock(fd: int) -> bool:
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import msvcrt

        os.lseek(fd, _WIN_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if os.name == "nt":  # pragma: no cover
        import msvcrt

        os.lseek(fd, _WIN_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def holder(workspace_file: Path) -> dict[str, Any] | None:
    """Who the lock file says holds the workspace (None if nobody wrote one)."""
    try:
        data = json.loads(lock_path(workspace_file).read_text(encoding="utf-8") or "null")
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def describe_holder(info: dict[str, Any] | None) -> str:
    if not info:
        return "another Casefile"
    return (
        f"{info.get('user', '?')} on {info.get('host', '?')} "
        f"(process {info.get('pid', '?')}, since {info.get('started_at', '?')})"
    )


class WorkspaceLock:
    """Held from :meth:`acquire` until :meth:`release` (or the process ends)."""

    def __init__(self, workspace_file: Path) -> None:
        self.path = lock_path(workspace_file)
        self.workspace_file = workspace_file
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock or raise WorkspaceError naming who holds it."""
        if self._fd is not None:
            return
        try:
            # A first start: the workspace (and its folder) do not exist yet.
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise WorkspaceError(
                f"cannot create the folder {self.path.parent}: {exc.strerror or exc}"
            ) from None
        while True:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError as exc:
                raise WorkspaceError(
                    f"cannot lock {self.workspace_file}: {exc.strerror or exc}"
                ) from None
            if not _try_lock(fd):
                os.close(fd)
                who = describe_holder(holder(self.workspace_file))
                raise WorkspaceError(
                    f"{self.workspace_file} is open in {who}; "
                    "close it there first (two apps writing one workspace file could lose work)"
                )
            # A holder that released between our open() and lock() may have deleted
            # the file we locked; then lock the new one instead.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        info = {
            "user": _user(),
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "started_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, json.dumps(info).encode("utf-8"))
        os.fsync(fd)
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        # Delete while still locked, so nobody reads our details after we are gone.
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)

    def __enter__(self) -> WorkspaceLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()
