"""Storage stands alone: it opens workspaces without the safety subsystem, and runs
what others register for an open."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.services import cases
from app.core.storage import hooks
from app.core.storage.workspace import open_workspace

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def no_hooks() -> Iterator[None]:
    checks, after, finders = hooks.registered()
    hooks.unregister_all()
    try:
        yield
    finally:
        hooks.unregister_all()
        for check in checks:
            hooks.register_open_check(check)
        for hook in after:
            hooks.register_after_open(hook)
        for finder in finders:
            hooks.register_copy_finder(finder)


def test_storage_opens_a_workspace_without_importing_safety(tmp_path: Path) -> None:
    path = tmp_path / "w.casefile"
    ws = open_workspace(path, user="t")
    cases.add_case(ws, caption="People v. Ingram")
    ws.close()
    code = (
        "import sys; from app.core.storage.workspace import open_workspace; "
        f"open_workspace({str(path)!r}, user='t').close(); "
        "print(sorted(m for m in sys.modules if m.startswith('app.core.safety')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]", out.stderr
    assert not path.with_name(path.name + ".backups").exists()  # no hook, no backup


def test_the_hooks_run_for_an_existing_workspace_only(tmp_path: Path, no_hooks: None) -> None:
    seen: list[Any] = []
    hooks.register_open_check(lambda engine, url: seen.append(("check", url.database)))
    hooks.register_after_open(lambda ws, background: seen.append(("after", background)))
    path = tmp_path / "w.casefile"
    open_workspace(path, user="t").close()  # new: nothing to check or back up
    assert seen == []
    open_workspace(path, user="t", exclusive=True).close()
    assert seen == [("check", str(path)), ("after", True)]


def test_a_refusing_check_stops_the_open_and_releases_the_lock(
    tmp_path: Path, no_hooks: None
) -> None:
    from app.core.errors import WorkspaceError

    path = tmp_path / "w.casefile"
    open_workspace(path, user="t").close()

    def refuse(_engine: Any, _url: Any) -> None:
        raise WorkspaceError("damaged")

    hooks.register_open_check(refuse)
    with pytest.raises(WorkspaceError, match="damaged"):
        open_workspace(path, user="t", exclusive=True)
    assert not path.with_name(path.name + ".lock").exists()


def test_registering_twice_runs_once_and_copies_come_from_every_finder(
    tmp_path: Path, no_hooks: None
) -> None:
    calls: list[Path] = []

    def finder(workspace_file: Path) -> list[Path]:
        calls.append(workspace_file)
        return [workspace_file.with_suffix(".bak")]

    hooks.register_copy_finder(finder)
    hooks.register_copy_finder(finder)
    hooks.register_copy_finder(lambda f: [f.with_suffix(".old")])
    assert hooks.copies_of(tmp_path / "w.casefile") == [
        tmp_path / "w.bak",
        tmp_path / "w.old",
    ]
    assert calls == [tmp_path / "w.casefile"]
