"""The office calendar window: an appearance and a deadline on the right day in the
agenda, week and month; the keys (arrows, Page Up/Down, Home, Enter); my cases or all;
one read per range; the menu items and their shortcuts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QTableView

from app.context import AppContext
from app.core.services import deadlines
from app.gui.calendar import look, prefs
from app.gui.calendar.panel import CalendarWindow, add_months
from app.gui.calendar.views import AgendaView, MonthView, WeekView, monday_of
from app.gui.widgets.style import error_color
from app.gui.window.main_window import MainWindow
from tests.gui.calendar.fixtures import Office, cal_ctx, day, office, today

__all__ = ["cal_ctx", "office"]


@pytest.fixture
def window(qtbot: Any, cal_ctx: AppContext, office: Office) -> Iterator[MainWindow]:
    win = MainWindow(cal_ctx)
    qtbot.addWidget(win)
    yield win
    win.undo.clear()


def calendar_of(window: MainWindow) -> CalendarWindow:
    window.schedule.show_calendar()
    calendar = window.schedule.calendar
    assert calendar is not None
    return calendar


def agenda_rows(view: AgendaView) -> list[list[str]]:
    tree = view.tree
    return [
        [tree.topLevelItem(r).text(c) for c in range(4)] for r in range(tree.topLevelItemCount())
    ]


def week_column(view: WeekView, when: dt.date) -> list[str]:
    column = (when - view.monday).days
    table = view.table
    return [
        table.item(row, column).text()
        for row in range(table.rowCount())
        if table.item(row, column) is not None
    ]


def test_the_hearing_and_the_deadline_are_on_their_days_in_each_view(
    window: MainWindow, office: Office
) -> None:
    calendar = calendar_of(window)
    hearing, ahead = day(2), day(5)

    calendar.show_view("month")
    calendar.set_day(hearing)
    month = calendar.view
    assert isinstance(month, MonthView)
    assert [look.line(i) for i in month.grid.days[hearing]] == ["10:15  CR-THEIRS — Hearing"]
    assert month.day_title.text().endswith(f"{hearing.day}, {hearing.year}")
    assert month.day_list.item(0).text() == "10:15  CR-THEIRS — Hearing"
    assert month.day_list.item(0).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Court appearance, 10:15, CR-THEIRS, Hearing"
    )
    calendar.set_day(ahead)
    assert month.day_list.item(0).text().startswith("CR-MINE — Witness list due")

    calendar.show_view("week")
    week = calendar.view
    assert isinstance(week, WeekView)
    assert week.monday == monday_of(ahead)
    assert week_column(week, ahead)[0].startswith("CR-MINE — Witness list due")
    if monday_of(hearing) == week.monday:
        assert week_column(week, hearing) == ["10:15  CR-THEIRS — Hearing"]

    calendar.show_view("agenda")
    calendar.set_day(hearing)
    agenda = calendar.view
    assert isinstance(agenda, AgendaView)
    rows = agenda_rows(agenda)
    heading = next(r for r, row in enumerate(rows) if row[0].startswith(f"{hearing:%A}, "))
    assert rows[heading + 1] == ["10:15", "CR-THEIRS", "Hearing", ""]
    due = next(r for r, row in enumerate(rows) if row[2] == "Witness list due")
    assert rows[due][:2] == ["All day", "CR-MINE"]
    assert rows[due - 1][0].startswith(f"{ahead:%A}, {ahead:%B} {ahead.day}")


def test_an_overdue_deadline_is_red_and_says_so(window: MainWindow, office: Office) -> None:
    calendar = calendar_of(window)
    calendar.show_view("agenda")
    calendar.set_day(day(-3))
    tree = calendar.view.tree  # type: ignore[attr-defined]
    rows = agenda_rows(calendar.view)  # type: ignore[arg-type]
    index = next(r for r, row in enumerate(rows) if row[2] == "Omnibus motion due")
    assert rows[index][3] == "Overdue"
    row = tree.topLevelItem(index)
    assert row.foreground(2).color() == error_color()
    assert row.data(0, Qt.ItemDataRole.AccessibleTextRole).endswith("Omnibus motion due, Overdue")


def test_keys_move_between_days_and_months_and_home_goes_to_today(
    window: MainWindow, qtbot: Any
) -> None:
    calendar = calendar_of(window)
    calendar.show_view("month")
    grid = calendar.view.focus_widget().findChild(QTableView)  # where the grid takes keys
    calendar.set_day(dt.date(2027, 1, 31))
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    assert calendar.day == dt.date(2027, 2, 1)
    assert calendar.title.text() == "February 2027"
    qtbot.keyClick(grid, Qt.Key.Key_Left)
    qtbot.keyClick(grid, Qt.Key.Key_PageDown)  # January 31 + a month: February's last day
    assert calendar.day == dt.date(2027, 2, 28)
    qtbot.keyClick(grid, Qt.Key.Key_PageUp)
    assert calendar.day == dt.date(2027, 1, 28)
    assert calendar.view.grid.selectedDate() == QDate(2027, 1, 28)  # type: ignore[attr-defined]
    qtbot.keyClick(grid, Qt.Key.Key_Home)
    assert calendar.day == today()

    calendar.show_view("week")
    table = calendar.view.focus_widget()
    qtbot.keyClick(table, Qt.Key.Key_Right)
    assert calendar.day == today() + dt.timedelta(days=1)
    assert table.currentColumn() == (calendar.day - monday_of(calendar.day)).days  # type: ignore[attr-defined]
    qtbot.keyClick(table, Qt.Key.Key_Home)
    assert calendar.day == today()

    calendar.show_view("agenda")
    qtbot.keyClick(calendar.view.focus_widget(), Qt.Key.Key_PageDown)
    assert calendar.day == add_months(today(), 1)


def test_enter_opens_the_case_at_its_court_row(
    window: MainWindow, office: Office, qtbot: Any
) -> None:
    calendar = calendar_of(window)
    calendar.show_view("month")
    calendar.set_day(day(2))
    month = calendar.view
    assert isinstance(month, MonthView)
    # Enter on a day with one item opens it.
    qtbot.keyClick(month.grid.findChild(QTableView), Qt.Key.Key_Return)
    assert window.current_case_id() == office.theirs
    assert window.case_view.current_section_name() == "court"
    court = window.case_view.current_list()
    assert court is not None and court.current_key() == {"id": office.hearing}

    # From the day list too; a deadline added by hand opens at its Deadlines row.
    calendar.set_day(day(5))
    month.day_list.setFocus()
    month.day_list.setCurrentRow(0)
    qtbot.keyClick(month.day_list, Qt.Key.Key_Return)
    assert window.current_case_id() == office.mine
    assert window.case_view.current_section_name() == "deadlines"
    section = window.case_view.current_list()
    assert section is not None and section.current_key() == {"id": office.ahead}


def test_my_cases_or_all_and_one_read_per_range(
    window: MainWindow, cal_ctx: AppContext, office: Office
) -> None:
    calendar = calendar_of(window)
    calendar.show_view("week")
    calendar.set_day(day(5))
    reads = calendar.items_read
    monday = monday_of(day(5))
    for offset in range(7):  # moving inside the week reads nothing
        calendar.set_day(monday + dt.timedelta(days=offset))
    assert calendar.items_read == reads
    calendar.set_day(monday + dt.timedelta(days=7))
    assert calendar.items_read == reads + 1

    calendar.show_view("agenda")
    calendar.set_day(day(-3))
    labels = {row[1] for row in agenda_rows(calendar.view) if row[1]}  # type: ignore[arg-type]
    assert {"CR-MINE", "CR-THEIRS"} <= labels
    calendar.scope.setCurrentIndex(1)  # My cases
    assert calendar.mine
    labels = {row[1] for row in agenda_rows(calendar.view) if row[1]}  # type: ignore[arg-type]
    assert labels == {"CR-MINE"}
    assert cal_ctx.settings[prefs.SCOPE] == "mine"
    assert calendar.status.text().endswith("(my cases).")


def test_the_open_calendar_follows_an_edit(
    window: MainWindow, cal_ctx: AppContext, office: Office
) -> None:
    calendar = calendar_of(window)
    calendar.show_view("month")
    calendar.set_day(day(5))
    new = deadlines.add_deadline(cal_ctx.workspace, office.mine, title="Brief due",
                                 kind="other", date=day(5).isoformat())  # fmt: skip
    assert new
    window.schedule.records_changed()  # what the undo stack's move calls
    month = calendar.view
    assert isinstance(month, MonthView)
    texts = [month.day_list.item(r).text() for r in range(month.day_list.count())]
    assert any("Brief due" in text for text in texts)


def test_menu_items_and_shortcuts(window: MainWindow) -> None:
    schedule = window.schedule
    assert schedule.calendar_action.shortcut() == QKeySequence("Ctrl+Shift+L")
    assert schedule.today_action.shortcut() == QKeySequence("Ctrl+Shift+T")
    assert schedule.preferences_action.shortcut() == QKeySequence("Ctrl+,")
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    assert schedule.calendar_action in menus["View"].actions()
    assert schedule.export_action in menus["File"].actions()
    assert schedule.preferences_action in menus["Edit"].actions()
    # No two actions of the window share a shortcut.
    seen: dict[str, str] = {}
    for action in window.findChildren(type(schedule.calendar_action)):
        for keys in action.shortcuts():
            text = keys.toString()
            assert text not in seen or seen[text] == action.text(), (text, action.text())
            seen[text] = action.text()
    assert schedule.calendar_action.isEnabled()


def test_the_open_calendar_follows_another_workspace(
    window: MainWindow, office: Office, tmp_path: Any
) -> None:
    calendar = calendar_of(window)
    calendar.show_view("agenda")
    calendar.set_day(day(-3))
    assert calendar.status.text() != "0 items (all cases)."
    assert window.workspace_part.switch_to(str(tmp_path / "other.casefile"))
    try:
        assert calendar.status.text() == "0 items (all cases)."
        assert agenda_rows(calendar.view)[0][0] == "Nothing scheduled in these days."  # type: ignore[arg-type]
    finally:
        window.ctx.workspace.close()
