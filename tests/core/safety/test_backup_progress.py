"""A backup reports its progress, and stopped at any report it leaves no file behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.progress import SCALE
from app.core.safety import backup
from app.core.storage.workspace import Workspace
from tests.core.safety.test_backup import _fill


class Stop(Exception):
    pass


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_backup_reports_progress_up_to_the_end(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    _fill(sqlite_workspace, tmp_path)
    seen: list[tuple[int, int]] = []
    result = backup.make_backup(sqlite_workspace, progress=lambda d, t: seen.append((d, t)))
    assert result.attachments == 5 and not result.problems
    values = [done for done, _total in seen]
    assert values == sorted(values) and values[-1] == SCALE
    assert len(set(values)) >= 3  # it moves: the snapshot, the database, each file


def test_a_backup_stopped_at_any_report_leaves_no_file(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    _fill(sqlite_workspace, tmp_path)
    assert sqlite_workspace.path is not None
    folder = backup.backups_dir(sqlite_workspace.path)
    calls: list[int] = []
    backup.make_backup(
        sqlite_workspace, tmp_path / "full.zip", progress=lambda d, t: calls.append(d)
    )
    before, outside = _listing(folder), _listing(tmp_path)
    for stop_at in range(1, len(calls) + 1):
        count = [0]

        def progress(
            _done: int, _total: int, stop_at: int = stop_at, count: list[int] = count
        ) -> None:
            count[0] += 1
            if count[0] == stop_at:
                raise Stop

        with pytest.raises(Stop):
            backup.make_backup(sqlite_workspace, progress=progress)
        count[0] = 0
        with pytest.raises(Stop):
            backup.make_backup(sqlite_workspace, tmp_path / "other.zip", progress=progress)
        assert _listing(folder) == before, stop_at
        assert _listing(tmp_path) == outside, stop_at
