"""``pg_list_first_paint``: the statements list of the generated office's largest case
(benchmarks/office_data.py, 20,000 statements), opened by a staff login on PostgreSQL
under row security, from creating the list (model and table) to its first painted
frame with rows, against a bare ``QTableView`` over a Python list holding the same
rows, already in memory. Target <= 3x. Both tables take the same shape, as in
``benchmarks/bench_gui.py`` (whose painting helpers this uses).
"""

from __future__ import annotations

import statistics
from typing import Any

from benchmarks.bench_gui import painted, qt_app, statement_rows, statement_tables, take_shape
from benchmarks.common import WORK, figure

ROUNDS = 11


def figure_of(office: Any) -> dict[str, dict[str, Any]]:
    from sqlalchemy import make_url

    from app.context import AppContext
    from app.core.storage.workspace import open_workspace

    app = qt_app()
    case_id = office.largest_case
    ws = open_workspace(make_url(office.url).set(username=office.login), store_root=WORK / "ol")
    ctx = AppContext(ws)
    rows, headers = statement_rows(ws, case_id)
    total = len(rows)
    ours, bare, views, shape = statement_tables(ctx, case_id, rows, headers)

    try:
        take_shape(app, ours, bare, views, shape)
        first: dict[str, list[float]] = {"ours": [], "bare": []}
        for _ in range(ROUNDS):
            for name, make in (("ours", ours), ("bare", bare)):
                first[name].append(painted(app, None, make))
                view = views[-1]
                assert view.model().index(0, 1).data(), f"{name}: no rows painted"
                view.close()
                view.deleteLater()
                app.processEvents()
    finally:
        ws.close()
    ours_s, bare_s = statistics.median(first["ours"]), statistics.median(first["bare"])
    return {
        "pg_list_first_paint": figure(
            ours_s / bare_s, 3, "lower", rows=total, ours_s=ours_s, bare_s=bare_s
        )
    }
