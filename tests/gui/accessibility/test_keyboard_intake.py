"""A whole intake with the keyboard alone: a new case with its client, a witness, two
statements, a charge, an event, then the brief, every step by keys sent to the window
and to the forms it opens (Tab to move, Space to tick, Ctrl+Return to save). Nothing is
clicked and no form method is called: the forms are only looked at, to know when the
Tab key has reached the field the next words go into."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from sqlalchemy import select

from app.context import AppContext
from app.core.services import people
from app.core.storage.models import Case, Charge, Event, Statement
from app.gui.settings import QSettingsMapping
from app.gui.widgets.accessible import focus_target
from app.gui.window.main_window import MainWindow
from tests.gui.recording import RecordingInteraction

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


class Keyboard:
    """Keys to whatever has the focus, as a person's keyboard sends them."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot

    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def press(
        self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        QTest.keyClick(self.focus(), key, modifiers)

    def type(self, text: str) -> None:
        QTest.keyClicks(self.focus(), text)

    def tab_to(self, field: QWidget, most: int = 60) -> None:
        """Press Tab until ``field`` (its editor) has the focus: it must be reachable."""
        target = focus_target(field)
        for _ in range(most):
            if self.focus() is target:
                return
            self.press(Qt.Key.Key_Tab)
        raise AssertionError(
            f"Tab never reached {type(target).__name__} {target.accessibleName()!r}"
        )


def _in_dialog(
    qtbot: Any, keys: Keyboard, fill: Callable[[QDialog], None]
) -> Callable[[QDialog], int]:
    """What the window's next dialog gets instead of exec(): shown, made active, filled
    by keys; Ctrl+Return (a form's Save) unless ``fill`` closes it itself."""

    def run(dialog: QDialog) -> int:
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        fill(dialog)
        if dialog.isVisible():
            keys.press(Qt.Key.Key_Return, CTRL)
        assert not dialog.isVisible(), f"{dialog.windowTitle()} did not close"
        # What the desktop does when a dialog closes: its window is active again.
        owner = dialog.parentWidget()
        if owner is not None:
            owner.window().activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is owner.window())
        return int(dialog.result())

    return run


def _rows(ws: Any, model: Any, **where: Any) -> list[Any]:
    with ws.reader() as session:
        query = select(model).filter_by(**where).order_by(model.id)
        return list(session.scalars(query))


