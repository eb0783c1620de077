"""Print and Print preview: the brief is rendered in the workspace's private folder,
never in the system's temp folder, and removed once the printer has it."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtWidgets import QDialog  # noqa: E402

from app.context import AppContext  # noqa: E402
from app.gui.dialogs import brief  # noqa: E402
from app.gui.dialogs.brief import print_case  # noqa: E402
from tests.briefs.conftest import SmallCase  # noqa: E402
from tests.gui.recording import RecordingInteraction  # noqa: E402


@pytest.fixture
def system_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system temp folder, watched: printing must leave nothing in it."""
    folder = tmp_path / "system-temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def fake_lp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An ``lp`` that records its arguments and the job it read from its standard input."""
    record = tmp_path / "printed"
    record.mkdir()
    script = tmp_path / "lp"
    script.write_text(
        "#!/bin/sh\n"
        f'echo "$@" > "{record}/args"\ncat > "{record}/job.part"\n'
        f'mv "{record}/job.part" "{record}/job.pdf"\n'
    )
    script.chmod(0o755)
    monkeypatch.setattr(brief.shutil, "which", lambda name: str(script) if name == "lp" else None)
    return record


def _private_files(ctx: AppContext) -> list[Path]:
    folder = ctx.workspace.store.root / ".plain"
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_printing_writes_no_temp_file_outside_the_workspace_and_removes_its_own(
    qtbot: Any, small_case: SmallCase, system_temp: Path, fake_lp: Path
) -> None:
    talk = RecordingInteraction(dialogs=[lambda dialog: QDialog.DialogCode.Accepted])
    ctx = AppContext(small_case.ws, interaction=talk)
    print_case(ctx, small_case.case_id, None, preview=False)
    assert ctx.tasks.wait(60)
    qtbot.waitUntil(lambda: (fake_lp / "job.pdf").exists())
    assert (fake_lp / "job.pdf").read_bytes().startswith(b"%PDF")
    assert ".pdf" not in (fake_lp / "args").read_text()  # handed on stdin, not as a file
    # Rendered in the workspace's private folder (owner-only), gone before printing.
    private = small_case.ws.store.root / ".plain"
    assert stat.S_IMODE(os.stat(private).st_mode) == 0o700
    assert _private_files(ctx) == []
    assert list(system_temp.iterdir()) == []


def test_no_readable_brief_is_on_disk_while_the_print_dialog_is_open(
    qtbot: Any, small_case: SmallCase, system_temp: Path, fake_lp: Path
) -> None:
    seen: list[list[Path]] = []
    ctx: AppContext

    def answer(_dialog: QDialog) -> int:
        seen.append(_private_files(ctx))
        return QDialog.DialogCode.Rejected

    talk = RecordingInteraction(dialogs=[answer])
    ctx = AppContext(small_case.ws, interaction=talk)
    print_case(ctx, small_case.case_id, None, preview=False)
    assert ctx.tasks.wait(60)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [[]] and not (fake_lp / "job.pdf").exists()
    assert _private_files(ctx) == [] and list(system_temp.iterdir()) == []


def test_a_preview_stays_for_the_viewer_until_the_app_closes_and_never_in_temp(
    qtbot: Any,
    small_case: SmallCase,
    system_temp: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[Any] = []
    monkeypatch.setattr(brief.QDesktopServices, "openUrl", lambda url: opened.append(url))
    ctx = AppContext(small_case.ws, interaction=RecordingInteraction())
    print_case(ctx, small_case.case_id, None, preview=True)
    assert ctx.tasks.wait(60)
    qtbot.waitUntil(lambda: bool(opened))
    shown = Path(opened[0].toLocalFile())
    assert shown.read_bytes().startswith(b"%PDF")
    assert shown.parent.parent == small_case.ws.store.root / ".plain"
    assert list(system_temp.iterdir()) == []
    small_case.ws.store.discard_viewer_files()  # what closing the app does
    assert not shown.exists() and _private_files(ctx) == []


def test_a_brief_that_fails_leaves_no_file_behind(
    qtbot: Any, small_case: SmallCase, system_temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("app.briefs.export.export_brief", broken)
    talk = RecordingInteraction()
    ctx = AppContext(small_case.ws, interaction=talk)
    print_case(ctx, small_case.case_id, None, preview=True)
    assert ctx.tasks.wait(60)
    qtbot.waitUntil(lambda: talk.said("warn"))
    assert _private_files(ctx) == [] and list(system_temp.iterdir()) == []
