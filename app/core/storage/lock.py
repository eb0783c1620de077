"""Who may use a SQLite workspace at once: one desktop app; no writer during encrypt/restore.

Two locks live beside a workspace file:

* ``<workspace>.lock`` (:class:`WorkspaceLock`): one desktop app per workspace.
* ``<workspace>.in-use/`` (:class:`WorkspaceAccess`): every open workspace (the app,
  every command) holds its ``lock`` file SHARED for as long as it is open; the
  operations that replace or re-key the file (``encrypt``, ``restore``, ``passphrase``)
  hold it EXCLUSIVE. Neither side waits: a writer that finds an exclusive operation
  running is refused naming it, and an exclusive operation that finds a writer is
  refused naming every one. Each holder leaves a note (``<token>.json``, locked by its
  holder, so a note whose holder died is known stale) saying who it is, for those
  messages. On Windows only the first lock exists (``msvcrt`` has no shared locks):
  there the exclusive operations take the app's lock, as before, and a command that
  writes while one of them runs is not stopped; that is a known limit.

The desktop app opens its workspace with ``exclusive=True``, which takes
``<workspace>.lock``. A second app on the same file is refused with a message
naming the user, machine and process holding it, and when it was taken.
Short CLI commands do not take it; they rely on SQLite's own locking and the
version counters (a stale save is refused, never silently lost), and on the shared
access lock, so a workspace is never replaced or re-keyed under anyone's feet.

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


def _details(role: str) -> dict[str, Any]:
    return {
        "role": role,
        "user": _user(),
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "started_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }


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
    """Who holds a workspace, to follow "is open in": "the desktop app run by ann on
    desk-3 (process 812, since ...)"."""
    if not info:
        return "another Casefile"
    return (
        f"{info.get('role', 'a Casefile')} run by {info.get('user', '?')} on "
        f"{info.get('host', '?')} (process {info.get('pid', '?')}, since "
        f"{info.get('started_at', '?')})"
    )


def describe_note(info: dict[str, Any]) -> str:
    """One holder of the access lock as a clause: "casefile import has it open (run by
    ...)", or for an operation holding it alone "a restore is replacing it (started by
    ...)"."""
    who = f"{info.get('user', '?')} on {info.get('host', '?')}, process {info.get('pid', '?')}"
    when = info.get("started_at", "?")
    if not info.get("exclusive"):
        return f"{info.get('role', 'a Casefile command')} has it open (run by {who}, since {when})"
    doing = info.get("doing")
    if doing is None:  # a note from an older version: its role was the operation
        return (
            f"another Casefile is {info.get('role', 'changing')} it (started by {who}, at {when})"
        )
    return f"{info.get('role', 'another Casefile')} is {doing} (started by {who}, at {when})"


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
        info = _details("the desktop app")
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


# -- shared while open, exclusive to replace or re-key -----------------------------------

# Writers need shared locks, which only POSIX flock gives (see the module's docstring).
ACCESS_LOCKS = os.name != "nt"


def in_use_dir(workspace_file: Path) -> Path:
    return workspace_file.with_name(workspace_file.name + ".in-use")


def _flock(fd: int, how: int) -> bool:
    import fcntl

    try:
        fcntl.flock(fd, how)
    except BlockingIOError:
        return False
    return True


def live_notes(workspace_file: Path) -> list[dict[str, Any]]:
    """The notes of everyone holding the workspace now; stale notes are removed."""
    folder = in_use_dir(workspace_file)
    found: list[dict[str, Any]] = []
    if not ACCESS_LOCKS or not folder.is_dir():
        return found
    import fcntl

    try:
        notes = sorted(folder.glob("*.json"))
    except OSError:  # the last holder removed the folder meanwhile: nobody holds it
        return found
    for note in notes:
        try:
            fd = os.open(note, os.O_RDONLY)
        except OSError:
            continue
        try:
            if _flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB):  # nobody holds it: its holder died
                with contextlib.suppress(OSError):
                    note.unlink()
                continue
            with contextlib.suppress(OSError, ValueError):
                info = json.loads(os.read(fd, 65536) or b"null")
                if isinstance(info, dict):
                    found.append(info)
        finally:
            os.close(fd)
    return found


