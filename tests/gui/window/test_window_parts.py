"""The window's parts and menus ask through the context's interaction: opening and
creating workspaces, adding files, the Case menu's questions; and the window stays
open while a restore has its workspace closed."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from app.context import AppContext
from app.core.errors import CasefileError
from app.core.storage.workspace import open_workspace
from app.gui.settings import QSettingsMapping
from app.gui.window.main_window import MainWindow
from tests.gui.recording import RecordingInteraction
from tests.gui.window.test_main_window import FakeActions


@pytest.fixture
def talk(ctx: AppContext) -> RecordingInteraction:
    ctx.interaction = RecordingInteraction()
    return ctx.interaction


@pytest.fixture
def fake_actions() -> FakeActions:
    return FakeActions()


@pytest.fixture
def window(
    qtbot: Any, ctx: AppContext, qsettings: Any, talk: RecordingInteraction, fake_actions: Any
) -> MainWindow:
    ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    win = MainWindow(ctx, actions=fake_actions, workspace_opener=lambda t: open_workspace(t))
    qtbot.addWidget(win)
    win.show()
    return win


def test_open_workspace_asks_for_a_file_beside_the_open_one(
    window: MainWindow, ctx: AppContext, talk: RecordingInteraction, tmp_path: Path
) -> None:
    first = ctx.workspace.describe()
    talk.files.append(None)  # cancelled: nothing changes
    window.open_workspace_action.trigger()
    assert ctx.workspace.describe() == first
    other = tmp_path / "other.casefile"
    open_workspace(other).close()
    talk.files.append(str(other))
    window.open_workspace_action.trigger()
    assert ctx.workspace.describe() == str(other)
    asked = talk.of_kind("open_file")
    assert [s.title for s in asked] == ["Open Workspace", "Open Workspace"]
    assert asked[0].text == str(Path(first).parent)  # the folder it opens in


def test_new_workspace_offers_an_existing_one_for_opening_instead(
    window: MainWindow, ctx: AppContext, talk: RecordingInteraction, tmp_path: Path
) -> None:
    first = ctx.workspace.describe()
    existing = tmp_path / "kept.casefile"
    open_workspace(existing).close()
    talk.saves.append(str(tmp_path / "kept"))  # typed without its suffix
    talk.yes_no.append(False)
    window.new_workspace_action.trigger()
    assert talk.said("question", f"{existing} is already a workspace. Open it instead?")
    assert ctx.workspace.describe() == first
    talk.saves.append(str(existing))
    talk.yes_no.append(True)
    window.new_workspace_action.trigger()
    assert ctx.workspace.describe() == str(existing)
    fresh = tmp_path / "fresh.casefile"
    talk.saves.append(str(fresh))  # a new one: no question
    window.new_workspace_action.trigger()
    assert ctx.workspace.describe() == str(fresh) and fresh.is_file()
    assert len(talk.of_kind("question")) == 2


def test_add_files_asks_for_files_and_hands_them_to_the_actions(
    window: MainWindow,
    talk: RecordingInteraction,
    sample_case_id: int,
    fake_actions: FakeActions,
    tmp_path: Path,
) -> None:
    window.open_case(sample_case_id)
    window.show_section("documents")
    chosen = [tmp_path / "a.pdf", tmp_path / "b.txt"]
    talk.file_lists.append([str(p) for p in chosen])
    window.add_files_action.trigger()
    assert talk.said("open_files", "Add Files as Documents")
    assert fake_actions.calls[-1] == ("files", sample_case_id, tuple(chosen))


def test_an_edit_refused_by_the_core_is_a_warning(
    window: MainWindow, talk: RecordingInteraction, fake_actions: FakeActions
) -> None:
    def refuse(*_args: Any) -> Any:
        raise CasefileError("that case is closed")

    fake_actions.add_record = refuse  # type: ignore[method-assign]
    window.new_case_action.trigger()
    assert talk.said("warn", "that case is closed")


def test_a_file_without_text_is_named_and_nothing_is_reviewed(
    window: MainWindow, talk: RecordingInteraction, sample_case_id: int, tmp_path: Path
) -> None:
    window.open_case(sample_case_id)
    picture = tmp_path / "photo.bmp"
    picture.write_bytes(b"BM\x00\x01\x02\x03\xff\xfe\x00\x00" * 40)
    talk.files.append(str(picture))
    window.case_menu.from_file_action.trigger()
    assert window.ctx.tasks.wait(30)  # the file is read in the background
    (warning,) = talk.of_kind("warn")
    assert warning.title == "Cannot read the file" and "not read" in warning.text


def test_pasted_text_that_is_cancelled_or_empty_goes_no_further(
    window: MainWindow, talk: RecordingInteraction, sample_case_id: int
) -> None:
    window.open_case(sample_case_id)
    talk.dialogs.append(lambda _dialog: QDialog.DialogCode.Rejected)
    window.case_menu.pasted_action.trigger()
    assert [s.kind for s in talk.log] == ["dialog"]

    def paste_nothing(dialog: Any) -> int:
        dialog.text.setPlainText("   ")
        return QDialog.DialogCode.Accepted

    talk.dialogs.append(paste_nothing)
    window.case_menu.pasted_action.trigger()
    assert talk.said("inform", "The text is empty.")


def test_the_window_stays_open_while_a_restore_has_its_workspace_closed(
    qtbot: Any, window: MainWindow, ctx: AppContext
) -> None:
    release = threading.Event()
    ctx.tasks.start("restore", lambda _control: release.wait(10))
    window.close()
    assert window.isVisible()
    release.set()
    assert ctx.tasks.wait()
    window.close()
    assert not window.isVisible()


def test_the_sample_that_cannot_be_loaded_is_a_warning(
    qtbot: Any, empty_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.core import sample

    def broken(_workspace: Any) -> int:
        raise CasefileError("the sample's files are missing")

    monkeypatch.setattr(sample, "load_sample", broken)
    talk = empty_ctx.interaction = RecordingInteraction()
    win = MainWindow(empty_ctx, actions=FakeActions())
    qtbot.addWidget(win)
    win.case_list.welcome.sample_button.click()
    assert talk.said("warn", "The sample case could not be loaded: the sample's files")
    assert win.case_list.is_empty_workspace()


def test_add_files_opens_in_the_documents_folder_then_where_files_were_last_taken(
    window: MainWindow,
    talk: RecordingInteraction,
    sample_case_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtCore import QStandardPaths

    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(
        QStandardPaths, "writableLocation", staticmethod(lambda _where: str(documents))
    )
    window.open_case(sample_case_id)
    window.show_section("documents")
    scans = tmp_path / "scans"
    scans.mkdir()
    talk.file_lists.append([str(scans / "complaint.pdf")])
    window.add_files_action.trigger()
    talk.file_lists.append([])
    window.add_files_action.trigger()
    folders = [said.text for said in talk.of_kind("open_files")]
    # Never the program's own folder (an empty folder): the documents, then the last one.
    assert folders == [str(documents), str(scans)]


def test_overview_add_the_client_reaches_the_actions_with_the_open_case(
    window: MainWindow, ctx: AppContext, fake_actions: FakeActions
) -> None:
    from app.core.services import cases
    from app.gui.sections.overview import ADD_CLIENT

    case_id = cases.add_case(ctx.workspace, caption="People v. Nobody Yet")
    asked: list[int] = []
    fake_actions.add_client = lambda _ctx, _undo, case, _parent: asked.append(case)  # type: ignore[attr-defined]
    window.open_case(case_id)
    client = window.case_view.overview.fields["client"]
    assert "Add the client" in client.text()
    client.linkActivated.emit(ADD_CLIENT)
    assert asked == [case_id]
