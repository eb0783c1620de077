"""Live colleagues: hear, on a PostgreSQL workspace, what other sessions commit.

Every committed change to a case's records sends a NOTIFY on :data:`CHANNEL` (the
triggers of migration 0010): the table, the operation, the writer's backend pid and
ids only: the (id, case) pairs of up to 50 rows, else the cases, else nothing (re-read
everything). Any login may LISTEN, so the payload carries no content.

:class:`ChangeListener` listens on a connection of its own, on a thread, and turns
each batch of notifications into :class:`Change` objects for a callback:

- the workspace's own sessions are ignored: their backend pids are gathered as the
  engine hands connections out (:func:`own_sessions`);
- row security decides the rest: the listener re-reads, as its login, which of the
  named cases it may see and drops records of the others, so a screened colleague's
  window hears nothing of a walled case. Changes to a case's row, team or wall are
  passed on with the case id alone: the window re-reads its case list (through row
  security) and learns, that way only, that a case appeared or went;
- who made the change: the login of the session that committed it (or, that session
  gone, the audit trail's last entry on the records, read through row security).

SQLite workspaces have none of this: one person, one window.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from app.core.kinds import KIND_OF_TABLE

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from app.core.storage.workspace import Workspace

CHANNEL = "casefile_changes"
# Changes to these say who may see a case: passed on (ids only) even when the case is
# out of sight, so a list drops a case that was just walled off.
CASE_ROWS = {"cases": "case", "case_team": "case", "case_walls": "case"}
# Tables of no kind of their own: what their change touches (the 30.30 clock's ledger is
# the case's, keyed by its id).
PART_OF = {"case_clocks": "case"}
POLL_SECONDS = 0.1  # how long the listener waits before it checks whether to stop
RETRY_FIRST_SECONDS = 0.2  # after a lost connection, the first wait before trying again
RETRY_MAX_SECONDS = 5.0  # and the longest
OPS = {"I": "insert", "U": "update", "D": "delete"}
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Change:
    """What one statement of a colleague's transaction changed.

    ``records`` maps a record id to its case (None for a person); ``cases`` names the
    cases touched; ``everything`` means the notification could not say (thousands of
    rows): re-read all. ``by`` is the login that made it (when known), ``at`` when it
    was heard."""

    table: str
    op: str  # "insert", "update", "delete"
    pid: int
    records: dict[int, int | None] = field(default_factory=dict)
    cases: frozenset[int] = frozenset()
    everything: bool = False
    by: str = ""
    at: dt.datetime | None = None

    @property
    def kind(self) -> str | None:
        """The kind code of the records ("statement"), or None for an office table."""
        if self.table in CASE_ROWS:
            return CASE_ROWS[self.table]
        kind = KIND_OF_TABLE.get(self.table)
        return kind.code if kind is not None else PART_OF.get(self.table)

    def kind_ids(self) -> list[tuple[str, int]]:
        """(kind code, id) of every record named: a case's team or wall names the case."""
        kind = self.kind
        if kind is None:
            return []
        if self.table in CASE_ROWS:
            return [("case", case_id) for case_id in self.cases]
        return [(kind, record_id) for record_id in self.records]


