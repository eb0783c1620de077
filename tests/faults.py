"""Run ``casefile`` in a child process that stops at a named step (app/core/storage/faults.py).

``run_killed(..., point)`` lets the child SIGKILL itself at that step and returns it ended;
``Paused(..., point)`` starts it and returns once it waits at that step, until ``release()``.
No sleeps: the child says it reached the step through a FIFO, and waits on another.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# A safeguard for a broken test, never the way to wait: the child reports through a FIFO.
GIVE_UP_AFTER = 120.0


def child_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEFILE_")}
    env.update(XDG_DATA_HOME=str(home / "xdg"), PYTHONPATH=str(REPO), **extra)
    return env


def casefile(args: list[str], env: dict[str, str], **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(  # type: ignore[call-overload,no-any-return]
        [sys.executable, "-m", "app", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def run_killed(
    args: list[str], home: Path, point: str, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run ``casefile ARGS`` (``env``: more variables for it, e.g. a passphrase) so that
    it kills itself at ``point``; it must have died there."""
    proc = casefile(args, child_env(home, CASEFILE_FAULT=point, **env))
    out, err = proc.communicate(timeout=GIVE_UP_AFTER)
    assert proc.returncode == -9, f"it did not die at {point}: {proc.returncode}\n{out}\n{err}"
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


class Paused:
    """``casefile ARGS``, held at ``point`` from the constructor until :meth:`release`."""

    def __init__(self, args: list[str], home: Path, point: str, **env: str) -> None:
        self.folder = home / f"pause-{os.urandom(4).hex()}"
        self.folder.mkdir(parents=True)
        os.mkfifo(self.folder / "reached")
        os.mkfifo(self.folder / "release")
        full_env = child_env(
            home, CASEFILE_FAULT=point, CASEFILE_FAULT_PAUSE=str(self.folder), **env
        )
        self.proc = casefile(args, full_env)
        self.reached = self._wait_reached()
        assert self.reached == point

    def _wait_reached(self) -> str:
        fd = os.open(self.folder / "reached", os.O_RDONLY | os.O_NONBLOCK)
        try:
            deadline = time.monotonic() + GIVE_UP_AFTER
            while time.monotonic() < deadline:
                ready, _, _ = select.select([fd], [], [], 1.0)
                if ready:
                    data = os.read(fd, 4096)
                    if data:
                        return data.decode().strip()
                if self.proc.poll() is not None:
                    out, err = self.proc.communicate()
                    raise AssertionError(f"ended before its pause ({self.proc.returncode}): {err}")
            raise AssertionError("never reached its pause")
        finally:
            os.close(fd)

    def release(self) -> subprocess.CompletedProcess[str]:
        """Let it go on, and wait for it to end."""
        with open(self.folder / "release", "w", encoding="utf-8"):
            pass
        out, err = self.proc.communicate(timeout=GIVE_UP_AFTER)
        return subprocess.CompletedProcess(self.proc.args, self.proc.returncode, out, err)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate()
