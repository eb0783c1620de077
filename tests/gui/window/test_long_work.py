"""Long work from the window runs in the background: archive import and export, and
statements from a long file. The window keeps answering, a progress dialog shows and
advances, Cancel leaves the workspace and the folder as they were, a failure is a
message, and closing the window asks first and waits for the work to stop.

The worker is held at one of its progress reports by :class:`Gate` (a
``threading.Event``), never by a sleep."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog
from sqlalchemy import func, select

from app.context import AppContext
from app.core.archive.transfer import export_case
from app.core.storage.models import AuditEntry, Case, Document, Party, Person, Statement
from app.core.storage.workspace import open_workspace
from app.gui.dialogs.extract import SAVE_TASK, ExtractDialog
from app.gui.dialogs.progress import ProgressDialog, failure_text
from app.gui.settings import QSettingsMapping
from app.gui.tasks import TaskControl
from app.gui.window.case_menu import EXPORT_TASK, IMPORT_TASK, READ_TASK
from app.gui.window.main_window import MainWindow
from tests.gui.recording import RecordingInteraction

MODELS = (Case, Person, Party, Document, Statement, AuditEntry)


def _counts(ctx: AppContext) -> dict[str, int]:
    with ctx.workspace.reader() as session:
        return {
            m.__tablename__: int(session.scalar(select(func.count()).select_from(m)) or 0)
            for m in MODELS
        }


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


class Gate:
    """Holds a task's worker at its first progress report that ``when(done, total)``
    accepts, until :meth:`release` or until the task is cancelled."""

    def __init__(self, when: Any, task: str | None = None) -> None:
        self.when, self.task = when, task
        self.reached = threading.Event()
        self.released = threading.Event()
        self.worker: threading.Thread | None = None

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        original = TaskControl.progress
        gate = self

        def progress(control: TaskControl, done: int, total: int) -> None:
            held = gate.task is None or control.name == gate.task
            if held and not gate.reached.is_set() and gate.when(done, total):
                gate.worker = threading.current_thread()
                gate.reached.set()
                while not control.cancelled and not gate.released.wait(0.01):
                    pass  # held: the test looks at the window meanwhile
            original(control, done, total)

        monkeypatch.setattr(TaskControl, "progress", progress)

    def release(self) -> None:
        self.released.set()


@pytest.fixture
def talk(ctx: AppContext) -> RecordingInteraction:
    ctx.interaction = RecordingInteraction()
    return ctx.interaction


@pytest.fixture
def window(
    qtbot: Any, ctx: AppContext, qsettings: Any, talk: RecordingInteraction
) -> Iterator[MainWindow]:
    ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    win = MainWindow(ctx, workspace_opener=lambda t: open_workspace(t))
    qtbot.addWidget(win)
    win.show()
    yield win
    assert ctx.tasks.wait(30), "a task was left running"


@pytest.fixture
def archive(ctx: AppContext, sample_case_id: int, tmp_path: Path) -> Path:
    return export_case(ctx.workspace, sample_case_id, tmp_path / "sample.zip")


def _at_the_end(done: int, total: int) -> bool:
    """The last report: inside the import's transaction, before the export's rename."""
    return done >= total


def _window_answers(qtbot: Any) -> None:
    """The window's event loop runs: a timer set now fires."""
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.waitUntil(lambda: bool(fired), timeout=5000)


def _dialog(window: MainWindow) -> ProgressDialog:
    [dialog] = [d for d in window.findChildren(ProgressDialog) if not d.finished_work]
    return dialog


