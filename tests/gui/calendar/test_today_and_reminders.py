"""The Today view on start, the reminders of deadlines ahead, the preferences that drive
them (kept in a temporary ini file), and File ▸ Export Calendar…"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import icalendar
import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import QDialog

from app.context import AppContext
from app.core.services import deadlines
from app.gui.calendar import prefs
from app.gui.calendar.reminders import Reminders
from app.gui.dialogs.calendar_export import CalendarExportDialog
from app.gui.dialogs.reminders import PreferencesDialog
from app.gui.settings import QSettingsMapping
from app.gui.widgets.style import error_color
from app.gui.window.main_window import MainWindow
from tests.gui.calendar.fixtures import Office, add_office, cal_ctx, day, today
from tests.gui.recording import RecordingInteraction

__all__ = ["cal_ctx"]


def talk(ctx: AppContext) -> RecordingInteraction:
    assert isinstance(ctx.interaction, RecordingInteraction)
    return ctx.interaction


@pytest.fixture
def window(qtbot: Any, cal_ctx: AppContext) -> MainWindow:
    win = MainWindow(cal_ctx)
    qtbot.addWidget(win)
    return win


def test_today_lists_the_overdue_deadline_in_red_and_opens_its_case(
    window: MainWindow, cal_ctx: AppContext, qtbot: Any
) -> None:
    office = add_office(cal_ctx)
    window.schedule.start()
    today = window.schedule.today
    assert today is not None and today.isVisible()
    assert not today.isModal()
    rows = today.rows()
    overdue = dt.date.today() - dt.timedelta(days=3)
    assert rows[0] == ["Overdue (1)"]
    assert rows[1][1:] == ["CR-THEIRS", "Omnibus motion due", "Overdue"]
    assert rows[1][0].startswith(f"{overdue:%a %b} {overdue.day} (3 days ago)")
    assert ["In court today and tomorrow (0)"] not in rows  # an empty group is left out
    due = rows.index(["Due in the next 7 days (1)"])
    assert rows[due + 1][1:3] == ["CR-MINE", "Witness list due"]  # the met one is not due
    item = today.tree.topLevelItem(0).child(0)
    assert item.foreground(3).color() == error_color()
    assert item.data(2, Qt.ItemDataRole.AccessibleTextRole).startswith("Overdue, Deadline")
    # Enter on it opens the case at the deadline's row.
    today.tree.setFocus()
    today.tree.setCurrentItem(item)
    qtbot.keyClick(today.tree, Qt.Key.Key_Return)
    assert window.current_case_id() == office.theirs
    section = window.case_view.current_list()
    assert section is not None and section.current_key() == {"id": office.overdue}


def test_today_does_not_open_when_there_is_nothing(window: MainWindow) -> None:
    window.schedule.start()
    assert window.schedule.today is None
    assert window.statusBar().currentMessage().startswith("Today: nothing overdue")
    # Asked for (View ▸ Today), it opens and says there is nothing.
    window.schedule.today_action.trigger()
    today = window.schedule.today
    assert today is not None and today.isVisible()
    assert today.rows() == [
        ["Nothing overdue, no court dates today or tomorrow, nothing due in the next 7 days."]
    ]


def test_dont_show_on_start_is_kept(
    window: MainWindow, cal_ctx: AppContext, qsettings: QSettings
) -> None:
    add_office(cal_ctx)
    window.schedule.start()
    today = window.schedule.today
    assert today is not None
    today.dont_show.setChecked(True)
    today.close()
    qsettings.sync()
    again = QSettings(qsettings.fileName(), QSettings.Format.IniFormat)
    assert prefs.today_on_start(QSettingsMapping(again)) is False
    other = MainWindow(cal_ctx)
    other.schedule.start()
    assert other.schedule.today is None  # not shown, though there is something to show
    assert other.schedule.reminders is not None  # the reminders still run
    other.close()
    other.deleteLater()


def test_the_reminder_days_persist(
    window: MainWindow, cal_ctx: AppContext, qsettings: QSettings
) -> None:
    assert prefs.remind_days(cal_ctx.settings) == prefs.DEFAULT_REMIND_DAYS == 3

    def set_five(dialog: QDialog) -> int:
        assert isinstance(dialog, PreferencesDialog)
        assert dialog.remind_days.value() == 3
        assert dialog.remind_days.accessibleName()
        dialog.remind_days.setValue(5)
        dialog.today_on_start.setChecked(False)
        dialog.save()
        return dialog.result()

    talk(cal_ctx).dialogs.append(set_five)
    window.schedule.edit_preferences()
    again = QSettingsMapping(QSettings(qsettings.fileName(), QSettings.Format.IniFormat))
    assert prefs.remind_days(again) == 5  # read back as text from the ini file
    assert prefs.today_on_start(again) is False
    assert prefs.remind_days({prefs.REMIND_DAYS: "nonsense"}) == 3


def test_a_reminder_fires_for_a_deadline_n_days_ahead(qtbot: Any, cal_ctx: AppContext) -> None:
    ws = cal_ctx.workspace
    office: Office = add_office(cal_ctx)  # the witness list is due in 5 days
    start = today()
    now = [start]
    reminders = Reminders(lambda: cal_ctx, today=lambda: now[0])
    told: list[str] = []
    reminders.reminded.connect(told.append)

    prefs.set_remind_days(cal_ctx.settings, 3)
    reminders.start()
    assert reminders.timer.isActive()
    assert told == [""]  # 5 days ahead is not within 3 (and the met reply is not told)

    prefs.set_remind_days(cal_ctx.settings, 5)
    reminders.tick()  # the same day: the timer does not read again
    assert told == [""]
    now[0] = start + dt.timedelta(days=1)  # the next morning: 4 days ahead
    reminders.tick()
    assert len(told) == 2
    assert told[1].startswith("Reminder: 1 deadline within 5 days: CR-MINE Witness list due")
    assert [d.record_id for d in reminders.last] == [office.ahead]

    deadlines.update_deadline(ws, office.ahead, met_on=start.isoformat())  # met: no reminder
    now[0] = start + dt.timedelta(days=2)
    reminders.tick()
    assert told[2] == ""
    reminders.timer.stop()


def test_the_window_tells_a_reminder_in_the_status_bar_and_today(
    window: MainWindow, cal_ctx: AppContext
) -> None:
    add_office(cal_ctx)
    prefs.set_remind_days(cal_ctx.settings, 7)
    window.schedule.start()
    message = window.statusBar().currentMessage()
    assert message.startswith("Reminder: 1 deadline within 7 days: CR-MINE Witness list due")
    today = window.schedule.today
    assert today is not None and today.reminder.text() == message


def test_export_calendar_writes_a_file_icalendar_reads(
    window: MainWindow, cal_ctx: AppContext, tmp_path: Path
) -> None:
    office = add_office(cal_ctx)

    def choose_days(dialog: QDialog) -> int:
        assert isinstance(dialog, CalendarExportDialog)
        start, end = day(-7), day(7)
        dialog.start.setDate(QDate(start.year, start.month, start.day))
        dialog.end.setDate(QDate(end.year, end.month, end.day))
        dialog.scope.setCurrentIndex(0)
        return QDialog.DialogCode.Accepted

    said = talk(cal_ctx)
    said.dialogs.append(choose_days)
    said.saves.append(str(tmp_path / "office"))
    window.schedule.export_calendar()
    written = tmp_path / "office.ics"
    calendar = icalendar.Calendar.from_ical(written.read_bytes())
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert "CR-THEIRS: Hearing" in events
    assert "CR-THEIRS: Omnibus motion due (overdue)" in events
    assert "CR-MINE: Witness list due" in events or any(
        name.startswith("CR-MINE: Witness list due") for name in events
    )
    assert str(events["CR-THEIRS: Hearing"]["uid"]).endswith(
        f"appearance-{office.hearing}@casefile"
    )
    assert said.said("inform", str(written))
    assert window.statusBar().currentMessage() == f"Exported the calendar to {written}"

    # A folder that does not exist: said in the window, nothing written.
    said.dialogs.append(choose_days)
    said.saves.append(str(tmp_path / "missing" / "office.ics"))
    window.schedule.export_calendar()
    assert said.said("warn", "Cannot export the calendar")
    assert not (tmp_path / "missing").exists()


def test_export_refuses_days_the_wrong_way_round(qtbot: Any, cal_ctx: AppContext) -> None:
    dialog = CalendarExportDialog(cal_ctx)
    qtbot.addWidget(dialog)
    dialog.start.setDate(QDate(2027, 2, 1))
    dialog.end.setDate(QDate(2027, 1, 1))
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()  # type: ignore[union-attr]
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.problem.text() == "From (2027-02-01) is after To (2027-01-01)."
    assert dialog.start.accessibleName() == "From" and dialog.end.accessibleName() == "To"


def test_the_app_shows_today_once_its_cases_are_on_screen(
    qtbot: Any, workspace_path: Path, qsettings: QSettings
) -> None:
    from app.core.storage.workspace import open_workspace
    from app.gui.app import _Start

    ws = open_workspace(workspace_path, user="tester")
    add_office(AppContext(ws))
    ws.close()
    settings = QSettingsMapping(qsettings)
    window = MainWindow(settings=settings, opening=str(workspace_path))
    qtbot.addWidget(window)
    start = _Start(window, str(workspace_path), settings)
    start.open()
    try:
        assert start.error is None and window.has_workspace
        window.show()
        qtbot.waitUntil(lambda: window.schedule.today is not None)  # after the next frame
        today = window.schedule.today
        assert today is not None and today.isVisible()
        assert today.rows()[0] == ["Overdue (1)"]
    finally:
        window.ctx.workspace.close()
