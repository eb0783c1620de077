"""The lists' context menus: what each offers for a row, and that its entries act on it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog

from app.context import AppContext
from app.core.errors import CasefileError
from app.core.services import documents, notes, statements
from app.gui import actions
from app.gui.settings import QSettingsMapping
from app.gui.window.context_menus import menu_texts, quote_with_cite
from app.gui.window.main_window import MainWindow
from tests.gui.recording import RecordingInteraction


@pytest.fixture
def talk(ctx: AppContext) -> RecordingInteraction:
    ctx.interaction = RecordingInteraction()
    return ctx.interaction


@pytest.fixture
def window(qtbot: Any, ctx: AppContext, qsettings: Any, talk: RecordingInteraction) -> MainWindow:
    ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    win = MainWindow(ctx, actions=actions)
    win.resize(1200, 760)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _row_point(view: Any, row: int) -> QPoint:
    return view.visualRect(view.model().index(row, 0)).center()


def _menu_at_row(window: MainWindow, section: str, row: int) -> Any:
    window.show_section(section)
    table = window.case_view.sections[section].table  # type: ignore[attr-defined]
    table.customContextMenuRequested.emit(_row_point(table, row))
    menu = window.context_menus.last_menu
    assert menu is not None and menu.isVisible()
    return table, menu


def _entry(menu: Any, text: str) -> Any:
    return next(a for a in menu.actions() if a.text().split("\t")[0].replace("&", "") == text)


def test_a_statement_rows_menu_edits_copies_and_deletes_that_row(
    window: MainWindow, ctx: AppContext, sample_case_id: int, talk: RecordingInteraction
) -> None:
    window.open_case(sample_case_id)
    table, menu = _menu_at_row(window, "statements", 2)
    assert table.currentIndex().row() == 2  # the right-clicked row is the one acted on
    assert menu_texts(menu) == [
        "Edit Statement…",
        "Copy Quote with Cite",
        "Open Source at Pin Cite",
        "",
        "New Statement…",
        "",
        "Delete Statement…",
    ]
    assert _entry(menu, "Edit Statement…").shortcut().toString() == "F2"
    assert _entry(menu, "Edit Statement…") is window.edit_action  # the window's own action

    key = table.current_key()
    _entry(menu, "Copy Quote with Cite").trigger()
    copied = QGuiApplication.clipboard().text()
    assert copied == quote_with_cite(ctx.workspace, key["id"])
    text = statements.get_statement(ctx.workspace, key["id"])["text"]
    assert copied.startswith(f"“{' '.join(text.split())}” (")

    before = len(statements.statements_of_case(ctx.workspace, sample_case_id))
    talk.confirm.append(True)
    _entry(menu, "Delete Statement…").trigger()
    assert len(statements.statements_of_case(ctx.workspace, sample_case_id)) == before - 1
    with pytest.raises(CasefileError):
        statements.get_statement(ctx.workspace, key["id"])


def test_the_quote_names_speaker_setting_date_source_and_pin_cite(
    ctx: AppContext, sample_case_id: int
) -> None:
    statement = next(
        s
        for s in statements.statements_of_case(ctx.workspace, sample_case_id)
        if s.source_document_id and s.pin_cite and s.date
    )
    quote = quote_with_cite(ctx.workspace, statement.id)
    title = documents.get_document(ctx.workspace, statement.source_document_id)["title"]
    assert quote.endswith(f"{title}, {statement.pin_cite})")
    assert statement.date.display() in quote


def test_a_persons_menu_starts_a_statement_by_them(
    window: MainWindow, ctx: AppContext, sample_case_id: int, talk: RecordingInteraction
) -> None:
    window.open_case(sample_case_id)
    table, menu = _menu_at_row(window, "people", 0)
    party_id = int(table.current_key()["id"])
    assert "New Statement by This Person…" in menu_texts(menu)
    assert "Remove Person from Case…" in menu_texts(menu)

    def say_it(form: Any) -> int:
        assert form.fields["speaker_id"].value().party_id == party_id
        assert not form.is_dirty()
        form.fields["text"].set_value("I was at my sister's place all night.")
        assert form.try_save()
        return QDialog.DialogCode.Accepted

    talk.dialogs.append(say_it)
    _entry(menu, "New Statement by This Person…").trigger()
    said = [
        s
        for s in statements.statements_of_case(ctx.workspace, sample_case_id)
        if s.text == "I was at my sister's place all night."
    ]
    assert [s.speaker_id for s in said] == [party_id]
    # The new statement is shown where statements are listed, selected.
    assert window.case_view.current_section_name() == "statements"
    assert window.case_view.current_list().current_key()["id"] == said[0].id


def test_documents_menu_opens_the_file_and_the_attachments_folder(
    window: MainWindow, ctx: AppContext, sample_case_id: int
) -> None:
    ctx.workspace.store.add_bytes(b"x", "x.txt")  # the store's folder exists
    window.open_case(sample_case_id)
    opened: list[str] = []
    window.context_menus.open_url = lambda url: opened.append(url.toLocalFile()) or True
    _table, menu = _menu_at_row(window, "documents", 0)
    texts = menu_texts(menu)
    for entry in ("Edit Document…", "View", "Open File", "New Document…", "Add Files…"):
        assert entry in texts
    _entry(menu, "Show Attachments Folder").trigger()
    assert opened == [str(ctx.workspace.store.root)]


def test_no_file_manager_for_the_attachments_folder_says_where_it_is(
    window: MainWindow, ctx: AppContext, sample_case_id: int
) -> None:
    ctx.workspace.store.add_bytes(b"x", "x.txt")
    window.open_case(sample_case_id)
    window.context_menus.open_url = lambda _url: False
    _table, menu = _menu_at_row(window, "documents", 0)
    _entry(menu, "Show Attachments Folder").trigger()
    said = window.interaction.log[-1]  # type: ignore[attr-defined]
    assert said.kind == "warn" and str(ctx.workspace.store.root) in said.text


def test_below_the_rows_only_new_is_offered(window: MainWindow, sample_case_id: int) -> None:
    window.open_case(sample_case_id)
    window.show_section("charges")
    table = window.case_view.sections["charges"].table  # type: ignore[attr-defined]
    below = QPoint(20, table.viewport().height() - 3)
    assert table.indexAt(below).row() == -1
    table.customContextMenuRequested.emit(below)
    assert menu_texts(window.context_menus.last_menu) == ["New Charge…"]


def test_menu_key_and_shift_f10_open_the_selected_rows_menu(
    window: MainWindow, qtbot: Any, sample_case_id: int
) -> None:
    window.open_case(sample_case_id)
    window.show_section("notes")
    table = window.case_view.sections["notes"].table  # type: ignore[attr-defined]
    table.select_row(1)
    table.setFocus()
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, QPoint(5, 5), table.mapToGlobal(QPoint(5, 5))
    )
    QApplication.sendEvent(table, event)
    menu = window.context_menus.last_menu
    assert menu is not None and menu.isVisible()
    assert menu_texts(menu)[0] == "Edit Note…"
    menu.close()
    window.context_menus.last_menu = None
    qtbot.keyClick(table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    assert window.context_menus.last_menu is not None
    assert table.currentIndex().row() == 1


def test_case_list_menu_opens_exports_and_deletes_a_case(
    window: MainWindow,
    ctx: AppContext,
    sample_case_id: int,
    talk: RecordingInteraction,
    monkeypatch: Any,
) -> None:
    from app.core.services import cases
    from app.gui.dialogs import brief

    other = cases.add_case(ctx.workspace, caption="People v. Ana Ruiz")
    window.case_list.refresh()
    table = window.case_list.table
    row = window.case_list.model.find_row({"id": other})
    table.customContextMenuRequested.emit(_row_point(table, row))
    menu = window.context_menus.last_menu
    assert menu_texts(menu) == [
        "Open Case",
        "Edit Case…",
        "Export Brief…",
        "",
        "New Case…",
        "",
        "Delete Case…",
    ]
    exported: list[int] = []
    monkeypatch.setattr(
        brief, "export_brief_dialog", lambda c, case_id, p: exported.append(case_id)
    )
    _entry(menu, "Export Brief…").trigger()
    assert exported == [other]
    _entry(menu, "Open Case").trigger()
    assert window.current_case_id() == other

    window.show_case_list()
    table.customContextMenuRequested.emit(_row_point(table, row))
    talk.confirm.append(True)
    _entry(window.context_menus.last_menu, "Delete Case…").trigger()
    assert [c.id for c in cases.list_cases(ctx.workspace)] == [sample_case_id]


def test_notes_deleted_from_the_menu_come_back_with_undo(
    window: MainWindow, ctx: AppContext, sample_case_id: int, talk: RecordingInteraction
) -> None:
    window.open_case(sample_case_id)
    before = len(notes.notes_of_case(ctx.workspace, sample_case_id))
    _table, menu = _menu_at_row(window, "notes", 0)
    talk.confirm.append(True)
    _entry(menu, "Delete Note…").trigger()
    assert len(notes.notes_of_case(ctx.workspace, sample_case_id)) == before - 1
    window.undo_action.trigger()
    assert len(notes.notes_of_case(ctx.workspace, sample_case_id)) == before
