"""Imports at once into one workspace: ten of the same archive give one case with its uid
and nine copies; the people the archives name exist once (matched by uid, never duplicated)."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Sequence
from pathlib import Path

from app.core.archive.transfer import import_archive
from app.core.storage.workspace import Workspace
from tests.core.archive.parallel import (
    PEOPLE_UIDS,
    assert_one_original_and_copies,
    case_uids,
    people_by_uid,
    write_archive,
)

IMPORTS = 10


def import_together(workspace: Workspace, archives: Sequence[Path]) -> list[str]:
    """Import each archive from its own thread and connection, all starting at once;
    the failures, if any."""
    start = threading.Barrier(len(archives))
    failures: list[str] = []

    def run(worker: Workspace, archive: Path) -> None:
        try:
            start.wait(timeout=30)
            import_archive(worker, archive)
        except Exception as exc:  # reported by the caller, with every other failure
            failures.append(f"{type(exc).__name__}: {exc}")
        finally:
            worker.close()

    threads = [
        threading.Thread(target=run, args=(workspace.for_worker(), archive)) for archive in archives
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return failures


def test_ten_parallel_imports_of_one_archive_give_one_original_and_nine_copies(
    workspace: Workspace, tmp_path: Path
) -> None:
    archive = write_archive(tmp_path / "parallel.casefile-archive")
    assert import_together(workspace, [archive] * IMPORTS) == []
    assert_one_original_and_copies(workspace, IMPORTS)


def test_parallel_imports_of_different_cases_share_their_people(
    workspace: Workspace, tmp_path: Path
) -> None:
    uids = [str(uuid.uuid4()) for _ in range(IMPORTS)]
    archives = [write_archive(tmp_path / f"case-{n}.zip", uid) for n, uid in enumerate(uids)]
    assert import_together(workspace, archives) == []
    assert sorted(case_uids(workspace)) == sorted(uids)  # every case keeps its own uid
    assert people_by_uid(workspace) == dict.fromkeys(PEOPLE_UIDS, 1)
