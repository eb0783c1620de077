"""Attaching files runs in the background: the window answers, the progress dialog
shows, Cancel leaves the database and the store as they were, success adds every file
as confirmed in one undo step, and a file that cannot be read is named.

The worker is held at one of its progress reports by :class:`Gate` (a
``threading.Event``), never by a sleep; what is checked meanwhile runs from a timer of
the window's own event loop, which the attach keeps turning while it waits."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog
from sqlalchemy import func, select

from app.context import AppContext
from app.core.services import documents
from app.core.storage.models import AuditEntry, Document
from app.gui import actions
from app.gui.dialogs.attach_files import ATTACH_TASK, GUESS_TASK, AttachFilesDialog
from app.gui.dialogs.progress import ProgressDialog
from app.gui.settings import QSettingsMapping
from app.gui.window.main_window import MainWindow
from tests.core.documents.test_guess import COMPLAINT, make_pdf
from tests.gui.recording import RecordingInteraction
from tests.gui.window.test_long_work import Gate

MB = 1024 * 1024


@pytest.fixture
def window(qtbot: Any, ctx: AppContext, qsettings: Any, sample_case_id: int) -> MainWindow:
    ctx.interaction = RecordingInteraction()
    ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    win = MainWindow(ctx, actions=actions)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.open_case(sample_case_id)
    win.show_section("documents")
    return win


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    """A 4 MB transcript and a one-page complaint."""
    big = tmp_path / "bodycam-transcript.txt"
    line = b"OFFICER: step out of the car. The megaphone was on the dashboard.\n"
    with big.open("wb") as out:
        for _ in range(4 * MB // len(line) + 1):
            out.write(line)
    return [big, make_pdf(tmp_path / "scan0001.pdf", COMPLAINT)]


def _talk(window: MainWindow) -> RecordingInteraction:
    talk = window.ctx.interaction
    assert isinstance(talk, RecordingInteraction)
    return talk


def _state(ctx: AppContext) -> tuple[int, int, list[str]]:
    """Document rows, audit entries, and every file in the attachment store."""
    with ctx.workspace.reader() as session:
        rows = session.scalar(select(func.count()).select_from(Document))
        audit = session.scalar(select(func.count()).select_from(AuditEntry))
    root = ctx.workspace.store.root
    stored = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    return int(rows or 0), int(audit or 0), stored


def _titles(ctx: AppContext, case_id: int) -> dict[str, dict[str, Any]]:
    ws = ctx.workspace
    found = [documents.get_document(ws, d.id) for d in documents.documents_of_case(ws, case_id)]
    return {d["title"]: d for d in found}


def _confirm(edit: Callable[[AttachFilesDialog], None] = lambda d: None) -> Any:
    def answer(dialog: QDialog) -> int:
        assert isinstance(dialog, AttachFilesDialog)
        edit(dialog)
        dialog.attach()
        return int(dialog.result())

    return answer


def _progress_dialog(window: MainWindow) -> ProgressDialog:
    [dialog] = [d for d in window.findChildren(ProgressDialog) if not d.finished_work]
    return dialog


class Meanwhile:
    """Runs ``check`` from the window's event loop once the worker is held; a failure
    is kept (and the worker let go) for :meth:`raise_failure` afterwards."""

    def __init__(self, gate: Gate, check: Callable[[], None]) -> None:
        self.gate, self.check = gate, check
        self.failures: list[BaseException] = []
        self.ran = False
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> None:
        if not self.gate.reached.is_set():
            return
        self.timer.stop()
        self.ran = True
        try:
            self.check()
        except BaseException as exc:
            self.failures.append(exc)
            self.gate.release()

    def raise_failure(self) -> None:
        self.timer.stop()
        if self.failures:
            raise self.failures[0]
        assert self.ran, "the worker never reached the gate"


def _window_answers(qtbot: Any) -> None:
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.waitUntil(lambda: bool(fired), timeout=5000)


def _while_held(qtbot: Any, window: MainWindow, gate: Gate, files: list[Path]) -> ProgressDialog:
    """What is true while the worker is held: checked from inside the event loop."""
    assert gate.worker is not None and gate.worker is not threading.main_thread()
    _window_answers(qtbot)
    assert window.ctx.tasks.is_running(ATTACH_TASK)
    dialog = _progress_dialog(window)
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    assert dialog.label.text() == "Attaching 2 files\u2026"
    assert dialog.bar.value() > 0
    # A second attach while one runs is not started (no confirm dialog is asked for).
    case_id = window.case_view.case_id
    assert case_id is not None
    assert actions.add_document_files(window.ctx, window.undo, case_id, files, window) == []
    return dialog


def test_cancel_leaves_the_database_and_the_store_as_they_were(
    qtbot: Any,
    window: MainWindow,
    files: list[Path],
    sample_case_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ctx, talk = window.ctx, _talk(window)
    before, undo_count = _state(ctx), window.undo.count()
    gate = Gate(lambda done, total: done >= total, ATTACH_TASK)  # rows in, not committed
    gate.install(monkeypatch)

    def cancel() -> None:
        dialog = _while_held(qtbot, window, gate, files)
        dialog.cancel_button.click()
        assert "Stopping" in dialog.label.text()

    meanwhile = Meanwhile(gate, cancel)
    talk.dialogs.append(_confirm())
    window.records.add_document_files(files)
    meanwhile.raise_failure()
    assert _state(ctx) == before  # no row, no audit entry, no new file in the store
    assert window.undo.count() == undo_count
    assert talk.said("inform", "Stopped: no file was attached")
    assert not talk.of_kind("warn")
    assert not [d for d in window.findChildren(ProgressDialog) if d.isVisible()]


def test_every_file_is_attached_as_confirmed_in_one_undo_step(
    qtbot: Any,
    window: MainWindow,
    files: list[Path],
    sample_case_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ctx, talk = window.ctx, _talk(window)
    titles_before = set(_titles(ctx, sample_case_id))
    gate = Gate(lambda done, total: 3 * MB < done < total // 2, ATTACH_TASK)  # mid-copy
    gate.install(monkeypatch)
    values: list[int] = []

    def go_on() -> None:
        dialog = _while_held(qtbot, window, gate, files)
        dialog.bar.valueChanged.connect(values.append)
        gate.release()

    def retitle(dialog: AttachFilesDialog) -> None:
        transcript, complaint = dialog.rows
        transcript.title.setText("Body-camera transcript")
        transcript.kind.set_value("police_report")
        complaint.date.setText("June 14, 2026")

    meanwhile = Meanwhile(gate, go_on)
    talk.dialogs.append(_confirm(retitle))
    window.records.add_document_files(files)
    meanwhile.raise_failure()
    added = {t: d for t, d in _titles(ctx, sample_case_id).items() if t not in titles_before}
    assert set(added) == {"Body-camera transcript", "Felony complaint"}
    assert added["Body-camera transcript"]["kind"] == "police_report"
    assert added["Felony complaint"]["kind"] == "criminal_complaint"
    assert str(added["Felony complaint"]["date"]) == "2026-06-14"
    assert values and values == sorted(values) and values[-1] == 1000
    assert window.undo.undoText() == "Add 2 documents"
    window.undo.undo()
    assert set(_titles(ctx, sample_case_id)) == titles_before
    window.undo.redo()
    assert set(_titles(ctx, sample_case_id)) == titles_before | set(added)
    with ctx.workspace.reader() as session:
        text = session.scalar(
            select(Document.extracted_text).where(Document.title == "Body-camera transcript")
        )
    assert text is not None and text.startswith("OFFICER: step out")  # extracted, too


def test_a_file_gone_or_unreadable_is_named_and_the_others_go_in(
    qtbot: Any,
    window: MainWindow,
    files: list[Path],
    tmp_path: Path,
    sample_case_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ctx, talk = window.ctx, _talk(window)
    gone = tmp_path / "gone.txt"
    gone.write_text("moved away after the confirm dialog")
    sealed = tmp_path / "sealed.txt"
    sealed.write_text("no permission to read this one")
    real_open = Path.open

    def open_(path: Path, *args: Any, **kwargs: Any) -> Any:
        # Root reads any file whatever its mode: refuse this one, as the system would.
        if path.name == "sealed.txt" and threading.current_thread() is not threading.main_thread():
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_)
    talk.dialogs.append(_confirm(lambda dialog: gone.unlink()))
    ids = window.records.add_document_files([files[1], gone, sealed])
    assert ids is None  # the window's handler returns nothing; look at the case
    titles = set(_titles(ctx, sample_case_id))
    assert "Felony complaint" in titles and "Gone" not in titles and "Sealed" not in titles
    [told] = talk.of_kind("inform")
    assert told.title == "Some files were not added"
    assert "gone.txt: cannot be read (No such file or directory)" in told.detail
    assert "sealed.txt: cannot be read (Permission denied)" in told.detail
    assert window.undo.undoText() == "Add document “Felony complaint”"


def test_a_failure_in_the_worker_is_a_message_and_adds_nothing(
    qtbot: Any,
    window: MainWindow,
    files: list[Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.core.services import records

    ctx, talk = window.ctx, _talk(window)
    before, undo_count = _state(ctx), window.undo.count()
    real_create = records.create

    def create(session: Any, entity: Any, values: Any, **kwargs: Any) -> Any:
        if values.get("title") == "Felony complaint":
            raise RuntimeError("disk on fire")
        return real_create(session, entity, values, **kwargs)

    monkeypatch.setattr(records, "create", create)
    talk.dialogs.append(_confirm())
    window.records.add_document_files(files)
    assert _state(ctx) == before
    assert window.undo.count() == undo_count
    [warned] = talk.of_kind("warn")
    assert warned.title == "Files not attached"
    assert "RuntimeError: disk on fire" in warned.detail


@pytest.mark.parametrize("stop", [False, True])
def test_the_files_are_read_for_their_guesses_in_the_background(
    qtbot: Any,
    window: MainWindow,
    files: list[Path],
    sample_case_id: int,
    monkeypatch: pytest.MonkeyPatch,
    stop: bool,
) -> None:
    ctx, talk = window.ctx, _talk(window)
    before = _state(ctx)
    gate = Gate(lambda done, total: True, GUESS_TASK)
    gate.install(monkeypatch)

    def look() -> None:
        assert gate.worker is not None and gate.worker is not threading.main_thread()
        _window_answers(qtbot)
        assert not talk.of_kind("dialog")  # the confirm dialog waits for the guesses
        dialog = _progress_dialog(window)
        qtbot.waitUntil(dialog.isVisible, timeout=5000)
        assert dialog.label.text() == "Reading 2 files\u2026"
        if stop:
            dialog.cancel_button.click()
        else:
            gate.release()

    meanwhile = Meanwhile(gate, look)
    talk.dialogs.append(_confirm())
    window.records.add_document_files(files)
    meanwhile.raise_failure()
    if stop:
        assert not talk.of_kind("dialog") and talk.dialogs  # never asked
        assert _state(ctx) == before
    else:
        assert [s.title for s in talk.of_kind("dialog")] == ["Attach 2 files"]
        assert "Felony complaint" in _titles(ctx, sample_case_id)


def test_closing_the_window_while_attaching_asks_then_stops_it(
    qtbot: Any,
    window: MainWindow,
    files: list[Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ctx, talk = window.ctx, _talk(window)
    before = _state(ctx)
    gate = Gate(lambda done, total: done >= total, ATTACH_TASK)
    gate.install(monkeypatch)
    closed: list[bool] = []

    def close() -> None:
        talk.yes_no.append(True)
        closed.append(window.close())
        assert talk.said("question", "attaching files")

    meanwhile = Meanwhile(gate, close)
    talk.dialogs.append(_confirm())
    window.records.add_document_files(files)
    meanwhile.raise_failure()
    assert closed == [True] and not ctx.tasks.running()
    assert _state(ctx) == before
    assert not talk.of_kind("inform")  # no message on a window that is gone
