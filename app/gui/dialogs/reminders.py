"""Edit ▸ Preferences…: how many days before a deadline to be reminded, whether the Today
view shows when Casefile starts, and whose cases the calendar, Today and the reminders
cover. Saved in the person's settings (``app.gui.calendar.prefs``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.gui import style
from app.gui.calendar import prefs
from app.gui.dialogs.base import Buttons, Dialog

if TYPE_CHECKING:
    from app.context import AppContext


class PreferencesDialog(Dialog):
    dialog_name = "preferences"
    help_text = (
        "Reminders list the deadlines due within the days set here that are not marked as "
        "met: when Casefile starts and once a day while it runs, in the status bar and the "
        "Today view. My cases are the cases whose Assigned staff names you."
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, title="Preferences", ctx=ctx)
        self.ctx = ctx
        settings = ctx.settings
        self.remind_days = QSpinBox()
        self.remind_days.setRange(0, prefs.MAX_REMIND_DAYS)
        self.remind_days.setSuffix(" days")
        self.remind_days.setValue(prefs.remind_days(settings))
        self.remind_days.setAccessibleName("Remind me this many days before a deadline")
        self.today_on_start = QCheckBox("Show the &Today view when Casefile starts")
        self.today_on_start.setChecked(prefs.today_on_start(settings))
        self.scope = QComboBox()
        self.scope.addItems(["All cases", "My cases"])
        self.scope.setCurrentIndex(1 if prefs.scope(settings) == "mine" else 0)
        self.scope.setAccessibleName("Whose cases the calendar, Today and reminders cover")
        form = QFormLayout()
        remind = QLabel("&Remind me before a deadline")
        remind.setBuddy(self.remind_days)
        form.addRow(remind, self.remind_days)
        whose = QLabel("&Cases covered")
        whose.setBuddy(self.scope)
        form.addRow(whose, self.scope)
        form.addRow("", self.today_on_start)
        hint = style.muted(QLabel("0 days: remind only of what is due today."))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addStretch(1)
        layout.addWidget(self.button_box(Buttons.Ok | Buttons.Cancel, on_accept=self.save))

    def save(self) -> None:
        settings = self.ctx.settings
        prefs.set_remind_days(settings, self.remind_days.value())
        prefs.set_today_on_start(settings, self.today_on_start.isChecked())
        settings[prefs.SCOPE] = "mine" if self.scope.currentIndex() == 1 else "all"
        prefs.sync(settings)
        self.accept()
