"""Two people, one workspace: a second app is refused by name; racing saves never lose work."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from app.core.errors import ConflictError, WorkspaceError
from app.core.services import cases, records
from app.core.services.cases import CASE
from app.core.storage.lock import lock_path
from app.core.storage.workspace import Workspace, open_workspace

REPO = Path(__file__).resolve().parents[3]

HOLDER = textwrap.dedent(
    """
    import sys
    from app.core.storage.workspace import open_workspace
    ws = open_workspace(sys.argv[1], exclusive=True)
    print("open", flush=True)
    sys.stdin.readline()  # hold the workspace until told to close
    ws.close()
    print("closed", flush=True)
    """
)


def _start_holder(path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "open"
    return proc


def test_a_second_app_is_refused_naming_who_holds_the_workspace(tmp_path: Path) -> None:
    path = tmp_path / "shared.casefile"
    holder = _start_holder(path)
    try:
        with pytest.raises(WorkspaceError) as caught:
            open_workspace(path, exclusive=True)
        message = str(caught.value)
        assert "is open in" in message
        assert f"process {holder.pid}" in message
        assert os.uname().nodename in message
        # A short CLI command still works alongside (SQLite locking + version counters).
        ws = open_workspace(path, user="cli")
        cases.add_case(ws, caption="Added from the command line")
        ws.close()
    finally:
        assert holder.stdin is not None and holder.stdout is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "closed"
        holder.wait(timeout=30)
    # Closed: the next app gets it, and the lock file is gone with its holder.
    ws = open_workspace(path, exclusive=True)
    assert lock_path(path).exists()
    ws.close()
    assert not lock_path(path).exists()


def test_a_crashed_app_leaves_no_stale_lock(tmp_path: Path) -> None:
    path = tmp_path / "shared.casefile"
    holder = _start_holder(path)
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    assert lock_path(path).exists()  # left behind, with a dead holder's details ...
    ws = open_workspace(path, exclusive=True)  # ... and taken over at once
    ws.close()


def test_one_process_cannot_open_it_twice_exclusively(tmp_path: Path) -> None:
    path = tmp_path / "w.casefile"
    ws = open_workspace(path, exclusive=True)
    try:
        with pytest.raises(WorkspaceError, match="is open in"):
            open_workspace(path, exclusive=True)
    finally:
        ws.close()


@pytest.fixture
def second_desk(workspace: Workspace) -> Workspace:
    """Another user's workspace on the same database (a real second connection pool)."""
    other = open_workspace(workspace.url, store_root=workspace.store.root, user="colleague")
    yield other  # type: ignore[misc]
    other.close()


def test_a_racing_save_is_a_conflict_naming_who_saved_first(
    workspace: Workspace, second_desk: Workspace
) -> None:
    case_id = cases.add_case(workspace, caption="Original")
    with pytest.raises(ConflictError) as caught:
        with workspace.session() as session:
            mine = records.get(session, CASE, case_id)  # read version 1
            cases.update_case(second_desk, case_id, caption="Theirs")  # saved first
            records.update(session, CASE, case_id, {"caption": "Mine"})
    del mine
    assert caught.value.changed_by == "colleague"
    assert caught.value.changed_at
    assert "colleague" in str(caught.value)
    # Their save stands; nothing of ours was half-applied.
    assert cases.get_case(workspace, case_id)["caption"] == "Theirs"


def test_a_save_racing_a_delete_is_a_conflict(workspace: Workspace, second_desk: Workspace) -> None:
    case_id = cases.add_case(workspace, caption="Original")
    with pytest.raises(ConflictError, match="deleted by colleague"):
        with workspace.session() as session:
            mine = records.get(session, CASE, case_id)
            cases.delete_case(second_desk, case_id)
            records.update(session, CASE, case_id, {"caption": "Mine"})
    del mine


@pytest.mark.pg
def test_two_server_sessions_at_the_same_moment_lose_no_update(pg_url: str, tmp_path: Path) -> None:
    """Both desks read version 1; the server serialises the UPDATEs; one wins, one is told."""
    desks = [
        open_workspace(pg_url, store_root=tmp_path / "store", user=name)
        for name in ("alice", "bob")
    ]
    case_id = cases.add_case(desks[0], caption="Original")
    both_read = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def edit(ws: Workspace) -> None:
        try:
            with ws.session() as session:
                records.get(session, CASE, case_id)
                both_read.wait(timeout=30)
                records.update(session, CASE, case_id, {"caption": f"By {ws.user}"})
            outcome[ws.user] = "saved"
        except ConflictError as exc:
            outcome[ws.user] = f"conflict:{exc.changed_by}"

    threads = [threading.Thread(target=edit, args=(ws,)) for ws in desks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    try:
        assert sorted(outcome.values())[1] == "saved"
        winner = next(user for user, result in outcome.items() if result == "saved")
        loser = next(user for user in outcome if user != winner)
        assert outcome[loser] == f"conflict:{winner}"
        assert cases.get_case(desks[0], case_id)["caption"] == f"By {winner}"
    finally:
        for ws in desks:
            ws.close()


def test_the_first_start_creates_the_workspace_folder_before_locking(tmp_path: Path) -> None:
    # Regression: on a new machine the desktop app's workspace folder does not exist
    # yet, and taking the lock beside the file failed before anything was created.
    target = tmp_path / "not" / "yet" / "there" / "workspace.casefile"
    ws = open_workspace(target, user="tester", exclusive=True)
    try:
        assert target.is_file() and lock_path(target).is_file()
        assert (target.parent.stat().st_mode & 0o777) == 0o700
    finally:
        ws.close()
