"""The desktop lists at 50,000 rows, and the memory an open 50k case takes.

* ``list_first_paint``: from creating the statements list (model and table) on the
  open 50k case to its first painted frame with rows, divided by the same for a bare
  ``QTableView`` over a plain Python list holding the same rows, already in memory.
  Target <= 3x.
* ``list_scroll_end``: ``scrollToBottom()`` until the last row is painted (with the
  reads that needs), ours divided by the bare table's. Target <= 3x.
* ``memory_50k``: peak RSS (``VmHWM``, else ``ru_maxrss``) of a fresh process that shows the main
  window with the 50k case open at its statements, scrolled to the end and back to
  the middle, divided by the same window on an empty workspace. Target <= 1.5x.

Both tables are the same size, offscreen, without a vertical header, and show the same
cells: the bare table takes our table's fixed row height and (fitted) column widths and
its paint settings (alternating rows, no grid, and its word wrap: where the statements
show two lines a row, both wrap), so both paint the same rows and columns of the same
text. Each is shown once untimed first (ours to take its
shape). The times are medians of interleaved rounds, so both sides see the same load.
Run alone with ``python -m benchmarks.bench_gui``.
"""

from __future__ import annotations

import functools
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import WORK, figure

ROUNDS = 21  # a few seconds in all: shorter, one slow spell of the machine decides it
SIZE = (1100, 700)
ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def demo_workspace() -> tuple[Path, int]:
    """The 50k demo case in a workspace of its own (built once per run), or the workspace
    named by $CASEFILE_BENCH_GUI_DB (``casefile demo-data`` output, case 1) to iterate."""
    given = os.environ.get("CASEFILE_BENCH_GUI_DB")
    if given:
        return Path(given), 1
    from app.core import demo
    from app.core.storage.workspace import open_workspace
    from benchmarks.common import demo_data

    path = WORK / "gui.casefile"
    ws = open_workspace(path, user="bench")
    try:
        case_id = demo.insert_case(ws, demo_data())
        # Fold the import's write-ahead log into the file, as the next writer would.
        with ws.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        ws.close()
    return path, case_id


def qt_app() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    return existing if existing is not None else QApplication([])


def painted(app: Any, widget: Any, action: Any) -> float:
    """Seconds from calling ``action()`` until ``widget`` has been painted once more."""
    from PySide6.QtCore import QEvent, QObject

    seen: list[bool] = []

    class Watch(QObject):
        def eventFilter(self, _obj: Any, event: Any) -> bool:
            if event.type() == QEvent.Type.Paint:
                seen.append(True)
            return False

    started = time.perf_counter()
    target = action()
    target = target if target is not None else widget
    watch = Watch()
    target.viewport().installEventFilter(watch)
    deadline = started + 30
    while not seen and time.perf_counter() < deadline:
        app.processEvents()
    elapsed = time.perf_counter() - started
    target.viewport().removeEventFilter(watch)
    assert seen, "the table was never painted"
    return elapsed


def bare_model(rows: list[tuple[str, ...]], headers: list[str]) -> Any:
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

    class Bare(QAbstractTableModel):
        def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(rows)

        def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(headers)

        def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            if role == Qt.ItemDataRole.DisplayRole:
                return rows[index.row()][index.column()]
            return None

        def headerData(self, section: int, orientation: Any, role: int = 0) -> Any:
            if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
                return headers[section]
            return None

    return Bare()


def statement_rows(ws: Any, case_id: int) -> tuple[list[tuple[str, ...]], list[str]]:
    """The statements list's rows of a case as the list shows them, and its headers: what
    the bare table holds in memory."""
    from app.core.lists import queries
    from app.gui.models.record_list import format_cell

    spec = queries.SPECS["statements"]
    query = queries.ListQuery(spec, case_id=case_id)
    total = queries.count_rows(ws, query)
    rows = [
        tuple(format_cell(col, row[col.key]) for col in spec.columns)
        for row in queries.fetch_rows(ws, query, 0, total)
    ]
    return rows, [col.header for col in spec.columns]


def statement_tables(
    ctx: Any, case_id: int, rows: list[tuple[str, ...]], headers: list[str]
) -> tuple[Callable[[], Any], Callable[[], Any], list[Any], dict[str, Any]]:
    """Makers of the two tables compared: ours (the app's statements list) and a bare
    ``QTableView`` over ``rows`` in memory, taking our table's ``shape`` (row height,
    column widths, wrapping: see :func:`take_shape`). Each made view is kept in ``views``."""
    from PySide6.QtWidgets import QHeaderView, QTableView

    from app.gui.models.record_list import RecordListModel
    from app.gui.sections.list_section import RecordTable

    views: list[Any] = []
    shape: dict[str, Any] = {}

    def ours() -> Any:
        table = RecordTable(RecordListModel(ctx, "statements", case_id))
        table.resize(*SIZE)
        table.show()
        views.append(table)
        return table

    def bare() -> Any:
        view = QTableView()
        view.setModel(bare_model(rows, headers))
        view.verticalHeader().setVisible(False)
        # The same cells as ours (see the module docstring): row height, column widths.
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setDefaultSectionSize(shape["row_height"])
        for section, width in enumerate(shape["widths"]):
            view.horizontalHeader().resizeSection(section, width)
        view.horizontalHeader().setStretchLastSection(True)
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.setWordWrap(shape["wrap"])
        view.resize(*SIZE)
        view.show()
        views.append(view)
        return view

    return ours, bare, views, shape


