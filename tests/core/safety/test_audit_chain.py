"""The audit trail is tamper-evident: someone with the database login who drops the
triggers and edits ``audit_log`` by hand is caught by ``casefile check`` (and
``casefile history`` says so), on both backends."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import select

from app.cli import main
from app.core.services import cases
from app.core.storage import audit, audit_chain
from app.core.storage.models import AuditEntry
from app.core.storage.workspace import Workspace


def _cli_target(ws: Workspace) -> str:
    return str(ws.path) if ws.path is not None else ws.url.render_as_string(hide_password=False)


def _trail(ws: Workspace, changes: int = 4) -> tuple[int, list[int]]:
    """A case with a few changes; its id and every audit entry's id, oldest first."""
    case_id = cases.add_case(ws, caption="People v. Ingram")
    for n in range(changes):
        cases.update_case(ws, case_id, caption=f"People v. Ingram ({n})")
    with ws.reader() as session:
        ids = list(session.scalars(select(AuditEntry.id).order_by(AuditEntry.id)))
    return case_id, ids


def _attack(ws: Workspace, *statements: str) -> None:
    """Raw SQL as the app's own login: drop the guards first, then do as it pleases."""
    if ws.is_sqlite:
        guards = ["DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"]
        guards.append("DROP TRIGGER audit_head_no_delete")
    else:
        guards = [
            "DROP TRIGGER audit_log_no_change ON audit_log",
            "DROP TRIGGER audit_head_no_delete ON audit_head",
        ]
    with ws.engine.begin() as connection:
        for sql in [*guards, *statements]:
            connection.exec_driver_sql(sql)


def _check(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["--db", _cli_target(ws), "check"])
    return status, capsys.readouterr().out


def test_an_untouched_trail_verifies(workspace: Workspace, capsys) -> None:  # type: ignore[no-untyped-def]
    _case, ids = _trail(workspace)
    with workspace.reader() as session:
        report = audit_chain.verify(session.connection())
        head = audit_chain.head_of(session.connection())
    assert report.problems == [] and report.entries == len(ids)
    assert head is not None and (head["last_id"], head["entries"]) == (ids[-1], len(ids))
    status, out = _check(workspace, capsys)
    assert status == 0 and out.rstrip().endswith("no damage found")


