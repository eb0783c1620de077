"""A login's searches run on a connection kept for searching, their statements planned
once (app.core.search.pg_kept): what they find still follows every change of who may
see what, and a connection the server ended is replaced without the search failing."""

from __future__ import annotations

import psycopg

from app.core.search.query import search
from app.core.server.teams import set_wall
from app.core.storage.workspace import Workspace
from tests.core.server.conftest import Office


def _cases_found(ws: Workspace, word: str) -> set[int | None]:
    return {hit.case_id for hit in search(ws, word, kinds=["case", "statement"])}


def test_a_search_stops_finding_a_case_walled_since_the_last_search(office: Office) -> None:
    bea, ada = office.open_as("bea"), office.open_as("ada")
    for _ in range(8):  # past the planner's first plans: the one it keeps is in use
        assert office.open_case in _cases_found(bea, "Open")
    set_wall(ada, str(office.open_case), True, reason="co-defendant")
    try:
        assert office.open_case not in _cases_found(bea, "Open")
    finally:
        set_wall(ada, str(office.open_case), False)
    assert office.open_case in _cases_found(bea, "Open")


def test_a_search_answers_after_the_server_ends_its_connection(office: Office) -> None:
    cy = office.open_as("cy")
    assert _cases_found(cy, "Open") == {office.open_case}
    with psycopg.connect(office.server.conninfo("office"), autocommit=True) as admin:
        pids = admin.execute("SELECT pid FROM pg_stat_activity WHERE usename = 'cy'").fetchall()
        for (pid,) in pids:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    assert pids
    assert _cases_found(cy, "Open") == {office.open_case}
    assert _cases_found(cy, "Open") == {office.open_case}