def take_shape(
    app: Any,
    ours: Callable[[], Any],
    bare: Callable[[], Any],
    views: list[Any],
    shape: dict[str, Any],
) -> None:
    """Our table's shape once fitted to the size, for the bare table to copy; then the bare
    table shown once too, so neither is timed on its first show."""
    sample = ours()
    app.processEvents()
    header = sample.horizontalHeader()
    shape.update(
        row_height=sample.verticalHeader().defaultSectionSize(),
        widths=[header.sectionSize(i) for i in range(header.count())],
        wrap=sample.wordWrap(),
    )
    sample.close()
    sample.deleteLater()
    app.processEvents()
    warm = bare()  # ours has just been shown once: so has the bare table now
    app.processEvents()
    warm.close()
    warm.deleteLater()
    views.clear()
    app.processEvents()


def lists() -> dict[str, dict[str, Any]]:
    from app.context import AppContext
    from app.core.storage.workspace import open_workspace

    app = qt_app()
    path, case_id = demo_workspace()
    ws = open_workspace(path, user="bench")
    ctx = AppContext(ws)
    rows, headers = statement_rows(ws, case_id)
    total = len(rows)
    ours, bare, views, shape = statement_tables(ctx, case_id, rows, headers)

    def last_shown(view: Any) -> int:
        viewport = view.viewport()
        return view.rowAt(viewport.height() - 2)

    take_shape(app, ours, bare, views, shape)

    first: dict[str, list[float]] = {"ours": [], "bare": []}
    end: dict[str, list[float]] = {"ours": [], "bare": []}
    for _ in range(ROUNDS):
        for name, make in (("ours", ours), ("bare", bare)):
            first[name].append(painted(app, None, make))
            view = views[-1]
            assert view.model().index(0, 1).data(), f"{name}: no rows painted"
            end[name].append(painted(app, view, view.scrollToBottom))
            assert last_shown(view) == total - 1, f"{name}: not at the last row"
            assert view.model().index(total - 1, 1).data() == rows[-1][1]
            view.close()
            view.deleteLater()
            app.processEvents()
    ws.close()
    ours_first, bare_first = statistics.median(first["ours"]), statistics.median(first["bare"])
    ours_end, bare_end = statistics.median(end["ours"]), statistics.median(end["bare"])
    return {
        "list_first_paint": figure(
            ours_first / bare_first, 3, "lower", rows=total, ours_s=ours_first, bare_s=bare_first
        ),
        "list_scroll_end": figure(
            ours_end / bare_end, 3, "lower", rows=total, ours_s=ours_end, bare_s=bare_end
        ),
    }


# A fresh process: the main window on a workspace, optionally with a case open at its
# statements, scrolled to the end and to the middle; prints its peak RSS in KiB.
MEMORY_SCRIPT = r"""
import os, resource, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from app.context import AppContext
from app.core.storage.workspace import open_workspace
from app.gui.window.main_window import MainWindow
app = QApplication([])
ws = open_workspace(sys.argv[1], user="bench")
window = MainWindow(AppContext(ws, settings={}))
window.resize(1280, 800)
window.show()
app.processEvents()
if len(sys.argv) > 2:
    window.open_case(int(sys.argv[2]))
    window.show_section("statements")
    app.processEvents()
    table = window.case_view.sections["statements"].table
    assert table.model().rowCount() > 1000
    table.scrollToBottom()
    app.processEvents()
    table.verticalScrollBar().setValue(table.verticalScrollBar().maximum() // 2)
    app.processEvents()
# VmHWM is this process image's own peak; ru_maxrss would also count the benchmark
# process it was forked from (Linux keeps the larger of the two across exec).
try:
    status = open("/proc/self/status").read().split("VmHWM:")[1]
    print(int(status.split()[0]))
except (OSError, IndexError):
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
window.close()
ws.close()
"""


def _peak_rss(*args: str) -> int:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(WORK / "config")}
    out = subprocess.run(
        [sys.executable, "-c", MEMORY_SCRIPT, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return int(out.stdout.split()[-1])


def memory() -> dict[str, dict[str, Any]]:
    from app.core.storage.workspace import open_workspace

    path, case_id = demo_workspace()
    empty = WORK / "gui-empty.casefile"
    # Open each once first, so today's automatic backup is not part of the figure.
    for target in (path, empty):
        open_workspace(target, user="bench").close()
    big, small = [], []
    for _ in range(3):
        big.append(_peak_rss(str(path), str(case_id)))
        small.append(_peak_rss(str(empty)))
    big_kib, small_kib = statistics.median(big), statistics.median(small)
    return {
        "memory_50k": figure(
            big_kib / small_kib,
            1.5,
            "lower",
            rss_50k_mib=big_kib / 1024,
            rss_empty_mib=small_kib / 1024,
        )
    }


def run() -> dict[str, dict[str, Any]]:
    return {**lists(), **memory()}


if __name__ == "__main__":
    from benchmarks.run import _line

    for name, result in run().items():
        print(_line(name, result), flush=True)
