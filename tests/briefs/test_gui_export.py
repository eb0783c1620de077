"""The export dialog and the background job (offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from app.context import AppContext  # noqa: E402
from app.gui.dialogs.brief import BriefJob, ExportBriefDialog, start_job  # noqa: E402
from tests.briefs.conftest import PRIVILEGED_TITLE, STAFF_NOTE, SmallCase  # noqa: E402
from tests.briefs.helpers import docx_text  # noqa: E402


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


def test_job_writes_the_brief_off_the_gui_thread(
    qtbot, small_case: SmallCase, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    ctx = AppContext(small_case.ws)
    path = tmp_path / "client.docx"
    job = BriefJob(ctx, small_case.case_id, path, fmt="docx", profile="client")
    results: list[object] = []
    start_job(None, job, results.append)
    qtbot.waitUntil(lambda: results == [None], timeout=30_000)
    text = docx_text(path)
    assert "Derrick Ingram" in text and STAFF_NOTE not in text and PRIVILEGED_TITLE not in text


def test_cancelled_job_leaves_no_file(qtbot, small_case: SmallCase, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ctx = AppContext(small_case.ws)
    path = tmp_path / "never.pdf"
    job = BriefJob(ctx, small_case.case_id, path, fmt="pdf")
    job.cancelled = True
    with qtbot.waitSignal(job.signals.failed, timeout=30_000) as blocker:
        start_job(None, job, lambda _: None)
    assert blocker.args == [""]
    assert not path.exists() and not list(tmp_path.glob(".brief-*"))
