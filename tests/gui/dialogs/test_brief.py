"""The export dialog and the background task that writes the brief (offscreen)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtWidgets import QDialog, QPushButton  # noqa: E402

from app.context import AppContext  # noqa: E402
from app.core.storage.workspace import Workspace  # noqa: E402
from app.gui.dialogs.brief import (  # noqa: E402
    TASK,
    ExportBriefDialog,
    export_brief_dialog,
    write_brief_in_background,
)
from tests.briefs.conftest import PRIVILEGED_TITLE, STAFF_NOTE, SmallCase  # noqa: E402
from tests.briefs.helpers import docx_text  # noqa: E402
from tests.briefs.intake_case import build_intake_case  # noqa: E402
from tests.gui.recording import RecordingInteraction  # noqa: E402


def test_dialog_options_follow_the_choices(qtbot, small_case: SmallCase, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ctx = AppContext(small_case.ws, settings={"briefs/folder": str(tmp_path)})
    dialog = ExportBriefDialog(ctx, small_case.case_id)
    qtbot.addWidget(dialog)
    assert dialog.path.text().startswith(str(tmp_path))
    assert dialog.path.text().endswith(".pdf")
    dialog.format.setCurrentIndex(dialog.format.findData("docx"))
    assert dialog.path.text().endswith(".docx")
    dialog.profile.setCurrentIndex(dialog.profile.findData("client"))
    dialog.sections["people"].setChecked(False)
    dialog.by_issue.setChecked(True)
    options = dialog.options()
    assert options["fmt"] == "docx" and options["profile"] == "client"
    assert options["by_issue"] is True and "people" not in options["sections"]


def test_the_task_writes_the_brief_off_the_gui_thread(
    qtbot, small_case: SmallCase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    talk = RecordingInteraction()
    ctx = AppContext(small_case.ws, interaction=talk)
    handed_out: list[threading.Thread] = []
    for_worker = small_case.ws.for_worker

    def worker_handle() -> Any:
        handed_out.append(threading.current_thread())
        return for_worker()

    monkeypatch.setattr(small_case.ws, "for_worker", worker_handle)
    path = tmp_path / "client.docx"
    results: list[object] = []
    write_brief_in_background(
        ctx, None, small_case.case_id, path, results.append, fmt="docx", profile="client"
    )
    assert ctx.tasks.wait(30)
    assert results == [None] and not talk.log
    assert handed_out and handed_out[0] is not threading.main_thread()
    text = docx_text(path)
    assert "Derrick Ingram" in text and STAFF_NOTE not in text and PRIVILEGED_TITLE not in text


def test_cancelling_leaves_no_file_and_says_nothing(
    qtbot, small_case: SmallCase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    talk = RecordingInteraction()
    ctx = AppContext(small_case.ws, interaction=talk)
    # Hold the worker at its start until the person has pressed Cancel.
    go = threading.Event()
    for_worker = small_case.ws.for_worker

    def held() -> Any:
        go.wait(10)
        return for_worker()

    monkeypatch.setattr(small_case.ws, "for_worker", held)
    path = tmp_path / "never.pdf"
    results: list[object] = []
    writing = write_brief_in_background(
        ctx, None, small_case.case_id, path, results.append, fmt="pdf"
    )
    assert ctx.tasks.running() == [TASK]
    writing.progress.findChild(QPushButton).click()  # the progress dialog's Cancel button
    assert writing.control.cancelled
    go.set()
    assert ctx.tasks.wait(30)
    assert results == [] and not talk.log
    assert not path.exists() and not list(tmp_path.glob(".brief-*"))


def test_a_brief_that_cannot_be_written_is_reported(
    qtbot, small_case: SmallCase, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    talk = RecordingInteraction()
    ctx = AppContext(small_case.ws, interaction=talk)
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    results: list[object] = []
    write_brief_in_background(
        ctx, None, small_case.case_id, blocker / "brief.pdf", results.append, fmt="pdf"
    )
    assert ctx.tasks.wait(30)
    assert results == []
    assert talk.said("warn", "The brief was not written: cannot write")


def test_the_dialog_asks_then_writes_and_remembers_the_choices(
    qtbot, small_case: SmallCase, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    chosen = tmp_path / "out" / "for court.docx"

    def fill(dialog: QDialog) -> int:
        assert isinstance(dialog, ExportBriefDialog)
        dialog.format.setCurrentIndex(dialog.format.findData("docx"))
        dialog.browse_button.click()  # answered with ``chosen`` below
        dialog.open_after.setChecked(False)
        dialog.accept()
        return int(dialog.result())

    talk = RecordingInteraction(dialogs=[fill], saves=[str(chosen)])
    settings: dict[str, Any] = {}
    ctx = AppContext(small_case.ws, settings=settings, interaction=talk)
    export_brief_dialog(ctx, small_case.case_id, None)
    assert ctx.tasks.wait(30)
    assert "Derrick Ingram" in docx_text(chosen)
    assert talk.of_kind("save_file")[0].title == "Save brief as"
    assert settings["briefs/format"] == "docx"
    assert settings["briefs/folder"] == str(chosen.parent)
    assert settings["briefs/open_after"] is False


def test_the_dialog_refuses_a_brief_with_no_sections(
    qtbot, small_case: SmallCase, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    talk = RecordingInteraction()
    ctx = AppContext(small_case.ws, settings={"briefs/folder": str(tmp_path)}, interaction=talk)
    dialog = ExportBriefDialog(ctx, small_case.case_id)
    qtbot.addWidget(dialog)
    for box in dialog.sections.values():
        box.setChecked(False)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert talk.said("inform", "Choose at least one section.")
    dialog.path.setText("")
    dialog.sections["people"].setChecked(True)
    dialog.accept()
    assert talk.said("inform", "Choose where to save the brief.")
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_the_default_name_is_the_caption_as_written(
    qtbot, sqlite_workspace: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    case = build_intake_case(sqlite_workspace)
    talk = RecordingInteraction()
    ctx = AppContext(case.ws, settings={"briefs/folder": str(tmp_path)}, interaction=talk)
    dialog = ExportBriefDialog(ctx, case.case_id)
    qtbot.addWidget(dialog)
    assert dialog.path.text() == str(tmp_path / "People v. Maria Lopez - brief.pdf")
    dialog.format.setCurrentIndex(dialog.format.findData("docx"))
    assert dialog.path.text() == str(tmp_path / "People v. Maria Lopez - brief.docx")
    # A name typed without a suffix keeps its dots ("v."): the suffix is added.
    dialog.path.setText(str(tmp_path / "People v. Maria Lopez"))
    dialog.accept()
    assert dialog.path.text() == str(tmp_path / "People v. Maria Lopez.docx")
