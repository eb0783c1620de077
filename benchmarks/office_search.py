"""Search on the generated office (benchmarks/office_data.py), as a staff login under
row security.

* ``pg_search_selective``: the app's search (every kind, as the search panel runs it)
  for a word in a couple of dozen statements, against ``ILIKE`` over the same rows (the
  statements that login may see, under the same row security). Target >= 100x.
* ``pg_search_overhead``: the app's search of statements for that word, as the staff
  login under row security, against the bare ``tsvector`` query for the same hits
  (rank, best 50, headline) as the owner, without row security. Target <= 2x. Also
  reported: the app's own statement run by the owner without row security
  (``owner_same_query_ms``), which takes the joins for titles and captions too.

Medians of interleaved rounds, each side warmed first.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from benchmarks.common import WORK, figure

ROUNDS = 21


def _median(fn: Callable[[], Any], rounds: list[float]) -> None:
    started = time.perf_counter()
    fn()
    rounds.append(time.perf_counter() - started)


def figures(server: Any, office: Any) -> dict[str, dict[str, Any]]:
    import psycopg
    from sqlalchemy import make_url

    from app.core.search.query import PG_CONFIG, _pg_statement, parse_query, search, tsquery
    from app.core.storage.workspace import open_workspace

    word = office.rare
    staff_url = make_url(office.url).set(username=office.login)
    ws = open_workspace(staff_url, store_root=WORK / "office-search")
    owner = psycopg.connect(office.conninfo, autocommit=True)
    staff = psycopg.connect(office.conninfo, user=office.login, autocommit=True)
    try:
        visible = staff.execute(
            "SELECT count(*) FROM statements WHERE text ILIKE %s", (f"%{word}%",)
        ).fetchone()[0]
        options = "StartSel=[, StopSel=], MaxWords=30, MinWords=12, MaxFragments=1"
        bare_sql = (
            f"SELECT s.id, s.case_id, ts_rank(s.search_vector, q) AS score, "
            f"ts_headline('{PG_CONFIG}', s.text, q, '{options}') "
            f"FROM statements s, to_tsquery('{PG_CONFIG}', %s) q "
            "WHERE s.search_vector @@ q ORDER BY score DESC, s.id LIMIT 50"
        )
        match = tsquery(parse_query(word))
        same_sql = str(_pg_statement(("statement",), False)).replace(":q", "%(q)s")
        same_sql = same_sql.replace(":n", "%(n)s")

        def app_all() -> list[Any]:
            return search(ws, word)

        def app_statements() -> list[Any]:
            return search(ws, word, kinds=["statement"])

        def ilike() -> list[Any]:
            return staff.execute(
                "SELECT id, case_id, text FROM statements WHERE text ILIKE %s",
                (f"%{word}%",),
            ).fetchall()

        def bare() -> list[Any]:
            return owner.execute(bare_sql, (match,)).fetchall()

        def owner_same() -> list[Any]:
            return owner.execute(same_sql, {"q": match, "n": 50}).fetchall()

        hits = [hit for hit in app_all() if hit.kind == "statement"]
        assert len(hits) == visible == len(ilike()), (len(hits), visible)
        assert len(bare()) >= len(app_statements()) == visible
        times: dict[str, list[float]] = {
            "app": [], "ilike": [], "app1": [], "bare": [], "owner_same": []
        }  # fmt: skip
        for _ in range(ROUNDS):
            _median(app_all, times["app"])
            _median(ilike, times["ilike"])
            _median(app_statements, times["app1"])
            _median(bare, times["bare"])
            _median(owner_same, times["owner_same"])
        med = {name: statistics.median(values) for name, values in times.items()}
    finally:
        owner.close()
        staff.close()
        ws.close()
    return {
        "pg_search_selective": figure(
            med["ilike"] / med["app"], 100, "higher", hits=visible,
            app_ms=round(med["app"] * 1000, 2), ilike_ms=round(med["ilike"] * 1000, 2),
        ),
        "pg_search_overhead": figure(
            med["app1"] / med["bare"], 2, "lower", hits=visible,
            app_ms=round(med["app1"] * 1000, 2), bare_ms=round(med["bare"] * 1000, 2),
            owner_same_query_ms=round(med["owner_same"] * 1000, 2),
        ),
    }  # fmt: skip
