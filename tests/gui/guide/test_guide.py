"""Help inside the app: the user guide (F1), its contents and find bar, shipping it, and
What's This? on the statement form's fields."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.context import AppContext
from app.gui.forms.statement import StatementForm
from app.gui.guide.dialog import GuideDialog, show_guide
from app.gui.guide.fields import STATEMENT_FIELDS
from app.gui.settings import QSettingsMapping
from app.gui.window.main_window import MainWindow
from tests.gui.recording import RecordingInteraction

ROOT = Path(__file__).resolve().parents[3]
# What an intake day needs, each a section of the guide.
INTAKE_SECTIONS = [
    "Starting a new case",
    "People and their roles",
    "Statements and their sources",
    "Charges",
    "Court dates and the speedy-trial clock",
    "Documents",
    "Finding things",
    "Briefs",
    "Undo, history and backups",
    "Larger text, themes and screen readers",
    "Keyboard shortcuts",
]


@pytest.fixture
def window(qtbot: Any, ctx: AppContext, qsettings: Any) -> MainWindow:
    ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    ctx.interaction = RecordingInteraction()
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _guide(window: MainWindow) -> GuideDialog:
    dialog = getattr(window, "guide_dialog", None)
    assert isinstance(dialog, GuideDialog)
    return dialog


def test_f1_opens_the_guide_with_its_contents(window: MainWindow, qtbot: Any) -> None:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = _guide(window)
    assert guide.isVisible() and not guide.isModal()
    assert guide.headings() == INTAKE_SECTIONS
    text = guide.browser.toPlainText()
    for words in ("pin cite", "¶ 4", "00:03:12", "30.30", "Ctrl+Shift+N", "verbatim", "shield"):
        assert words.lower() in text.lower(), words
    help_menu = window.guide_action.associatedObjects()
    assert any(getattr(menu, "title", lambda: "")() == "&Help" for menu in help_menu)
    assert window.guide_action.shortcut().toString() == "F1"
    assert window.whats_this_action.shortcut().toString() == "Shift+F1"

    # Asked again, the same guide comes forward rather than a second one.
    window.guide_action.trigger()
    assert window.guide_dialog is guide  # type: ignore[attr-defined]
    qtbot.keyClick(guide, Qt.Key.Key_Escape)
    assert not guide.isVisible()


def test_the_contents_go_to_their_section(window: MainWindow) -> None:
    guide = show_guide(window)
    guide.resize(700, 420)
    QApplication.processEvents()
    assert guide.show_section("Keyboard shortcuts")
    cursor = guide.browser.textCursor()
    assert cursor.block().text() == "Keyboard shortcuts"
    assert guide.browser.verticalScrollBar().value() > 0
    assert not guide.show_section("No such section")


def test_ctrl_f_finds_in_the_guide_and_says_when_nothing_matches(
    window: MainWindow, qtbot: Any
) -> None:
    guide = show_guide(window)
    qtbot.waitExposed(guide)
    guide.activateWindow()  # the guide's Ctrl+F, not the main window's search
    qtbot.waitUntil(lambda: QApplication.activeWindow() is guide)
    qtbot.keyClick(guide.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is guide.find_field
    qtbot.keyClicks(guide.find_field, "speedy-trial")
    qtbot.keyClick(guide.find_field, Qt.Key.Key_Return)
    first = guide.browser.textCursor().selectionStart()
    assert guide.browser.textCursor().selectedText().lower() == "speedy-trial"
    qtbot.keyClick(guide.find_field, Qt.Key.Key_Return)
    assert guide.browser.textCursor().selectionStart() > first
    qtbot.keyClick(guide.find_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert guide.browser.textCursor().selectionStart() == first
    assert guide.find_status.text() == ""

    guide.find_field.setText("scraf")
    qtbot.keyClick(guide.find_field, Qt.Key.Key_Return)
    assert guide.find_status.text() == "No “scraf” in the guide"
    qtbot.keyClick(guide.find_field, Qt.Key.Key_Escape)  # clears the box, keeps the guide
    assert guide.find_field.text() == "" and guide.isVisible()


def test_help_works_while_the_workspace_is_still_opening(qtbot: Any, qsettings: Any) -> None:
    win = MainWindow(settings=QSettingsMapping(qsettings), opening="/tmp/x.casefile")
    qtbot.addWidget(win)
    assert win.guide_action.isEnabled() and win.whats_this_action.isEnabled()
    assert not win.new_action.isEnabled()
    win.guide_action.trigger()
    assert _guide(win).isVisible()
    from app.gui.dialogs.about import AboutDialog  # About, kept enabled too, opens as well

    about = AboutDialog(win)
    qtbot.addWidget(about)
    assert about.windowTitle() == "About Casefile"  # no RuntimeError: no workspace yet


def test_the_guide_ships_in_the_wheel_and_the_packaged_app() -> None:
    assert resources.files("app.gui.guide").joinpath("guide.md").is_file()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    shipped = project["tool"]["setuptools"]["package-data"]["app.gui.guide"]
    assert "*.md" in shipped
    assert '"guide" / "guide.md"' in (ROOT / "packaging" / "casefile.spec").read_text("utf-8")


def test_every_statement_field_says_what_to_type(qtbot: Any, ctx: AppContext) -> None:
    form = StatementForm(ctx, None)
    qtbot.addWidget(form)
    assert set(STATEMENT_FIELDS) == set(form.fields)  # a new field needs its help too
    for name, widget in form.fields.items():
        assert widget.whatsThis().strip(), name
    assert "verbatim" in form.fields["text"].whatsThis().lower()
    assert "paraphrase" in form.fields["text"].whatsThis().lower()
    for example in ("p. 3", "¶ 4", "00:03:12"):
        assert example in form.fields["pin_cite"].whatsThis()


def test_shift_f1_on_a_statement_field_shows_its_help(qtbot: Any, ctx: AppContext) -> None:
    form = StatementForm(ctx, None)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    pin = form.fields["pin_cite"]
    pin.setFocus()
    qtbot.keyClick(pin, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    shown = [
        w for w in QApplication.topLevelWidgets() if w.metaObject().className() == "QWhatsThat"
    ]
    assert shown and shown[-1].isVisible()
    shown[-1].close()
