"""The questions about workspaces: each way out of a workspace that cannot be opened,
and where a new workspace goes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.core.errors import WorkspaceError
from app.core.storage import paths
from app.gui.dialogs.workspace import ask_after_failure, ask_new_workspace
from tests.gui.recording import RecordingInteraction

FAILED = WorkspaceError("it is open in another app")


def _click(label: str, seen: list[list[str]] | None = None) -> Any:
    def answer(box: Any) -> int:
        if seen is not None:
            seen.append(sorted(b.text() for b in box.buttons()))
        next(b for b in box.buttons() if b.text() == label).click()
        return 0

    return answer


@pytest.fixture
def default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data" / "workspace.casefile"
    monkeypatch.setattr("app.gui.dialogs.workspace.default_workspace_path", lambda: path)
    return path


def test_the_default_workspace_is_offered_unless_it_is_the_one_that_failed(
    qapp: Any, default: Path, tmp_path: Path
) -> None:
    seen: list[list[str]] = []
    talk = RecordingInteraction(dialogs=[_click("Use Default Workspace", seen)])
    assert ask_after_failure(str(tmp_path / "w.casefile"), FAILED, None, talk) == str(default)
    talk.dialogs.append(_click("Quit", seen))
    assert ask_after_failure(str(default), FAILED, None, talk) is None
    assert seen == [
        sorted(["Open Another…", "New Workspace…", "Use Default Workspace", "Quit"]),
        sorted(["Open Another…", "New Workspace…", "Quit"]),
    ]


def test_a_new_workspace_instead_and_a_cancelled_chooser_asks_again(
    qapp: Any, default: Path, tmp_path: Path
) -> None:
    failed = str(tmp_path / "w.casefile")
    talk = RecordingInteraction(
        dialogs=[_click("New Workspace…"), _click("Open Another…")],
        saves=[str(tmp_path / "new")],
        files=[None],
    )
    assert ask_after_failure(failed, FAILED, None, talk) == str(tmp_path / "new.casefile")
    (save,) = talk.of_kind("save_file")
    assert save.text == str(default.parent / f"cases{paths.WORKSPACE_SUFFIX}")
    # Cancelling the file chooser brings the same workspace back, to ask again.
    assert ask_after_failure(failed, FAILED, None, talk) == failed


def test_a_new_workspace_is_never_one_that_exists_unless_opening_it_is_chosen(
    qapp: Any, tmp_path: Path
) -> None:
    existing = tmp_path / "cases.casefile"
    existing.write_bytes(b"")
    talk = RecordingInteraction(saves=[None, str(existing)], yes_no=[False])
    assert ask_new_workspace(None, tmp_path, talk) is None  # cancelled: nothing asked
    assert ask_new_workspace(None, tmp_path, talk) is None
    assert talk.said("question", "is already a workspace. Open it instead?")
