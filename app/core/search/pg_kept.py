"""The connection a thread keeps for searching a PostgreSQL workspace.

A search through SQLAlchemy's pool costs four round trips (the pool's ping, ``BEGIN``,
the query, ``ROLLBACK``) and plans its query every time: psycopg forgets its prepared
statements at every ``ROLLBACK``, and the pool rolls back each connection it takes
back. Planning is most of a search on an office server: each kind is a join read under
row security, and on the generated office of benchmarks/office_data.py the statement
for every kind took 5-27 ms to plan, against ~5 ms to run. So each thread keeps one
connection for its searches, taken out of the pool for good (detached, so nothing else
ever uses it), in autocommit: a search is one round trip, sees every commit, and holds
no transaction between searches. Its statements are prepared on the server, so each
shape is planned once per connection (the planner keeps a generic plan once it finds
it no dearer than a custom one).

The connection is the login's, as any other of the workspace: row security applies as
ever. When it fails (the server restarted, a dropped table) it is closed and the search
runs once more the pooled way, whose errors are SQLAlchemy's; the next search takes a
fresh connection.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any

from sqlalchemy import Engine

from app.core.search.kept import KeptConnections


class _Kept(threading.local):
    connection: Any = None  # a psycopg connection, out of the engine's pool


def _close_quietly(connection: Any) -> None:
    with contextlib.suppress(Exception):
        connection.close()


_KEPT = KeptConnections(_Kept, _close_quietly)


def fetch(engine: Engine, sql: str, params: dict[str, Any]) -> list[Any] | None:
    """The rows of ``sql`` (psycopg placeholders) on this thread's kept connection to
    ``engine``, prepared on the server; ``None`` if the connection failed (it is then
    closed, and the caller runs the query the pooled way)."""
    import psycopg

    local = _KEPT.local(engine)
    try:
        connection = local.connection or _connect(engine, local)
        return connection.execute(sql, params, prepare=True).fetchall()
    except psycopg.Error:
        connection, local.connection = local.connection, None
        if connection is not None:
            _close_quietly(connection)
        return None


def _connect(engine: Engine, local: _Kept) -> Any:
    pooled = engine.raw_connection()
    connection = pooled.driver_connection
    pooled.detach()  # never handed back: nothing else ever sees its autocommit
    if connection.info.transaction_status:  # not idle: end what the check-out began
        connection.rollback()
    connection.autocommit = True
    local.connection = connection
    _KEPT.remember(engine, connection)
    return connection