def parse(payload: str) -> Change | None:
    """The change a notification's payload describes; None if it is not one of ours."""
    try:
        message = json.loads(payload)
        table, op, pid = str(message["t"]), OPS[message["op"]], int(message["pid"])
        if "rows" in message:
            records = {
                int(record): None if case is None else int(case) for record, case in message["rows"]
            }
            cases = frozenset(case for case in records.values() if case is not None)
            return Change(table, op, pid, records, cases)
        if message.get("cases") is not None:
            return Change(table, op, pid, cases=frozenset(int(c) for c in message["cases"] if c))
        return Change(table, op, pid, everything=True)
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def own_sessions(engine: Engine) -> set[int]:
    """The backend pids of ``engine``'s connections, kept up to date as it hands them
    out: what this workspace commits comes from one of them."""
    from sqlalchemy import event

    pids: set[int] = set()

    def checked_out(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        pid = getattr(getattr(dbapi_connection, "info", None), "backend_pid", None)
        if pid is not None:
            pids.add(int(pid))

    event.listen(engine, "checkout", checked_out)
    return pids


class ChangeListener:
    """Listens for colleagues' changes to ``workspace`` and calls ``deliver`` with each
    batch (on the listener's thread: a window hands them to its own thread).

    When the server drops the connection (a restart, a network cut, an administrator
    ending the session) the listener says so through ``on_status(False)``, connects
    again, waiting a little longer each time (up to :data:`RETRY_MAX_SECONDS`), and once
    it hears again says ``on_status(True)`` and delivers one change that means "re-read
    everything": what was committed meanwhile was not heard."""

    def __init__(
        self,
        workspace: Workspace,
        deliver: Callable[[list[Change]], None],
        on_status: Callable[[bool], None] | None = None,
    ) -> None:
        if workspace.is_sqlite:
            raise ValueError("live changes need a PostgreSQL workspace")
        self.workspace = workspace
        self.deliver = deliver
        self.on_status = on_status
        self.own = own_sessions(workspace.engine)
        self.connected = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._connection: Any = None

    def start(self) -> None:
        """Connect and LISTEN (here, so a refusal is the caller's to report), then hear on
        a thread. Notifications committed after this returns are heard."""
        self._connection = self._connect()
        self.connected = True
        self._thread = threading.Thread(target=self._run, name="casefile-live", daemon=True)
        self._thread.start()

    def _connect(self) -> Any:
        fairy = self.workspace.engine.raw_connection()
        connection = fairy.driver_connection
        fairy.detach()  # its own connection, never handed back to the pool
        assert connection is not None
        try:
            connection.rollback()  # the pool's liveness check may have begun a transaction
            connection.autocommit = True
            connection.execute(f"LISTEN {CHANNEL}")
        except Exception:
            connection.close()
            raise
        self.own.discard(connection.info.backend_pid)
        return connection

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop hearing and close the connection (waits for the thread)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            connection = self._connection
            try:
                self._hear(connection)
            except Exception:  # the server went away: say so, and connect again
                if self._stop.is_set():
                    break
                log.warning("lost the connection that hears colleagues' changes", exc_info=True)
                self._close(connection)
                self._connection = None
                self._status(False)
                self._connection = self._reconnect()
                if self._connection is None:
                    break
                self._status(True)
                self.deliver([Change("", "update", 0, everything=True)])
        self._close(self._connection)

    def _hear(self, connection: Any) -> None:
        while not self._stop.is_set():
            heard = list(connection.notifies(timeout=POLL_SECONDS))
            if not heard or self._stop.is_set():
                continue
            changes = self._screen(connection, (note.payload for note in heard))
            if changes:
                self.deliver(changes)

    def _reconnect(self) -> Any:
        """A new listening connection, tried until one is made or the listener stops."""
        wait = RETRY_FIRST_SECONDS
        while not self._stop.wait(wait):
            try:
                return self._connect()
            except Exception as exc:
                log.info("still cannot hear colleagues' changes: %s", exc)
                wait = min(wait * 2, RETRY_MAX_SECONDS)
        return None

    def _status(self, connected: bool) -> None:
        self.connected = connected
        if self.on_status is not None:
            self.on_status(connected)

    @staticmethod
    def _close(connection: Any) -> None:
        if connection is None:
            return
        try:
            connection.close()
        except Exception:  # already closed by the server going away
            pass

    def _screen(self, connection: Any, payloads: Iterable[str]) -> list[Change]:
        """The changes of other sessions this login may see, with who made them."""
        changes = [
            change
            for change in map(parse, payloads)
            if change is not None and change.pid not in self.own
        ]
        if not changes:
            return []
        named = sorted({case for change in changes for case in change.cases})
        visible = set()
        if named:
            rows = connection.execute("SELECT id FROM cases WHERE id = ANY(%s)", (named,))
            visible = {int(row[0]) for row in rows}
        seen: list[Change] = []
        out_of_sight: list[Change] = []  # passed on with the case ids alone
        for change in changes:
            if change.everything:
                out_of_sight.append(change)
                continue
            if change.table in CASE_ROWS:
                if change.cases & visible:
                    seen.append(change)
                else:  # walled off, off the team or deleted: the list re-reads, that is all
                    out_of_sight.append(replace(change, records={}))
                continue
            records = {
                record: case
                for record, case in change.records.items()
                if case is None or case in visible
            }
            cases = change.cases & visible
            if records or cases:
                seen.append(replace(change, records=records, cases=cases))
        logins = self._logins(connection, {change.pid for change in seen})
        return out_of_sight + [
            self._with_writer(connection, change, logins.get(change.pid)) for change in seen
        ]

    @staticmethod
    def _logins(connection: Any, pids: set[int]) -> dict[int, str]:
        """The login of each session still connected (every login may read this much of
        ``pg_stat_activity``)."""
        rows = connection.execute(
            "SELECT pid, usename FROM pg_stat_activity WHERE pid = ANY(%s)", (sorted(pids),)
        )
        return {int(pid): str(login) for pid, login in rows if login}

    @staticmethod
    def _with_writer(connection: Any, change: Change, login: str | None) -> Change:
        """``change`` with who made it and when (now: it was heard within a second of its
        commit). Who: the login of the session that committed it, as a window's session
        stays connected; else (a command that has exited) the last audit entry on its
        records made in the last minute, read through row security."""
        by = login or ""
        if not by and change.records:
            row = connection.execute(
                'SELECT "user" FROM audit_log WHERE table_name = %s AND record_id = ANY(%s) '
                "AND at > now() - interval '1 minute' ORDER BY id DESC LIMIT 1",
                (change.table, sorted(change.records)),
            ).fetchone()
            by = str(row[0] or "") if row is not None else ""
        return replace(change, by=by, at=dt.datetime.now(dt.UTC))


__all__ = ["CHANNEL", "Change", "ChangeListener", "own_sessions", "parse"]