def test_a_whole_intake_by_keyboard_alone(
    qtbot: Any, empty_ctx: AppContext, qsettings: Any, tmp_path: Path
) -> None:
    talk = RecordingInteraction()
    ctx = AppContext(empty_ctx.workspace, settings=QSettingsMapping(qsettings), interaction=talk)
    window = MainWindow(ctx)
    window.resize(1280, 800)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    keys = Keyboard(qtbot)
    ws = ctx.workspace

    # A new case, naming its client.
    def new_case(form: QDialog) -> None:
        keys.tab_to(form.fields["caption"])  # type: ignore[attr-defined]
        keys.type("People v. Maria Lopez")
        keys.tab_to(form.fields["client"])  # type: ignore[attr-defined]
        keys.type("Maria Lopez")
        keys.tab_to(form.fields["docket_number"])  # type: ignore[attr-defined]
        keys.type("CR-004417-26NY")

    talk.dialogs.append(_in_dialog(qtbot, keys, new_case))
    QTest.keyClick(window, Qt.Key.Key_N, CTRL | SHIFT)
    [case] = _rows(ws, Case)
    case_id = case.id
    assert (case.caption, case.docket_number) == ("People v. Maria Lopez", "CR-004417-26NY")
    assert window.current_case_id() == case_id

    # People: the complaining witness.
    QTest.keyClick(window, Qt.Key.Key_2, CTRL)
    assert window.case_view.current_section_name() == "people"

    def witness(form: QDialog) -> None:
        keys.tab_to(form.fields["name"])  # type: ignore[attr-defined]
        keys.type("Joan Rivera")
        keys.tab_to(form.fields["roles"])  # type: ignore[attr-defined]
        keys.type("Witness")  # type-ahead to the role,
        keys.press(Qt.Key.Key_Space)  # and tick it

    talk.dialogs.append(_in_dialog(qtbot, keys, witness))
    QTest.keyClick(window, Qt.Key.Key_N, CTRL)
    roles = {
        people.get_person(ws, party.person_id)["name"]: party.roles
        for party in people.parties_of_case(ws, case_id)
    }
    assert roles == {"Maria Lopez": ["client"], "Joan Rivera": ["witness"]}

    # Statements: two, by the witness.
    QTest.keyClick(window, Qt.Key.Key_3, CTRL)
    assert window.case_view.current_section_name() == "statements"
    for words in ("He pushed the officer first.", "I saw it from the bodega door."):

        def statement(form: QDialog, words: str = words) -> None:
            keys.tab_to(form.fields["speaker_id"])  # type: ignore[attr-defined]
            keys.type("Joan Rivera")
            keys.tab_to(form.fields["text"])  # type: ignore[attr-defined]
            keys.type(words)

        talk.dialogs.append(_in_dialog(qtbot, keys, statement))
        QTest.keyClick(window, Qt.Key.Key_N, CTRL)
    said = _rows(ws, Statement, case_id=case_id)
    assert sorted(s.text for s in said) == [
        "He pushed the officer first.",
        "I saw it from the bodega door.",
    ]
    witness_party = next(p for p in people.parties_of_case(ws, case_id) if p.roles == ["witness"])
    assert {s.speaker_id for s in said} == {witness_party.id}  # her, not a new person
    assert len(people.parties_of_case(ws, case_id)) == 2

    # A charge.
    QTest.keyClick(window, Qt.Key.Key_4, CTRL)
    assert window.case_view.current_section_name() == "charges"

    def charge(form: QDialog) -> None:
        keys.tab_to(form.fields["statute"])  # type: ignore[attr-defined]
        keys.type("PL 120.00")
        keys.tab_to(form.fields["description"])  # type: ignore[attr-defined]
        keys.type("Assault in the third degree")

    talk.dialogs.append(_in_dialog(qtbot, keys, charge))
    QTest.keyClick(window, Qt.Key.Key_N, CTRL)
    [count] = _rows(ws, Charge, case_id=case_id)
    assert (count.statute, count.description) == ("PL 120.00", "Assault in the third degree")

    # An event in the chronology.
    QTest.keyClick(window, Qt.Key.Key_6, CTRL)
    assert window.case_view.current_section_name() == "chronology"

    def event(form: QDialog) -> None:
        keys.tab_to(form.fields["title"])  # type: ignore[attr-defined]
        keys.type("Arrest at 9th Avenue")
        keys.tab_to(form.fields["date"])  # type: ignore[attr-defined]
        keys.type("2026-11-30")
        keys.tab_to(form.fields["time"])  # type: ignore[attr-defined]
        keys.type("9:30")

    talk.dialogs.append(_in_dialog(qtbot, keys, event))
    QTest.keyClick(window, Qt.Key.Key_N, CTRL)
    [arrest] = _rows(ws, Event, case_id=case_id)
    assert (arrest.title, arrest.time) == ("Arrest at 9th Avenue", "09:30")

    # The brief, written where the keyboard says.
    target = tmp_path / "lopez brief.pdf"

    def brief(dialog: QDialog) -> None:
        keys.tab_to(dialog.open_after)  # type: ignore[attr-defined]
        keys.press(Qt.Key.Key_Space)  # do not open it afterwards
        keys.tab_to(dialog.path)  # type: ignore[attr-defined]
        keys.press(Qt.Key.Key_A, CTRL)
        keys.type(str(target))
        keys.press(Qt.Key.Key_Return)

    talk.dialogs.append(_in_dialog(qtbot, keys, brief))
    QTest.keyClick(window, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(target.exists, timeout=20000)
    qtbot.waitUntil(lambda: "Brief written" in window.statusBar().currentMessage(), timeout=20000)
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    for words in ("People v. Maria Lopez", "Joan Rivera", "bodega door", "Arrest at 9th Avenue"):
        assert words in " ".join(text.split()), words
