"""The date field's calendar, from the keyboard: Alt+Down opens it on the typed date,
arrows and Return pick, Escape leaves the field as it was; counted dates show as days."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from app.gui.widgets.date_edit import PartialDateEdit

SHOTS = Path("/tmp/casefile-date-picker")


def _field(qtbot: Any) -> tuple[QWidget, PartialDateEdit]:
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    date = PartialDateEdit()
    layout.addWidget(date)
    layout.addWidget(QLineEdit())  # somewhere for Tab to go
    layout.addStretch(1)
    holder.resize(560, 320)
    holder.show()
    qtbot.waitExposed(holder)
    holder.activateWindow()
    date.edit.setFocus()
    QApplication.processEvents()
    return holder, date


def test_the_calendar_button_has_a_name_and_says_how_to_use_it(qtbot) -> None:
    _holder, date = _field(qtbot)
    button = date.pick_button
    assert button.accessibleName() == "Pick a date from a calendar"
    assert "Return" in button.accessibleDescription()
    assert not button.icon().isNull()
    # Tab goes from the date straight to the next field; Alt+Down reaches the calendar.
    assert button.focusPolicy() == Qt.FocusPolicy.ClickFocus


def test_alt_down_opens_on_the_typed_date_and_return_picks(qtbot) -> None:
    holder, date = _field(qtbot)
    QTest.keyClicks(date.edit, "June 14, 2020")
    QTest.keyClick(date.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = date.popup
    assert popup is not None and popup.isVisible()
    assert popup.calendar.selectedDate().toPython() == dt.date(2020, 6, 14)
    assert popup.calendar.accessibleName() == "Calendar"
    assert QApplication.focusWidget() is not date.edit  # the calendar has the keys
    SHOTS.mkdir(exist_ok=True)
    holder.grab().save(str(SHOTS / "date-field.png"))
    popup.grab().save(str(SHOTS / "date-picker-open.png"))
    focused = QApplication.focusWidget()
    QTest.keyClick(focused, Qt.Key.Key_Right)  # the next day
    QTest.keyClick(focused, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert date.edit.text() == "June 15, 2020"
    assert date.value() == "2020-06-15"
    assert QApplication.focusWidget() is date.edit


def test_escape_closes_without_changing_the_field(qtbot) -> None:
    _holder, date = _field(qtbot)
    QTest.keyClicks(date.edit, "about June 2020")
    QTest.keyClick(date.edit, Qt.Key.Key_F4)
    popup = date.popup
    assert popup is not None and popup.isVisible()
    # A month opens on its last day.
    assert popup.calendar.selectedDate().toPython() == dt.date(2020, 6, 30)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not popup.isVisible()
    assert date.edit.text() == "about June 2020"
    assert QApplication.focusWidget() is date.edit


def test_the_button_opens_on_today_when_nothing_is_typed(qtbot) -> None:
    _holder, date = _field(qtbot)
    date.pick_button.click()
    popup = date.popup
    assert popup is not None and popup.isVisible()
    assert popup.calendar.selectedDate().toPython() == dt.date.today()
    popup.close()


def test_counted_dates_show_as_the_day_they_mean_once_left(qtbot) -> None:
    _holder, date = _field(qtbot)
    today = dt.date.today()
    for typed, days in (("today", 0), ("yesterday", -1), ("+7", 7), ("-3", -3)):
        date.edit.setFocus()
        date.edit.selectAll()
        QTest.keyClicks(date.edit, typed)
        assert "exact day" in date.reading.text()  # read at once, while typing
        QTest.keyClick(date.edit, Qt.Key.Key_Tab)
        expected = today + dt.timedelta(days=days)
        assert date.value() == expected.isoformat()
        assert date.edit.text() == f"{expected:%B} {expected.day}, {expected.year}"
    # Written dates are left as typed.
    date.edit.setFocus()
    date.edit.selectAll()
    QTest.keyClicks(date.edit, "June 2020")
    QTest.keyClick(date.edit, Qt.Key.Key_Tab)
    assert date.edit.text() == "June 2020"
