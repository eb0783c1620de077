"""Fault-injection points: stop the process at a named step, so a test can prove recovery.

Code that must survive a crash at a given step calls ``fault_point("area:step")`` there.
Normally that is one dictionary look-up and nothing else. A test sets:

* ``CASEFILE_FAULT=area:step`` (several: comma-separated) to have the process SIGKILL
  itself at that step: the crash happens exactly there, not after a guessed sleep;
* and also ``CASEFILE_FAULT_PAUSE=DIR`` to pause there instead. DIR holds two FIFOs the
  test made, ``reached`` and ``release``: the process writes the step's name into
  ``reached`` (the test's read of it returns), then waits until the test opens
  ``release`` for writing and closes it. Then it carries on.

Points in use: ``restore:before-journal``, ``restore:after-move-aside``,
``restore:after-database-in-place``, ``encrypt:after-export``, ``encrypt:after-swap``,
``backup:after-snapshot``, ``backup:mid-zip``, ``session:before-commit`` (every unit of
work that writes), ``workspace:opened`` (the end of every open),
``import:case-looked-up`` (an import has looked for its case's uid, under the uid's
lock), ``import:after-insert``.
"""

from __future__ import annotations

import os
import signal

ENV = "CASEFILE_FAULT"
PAUSE_ENV = "CASEFILE_FAULT_PAUSE"


def fault_point(name: str) -> None:
    """Die (or pause) here when ``$CASEFILE_FAULT`` names this step; else do nothing."""
    wanted = os.environ.get(ENV)
    if not wanted or name not in wanted.split(","):
        return
    pause_dir = os.environ.get(PAUSE_ENV)
    if pause_dir:
        _pause(name, pause_dir)
        return
    kill = getattr(signal, "SIGKILL", None)
    if kill is None:  # pragma: no cover - Windows: no SIGKILL, end as abruptly as it can
        os._exit(137)
    os.kill(os.getpid(), kill)


def _pause(name: str, folder: str) -> None:
    with open(os.path.join(folder, "reached"), "w", encoding="utf-8") as reached:
        reached.write(name + "\n")
    with open(os.path.join(folder, "release"), encoding="utf-8") as release:
        release.read()


__all__ = ["ENV", "PAUSE_ENV", "fault_point"]