class WorkspaceAccess:
    """Held shared by every open workspace, exclusive by encrypt, restore and passphrase.

    ``role`` names the holder in the others' messages ("casefile import", "the desktop
    app", "a restore")."""

    def __init__(self, workspace_file: Path, role: str) -> None:
        self.workspace_file = workspace_file
        self.role = role
        self._fd: int | None = None
        self._note_fd: int | None = None
        self._note: Path | None = None
        self._app_lock: WorkspaceLock | None = None  # Windows: the exclusive fallback
        self._open_workspace = False  # held by an open workspace (shared, or upgraded)
        self._owner = os.getpid()  # a forked child shares our locks: it must not drop them

    @property
    def held(self) -> bool:
        return self._fd is not None or self._app_lock is not None

    def _open(self) -> int:
        folder = in_use_dir(self.workspace_file)
        for _attempt in range(20):  # the last holder out may remove the folder meanwhile
            try:
                # A first start: the workspace's own folder is made here, private like it.
                folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                folder.mkdir(exist_ok=True, mode=0o700)
                return os.open(folder / "lock", os.O_RDWR | os.O_CREAT, 0o600)
            except (FileNotFoundError, FileExistsError):  # removed between two of the calls
                continue
            except OSError as exc:
                raise WorkspaceError(
                    f"cannot use {self.workspace_file}: its lock in {folder} cannot be made "
                    f"({exc.strerror or exc})"
                ) from None
        raise WorkspaceError(f"cannot use {self.workspace_file}: its lock in {folder} keeps going")

    def _current(self, fd: int) -> bool:
        try:
            return os.path.samestat(os.fstat(fd), os.stat(in_use_dir(self.workspace_file) / "lock"))
        except FileNotFoundError:
            return False

    def _acquire(self, how: int) -> int | None:
        """A descriptor of the lock file locked ``how``; None if it is held the other way."""
        while True:
            fd = self._open()
            if not _flock(fd, how):
                os.close(fd)
                return None
            if self._current(fd):
                return fd
            os.close(fd)  # the last holder removed it meanwhile: lock the new one

    def share(self) -> None:
        """Hold it shared, or raise WorkspaceError naming the operation that holds it."""
        self._open_workspace = True
        if not ACCESS_LOCKS or self.held:
            return
        import fcntl

        fd = self._acquire(fcntl.LOCK_SH | fcntl.LOCK_NB)
        if fd is None:
            if any(n.get("exclusive") for n in live_notes(self.workspace_file)):
                raise WorkspaceError(self._busy_message())
            # Nobody named: the last holder tidying up as it closes, or an operation in
            # its first instant; both are short, so wait rather than refuse.
            fd = self._acquire(fcntl.LOCK_SH)
        self._fd = fd
        self._write_note()

    def exclusive(self, operation: str, doing: str | None = None) -> None:
        """Hold it alone for ``operation`` ("encrypting", "restoring a backup into"), or
        raise WorkspaceError naming everyone who has the workspace open.

        ``doing`` says what it does to the workspace, for those refused meanwhile
        ("replacing it"; by default ``operation`` followed by "it")."""
        if not ACCESS_LOCKS:  # pragma: no cover - Windows: the app's lock, as before
            if self._open_workspace:
                return  # re-keyed under the app's own lock, as before
            self._app_lock = WorkspaceLock(self.workspace_file)
            self._app_lock.acquire()
            return
        import fcntl

        if self._fd is None:
            fd = self._acquire(fcntl.LOCK_EX | fcntl.LOCK_NB)
            if fd is None:
                if live_notes(self.workspace_file):
                    raise WorkspaceError(self._in_use_message(operation))
                fd = self._acquire(fcntl.LOCK_EX)  # nobody named: one closing, or opening
            self._fd = fd
        elif not _flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB):
            message = self._in_use_message(operation)
            self._reshare()  # a failed upgrade may have dropped our shared hold
            raise WorkspaceError(message)
        self._write_note(doing=doing or f"{operation} it")

    def _reshare(self) -> None:
        import fcntl

        assert self._fd is not None
        # flock converts by dropping and retaking; another exclusive operation may slip in
        # between, and is then waited for (it never waits itself, so this ends).
        fcntl.flock(self._fd, fcntl.LOCK_SH)
        if not self._current(self._fd):
            os.close(self._fd)
            self._fd = self._acquire(fcntl.LOCK_SH)

    def downgrade(self) -> None:
        """Back from exclusive to shared (after an upgrade by an open workspace)."""
        if self._fd is None:
            if self._app_lock is not None:  # pragma: no cover - Windows
                self._app_lock.release()
                self._app_lock = None
            return
        self._reshare()
        self._write_note()

    def release(self) -> None:
        if self._app_lock is not None:  # pragma: no cover - Windows
            self._app_lock.release()
            self._app_lock = None
        note, self._note = self._note, None
        if os.getpid() != self._owner:  # a forked child: the locks are the parent's
            for fd in (self._note_fd, self._fd):
                if fd is not None:
                    os.close(fd)
            self._note_fd = self._fd = None
            return
        if note is not None:
            with contextlib.suppress(OSError):
                note.unlink()
        note_fd, self._note_fd = self._note_fd, None
        if note_fd is not None:
            os.close(note_fd)
        fd, self._fd = self._fd, None
        if fd is None:
            return
        import fcntl

        if _flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB):  # the last one out tidies up
            self._tidy()
        os.close(fd)

    def _tidy(self) -> None:
        """Remove the lock folder; only its holder alone may (every note left is stale)."""
        folder = in_use_dir(self.workspace_file)
        with contextlib.suppress(OSError):
            for entry in folder.iterdir():
                if entry.name != "lock":
                    entry.unlink()
        with contextlib.suppress(OSError):
            (folder / "lock").unlink()
            folder.rmdir()

    def _write_note(self, *, doing: str | None = None) -> None:
        """Say who we are (and, holding it alone, what we do to it) in a note of our own,
        locked while we hold the workspace."""
        details = {**_details(self.role), "exclusive": doing is not None}
        if doing is not None:
            details["doing"] = doing
        info = json.dumps(details).encode("utf-8")
        if self._note_fd is not None:
            os.ftruncate(self._note_fd, 0)
            os.pwrite(self._note_fd, info, 0)
            return
        import fcntl

        folder = in_use_dir(self.workspace_file)
        token = f"{os.getpid()}-{os.urandom(6).hex()}"
        draft = folder / f".{token}.draft"
        try:
            fd = os.open(draft, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError:
            return  # the note is only for messages; the lock itself is what counts
        fcntl.flock(fd, fcntl.LOCK_EX)  # before it has its name: never seen unlocked
        os.write(fd, info)
        note = folder / f"{token}.json"
        os.replace(draft, note)
        self._note_fd, self._note = fd, note

    def _busy_message(self) -> str:
        busy = [n for n in live_notes(self.workspace_file) if n.get("exclusive")]
        what = describe_note(busy[0]) if busy else "another Casefile is changing it"
        return (
            f"{self.workspace_file} is busy: {what}, so nothing was changed; "
            "try again when that has finished"
        )

    def _in_use_message(self, operation: str) -> str:
        notes = live_notes(self.workspace_file)
        others = [n for n in notes if n.get("pid") != os.getpid()]
        clauses = [describe_note(n) for n in others]
        if len(notes) - len(others) > (1 if self._note is not None else 0):
            clauses.append("another part of this same program has it open")
        listed = "; ".join(clauses) or "another Casefile has it open"
        return (
            f"cannot start {operation} {self.workspace_file}: {listed}. "
            "Close it there, or let that finish, and try again; nothing was changed"
        )

    def __enter__(self) -> WorkspaceAccess:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()
