"""A refused field, as a person meets it from the keyboard: the field keeps the focus
and its message sits under it without moving any other field, what is typed next
replaces the refused value, and the messages go as soon as the value is fixed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from app.core.services import cases, events
from app.gui import actions
from app.gui.widgets.accessible import focus_target
from tests.gui.forms import fixtures as forms_fixtures
from tests.gui.forms.fixtures import db_state, drive, talk

form_ctx = forms_fixtures.form_ctx
small_case = forms_fixtures.small_case
undo_stack = forms_fixtures.undo_stack

SHOTS = Path("/tmp/casefile-form-errors")


def _places(dialog: Any) -> dict[str, tuple[int, int, int, int]]:
    """Where each field's editor sits in the dialog."""
    places = {}
    for name, widget in dialog.fields.items():
        if isinstance(widget, QWidget):
            corner = widget.mapTo(dialog, QPoint(0, 0))
            places[name] = (corner.x(), corner.y(), widget.width(), widget.height())
    return places


def _shown(qtbot: Any, dialog: Any) -> None:
    dialog.show()
    dialog.resize(*dialog.default_size)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    QApplication.processEvents()


def test_a_refused_time_keeps_the_focus_and_moves_nothing(
    qtbot, form_ctx, small_case, undo_stack
) -> None:
    ws = form_ctx.workspace
    before = db_state(ws)
    seen: dict[str, Any] = {}

    def fill(dialog: Any) -> None:
        _shown(qtbot, dialog)
        time = dialog.fields["time"]
        time.setFocus()
        seen["places"] = _places(dialog)
        QTest.keyClicks(time, "25:00")
        QTest.keyClick(time, Qt.Key.Key_Return)  # Return saves: refused
        QApplication.processEvents()
        assert dialog.isVisible() and db_state(ws) == before
        seen["after"] = _places(dialog)
        assert QApplication.focusWidget() is time
        message = dialog.message
        assert message.isVisible() and message.text().startswith("Time ")
        assert "hour 25" in message.text()
        # Right under the field, not in the layout.
        assert message.y() >= time.mapTo(dialog, QPoint(0, time.height())).y()
        assert dialog.banner.isVisible() and dialog.banner.text().startswith("Not saved")
        assert time.accessibleDescription() == dialog.error_text("time")
        SHOTS.mkdir(exist_ok=True)
        dialog.grab().save(str(SHOTS / "event-refused-time.png"))
        # What is typed next replaces the refused value in the refused field...
        QTest.keyClicks(QApplication.focusWidget(), "9:30")
        assert time.text() == "9:30"
        # ...and the message and banner go at once, before the field is left.
        assert dialog.error_text("time") == ""
        assert not message.isVisible() and not dialog.banner.isVisible()
        assert time.property("casefileInvalid") is False
        assert _places(dialog) == seen["places"]
        QTest.keyClick(time, Qt.Key.Key_Tab)  # leaving shows it as it will be stored
        assert time.text() == "09:30"
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    talk(form_ctx).dialogs.append(lambda d: (fill(d), int(d.result()))[1])
    assert actions.edit_record(form_ctx, undo_stack, "event", small_case.event, None)
    assert seen["after"] == seen["places"]
    assert events.get_event(ws, small_case.event)["time"] == "09:30"


def test_a_message_changes_while_the_field_is_still_wrong(
    qtbot, form_ctx, small_case, undo_stack
) -> None:
    def fill(dialog: Any) -> None:
        _shown(qtbot, dialog)
        time = dialog.fields["time"]
        time.setFocus()
        QTest.keyClicks(time, "9:75")
        QTest.keyClick(time, Qt.Key.Key_Return)
        assert "75 minutes" in dialog.error_text("time")
        QTest.keyClicks(time, "half nine")  # wrong at every keystroke: the message follows
        assert "like 9:30" in dialog.error_text("time")
        assert "'half nine'" in dialog.message.text() and "'half nine'" in dialog.banner.text()
        assert dialog.message.isVisible()
        time.selectAll()
        QTest.keyClicks(time, "1 pm")
        assert dialog.error_text("time") == "" and not dialog.banner.isVisible()
        QTest.keyClick(time, Qt.Key.Key_Return)

    talk(form_ctx).dialogs.append(lambda d: (fill(d), int(d.result()))[1])
    assert actions.edit_record(form_ctx, undo_stack, "event", small_case.event, None)
    assert events.get_event(form_ctx.workspace, small_case.event)["time"] == "13:00"


def test_a_date_error_goes_once_the_date_is_a_whole_day(
    qtbot, form_ctx, small_case, undo_stack
) -> None:
    def fill(dialog: Any) -> None:
        _shown(qtbot, dialog)
        date = dialog.fields["commenced_on"]
        date.set_value("June 2020")
        dialog.try_save()
        assert "not a full date" in dialog.error_text("commenced_on")
        assert dialog.banner.isVisible()
        editor = focus_target(date)
        assert QApplication.focusWidget() is editor
        QTest.keyClicks(editor, "June 2, 2020")  # replaces the selected refused text
        assert dialog.error_text("commenced_on") == "" and not dialog.banner.isVisible()
        assert editor.property("casefileInvalid") is False
        dialog.try_save()

    talk(form_ctx).dialogs.append(lambda d: (fill(d), int(d.result()))[1])
    assert actions.edit_record(form_ctx, undo_stack, "case", small_case.case_id, None)
    assert cases.get_case(form_ctx.workspace, small_case.case_id)["commenced_on"].iso() == (
        "2020-06-02"
    )


def test_times_typed_loosely_show_as_stored_when_the_field_is_left(
    qtbot, form_ctx, small_case, undo_stack
) -> None:
    shown: list[str] = []

    def fill(dialog: Any) -> None:
        _shown(qtbot, dialog)
        time = dialog.fields["time"]
        for typed in ("930", "9.30 pm", "noon", "25:00"):
            time.setFocus()
            time.selectAll()
            QTest.keyClicks(time, typed)
            QTest.keyClick(time, Qt.Key.Key_Tab)
            shown.append(time.text())

    drive(form_ctx, fill, save=False)
    talk(form_ctx).unsaved.append("discard")
    original = talk(form_ctx).dialogs.pop()
    talk(form_ctx).dialogs.append(lambda d: (original(d), d.reject(), int(d.result()))[2])
    assert not actions.edit_record(form_ctx, undo_stack, "event", small_case.event, None)
    # Nonsense is left as typed, for the save to explain.
    assert shown == ["09:30", "21:30", "12:00", "25:00"]
