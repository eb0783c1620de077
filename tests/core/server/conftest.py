"""An office on a real PostgreSQL 15 server, one server per test module (logins are the
cluster's, so each module gets its own): ``server init`` with an admin, four staff
logins, a walled case on Bea's team and an open case on Cy's.

Logins: ada (admin), bea and cy (attorneys), sam (supervisor), pat (paralegal).
Authentication is the test server's ``trust``: each login connects by name alone.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import make_url

from app.core.server.setup import server_init
from app.core.server.staff import add_staff
from app.core.server.teams import set_wall
from app.core.services import cases
from app.core.storage.workspace import Workspace, open_workspace
from tests.casebuilder import SmallCase, build_small_case
from tests.conftest_pg import REQUIRE_PG_ENV
from tests.pgserver import PostgresServer, PostgresUnavailable

STAFF = {
    "bea": ("Bea Ortiz", "attorney"),
    "cy": ("Cy Young", "attorney"),
    "sam": ("Sam Reyes", "supervisor"),
    "pat": ("Pat Lee", "paralegal"),
}


@dataclass
class Office:
    server: PostgresServer
    url: str  # as the database owner (postgres)
    walled: SmallCase  # Bea's case, walled
    open_case: int  # Cy's case, not walled
    folder: Path
    open_as: Callable[[str], Workspace]

    def url_as(self, login: str) -> str:
        return make_url(self.url).set(username=login).render_as_string(hide_password=False)


@pytest.fixture(scope="module")
def module_pg() -> Iterator[PostgresServer]:
    server = PostgresServer()
    try:
        server.start()
    except PostgresUnavailable as exc:
        if os.environ.get(REQUIRE_PG_ENV, "").strip() not in ("", "0"):
            pytest.fail(f"PostgreSQL unavailable: {exc}", pytrace=False)
        pytest.skip(f"PostgreSQL test server unavailable: {exc}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def office(module_pg: PostgresServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    folder = tmp_path_factory.mktemp("office")
    url = module_pg.create_database("office")
    server_init(make_url(url), admin="ada")
    opened: list[Workspace] = []

    def open_as(login: str) -> Workspace:
        ws = open_workspace(make_url(url).set(username=login), store_root=folder / "attachments")
        opened.append(ws)
        return ws

    ada = open_as("ada")
    for login, (name, role) in STAFF.items():
        add_staff(ada, login, name=name, role=role)
    walled = build_small_case(open_as("bea"))
    cy = open_as("cy")
    open_case = cases.add_case(cy, caption="People v. Open", docket_number="CR-OPEN-1")
    set_wall(ada, str(walled.case_id), True, reason="co-defendant of an office client")
    try:
        yield Office(module_pg, url, walled, open_case, folder, open_as)
    finally:
        for ws in opened:
            ws.close()
