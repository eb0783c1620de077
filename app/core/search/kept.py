"""Connections a thread keeps open for searching: one per engine and thread, all closed
when the engine is disposed (``Workspace.close``).

A search runs on every keystroke; taking a connection from SQLAlchemy's pool and giving
it back costs more than a rare word's whole lookup on SQLite, and on PostgreSQL it
throws the statements' plans away. Both searches therefore keep one connection per
thread (query.py for SQLite, pg_kept.py for PostgreSQL); this is the bookkeeping they
share.
"""

from __future__ import annotations

import contextlib
import threading
import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from sqlalchemy import Engine, event

Local = TypeVar("Local", bound=threading.local)


class KeptConnections(Generic[Local]):
    """Per engine: each thread's ``Local`` (what the search keeps), and every connection
    kept on it by any thread, to ``close`` when the engine is disposed. A thread's own
    connection goes with the thread."""

    def __init__(
        self,
        local_type: type[Local],
        close: Callable[[Any], None],
        released: Callable[[Engine], None] = lambda engine: None,
    ) -> None:
        self._local_type = local_type
        self._close = close
        self._released = released  # told after an engine's connections are closed
        self._kept: weakref.WeakKeyDictionary[Engine, tuple[Local, weakref.WeakSet[Any]]] = (
            weakref.WeakKeyDictionary()
        )
        self._lock = threading.Lock()

    def local(self, engine: Engine) -> Local:
        """This thread's ``Local`` for ``engine`` (its fields unset the first time)."""
        kept = self._kept.get(engine)
        if kept is None:
            with self._lock:
                kept = self._kept.get(engine)
                if kept is None:
                    kept = self._kept[engine] = (self._local_type(), weakref.WeakSet())
                    event.listen(engine, "engine_disposed", self._release)
        return kept[0]

    def remember(self, engine: Engine, connection: Any) -> None:
        """Close ``connection`` with ``engine``."""
        with self._lock:
            kept = self._kept.get(engine)
            if kept is not None:
                kept[1].add(connection)

    def _release(self, engine: Engine) -> None:
        with self._lock:
            kept = self._kept.pop(engine, None)
        self._released(engine)
        for connection in list(kept[1]) if kept else []:
            with contextlib.suppress(Exception):
                self._close(connection)
