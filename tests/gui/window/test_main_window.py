"""The main window: opening cases, sections, keyboard, cross-links, documents, undo, settings."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence, QUndoCommand
from PySide6.QtWidgets import QApplication

from app.context import AppContext
from app.core.errors import WorkspaceError
from app.core.services import documents, notes, people
from app.core.storage.workspace import open_workspace
from app.gui import settings as prefs
from app.gui.sections.documents import DocumentsSection
from app.gui.sections.list_section import ListSection
from app.gui.settings import QSettingsMapping
from app.gui.window.main_window import NOT_IN_BUILD, MainWindow
from tests.gui.recording import RecordingInteraction


class FakeActions:
    """Stands in for app.gui.actions: records what the window asked for."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.new_id: int | None = None

    def add_record(self, ctx: Any, undo: Any, kind: str, case_id: Any, parent: Any) -> Any:
        self.calls.append(("add", kind, case_id))
        return self.new_id

    def edit_record(self, ctx: Any, undo: Any, kind: str, record_id: int, parent: Any) -> bool:
        self.calls.append(("edit", kind, record_id))
        return False

    def delete_record(self, ctx: Any, undo: Any, kind: str, record_id: int, parent: Any) -> bool:
        self.calls.append(("delete", kind, record_id))
        return False

    def add_document_files(self, ctx: Any, undo: Any, case_id: int, paths: list, parent: Any):
        self.calls.append(("files", case_id, tuple(paths)))
        return []


@pytest.fixture
def fake_actions() -> FakeActions:
    return FakeActions()


@pytest.fixture
def window(qtbot: Any, ctx: AppContext, qsettings: Any, fake_actions: FakeActions) -> MainWindow:
    ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    win = MainWindow(ctx, actions=fake_actions, workspace_opener=lambda t: open_workspace(t))
    win.resize(1366, 768)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _section(window: MainWindow, name: str) -> ListSection:
    section = window.case_view.sections[name]
    assert isinstance(section, ListSection)
    return section


def _open_sample(window: MainWindow, qtbot: Any, case_id: int) -> None:
    window.case_list.select_case(case_id)
    window.case_list.table.setFocus()
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.case_view
    assert window.case_view.case_id == case_id


def test_opens_on_the_case_list_with_the_workspace_in_the_status_bar(
    window: MainWindow, ctx: AppContext
) -> None:
    assert window.pages.currentWidget() is window.case_list
    assert ctx.workspace.describe() in window.workspace_label.text()
    model = window.case_list.model
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == "People v. Derrick Ingram"
    assert model.index(0, 2).data() == "Derrick Ingram"  # the client
    assert not window.windowIcon().isNull()


def test_empty_workspace_offers_the_sample_and_a_new_case(
    qtbot: Any, empty_ctx: AppContext, qsettings: Any, fake_actions: FakeActions
) -> None:
    empty_ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    win = MainWindow(empty_ctx, actions=fake_actions)
    qtbot.addWidget(win)
    win.show()
    assert win.case_list.is_empty_workspace()
    welcome = win.case_list.welcome
    qtbot.mouseClick(welcome.new_button, Qt.MouseButton.LeftButton)
    assert fake_actions.calls == [("add", "case", None)]
    qtbot.mouseClick(welcome.sample_button, Qt.MouseButton.LeftButton)
    assert win.pages.currentWidget() is win.case_view
    assert win.case_view.caption() == "People v. Derrick Ingram"
    assert "People v. Derrick Ingram" in win.windowTitle()


def test_enter_opens_a_case_and_ctrl_numbers_choose_sections(
    window: MainWindow, qtbot: Any, sample_case_id: int
) -> None:
    _open_sample(window, qtbot, sample_case_id)
    assert window.case_view.current_section_name() == "overview"
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.case_view.current_section_name() == "statements"
    statements = _section(window, "statements")
    assert statements.model.total == 26
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.pages.currentWidget() is window.case_list


