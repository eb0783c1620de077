"""Reopening a workspace where it was left: the case, its section and the selected row."""

from __future__ import annotations

from typing import Any

from app.context import AppContext
from app.gui.settings import QSettingsMapping
from app.gui.window import reopen
from app.gui.window.main_window import MainWindow


def _window(qtbot: Any, ctx: AppContext) -> MainWindow:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    return win


def test_a_fresh_window_reopens_the_section_and_row_left(
    qtbot: Any, ctx: AppContext, qsettings: Any, sample_case_id: int
) -> None:
    ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    first = _window(qtbot, ctx)
    first.open_case(sample_case_id)
    first.show_section("statements")
    statements = first.case_view.current_list()
    statements.table.select_row(3)
    left = statements.current_key()
    first.close()
    qsettings.sync()

    second = _window(qtbot, ctx)
    assert second.case_view.case_id == sample_case_id
    assert second.case_view.current_section_name() == "statements"
    assert second.case_view.current_list().current_key() == left
    assert second.edit_action.text() == "&Edit Statement…"  # the actions follow the row


def test_a_chronology_row_and_a_page_without_rows_are_kept_too(
    qtbot: Any, ctx: AppContext, qsettings: Any, sample_case_id: int
) -> None:
    ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    first = _window(qtbot, ctx)
    first.open_case(sample_case_id)
    first.show_section("chronology")
    chronology = first.case_view.current_list()
    chronology.table.select_row(5)
    left = chronology.current_key()
    first.close()
    second = _window(qtbot, ctx)
    assert second.case_view.current_section_name() == "chronology"
    assert second.case_view.current_list().current_key() == left

    second.show_section("clock")
    second.close()
    third = _window(qtbot, ctx)
    assert third.case_view.current_section_name() == "clock"


def test_the_case_list_left_is_the_case_list_next_time(
    qtbot: Any, ctx: AppContext, qsettings: Any, sample_case_id: int
) -> None:
    ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    first = _window(qtbot, ctx)
    first.open_case(sample_case_id)
    first.show_section("notes")
    first.show_case_list()
    first.close()
    second = _window(qtbot, ctx)
    assert second.on_case_list()


def test_a_damaged_or_other_cases_place_opens_on_the_overview(
    qtbot: Any, ctx: AppContext, qsettings: Any, sample_case_id: int
) -> None:
    ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    first = _window(qtbot, ctx)
    first.open_case(sample_case_id)
    first.close()
    name = ctx.workspace.describe()
    for kept in ("{not json", '{"case": 999, "section": "notes", "key": {}}', '"notes"'):
        ctx.settings[reopen.place_key(name)] = kept
        again = _window(qtbot, ctx)
        assert again.case_view.case_id == sample_case_id
        assert again.case_view.current_section_name() == "overview"
        again.close()
        ctx.settings[reopen.place_key(name)] = kept  # closing wrote the overview back
