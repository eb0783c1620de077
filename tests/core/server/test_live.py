"""Live colleagues on a real PostgreSQL 15: a save in one workspace reaches another's
listener within a second, a workspace ignores its own saves, a screened colleague
hears nothing of a walled case, and a payload holds ids only, under 8,000 bytes."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from app.core.services import cases, notes
from app.core.storage.notify import CHANNEL, Change, ChangeListener, parse
from app.core.storage.workspace import Workspace
from tests.casebuilder import CAPTION
from tests.core.server.conftest import Office

SECOND = 1.0


def conninfo(office: Office, login: str) -> str:
    return make_conninfo(
        host=str(office.server.socket_dir), port=office.server.port, user=login, dbname="office"
    )


class Heard:
    """What a listener delivered, with a wait on a condition (no sleeps)."""

    def __init__(self) -> None:
        self.changes: list[Change] = []
        self._condition = threading.Condition()

    def __call__(self, batch: list[Change]) -> None:
        with self._condition:
            self.changes.extend(batch)
            self._condition.notify_all()

    def wait_for(
        self,
        table: str,
        record_id: int,
        timeout: float = SECOND,
        where: Callable[[Change], bool] = lambda change: True,
    ) -> Change:
        def found() -> Change | None:
            return next(
                (
                    c
                    for c in self.changes
                    if c.table == table and record_id in c.records and where(c)
                ),
                None,
            )

        with self._condition:
            assert self._condition.wait_for(lambda: found() is not None, timeout), self.changes
            change = found()
        assert change is not None
        return change

    def about_case(self, case_id: int) -> list[Change]:
        with self._condition:
            return [c for c in self.changes if case_id in c.cases]


@pytest.fixture
def listen(office: Office) -> Iterator[Any]:
    started: list[ChangeListener] = []

    def start(ws: Workspace) -> Heard:
        heard = Heard()
        listener = ChangeListener(ws, heard)
        listener.start()
        started.append(listener)
        return heard

    yield start
    for listener in started:
        listener.stop()
        assert not listener.running


def test_a_colleagues_save_is_heard_within_a_second_with_who_made_it(
    office: Office, listen: Any
) -> None:
    heard = listen(office.open_as("bea"))
    cy = office.open_as("cy")
    note = notes.add_note(cy, office.open_case, body="Call the arresting officer")
    change = heard.wait_for("notes", note)
    assert change.op == "insert" and change.kind == "note"
    assert change.records == {note: office.open_case}
    assert change.by == "cy" and change.at is not None
    notes.update_note(cy, note, body="Called the arresting officer")
    assert heard.wait_for("notes", note).op in {"insert", "update"}


def test_any_writer_notifies_not_only_the_app(office: Office, listen: Any) -> None:
    """The trigger, not the app, sends: a save from psql (or the command line) is heard."""
    heard = listen(office.open_as("cy"))
    note = notes.add_note(office.open_as("bea"), office.open_case, body="Before psql")
    with psycopg.connect(conninfo(office, "bea"), autocommit=True) as raw:
        raw.execute("UPDATE notes SET body = 'From psql' WHERE id = %s", (note,))
        pid = raw.info.backend_pid
        change = heard.wait_for("notes", note, where=lambda c: c.op == "update")
    assert change.pid == pid and change.by == "bea"


def test_a_window_ignores_its_own_saves(office: Office, listen: Any) -> None:
    bea = office.open_as("bea")
    heard = listen(bea)
    mine = notes.add_note(bea, office.open_case, body="My own note")
    theirs = notes.add_note(office.open_as("cy"), office.open_case, body="Their note")
    heard.wait_for("notes", theirs)  # committed after mine: mine would have come first
    assert not [c for c in heard.changes if mine in c.records and c.table == "notes"]


def test_a_screened_colleague_hears_nothing_of_a_walled_case(office: Office, listen: Any) -> None:
    heard = listen(office.open_as("cy"))
    bea = office.open_as("bea")
    walled = notes.add_note(bea, office.walled.case_id, body="Privileged strategy")
    later = notes.add_note(bea, office.open_case, body="Open case note")
    heard.wait_for("notes", later)
    assert heard.about_case(office.walled.case_id) == []
    assert not [c for c in heard.changes if walled in c.records]


def test_a_walled_cases_own_row_reaches_a_colleague_as_its_number_alone(
    office: Office, listen: Any
) -> None:
    """A change to a case's row, team or wall passes on (a list re-reads and drops a case
    just walled off), with the case number only: no record, no writer."""
    heard = listen(office.open_as("cy"))
    cases.update_case(office.open_as("bea"), office.walled.case_id, summary="Walled summary")
    cases.update_case(office.open_as("bea"), office.open_case, summary="Open summary")
    seen = heard.wait_for("cases", office.open_case)
    assert seen.by == "bea"
    (walled,) = heard.about_case(office.walled.case_id)
    assert walled.table == "cases" and walled.records == {} and walled.by == ""


def test_a_payload_names_ids_only_and_stays_small(office: Office) -> None:
    with psycopg.connect(conninfo(office, "cy"), autocommit=True) as raw:
        raw.execute(f"LISTEN {CHANNEL}")
        bea = office.open_as("bea")
        cases.update_case(bea, office.walled.case_id, summary="Secret theory of the defence")
        with bea.session() as session:  # one statement of many rows
            session.connection().exec_driver_sql(
                "INSERT INTO notes (case_id, body, is_todo, done, staff_only, version, "
                "created_at, updated_at) SELECT %(case)s, 'bulk ' || g, false, false, false, 1, "
                "now(), now() FROM generate_series(1, 3000) g",
                {"case": office.walled.case_id},
            )
        payloads: list[str] = []
        for note in raw.notifies(timeout=SECOND):
            payloads.append(note.payload)
            if '"notes"' in note.payload:
                break
    for payload in payloads:
        assert len(payload.encode()) < 8000
        assert "Secret" not in payload and CAPTION not in payload and "bulk" not in payload
    heard = {change.table: change for change in map(parse, payloads) if change is not None}
    case_change, bulk = heard.get("cases"), heard.get("notes")
    assert case_change is not None and case_change.table == "cases"
    assert case_change.cases == {office.walled.case_id}
    assert bulk is not None and bulk.table == "notes" and bulk.op == "insert"
    assert bulk.cases == {office.walled.case_id} and not bulk.records


def test_stopping_leaves_no_thread_and_closes_the_connection(office: Office) -> None:
    listener = ChangeListener(office.open_as("pat"), lambda batch: None)
    listener.start()
    connection = listener._connection
    assert listener.running
    listener.stop()
    assert not listener.running and connection.closed
    assert not [t for t in threading.enumerate() if t.name == "casefile-live"]


def test_sqlite_has_no_listener(tmp_path: Any) -> None:
    from app.core.storage.workspace import open_workspace

    ws = open_workspace(tmp_path / "one.casefile", user="solo")
    try:
        with pytest.raises(ValueError):
            ChangeListener(ws, lambda batch: None)
        with ws.engine.connect() as connection:
            triggers = connection.exec_driver_sql(
                "SELECT count(*) FROM sqlite_master "
                "WHERE type = 'trigger' AND name LIKE 'casefile_live%'"
            ).scalar()
        assert triggers == 0
    finally:
        ws.close()


def test_a_payload_is_read_back_or_refused() -> None:
    named = parse('{"t": "statements", "op": "U", "pid": 7, "n": 2, "rows": [[3, 1], [4, 1]]}')
    assert named == Change("statements", "update", 7, {3: 1, 4: 1}, frozenset({1}))
    assert named.kind_ids() == [("statement", 3), ("statement", 4)]
    many = parse('{"t": "notes", "op": "I", "pid": 7, "n": 900, "cases": [2, 5]}')
    assert many is not None and many.cases == {2, 5} and not many.records
    everything = parse('{"t": "notes", "op": "D", "pid": 7, "n": 90000}')
    assert everything is not None and everything.everything
    clock = parse('{"t": "case_clocks", "op": "U", "pid": 7, "n": 1, "rows": [[9, 9]]}')
    assert clock is not None and clock.kind_ids() == [("case", 9)]
    for junk in ("", "not json", '{"t": "notes"}', '{"t": "x", "op": "Z", "pid": 1}', "[]"):
        assert parse(junk) is None


def test_the_listener_reconnects_after_the_server_drops_it_and_says_so(office: Office) -> None:
    """An administrator ends the listening session (as a restart or a network cut would):
    the listener says it is not hearing, connects again, says so, asks for everything to
    be re-read, and hears the next save."""
    heard = Heard()
    states: list[bool] = []
    changed = threading.Condition()

    def on_status(connected: bool) -> None:
        with changed:
            states.append(connected)
            changed.notify_all()

    listener = ChangeListener(office.open_as("bea"), heard, on_status)
    listener.start()
    try:
        pid = listener._connection.info.backend_pid
        with psycopg.connect(office.server.conninfo("office"), autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        with changed:
            assert changed.wait_for(lambda: states[:2] == [False, True], 10 * SECOND), states
        assert listener.connected and listener._connection.info.backend_pid != pid
        with heard._condition:
            assert heard._condition.wait_for(
                lambda: any(c.everything for c in heard.changes), SECOND
            )
        note = notes.add_note(office.open_as("cy"), office.open_case, body="After the cut")
        assert heard.wait_for("notes", note).by == "cy"
    finally:
        listener.stop()
    assert not listener.running
