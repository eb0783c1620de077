"""The audit chain's end is also kept outside the database, so deleting the last entries
and rewriting the head to match - which the chain inside the database cannot show - is
caught by ``casefile check`` and ``casefile history``, on both backends. Restores and new
workspaces, which change the trail on purpose, raise no alarm."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli import main
from app.core.safety import backup
from app.core.services import cases
from app.core.storage import audit_chain, audit_witness
from app.core.storage.models import AuditEntry
from app.core.storage.workspace import Workspace, open_workspace
from tests.core.safety.test_audit_chain import _attack, _check, _cli_target, _trail


def _entry(ws: Workspace, entry_id: int) -> dict:
    with ws.reader() as session:
        return next(
            e for e in audit_chain.chain_entries(session.connection()) if e["id"] == entry_id
        )


def _cut_the_tail_and_fix_the_head(ws: Workspace, keep_up_to: int) -> None:
    """Delete every entry after ``keep_up_to`` and point the head at it: the chain in
    the database verifies again."""
    kept = _entry(ws, keep_up_to)
    with ws.reader() as session:
        count = len(list(session.scalars(select(AuditEntry.id).where(AuditEntry.id <= keep_up_to))))
    _attack(
        ws,
        f"DELETE FROM audit_log WHERE id > {keep_up_to}",
        f"UPDATE audit_head SET last_id = {keep_up_to}, last_hash = '{kept['hash']}', "
        f"entries = {count}",
    )
    with ws.reader() as session:
        assert audit_chain.verify(session.connection()).problems == []  # blind inside


def test_every_change_records_the_chain_s_end_outside_the_database(
    workspace: Workspace,
) -> None:
    _case, ids = _trail(workspace)
    seen = audit_witness.last_seen(workspace.url)
    assert seen is not None
    assert (seen.last_id, seen.entries) == (ids[-1], len(ids))
    assert seen.last_hash == _entry(workspace, ids[-1])["hash"]
    # Ids and hashes only: nothing of the case is in the witness.
    witness = audit_witness.witness_file(workspace.url)
    assert witness is not None and "Ingram" not in witness.read_text(encoding="utf-8")


def test_the_last_entries_deleted_with_the_head_rewritten_are_caught(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    case_id, ids = _trail(workspace)
    _cut_the_tail_and_fix_the_head(workspace, ids[-3])

    status, out = _check(workspace, capsys)
    assert status == 2
    assert (
        f"audit entries after {ids[-3]} are missing: this computer saw the trail reach "
        f"entry {ids[-1]}" in out
    )
    assert "no damage found" not in out

    assert main(["--db", _cli_target(workspace), "history", str(case_id)]) == 2
    assert "tampered with" in capsys.readouterr().err


def test_a_trail_rehashed_from_a_changed_entry_on_is_caught(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    _case, ids = _trail(workspace)
    # Change entry 2 and recompute every hash after it and the head: inside the
    # database the chain is whole again.
    statements = []
    previous = _entry(workspace, ids[0])["hash"]
    for entry_id in ids[1:]:
        entry = _entry(workspace, entry_id)
        if entry_id == ids[1]:
            entry["note"] = "nothing to see"
        entry["prev_hash"] = previous
        previous = audit_chain.entry_hash(entry)
        statements.append(
            f"UPDATE audit_log SET note = '{entry['note']}', prev_hash = '{entry['prev_hash']}', "
            f"hash = '{previous}' WHERE id = {entry_id}"
        )
    statements.append(f"UPDATE audit_head SET last_hash = '{previous}'")
    _attack(workspace, *statements)
    with workspace.reader() as session:
        assert audit_chain.verify(session.connection()).problems == []

    status, out = _check(workspace, capsys)
    assert status == 2
    assert f"audit entry {ids[-1]} is not the one this computer saw" in out


def test_a_backup_s_manifest_keeps_the_end_for_another_computer(
    sqlite_workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = sqlite_workspace
    _case, ids = _trail(ws)
    made = backup.make_backup(ws)
    head = backup.read_manifest(made.path)["audit_head"]
    assert head == {
        "last_id": ids[-1],
        "last_hash": _entry(ws, ids[-1])["hash"],
        "entries": len(ids),
    }
    # The check runs where this computer's witness is not (another desk, a new account).
    witness = audit_witness.witness_file(ws.url)
    assert witness is not None
    witness.unlink()
    _cut_the_tail_and_fix_the_head(ws, ids[-2])

    status, out = _check(ws, capsys)
    assert status == 2
    assert f"the backup {made.path.name} saw the trail reach entry {ids[-1]}" in out


def test_a_restore_rewinds_the_trail_without_an_alarm(
    sqlite_workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = sqlite_workspace
    case_id, _ids = _trail(ws)
    older = backup.make_backup(ws, tmp_path / "older.zip")
    for n in range(3):
        cases.update_case(ws, case_id, caption=f"Later ({n})")
    backup.make_backup(ws)  # in the backups folder: it holds the longer trail
    path = ws.path
    assert path is not None
    ws.close()

    backup.restore_backup(older.path, path)

    assert audit_witness.last_seen(ws.url) is None
    reopened = open_workspace(path)
    try:
        status, out = _check(reopened, capsys)
        assert status == 0, out
        cases.update_case(reopened, case_id, caption="After the restore")
        status, out = _check(reopened, capsys)
        assert status == 0, out
    finally:
        reopened.close()


def test_a_new_workspace_where_an_old_one_was_starts_a_new_trail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "desk.casefile"
    first = open_workspace(path)
    _trail(first, changes=6)
    first.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)

    fresh = open_workspace(path)
    try:
        status, out = _check(fresh, capsys)
        assert status == 0, out
    finally:
        fresh.close()


def test_an_ordinary_change_after_the_tampering_does_not_launder_it(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    case_id, ids = _trail(workspace)
    _cut_the_tail_and_fix_the_head(workspace, ids[-3])
    # The next change reuses the freed ids; its end must not replace the one seen.
    cases.update_case(workspace, case_id, caption="People v. Ingram (later)")
    cases.update_case(workspace, case_id, caption="People v. Ingram (later still)")

    status, out = _check(workspace, capsys)
    assert status == 2
    assert f"audit entry {ids[-1]} is not the one this computer saw" in out


def test_a_restore_folder_made_up_in_the_future_does_not_hide_the_backups(
    sqlite_workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = sqlite_workspace
    _case, ids = _trail(ws)
    made = backup.make_backup(ws)
    witness = audit_witness.witness_file(ws.url)
    assert witness is not None and ws.path is not None
    witness.unlink()
    _cut_the_tail_and_fix_the_head(ws, ids[-2])
    fake = ws.path.with_name(ws.path.name + ".before-restore-29991231-000000")
    fake.mkdir()
    (fake / ws.path.name).write_bytes(ws.path.read_bytes())

    status, out = _check(ws, capsys)
    assert status == 2
    assert f"the backup {made.path.name} saw the trail reach entry {ids[-1]}" in out
