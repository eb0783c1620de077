"""Cold start: a fresh ``python -m app`` to its first painted main window, divided by a
fresh bare PySide6 script to its first painted ``QMainWindow``. Target <= 2.5x.

Both run offscreen as new processes, alternately, ``ROUNDS`` times (medians). Both
print ``time.perf_counter()`` (a system-wide monotonic clock on Linux) once their window's
first frame is painted; the app does so when ``CASEFILE_REPORT_FIRST_PAINT`` is set
(``app/gui/app.py``). The app opens a workspace holding the sample case. Bytecode is
cached in a temporary folder for both (as an installed app has it), after one warm-up
run each. Run alone with ``python -m benchmarks.bench_startup``.

What the app's first frame holds: the whole main window (menu bar, toolbar, status bar
naming the workspace, the case list page with its heading, filter and table header),
with the workspace already open (locked, quick-checked, schema at head). The case rows
are not in it: the list reads them just after that frame (``CaseListPage.read_cases``,
~70-120 ms later at load 4), because the first query of a process sets up SQLAlchemy's
mappings. Today's automatic backup, if due, runs on its thread after the open.
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


def _first_paint(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    out = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    for line in out.stdout.splitlines():
        if line.startswith("first-paint "):
            return float(line.split()[1]) - started
    raise RuntimeError(f"no first paint reported: {out.stderr[-400:]}")


def run() -> dict[str, dict[str, Any]]:
    from app.core.sample import load_sample
    from app.core.workspace import open_workspace

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
    _first_paint(app, env), _first_paint(bare, env)  # warm-up: bytecode, page cache
    times: dict[str, list[float]] = {"app": [], "bare": []}
    for _ in range(ROUNDS):
        times["app"].append(_first_paint(app, env))
        times["bare"].append(_first_paint(bare, env))
    app_s, bare_s = statistics.median(times["app"]), statistics.median(times["bare"])
    return {"startup": figure(app_s / bare_s, 2.5, "lower", app_s=app_s, bare_s=bare_s)}


if __name__ == "__main__":
    from benchmarks.run import _line

    for name, result in run().items():
        print(_line(name, result), flush=True)
