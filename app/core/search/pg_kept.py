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
import weakref
from typing import Any

from sqlalchemy import Engine, event


class _Kept(threading.local):
    connection: Any = None  # a psycopg connection, out of the engine's pool


# Per engine: each thread's kept connection, and all of them (to close them when the
# workspace closes; a thread's goes with the thread).
_KEPT: weakref.WeakKeyDictionary[Engine, tuple[_Kept, weakref.WeakSet[Any]]] = (
    weakref.WeakKeyDictionary()
)
_LOCK = threading.Lock()


def fetch(engine: Engine, sql: str, params: dict[str, Any]) -> list[Any] | None:
    """The rows of ``sql`` (psycopg placeholders) on this thread's kept connection to
    ``engine``, prepared on the server; ``None`` if the connection failed (it is then
    closed, and the caller runs the query the pooled way)."""
    import psycopg

    local = _local(engine)
    try:
        connection = local.connection or _connect(engine, local)
        return connection.execute(sql, params, prepare=True).fetchall()
    except psycopg.Error:
        _close(local)
        return None


def _local(engine: Engine) -> _Kept:
    kept = _KEPT.get(engine)
    if kept is None:
        with _LOCK:
            kept = _KEPT.get(engine)
            if kept is None:
                kept = _KEPT[engine] = (_Kept(), weakref.WeakSet())
                event.listen(engine, "engine_disposed", _release)
    return kept[0]


def _connect(engine: Engine, local: _Kept) -> Any:
    pooled = engine.raw_connection()
    connection = pooled.driver_connection
    pooled.detach()  # never handed back: nothing else ever sees its autocommit
    if connection.info.transaction_status:  # not idle: end what the check-out began
        connection.rollback()
    connection.autocommit = True
    local.connection = connection
    with _LOCK:
        kept = _KEPT.get(engine)
        if kept is not None:
            kept[1].add(connection)
    return connection


def _close(local: _Kept) -> None:
    connection, local.connection = local.connection, None
    if connection is not None:
        with contextlib.suppress(Exception):
            connection.close()


def _release(engine: Engine) -> None:
    """Close every thread's kept connection: the workspace is closing."""
    with _LOCK:
        kept = _KEPT.pop(engine, None)
    for connection in list(kept[1]) if kept else []:
        with contextlib.suppress(Exception):
            connection.close()