def test_import_runs_in_the_background_and_cancel_adds_nothing(
    qtbot: Any,
    window: MainWindow,
    ctx: AppContext,
    archive: Path,
    talk: RecordingInteraction,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = _counts(ctx)
    gate = Gate(_at_the_end)
    gate.install(monkeypatch)
    dialog = window.case_menu.import_case_archive(archive)
    assert dialog is not None
    values: list[int] = []
    dialog.bar.valueChanged.connect(values.append)
    qtbot.waitUntil(gate.reached.is_set, timeout=20000)
    assert gate.worker is not threading.main_thread()
    # Every row is in, uncommitted; the window still answers and shows how far it got.
    _window_answers(qtbot)
    assert ctx.tasks.is_running(IMPORT_TASK)
    window.case_menu.menu.aboutToShow.emit()
    assert not window.case_menu.import_action.isEnabled()  # one import at a time
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    qtbot.waitUntil(lambda: len(values) >= 3, timeout=5000)
    assert values == sorted(values) and values[-1] > 500
    assert "Importing sample.zip" in dialog.label.text()
    dialog.cancel_button.click()
    assert "Stopping" in dialog.label.text() and not dialog.cancel_button.isEnabled()
    assert ctx.tasks.wait(30)
    assert _counts(ctx) == before  # the one transaction rolled back: not a row of the case
    assert not talk.of_kind("warn")
    assert "nothing was added" in window.statusBar().currentMessage()
    assert not dialog.isVisible()


def test_export_cancelled_leaves_the_folder_as_it_was(
    qtbot: Any,
    window: MainWindow,
    ctx: AppContext,
    sample_case_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "case.zip").write_bytes(b"last week's archive")
    before = _listing(folder)
    gate = Gate(_at_the_end)
    gate.install(monkeypatch)
    window.open_case(sample_case_id)
    dialog = window.case_menu.export_case_archive(folder / "case.zip")
    assert dialog is not None
    qtbot.waitUntil(gate.reached.is_set, timeout=20000)
    # The archive is complete under a temporary name beside the target, not yet in place.
    assert len(_listing(folder)) == len(before) + 1
    _window_answers(qtbot)
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    dialog.reject()  # Escape, or the close box: the same as Cancel
    assert ctx.tasks.wait(30)
    assert _listing(folder) == before
    assert (folder / "case.zip").read_bytes() == b"last week's archive"
    assert not ctx.tasks.is_running(EXPORT_TASK)


def test_an_encrypted_archive_asks_for_its_passphrase_on_the_window_thread(
    window: MainWindow,
    ctx: AppContext,
    sample_case_id: int,
    tmp_path: Path,
    talk: RecordingInteraction,
    quick_keys: None,
) -> None:
    locked = export_case(ctx.workspace, sample_case_id, tmp_path / "l.zip", passphrase="pw-1")
    asked_on: list[threading.Thread] = []
    ask = talk.ask_text

    def ask_text(*args: Any, **kwargs: Any) -> str | None:
        asked_on.append(threading.current_thread())
        return ask(*args, **kwargs)

    talk.ask_text = ask_text  # type: ignore[method-assign]
    talk.texts += ["not it", "pw-1"]
    window.case_menu.import_case_archive(locked)
    assert ctx.tasks.wait(30)
    assert asked_on == [threading.main_thread()] * 2
    assert talk.said("warn", "Wrong passphrase")
    assert len(window.case_menu.imported) == 1


def test_a_defect_in_the_work_is_a_message_not_a_traceback(
    window: MainWindow,
    ctx: AppContext,
    archive: Path,
    talk: RecordingInteraction,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.core.archive import importer

    def broken(*_args: Any, **_kwargs: Any) -> int:
        raise KeyError("speaker")

    monkeypatch.setattr(importer, "import_archive", broken)
    monkeypatch.setattr("app.core.archive.transfer.import_archive", broken)
    window.case_menu.import_case_archive(archive)
    assert ctx.tasks.wait(30)
    [said] = talk.of_kind("warn")
    assert said.title == "Cannot import the archive"
    assert "KeyError" in said.text and "Traceback" not in said.text
    assert failure_text(OSError("disk full")) == "disk full"


def _long_text(article_text: str, tmp_path: Path) -> Path:
    path = tmp_path / "transcript.txt"
    path.write_text("\n\n".join([article_text] * 12), encoding="utf-8")
    return path


def test_statements_from_a_long_file_are_found_in_the_background(
    qtbot: Any,
    window: MainWindow,
    ctx: AppContext,
    sample_case_id: int,
    article_text: str,
    tmp_path: Path,
    talk: RecordingInteraction,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = _long_text(article_text, tmp_path)
    window.open_case(sample_case_id)
    before = _counts(ctx)
    gate = Gate(lambda done, total: done * 2 >= total)  # half-way through the reading
    gate.install(monkeypatch)
    talk.files.append(str(path))
    window.case_menu.from_file_action.trigger()
    qtbot.waitUntil(gate.reached.is_set, timeout=20000)
    _window_answers(qtbot)
    assert ctx.tasks.is_running(READ_TASK)
    assert not talk.of_kind("dialog")  # the review waits for the reading
    dialog = _dialog(window)
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    dialog.cancel_button.click()
    assert ctx.tasks.wait(30)
    assert not talk.of_kind("dialog", "warn")
    assert _counts(ctx) == before
    assert "was stopped" in window.statusBar().currentMessage()

    # Again, to the end: the review opens with every statement the reading found.
    rows: list[int] = []

    def review(dialog: QDialog) -> int:
        assert isinstance(dialog, ExtractDialog)
        rows.append(dialog.row_count())
        return QDialog.DialogCode.Rejected

    talk.dialogs.append(review)
    talk.files.append(str(path))
    window.case_menu.from_file_action.trigger()
    assert ctx.tasks.wait(30)
    assert rows and rows[0] >= 12 * 25
    assert _counts(ctx) == before


def test_many_statements_are_added_in_the_background_and_cancel_adds_none(
    qtbot: Any,
    window: MainWindow,
    ctx: AppContext,
    sample_case_id: int,
    article_text: str,
    tmp_path: Path,
    talk: RecordingInteraction,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = _long_text(article_text, tmp_path)
    window.open_case(sample_case_id)
    before = _counts(ctx)
    gate = Gate(lambda done, total: done * 2 >= total, task=SAVE_TASK)
    gate.install(monkeypatch)
    seen: list[str] = []

    def add_all_then_stop(dialog: QDialog) -> int:
        seen.append("review")

        def stop_when_held() -> None:  # a timer of the window's, firing while it saves
            if gate.reached.is_set():
                timer.stop()
                assert ctx.tasks.is_running(SAVE_TASK)
                seen.append("held")
                progress = _dialog(window)
                progress.show()  # as it would after a moment
                progress.cancel_button.click()

        timer = QTimer(dialog)
        timer.timeout.connect(stop_when_held)
        timer.start(10)
        dialog.accept()
        return QDialog.DialogCode.Accepted

    def back_with_the_edits(dialog: QDialog) -> int:
        seen.append("review again")
        assert isinstance(dialog, ExtractDialog) and dialog.row_count() >= 12 * 25
        return QDialog.DialogCode.Rejected

    talk.dialogs += [add_all_then_stop, back_with_the_edits]
    talk.files.append(str(path))
    window.case_menu.from_file_action.trigger()
    assert ctx.tasks.wait(30)
    assert seen == ["review", "held", "review again"]
    assert _counts(ctx) == before  # the one unit of work rolled back
    assert window.undo.count() == 0
    assert not talk.of_kind("warn")

    # Again, saved: every statement in, as one undo step.
    gate.release()
    talk.dialogs.append(lambda dialog: (dialog.accept(), QDialog.DialogCode.Accepted)[1])
    talk.files.append(str(path))
    window.case_menu.from_file_action.trigger()
    assert ctx.tasks.wait(30)
    added = _counts(ctx)["statements"] - before["statements"]
    assert added >= 12 * 20 and window.undo.count() == 1
    window.undo.undo()
    assert _counts(ctx)["statements"] == before["statements"]


def test_closing_the_window_while_importing_asks_then_stops_the_import(
    qtbot: Any,
    window: MainWindow,
    ctx: AppContext,
    archive: Path,
    talk: RecordingInteraction,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = _counts(ctx)
    gate = Gate(_at_the_end)
    gate.install(monkeypatch)
    window.case_menu.import_case_archive(archive)
    qtbot.waitUntil(gate.reached.is_set, timeout=20000)
    talk.yes_no += [False, True]
    assert not window.close()  # "No": the window stays and the import goes on
    assert talk.said("question", "importing a case archive")
    assert window.isVisible() and ctx.tasks.is_running(IMPORT_TASK)
    assert window.close()  # "Yes": the import is stopped, waited for, then the window goes
    assert not ctx.tasks.running()
    assert _counts(ctx) == before


def test_the_passphrase_is_changed_in_the_background_and_cannot_be_cancelled(
    qtbot: Any, tmp_path: Path, quick_keys: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.core.storage import encryption
    from app.gui.window.encryption_menu import PASSPHRASE_TASK

    ws = open_workspace(tmp_path / "w.casefile", "old one", user="t")
    talk = RecordingInteraction(texts=["old one", "new one", "new one"])
    ctx = AppContext(ws, settings={}, interaction=talk)  # type: ignore[arg-type]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    go, ran_on = threading.Event(), []
    original = encryption.change_passphrase

    def held(*args: Any) -> None:
        ran_on.append(threading.current_thread())
        go.wait(20)
        original(*args)

    monkeypatch.setattr(encryption, "change_passphrase", held)
    window.encryption_menu.change_action.trigger()
    dialog = _dialog(window)
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert dialog.cancel_button.isHidden()
    dialog.reject()  # Escape: a re-key cannot stop half-way, so nothing happens
    _window_answers(qtbot)
    assert dialog.isVisible() and ctx.tasks.is_running(PASSPHRASE_TASK)
    go.set()
    assert ctx.tasks.wait(30)
    assert ran_on and ran_on[0] is not threading.main_thread()
    assert talk.said("inform", "The passphrase is changed")
    ws.close()
    open_workspace(tmp_path / "w.casefile", "new one").close()


def test_the_workspace_check_shows_progress_and_can_be_stopped(
    qtbot: Any, window: MainWindow, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = Gate(lambda done, total: done * 2 >= total, task="check")
    gate.install(monkeypatch)
    values: list[int] = []
    dialog = window.safety_menu.check_workspace()
    dialog.bar.valueChanged.connect(values.append)
    qtbot.waitUntil(gate.reached.is_set, timeout=20000)
    _window_answers(qtbot)
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert values and values == sorted(values)
    assert not window.safety_menu.check_action.isEnabled()
    dialog.cancel_button.click()
    assert ctx.tasks.wait(30)
    assert window.safety_menu.check_report is None
    assert window.safety_menu.check_action.isEnabled()
    assert "stopped" in window.statusBar().currentMessage()
