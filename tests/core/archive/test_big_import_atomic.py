"""A big import that fails or is killed halfway leaves the search index as it was.

From :data:`~app.core.archive.importer.BULK_INDEX_THRESHOLD` records on, an import on
SQLite drops the search triggers, inserts, and re-creates them with one rebuild. The
drop belongs to the import's transaction: if the import fails (disk full) or the process
is killed before the commit, the triggers are still there, and a note written afterwards
is found by search.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from app.core import demo
from app.core.archive import importer
from app.core.errors import WorkspaceError
from app.core.search import query as search
from app.core.search.schema import trigger_names
from app.core.services import cases, notes
from app.core.storage.workspace import Workspace, open_workspace
from tests.faults import run_killed


@pytest.fixture(scope="module")
def big_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = demo.DemoSpec(
        people=40,
        statements=importer.BULK_INDEX_THRESHOLD,
        documents=20,
        events=20,
        issues=5,
        notes=10,
        attachment_every=1000,
    )
    path = tmp_path_factory.mktemp("big") / "big.zip"
    return demo.write_archive(demo.build_case(spec), path)


def _triggers(ws: Workspace) -> set[str]:
    with ws.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {name for (name,) in rows}


def _still_indexed(ws: Workspace) -> None:
    assert set(trigger_names()) <= _triggers(ws)
    case_id = cases.add_case(ws, caption="After the failed import")
    notes.add_note(ws, case_id, body="a wombat crossed the road")
    assert [hit.kind for hit in search.search(ws, "wombat")] == ["note"]


def test_a_big_import_that_fails_late_keeps_the_search_triggers(
    sqlite_workspace: Workspace, big_archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = sqlite_workspace
    search.search(ws, "anything")  # the index check has run: it will not heal anything

    def disk_full(*_args: object) -> None:
        raise OperationalError("INSERT", {}, Exception("database or disk is full"))

    # Every record is in; the archive's history is the last thing written.
    monkeypatch.setattr(importer, "import_history", disk_full)
    with pytest.raises(WorkspaceError):
        importer.import_archive(ws, big_archive)
    assert cases.list_cases(ws) == []
    _still_indexed(ws)


def test_a_big_import_killed_before_its_commit_keeps_the_search_triggers(
    sqlite_workspace: Workspace, big_archive: Path, tmp_path: Path
) -> None:
    path = sqlite_workspace.path
    assert path is not None
    sqlite_workspace.close()
    run_killed(["--db", str(path), "import", str(big_archive)], tmp_path, "import:after-insert")
    ws = open_workspace(path, user="tester")
    try:
        assert cases.list_cases(ws) == []
        _still_indexed(ws)
    finally:
        ws.close()


def test_a_big_import_that_succeeds_is_indexed_and_keeps_indexing(
    sqlite_workspace: Workspace, big_archive: Path
) -> None:
    ws = sqlite_workspace
    case_id = importer.import_archive(ws, big_archive)
    # The demo text names a zeppelin in exactly two of its statements.
    said = search.search(ws, "zeppelin", case_id=case_id, kinds=["statement"])
    assert [hit.kind for hit in said] == ["statement", "statement"]
    _still_indexed(ws)