def test_deleting_the_whole_trail_is_caught_by_check_and_history(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    case_id, ids = _trail(workspace)
    _attack(workspace, "DELETE FROM audit_log")

    status, out = _check(workspace, capsys)
    assert status == 2
    assert f"all {len(ids)} audit entries are missing" in out
    assert "tampered with" in out and "no damage found" not in out
    assert "audit_log_no_" in out  # the removed guard is named too

    assert main(["--db", _cli_target(workspace), "history", str(case_id)]) == 2
    captured = capsys.readouterr()
    assert "no recorded changes" not in captured.out
    assert "tampered with" in captured.out and "tampered with" in captured.err


def test_a_changed_entry_is_named(workspace: Workspace, capsys) -> None:  # type: ignore[no-untyped-def]
    _case, ids = _trail(workspace)
    victim = ids[2]
    _attack(workspace, f"UPDATE audit_log SET \"user\" = 'nobody' WHERE id = {victim}")
    status, out = _check(workspace, capsys)
    assert status == 2
    assert f"audit entry {victim}: its hash does not match (changed after it was written)" in out


def test_a_changed_and_rehashed_entry_breaks_the_link_after_it(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    _case, ids = _trail(workspace)
    victim = ids[1]
    with workspace.reader() as session:
        entry = next(
            e for e in audit_chain.chain_entries(session.connection()) if e["id"] == victim
        )
    entry["note"] = "nothing to see"
    forged = audit_chain.entry_hash(entry)
    _attack(
        workspace,
        f"UPDATE audit_log SET note = 'nothing to see', hash = '{forged}' WHERE id = {victim}",
    )
    status, out = _check(workspace, capsys)
    assert status == 2
    assert f"audit entry {ids[2]}: the entry before it ({victim}) is not the one" in out


def test_a_deleted_entry_in_the_middle_is_named(workspace: Workspace, capsys) -> None:  # type: ignore[no-untyped-def]
    _case, ids = _trail(workspace)
    _attack(workspace, f"DELETE FROM audit_log WHERE id = {ids[2]}")
    status, out = _check(workspace, capsys)
    assert status == 2
    assert f"audit entries between {ids[1]} and {ids[3]} are missing" in out


def test_deleting_the_last_entries_is_caught_by_the_head(workspace: Workspace, capsys) -> None:  # type: ignore[no-untyped-def]
    _case, ids = _trail(workspace)
    _attack(workspace, f"DELETE FROM audit_log WHERE id > {ids[-3]}")
    status, out = _check(workspace, capsys)
    assert status == 2
    assert f"audit entries after {ids[-3]} are missing" in out
    assert f"the trail ended at entry {ids[-1]}" in out


def test_deleting_the_last_entries_and_the_head_is_caught(workspace: Workspace, capsys) -> None:  # type: ignore[no-untyped-def]
    _case, ids = _trail(workspace)
    _attack(workspace, f"DELETE FROM audit_log WHERE id > {ids[-3]}", "DELETE FROM audit_head")
    status, out = _check(workspace, capsys)
    assert status == 2
    assert "the audit trail's head record is missing" in out
    # And nothing more can be recorded until the workspace is restored: no silent new chain.
    with pytest.raises(Exception, match="head record is missing"):
        cases.add_case(workspace, caption="After the attack")


def test_an_entry_added_by_hand_is_caught(workspace: Workspace, capsys) -> None:  # type: ignore[no-untyped-def]
    _case, ids = _trail(workspace)
    _attack(
        workspace,
        'INSERT INTO audit_log (id, at, "user", action, table_name, record_id, case_id, '
        "changes, note, prev_hash, hash) VALUES "
        f"({ids[-1] + 1}, '2020-01-01 00:00:00', 'x', 'create', 'cases', 1, 1, '{{}}', '', "
        f"'{'0' * 64}', '{'1' * 64}')",
    )
    status, out = _check(workspace, capsys)
    assert status == 2
    assert f"audit entry {ids[-1] + 1}: its hash does not match" in out


def test_a_removed_guard_alone_is_reported(workspace: Workspace, capsys) -> None:  # type: ignore[no-untyped-def]
    _trail(workspace)
    _attack(workspace)
    status, out = _check(workspace, capsys)
    assert status == 2
    assert "the audit trail's guards were removed" in out


def test_two_sessions_appending_at_once_queue_up_instead_of_forking(
    workspace: Workspace,
) -> None:
    """The second append waits for the first one's head lock, then chains onto its entry."""
    row = {
        "user": "x",
        "action": "update",
        "table_name": "cases",
        "record_id": 1,
        "case_id": 1,
        "changes": {},
        "note": "",
    }
    first = workspace.engine.connect()
    first.begin()
    audit_chain.append(first, [row | {"at": dt.datetime.now(dt.UTC)}])
    done = threading.Event()
    errors: list[BaseException] = []

    def second() -> None:
        try:
            with workspace.engine.begin() as connection:
                audit_chain.append(connection, [row | {"at": dt.datetime.now(dt.UTC)}])
        except BaseException as exc:  # reported to the test below
            errors.append(exc)
        done.set()

    thread = threading.Thread(target=second)
    thread.start()
    # While the first transaction holds the head, the second cannot have appended.
    assert not done.wait(0.5)
    first.commit()
    first.close()
    thread.join(30)
    assert errors == [] and done.is_set()
    with workspace.reader() as session:
        report = audit_chain.verify(session.connection())
        entries = list(audit_chain.chain_entries(session.connection()))
    assert report.problems == [] and report.entries == 2
    assert entries[1]["prev_hash"] == entries[0]["hash"]


def test_the_trail_is_chained_as_the_app_writes_it(workspace: Workspace) -> None:
    _case, ids = _trail(workspace, changes=2)
    with workspace.reader() as session:
        entries = list(audit_chain.chain_entries(session.connection()))
    assert entries[0]["prev_hash"] == audit_chain.GENESIS
    for before, after in zip(entries, entries[1:], strict=False):
        assert after["prev_hash"] == before["hash"] and after["id"] == before["id"] + 1
    assert audit.chain_problems(workspace) == []


def test_an_entry_made_unreadable_is_named_not_a_traceback(
    sqlite_workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    # SQLite stores whatever it is given: text that is not JSON, a time that is not a time.
    case_id, ids = _trail(sqlite_workspace)
    _attack(
        sqlite_workspace,
        f"UPDATE audit_log SET changes = 'not json' WHERE id = {ids[1]}",
        f"UPDATE audit_log SET at = 'yesterday' WHERE id = {ids[2]}",
    )
    status, out = _check(sqlite_workspace, capsys)
    assert status == 2
    assert f"audit entry {ids[1]}: it cannot be read (changed after it was written)" in out

    # The history shows what it can, and says which entries it cannot read.
    assert main(["--db", _cli_target(sqlite_workspace), "history", str(case_id)]) == 2
    captured = capsys.readouterr()
    assert captured.out.count("this entry cannot be read") == 2
    assert "tampered with" in captured.err
