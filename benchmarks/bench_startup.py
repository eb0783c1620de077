"""Cold start: a fresh ``python -m app`` to its first painted main window, divided by a
fresh bare PySide6 script to its first painted ``QMainWindow``. Target <= 2.5x.

Both run offscreen as new processes, alternately, ``ROUNDS`` times (medians). Both
print ``time.perf_counter()`` (a system-wide monotonic clock on Linux) once their window's
first frame is painted; the app does so when ``CASEFILE_REPORT_FIRST_PAINT`` is set
(``app/gui/app.py``). The app is given a workspace holding the sample case. Bytecode is
cached in a temporary folder for both (as an installed app has it), after one warm-up
run each. Run alone with ``python -m benchmarks.bench_startup``.

What the app's first frame holds: the whole main window (menu bar, toolbar, status bar
saying "Opening <workspace>…", the case list page with its heading, filter and table
header), before its workspace is open: nothing before it imports SQLAlchemy, the models,
the audit trail or search (``tests/gui/test_startup.py`` checks). The actions that need
a workspace are disabled in it. Just after that frame the app opens the workspace
(lock, quick check, schema at head; a passphrase or a failure is asked about over the
window), hands the window its context and reads the case list; it then prints a second
time, once that filled window is painted. That moment is reported as ``filled_s`` (not
part of the ratio: it is the first frame that the work moved out of the way of). Today's
automatic backup, if due, runs on its thread after the open.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.common import WORK, figure

ROUNDS = 9
ROOT = Path(__file__).resolve().parent.parent
BARE = r"""
import time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QLabel("Casefile"))
window.resize(1100, 720)


def painted():
    print(f"first-paint {time.perf_counter():.6f}", flush=True)
    window.close()


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            window.removeEventFilter(self)
            QTimer.singleShot(0, painted)
        return False


watcher = FirstPaint(window)
window.installEventFilter(watcher)
window.show()
app.exec()
"""


def _paints(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from starting ``command`` to each frame it reports ("first-paint", and for
    the app "filled-paint")."""
    started = time.perf_counter()
    out = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    seen = {}
    for line in out.stdout.splitlines():
        what, _, value = line.partition(" ")
        if what in ("first-paint", "filled-paint"):
            seen[what] = float(value) - started
    if "first-paint" not in seen:
        raise RuntimeError(f"no first paint reported: {out.stderr[-400:]}")
    return seen


def run() -> dict[str, dict[str, Any]]:
    from app.core.sample import load_sample
    from app.core.storage.workspace import open_workspace

    workspace = WORK / "startup.casefile"
    if not workspace.exists():
        ws = open_workspace(workspace, user="bench")
        load_sample(ws)
        ws.close()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "CASEFILE_REPORT_FIRST_PAINT": "1",
        "XDG_CONFIG_HOME": str(WORK / "config"),
        "PYTHONPYCACHEPREFIX": str(WORK / "pycache"),
        "PYTHONDONTWRITEBYTECODE": "",
    }
    app = [sys.executable, "-m", "app", "--db", str(workspace)]
    bare = [sys.executable, "-c", BARE]
    _paints(app, env), _paints(bare, env)  # warm-up: bytecode, page cache
    times: dict[str, list[float]] = {"app": [], "bare": [], "filled": []}
    for _ in range(ROUNDS):
        paints = _paints(app, env)
        times["app"].append(paints["first-paint"])
        times["filled"].append(paints["filled-paint"])
        times["bare"].append(_paints(bare, env)["first-paint"])
    app_s, bare_s = statistics.median(times["app"]), statistics.median(times["bare"])
    filled_s = statistics.median(times["filled"])
    return {
        "startup": figure(
            app_s / bare_s, 2.5, "lower", app_s=app_s, bare_s=bare_s, filled_s=filled_s
        )
    }


if __name__ == "__main__":
    from benchmarks.run import _line

    for name, result in run().items():
        print(_line(name, result), flush=True)
        print(
            f"  app {result['app_s']:.3f} s, bare {result['bare_s']:.3f} s, "
            f"app filled {result['filled_s']:.3f} s",
            flush=True,
        )