def test_ctrl_l_focuses_the_filter_and_typing_filters_in_sql(
    window: MainWindow, qtbot: Any, sample_case_id: int
) -> None:
    _open_sample(window, qtbot, sample_case_id)
    window.show_section("people")
    people = _section(window, "people")
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is people.filter
    qtbot.keyClicks(people.filter, "spokes")
    qtbot.waitUntil(lambda: people.model.filter_text() == "spokes")
    assert 0 < people.model.total < 19
    qtbot.keyClick(people.filter, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: people.model.filter_text() == "")


def test_new_edit_delete_go_to_the_current_section_and_row(
    window: MainWindow, qtbot: Any, sample_case_id: int, fake_actions: FakeActions
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert fake_actions.calls[-1] == ("add", "case", None)
    _open_sample(window, qtbot, sample_case_id)
    window.show_section("notes")
    section = _section(window, "notes")
    section.table.select_row(2)
    note_id = section.current_key()["id"]
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(section.table, Qt.Key.Key_F2)
    qtbot.keyClick(section.table, Qt.Key.Key_Return)
    qtbot.keyClick(section.table, Qt.Key.Key_Delete)
    assert fake_actions.calls[-4:] == [
        ("add", "note", sample_case_id),
        ("edit", "note", note_id),
        ("edit", "note", note_id),
        ("delete", "note", note_id),
    ]
    assert window.edit_action.text() == "&Edit Note…"
    # A statement in the chronology is edited as a statement, an event as an event.
    window.show_section("chronology")
    chronology = _section(window, "chronology")
    row = next(
        r
        for r in range(chronology.model.rowCount())
        if chronology.model.key_at(r)["record"] == "statement"
    )
    chronology.table.select_row(row)
    window.edit_action.trigger()
    assert fake_actions.calls[-1] == ("edit", "statement", chronology.model.key_at(row)["id"])
    # On the overview, the record is the case itself.
    window.show_section("overview")
    window.edit_action.trigger()
    assert fake_actions.calls[-1] == ("edit", "case", sample_case_id)


class AddNote(QUndoCommand):
    """A minimal undoable edit through the services, as the forms' commands are."""

    def __init__(self, ctx: AppContext, case_id: int, body: str) -> None:
        super().__init__(f"Add note {body}")
        self.ctx, self.case_id, self.body = ctx, case_id, body
        self.note_id: int | None = None

    def redo(self) -> None:
        self.note_id = notes.add_note(
            self.ctx.workspace, self.case_id, body=self.body, record_id=self.note_id
        )

    def undo(self) -> None:
        assert self.note_id is not None
        notes.delete_note(self.ctx.workspace, self.note_id)


def test_undo_stack_changes_refresh_the_lists_and_keep_the_selection(
    window: MainWindow, qtbot: Any, ctx: AppContext, sample_case_id: int
) -> None:
    _open_sample(window, qtbot, sample_case_id)
    window.show_section("notes")
    section = _section(window, "notes")
    section.table.select_row(3)
    selected = section.current_key()
    before = section.model.total
    window.undo.push(AddNote(ctx, sample_case_id, "Call the investigator"))
    assert section.model.total == before + 1
    assert section.current_key() == selected
    assert window.undo_action.text() == "&Undo Add note Call the investigator"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert section.model.total == before
    assert "Add note" in window.redo_action.text()
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert section.model.total == before + 1


def _links(section: ListSection) -> list[str]:
    html = section.detail.toHtml()
    return [part.split('"', 1)[0] for part in html.split('href="')[1:]]


def test_cross_links_navigate_to_the_target_row(
    window: MainWindow, qtbot: Any, sample_case_id: int
) -> None:
    _open_sample(window, qtbot, sample_case_id)
    window.show_section("people")
    people = _section(window, "people")
    people.filter.setText("Derrick Ingram")
    people._apply_filter()
    people.table.select_row(0)
    statement_links = [h for h in _links(people) if h.startswith("casefile:statements/")]
    event_links = [h for h in _links(people) if h.startswith("casefile:chronology/event/")]
    assert statement_links and event_links
    people.detail.anchorClicked.emit(QUrl(statement_links[0]))
    assert window.case_view.current_section_name() == "statements"
    target = int(statement_links[0].rsplit("/", 1)[1])
    assert _section(window, "statements").current_key() == {"id": target}

    window.show_section("people")
    people.detail.anchorClicked.emit(QUrl(event_links[0]))
    assert window.case_view.current_section_name() == "chronology"
    event_id = int(event_links[0].rsplit("/", 1)[1])
    assert _section(window, "chronology").current_key() == {"record": "event", "id": event_id}


def test_issue_and_document_links(window: MainWindow, qtbot: Any, sample_case_id: int) -> None:
    _open_sample(window, qtbot, sample_case_id)
    window.show_section("issues")
    issues = _section(window, "issues")
    issues.table.select_row(0)
    kinds = {h.split(":")[1].split("/")[0] for h in _links(issues)}
    assert {"statements", "chronology", "documents"} <= kinds
    window.show_section("documents")
    docs = _section(window, "documents")
    docs.filter.setText("news article")
    docs._apply_filter()
    docs.table.select_row(0)
    assert "SHA-256" in docs.detail.toPlainText()
    cited = [h for h in _links(docs) if h.startswith("casefile:statements/")]
    assert cited
    # A link to a row hidden by the filter clears the filter to show it.
    statements = _section(window, "statements")
    statements.filter.setText("zzz no match")
    statements._apply_filter()
    docs.detail.anchorClicked.emit(QUrl(cited[-1]))
    assert statements.current_key() == {"id": int(cited[-1].rsplit("/", 1)[1])}
    assert statements.filter.text() == ""


def test_open_file_hands_a_copy_under_its_own_name_to_the_system(
    window: MainWindow, qtbot: Any, ctx: AppContext, sample_case_id: int
) -> None:
    opened: list[QUrl] = []
    documents_section = window.case_view.sections["documents"]
    assert isinstance(documents_section, DocumentsSection)
    documents_section.open_url = lambda url: opened.append(url) or True
    _open_sample(window, qtbot, sample_case_id)
    window.show_section("documents")
    docs = _section(window, "documents")
    docs.filter.setText("article.txt")
    docs._apply_filter()
    docs.table.select_row(0)
    assert window.open_file_action.isEnabled()
    qtbot.keyClick(
        window,
        Qt.Key.Key_O,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    document = documents.get_document(ctx.workspace, docs.current_key()["id"])
    # The viewer needs the extension to know the type: the store names files by hash.
    (url,) = opened
    copy = Path(url.toLocalFile())
    assert copy.name == "article.txt"
    assert copy.read_bytes() == ctx.workspace.store.read_bytes(document["file_sha256"])
    assert copy.parent.parent == ctx.workspace.store.root / ".plain"


def test_dropping_files_on_documents_adds_them(
    window: MainWindow, qtbot: Any, sample_case_id: int, fake_actions: FakeActions, tmp_path: Path
) -> None:
    _open_sample(window, qtbot, sample_case_id)
    window.show_section("documents")
    docs = window.case_view.sections["documents"]
    assert isinstance(docs, DocumentsSection)
    dropped = [tmp_path / "a.pdf", tmp_path / "b.txt"]
    for path in dropped:
        path.write_bytes(b"x")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in dropped])
    event = QDropEvent(
        QPointF(QPoint(10, 10)),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    docs.dropEvent(event)
    assert fake_actions.calls[-1] == ("files", sample_case_id, tuple(dropped))


def test_real_actions_delete_with_confirmation_and_undo(
    qtbot: Any, ctx: AppContext, qsettings: Any, sample_case_id: int, monkeypatch: Any
) -> None:
    actions = pytest.importorskip("app.gui.actions")
    talk = ctx.interaction = RecordingInteraction(confirm=[True])
    ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    win = MainWindow(ctx, actions=actions)
    qtbot.addWidget(win)
    win.open_case(sample_case_id)
    win.show_section("notes")
    section = _section(win, "notes")
    section.table.select_row(0)
    before = section.model.total
    win.delete_action.trigger()
    assert section.model.total == before - 1
    assert win.undo_action.isEnabled()
    win.undo_action.trigger()
    assert section.model.total == before
    assert [said.kind for said in talk.log] == ["confirm"]
    assert talk.log[0].title == "Delete note" and talk.log[0].text.startswith("Delete note “")


def test_optional_parts_are_disabled_with_a_reason_when_missing(
    window: MainWindow, qtbot: Any, sample_case_id: int
) -> None:
    _open_sample(window, qtbot, sample_case_id)
    for action, module in (
        (window.export_action, "app.gui.dialogs.brief"),
        (window.search_action, "app.gui.search_panel"),
    ):
        present = importlib.util.find_spec(module) is not None
        assert action.isEnabled() == present
        assert (NOT_IN_BUILD in action.toolTip()) == (not present)


def test_remembers_geometry_workspace_and_open_case(
    qtbot: Any, ctx: AppContext, qsettings: Any, sample_case_id: int, fake_actions: FakeActions
) -> None:
    ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    first = MainWindow(ctx, actions=fake_actions)
    qtbot.addWidget(first)
    first.show()
    first.resize(first.width(), 540)
    first.open_case(sample_case_id)
    first.show_section("statements")
    _section(first, "statements").splitter.setSizes([300, 500])
    first.close()
    qsettings.sync()
    assert prefs.last_workspace(ctx.settings) == ctx.workspace.describe()
    assert prefs.last_case(ctx.settings, ctx.workspace.describe()) == sample_case_id

    second = MainWindow(ctx, actions=fake_actions)
    qtbot.addWidget(second)
    second.show()
    assert second.pages.currentWidget() is second.case_view
    assert second.case_view.case_id == sample_case_id
    # The offscreen screen is 800 px wide, so only the height is free to differ.
    assert second.height() == 540
    second.show_section("statements")
    sizes = _section(second, "statements").splitter.sizes()
    assert sizes[0] < sizes[1]  # the person's split, not the default (table wider)


def test_switching_workspace_and_recent_list(
    window: MainWindow, tmp_path: Path, ctx: AppContext
) -> None:
    talk = ctx.interaction = RecordingInteraction()
    old = ctx.workspace.describe()
    other = tmp_path / "other.casefile"
    assert window.workspace_part.switch_to(str(other))
    assert ctx.workspace.describe() == str(other)
    assert window.case_list.is_empty_workspace()
    assert prefs.recent_workspaces(ctx.settings)[:2] == [str(other), old]
    assert str(other) in window.workspace_label.text()

    def refuse(target: str) -> Any:
        raise WorkspaceError(f"{target} is not a Casefile workspace")

    window.workspace_part.opener = refuse
    assert not window.workspace_part.switch_to("/nowhere/bad.casefile")
    (warning,) = talk.of_kind("warn")
    assert "/nowhere/bad.casefile" in warning.text and "stays open" in warning.text
    assert ctx.workspace.describe() == str(other)


def test_switching_workspace_discards_the_old_ones_viewer_copies(
    window: MainWindow, tmp_path: Path, ctx: AppContext
) -> None:
    """Open File's decrypted or renamed copies must not outlive the workspace shown."""
    old_store = ctx.workspace.store
    stored = old_store.add_bytes(b"the client's own words", "statement.txt")
    viewed = old_store.viewing_copy(stored.sha256, "statement.txt")
    assert viewed.read_bytes() == b"the client's own words"
    assert window.workspace_part.switch_to(str(tmp_path / "other.casefile"))
    assert not viewed.exists() and not viewed.parent.exists()
    assert list(viewed.parent.parent.iterdir()) == []  # nothing else of it left in .plain


def test_start_up_failure_names_the_workspace_and_offers_a_way_out(
    tmp_path: Path, qapp: Any
) -> None:
    from app.gui import app as gui_app

    bad = tmp_path / "folder.casefile"
    bad.mkdir()
    good = tmp_path / "good.casefile"
    asked: list[str] = []

    def click(label: str) -> Any:
        def answer(box: Any) -> int:
            asked.append(box.informativeText())
            next(b for b in box.buttons() if b.text() == label).click()
            return 0

        return answer

    settings: dict[str, Any] = {}
    talk = RecordingInteraction(dialogs=[click("Open Another…")], files=[str(good)])
    ws = gui_app.open_first_workspace(str(bad), settings, talk, exclusive=False)
    assert ws is not None and ws.describe() == str(good)
    ws.close()
    assert asked[0].startswith(str(bad)) and "folder" in asked[0]
    assert talk.said("dialog", "Cannot open workspace") and talk.said("open_file", "Open Workspace")
    talk.dialogs.append(click("Quit"))
    assert gui_app.open_first_workspace(str(bad), settings, talk, exclusive=False) is None
    assert len(asked) == 2 and not talk.dialogs  # asked once more, then quit


def test_search_dock_opens_and_a_hit_navigates_to_its_row(
    window: MainWindow, qtbot: Any, ctx: AppContext, sample_case_id: int
) -> None:
    pytest.importorskip("app.gui.search_panel")
    assert QKeySequence("Ctrl+Shift+F") in window.search_action.shortcuts()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dock = window.search_part.dock
    assert dock is not None and dock.isVisible()
    panel = dock.widget()
    assert QApplication.focusWidget() is panel.field
    assert panel.scope.isHidden() and panel.case_id is None  # the case list: every case
    statement_id = _first_id(ctx, "statements", sample_case_id)
    panel.recordActivated.emit("statement", sample_case_id, statement_id)
    assert window.case_view.current_section_name() == "statements"
    assert _section(window, "statements").current_key() == {"id": statement_id}
    # Escape in the panel closes it and gives the keyboard back to the list.
    window.search_part.open()
    qtbot.keyClick(panel.field, Qt.Key.Key_Escape)
    assert not dock.isVisible()
    assert QApplication.focusWidget() is _section(window, "statements").table
    window.search_part.open()
    assert dock.isVisible() and QApplication.focusWidget() is panel.field
    # With the case on screen, the search covers it (the person can widen it again).
    assert panel.case_id == sample_case_id
    assert panel.scope.currentText() == f"This case: {window.case_view.caption()}"
    party = _section(window, "people")
    person_id = people.get_party(ctx.workspace, _first_id(ctx, "people", sample_case_id))[
        "person_id"
    ]
    panel.recordActivated.emit("person", sample_case_id, person_id)
    assert window.case_view.current_section_name() == "people"
    assert party.current_key() is not None
    window.show_case_list()
    assert panel.scope.isHidden() and panel.case_id is None
    # Records change (an edit, an undo): what is typed is searched again.
    panel.field.setText("zeppelin")
    panel.run_search()
    assert panel.status.text() == "No matches"
    note = notes.add_note(ctx.workspace, sample_case_id, body="a zeppelin overhead")
    window.undo.push(QUndoCommand("Add note"))  # the window re-reads when its stack moves
    assert [(hit.kind, hit.id) for hit in panel.hits] == [("note", note)]


def _first_id(ctx: AppContext, name: str, case_id: int) -> int:
    from app.core.lists import queries

    query = queries.ListQuery(queries.SPECS[name], case_id=case_id)
    return int(queries.fetch_rows(ctx.workspace, query, 0, 1)[0]["id"])
