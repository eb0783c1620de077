"""Ten imports of the same archive at once: one keeps the case's uid, nine are copies,
and the people the archive names exist once (matched by uid, never duplicated)."""

from __future__ import annotations

import threading
from pathlib import Path

from app.core.archive.transfer import import_archive
from app.core.storage.workspace import Workspace
from tests.core.archive.parallel import assert_one_original_and_copies, write_archive

IMPORTS = 10


def test_ten_parallel_imports_of_one_archive_give_one_original_and_nine_copies(
    workspace: Workspace, tmp_path: Path
) -> None:
    archive = write_archive(tmp_path / "parallel.casefile-archive")
    start = threading.Barrier(IMPORTS)
    failures: list[str] = []

    def run(worker: Workspace) -> None:
        try:
            start.wait(timeout=30)
            import_archive(worker, archive)
        except Exception as exc:  # reported below, with every other failure
            failures.append(f"{type(exc).__name__}: {exc}")
        finally:
            worker.close()

    threads = [threading.Thread(target=run, args=(workspace.for_worker(),)) for _ in range(IMPORTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert failures == []
    assert_one_original_and_copies(workspace, IMPORTS)
