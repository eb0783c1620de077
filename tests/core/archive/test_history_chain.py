"""An imported case's history joins this workspace's audit chain (chained anew);
exported history carries no hashes (they belong to the workspace it came from)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from app.core.archive.transfer import export_case, import_archive
from app.core.errors import ArchiveError
from app.core.services import cases, people, statements
from app.core.storage import audit, audit_chain
from app.core.storage.workspace import Workspace


def test_imported_history_is_rechained_onto_this_workspace(
    workspace: Workspace, tmp_path: Path
) -> None:
    case_id = cases.add_case(workspace, caption="People v. Ingram")
    party = people.add_person_to_case(workspace, case_id, ["client"], name="Derrick Ingram")
    said = statements.add_statement(workspace, case_id, speaker_id=party, text="I was at home.")
    statements.update_statement(workspace, said, text="I was at work.")
    archive = tmp_path / "case.zip"
    export_case(workspace, case_id, archive)
    with zipfile.ZipFile(archive) as zf:
        history = json.loads(zf.read("case.json"))["history"]
    assert history and all("hash" not in h and "prev_hash" not in h for h in history)

    with workspace.reader() as session:
        before = audit_chain.head_of(session.connection())
    new_id = import_archive(workspace, archive)
    with workspace.reader() as session:
        connection = session.connection()
        assert audit_chain.verify(connection).problems == []
        after = audit_chain.head_of(connection)
        entries = list(audit_chain.chain_entries(connection))
    assert before is not None and after is not None
    # The archive's entries plus the import's own entry, appended after the old end.
    assert after["entries"] - before["entries"] == len(history) + 1
    first_new = next(e for e in entries if e["id"] == before["last_id"] + 1)
    assert first_new["prev_hash"] == before["last_hash"]
    assert first_new["case_id"] == new_id
    assert audit.chain_problems(workspace) == []


def test_an_unreadable_entry_is_named_by_export_not_a_traceback(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    case_id = cases.add_case(sqlite_workspace, caption="People v. Ingram")
    cases.update_case(sqlite_workspace, case_id, caption="People v. D. Ingram")
    with sqlite_workspace.engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER audit_log_no_update")
        connection.exec_driver_sql("UPDATE audit_log SET changes = '{' WHERE action = 'update'")
    with pytest.raises(ArchiveError, match=r"audit entry \d+ of this case cannot be read"):
        export_case(sqlite_workspace, case_id, tmp_path / "case.zip")


@pytest.mark.parametrize("at", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
def test_a_time_that_overflows_in_utc_is_refused_by_name(at: str) -> None:
    from app.core.archive.history import read_history

    entry = {"at": at, "user": "maria", "action": "update", "record": None, "changes": {}}
    with pytest.raises(ArchiveError, match=r"history\[0\]: at .* is out of range in UTC"):
        read_history([entry], {})
