"""The dialog base: geometry through the settings, standard buttons, Escape, help."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QVBoxLayout

from app.gui.dialogs.base import Buttons, Dialog
from app.gui.settings import QSettingsMapping
from tests.gui.recording import RecordingInteraction


class Sample(Dialog):
    dialog_name = "sample"
    default_size = (420, 260)
    help_text = "Pick what the sample asks for."

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(title="Sample", **kwargs)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("A sample"))
        layout.addWidget(self.button_box(Buttons.Ok | Buttons.Cancel))


class Plain(Dialog):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        QVBoxLayout(self).addWidget(self.button_box(Buttons.Close))


def _shown(qtbot: Any, dialog: Dialog) -> Dialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_geometry_round_trips_through_a_plain_mapping(qtbot: Any) -> None:
    settings: dict[str, Any] = {}
    first = _shown(qtbot, Sample(settings=settings, interaction=RecordingInteraction()))
    assert first.size() == QSize(420, 260)  # the default the first time
    first.resize(555, 333)
    first.accept()
    assert "dialogs/sample/geometry" in settings
    again = _shown(qtbot, Sample(settings=settings, interaction=RecordingInteraction()))
    assert again.size() == QSize(555, 333)


def test_geometry_round_trips_through_qsettings(qtbot: Any, qsettings: Any) -> None:
    first = _shown(qtbot, Sample(settings=QSettingsMapping(qsettings)))
    first.resize(610, 290)
    first.close()  # the title bar's close button
    qsettings.sync()
    from PySide6.QtCore import QSettings

    reread = QSettings(qsettings.fileName(), QSettings.Format.IniFormat)
    again = _shown(qtbot, Sample(settings=QSettingsMapping(reread)))
    assert again.size() == QSize(610, 290)


def test_a_dialog_without_a_name_is_keyed_by_its_class(qtbot: Any) -> None:
    settings: dict[str, Any] = {}
    _shown(qtbot, Plain(settings=settings)).reject()
    assert list(settings) == ["dialogs/Plain/geometry"]


def test_escape_rejects(qtbot: Any) -> None:
    dialog = _shown(qtbot, Sample(settings={}))
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_the_close_key_rejects_too(qtbot: Any) -> None:
    dialog = _shown(qtbot, Plain(settings={}))
    dialog.setResult(QDialog.DialogCode.Accepted)
    close = QKeySequence(QKeySequence.StandardKey.Close)[0]
    QTest.keyClick(dialog, close.key(), close.keyboardModifiers())
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_ok_accepts_and_cancel_rejects(qtbot: Any) -> None:
    dialog = _shown(qtbot, Sample(settings={}))
    assert dialog.buttons is not None
    dialog.buttons.button(Buttons.Ok).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    dialog = _shown(qtbot, Sample(settings={}))
    dialog.buttons.button(Buttons.Cancel).click()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_the_help_button_shows_the_help(qtbot: Any) -> None:
    talk = RecordingInteraction()
    dialog = _shown(qtbot, Sample(settings={}, interaction=talk))
    assert dialog.buttons is not None
    dialog.buttons.button(Buttons.Help).click()
    assert talk.said("inform", "Pick what the sample asks for.")
    assert talk.of_kind("inform")[0].title == "Help — Sample"
    assert dialog.isVisible()  # help does not close the dialog
    QTest.keyClick(dialog, Qt.Key.Key_F1)
    assert len(talk.of_kind("inform")) == 2


def test_no_help_text_means_no_help_button(qtbot: Any) -> None:
    dialog = _shown(qtbot, Plain(settings={}))
    assert dialog.buttons is not None
    assert dialog.buttons.button(Buttons.Help) is None


def test_settings_and_interaction_come_from_the_parent_windows_context(qtbot: Any) -> None:
    class Ctx:
        settings: dict[str, Any] = {}
        interaction = RecordingInteraction()

    window = QMainWindow()
    window.ctx = Ctx()  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    dialog = Sample(parent=window)
    assert dialog.interaction is Ctx.interaction and dialog.settings is Ctx.settings
    dialog.show_help()
    assert Ctx.interaction.said("inform", "sample asks")
