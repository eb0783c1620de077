"""pytest plugin: a throwaway PostgreSQL 15 server per test session, a fresh database per test.

Register it with ``pytest_plugins = ["tests.conftest_pg"]`` in ``tests/conftest.py``
(or ``-p tests.conftest_pg`` on the command line).

Fixtures:

``pg_server`` (session)
    One :class:`tests.pgserver.PostgresServer` for the whole run (one per
    pytest-xdist worker). Starting a cluster costs about a second, a database
    only a few milliseconds, so the cluster is shared and databases are not.
    If PostgreSQL cannot run here (binaries, ``runuser`` or the ``postgres`` user
    missing) every test that needs it is *skipped* with the reason. Set
    ``CASEFILE_REQUIRE_PG=1`` (e.g. in CI) to turn those skips into failures, so a
    broken CI image cannot silently skip the whole PostgreSQL suite.

``pg_url_factory`` (function)
    ``make(label=None, *, template=None) -> url``: creates as many fresh,
    uniquely named databases as a test needs; all are dropped after the test,
    even if it left connections open.

``pg_url`` (function)
    SQLAlchemy URL (``postgresql+psycopg://postgres@/NAME?host=/tmp/cfpgXXXX&port=5432``)
    of one fresh database for this test.

Tests using any of these get the ``pg`` marker automatically, so
``pytest -m "not pg"`` deselects them.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Callable, Iterator
from typing import NoReturn

import pytest

from tests.pgserver import PostgresServer, PostgresUnavailable

REQUIRE_PG_ENV = "CASEFILE_REQUIRE_PG"

_PG_FIXTURES = frozenset({"pg_server", "pg_url", "pg_url_factory"})

#: A factory returned by ``pg_url_factory``: ``make(label=None, *, template=None) -> url``.
PgUrlFactory = Callable[..., str]


def pytest_configure(config: pytest.Config) -> None:
    # Also declared in pyproject.toml; repeated here so the plugin works with
    # --strict-markers when used from another rootdir (e.g. benchmarks).
    config.addinivalue_line("markers", "pg: tests that need a real PostgreSQL server")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _PG_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.pg)


def _unavailable(reason: str) -> NoReturn:
    message = f"PostgreSQL test server unavailable: {reason}"
    if os.environ.get(REQUIRE_PG_ENV, "").strip() not in ("", "0"):
        pytest.fail(f"{message} (and ${REQUIRE_PG_ENV} is set)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """One throwaway PostgreSQL 15 server for the whole session (skips if unavailable)."""
    server = PostgresServer()
    try:
        server.start()
    except PostgresUnavailable as exc:
        _unavailable(str(exc))
    # PostgresStartError propagates: PostgreSQL is installed but broken, which
    # is a real error, not a reason to skip.
    try:
        yield server
    finally:
        server.stop()


def _db_label(nodename: str) -> str:
    """A short, identifier-safe hint of the test name, to make leftovers traceable."""
    label = re.sub(r"[^a-z0-9]+", "_", nodename.lower()).strip("_")
    return label[:30].rstrip("_") or "db"


@pytest.fixture
def pg_url_factory(
    pg_server: PostgresServer, request: pytest.FixtureRequest
) -> Iterator[PgUrlFactory]:
    """Create fresh databases on demand; all of them are dropped after the test."""
    created: list[str] = []
    base = _db_label(request.node.name)

    def make(label: str | None = None, *, template: str | None = None) -> str:
        hint = _db_label(label) if label else base
        # "t_" keeps the name from starting with a digit; the uuid makes it unique
        # across tests, parametrisations, xdist workers and repeated runs.
        name = f"t_{hint}_{uuid.uuid4().hex[:10]}"
        url = pg_server.create_database(name, template=template)
        created.append(name)
        return url

    yield make

    errors: list[str] = []
    for name in reversed(created):
        try:
            pg_server.drop_database(name)
        except Exception as exc:  # keep dropping the others, then report
            errors.append(f"{name}: {exc!r}")
    if errors:
        pytest.fail("could not drop test database(s): " + "; ".join(errors), pytrace=False)


@pytest.fixture
def pg_url(pg_url_factory: PgUrlFactory) -> str:
    """SQLAlchemy URL of a fresh, empty PostgreSQL database for this test only."""
    return pg_url_factory()
