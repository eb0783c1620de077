"""The window's calendar part: View ▸ Office Calendar (Ctrl+Shift+L) and View ▸ Today
(Ctrl+Shift+T), File ▸ Export Calendar…, Edit ▸ Preferences… (Ctrl+,), the Today view
when the app starts (:meth:`SchedulePart.start`, called by ``app/gui/app.py``) and the
daily reminders of deadlines ahead.

The window owns one :class:`SchedulePart` (``window.schedule``). Its windows are made
on first use and read the database then (the schedule loads SQLAlchemy, which the
window's first frame must not wait for). They follow the records: when the undo stack
moves, an open calendar and Today view read again.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication, QDialog, QSystemTrayIcon

from app.gui.window.menus import WindowMenu, insert_after, menu_action, menu_titled

if TYPE_CHECKING:
    from app.core.schedule.items import CalendarItem
    from app.gui.calendar.panel import CalendarWindow
    from app.gui.calendar.reminders import Reminders
    from app.gui.calendar.today import TodayView
    from app.gui.window.host import WindowHost

REMINDER_SHOWN_MS = 60_000


class SchedulePart(WindowMenu):
    """The calendar, Today, reminders, calendar export and preferences of ``window``."""

    def __init__(self, window: WindowHost) -> None:
        self.window = window
        parent = window.window()
        self.calendar: CalendarWindow | None = None
        self.today: TodayView | None = None
        self.reminders: Reminders | None = None
        self.tray: QSystemTrayIcon | None = None
        self.calendar_action = menu_action(
            parent, "Office Ca&lendar", self.show_calendar, "Ctrl+Shift+L"
        )
        self.today_action = menu_action(parent, "&Today", self.show_today, "Ctrl+Shift+T")
        self.export_action = menu_action(parent, "Export Calen&dar…", self.export_calendar)
        self.preferences_action = menu_action(parent, "Pre&ferences…", self.edit_preferences)
        self.preferences_action.setShortcut("Ctrl+,")
        view_menu = menu_titled(window, "View")
        if view_menu is not None and view_menu.actions():
            insert_after(view_menu, view_menu.actions()[0], [self.calendar_action,
                                                            self.today_action])  # fmt: skip
        file_menu = menu_titled(window, "File")
        if file_menu is not None:  # with the brief's Export and Print
            insert_after(file_menu, window.print_action, [self.export_action])
        edit_menu = menu_titled(window, "Edit")
        if edit_menu is not None:
            edit_menu.addSeparator()
            edit_menu.addAction(self.preferences_action)
        window.addActions([self.calendar_action, self.today_action, self.preferences_action])
        window.undo.indexChanged.connect(lambda _index: self.records_changed())

    # -- the calendar ------------------------------------------------------------------

    def show_calendar(self) -> None:
        if self.calendar is None:
            from app.gui.calendar.panel import CalendarWindow

            self.calendar = CalendarWindow(self.window.ctx, self._parent)
            self.calendar.open_item.connect(self.open_item)
        else:
            self.calendar.reload()
        self.calendar.show()
        self.calendar.raise_()
        self.calendar.activateWindow()

    def open_item(self, item: CalendarItem) -> None:
        """Open the case of a calendar item at its Court (or Deadlines) row."""
        from app.gui.calendar.reading import target_of_item

        section, key = target_of_item(self.window.ctx, item)
        self.open_target(item.case.id, section, key)

    def open_target(self, case_id: int, section: str, key: dict[str, Any]) -> None:
        self.window.show_record(case_id, section, key)
        main = self._parent
        main.raise_()
        main.activateWindow()

    def records_changed(self) -> None:
        """The undo stack moved: what an open calendar or Today view shows may differ."""
        if self.calendar is not None and self.calendar.isVisible():
            self.calendar.reload()
        if self.today is not None and self.today.isVisible():
            self._fill_today()

    # -- Today and reminders --------------------------------------------------------------

    def start(self) -> None:
        """The app has opened its workspace: remind, then show Today (unless the person
        said not to, or there is nothing in it: then the status bar says so)."""
        from app.gui.calendar import prefs

        self.start_reminders()
        if prefs.today_on_start(self.window.ctx.settings):
            self.show_today(on_start=True)

    def show_today(self, on_start: bool = False) -> TodayView | None:
        from app.core.errors import CasefileError

        try:
            listing = self._read_today()
        except CasefileError as exc:
            self._talk.warn(self._parent, "Cannot read today's dates", str(exc))
            return None
        if listing.empty and on_start:
            self.window.statusBar().showMessage(
                "Today: nothing overdue, no court dates today or tomorrow, nothing due this week.",
                REMINDER_SHOWN_MS,
            )
            return None
        today = self._today_view()
        today.show_list(listing)
        if self.reminders is not None:
            from app.gui.calendar import prefs
            from app.gui.calendar.reminders import reminder_text

            days = prefs.remind_days(self.window.ctx.settings)
            today.show_reminder(reminder_text(self.reminders.last, days, listing.day))
        today.show()
        if not on_start:  # at the start the main window keeps the keyboard
            today.raise_()
            today.activateWindow()
        return today

    def _read_today(self) -> Any:
        from app.gui.calendar import prefs
        from app.gui.calendar.reading import read_today

        ctx = self.window.ctx
        return read_today(ctx, dt.date.today(), mine=prefs.scope(ctx.settings) == "mine")

    def _today_view(self) -> TodayView:
        if self.today is None:
            from app.gui.calendar.today import TodayView

            self.today = TodayView(self.window.ctx, self._parent)
            self.today.open_target.connect(self.open_target)
            self.today.calendar_requested.connect(self.show_calendar)
        return self.today

    def _fill_today(self) -> None:
        from app.core.errors import CasefileError

        try:
            self._today_view().show_list(self._read_today())
        except CasefileError as exc:
            self.window.statusBar().showMessage(f"Cannot read today's dates: {exc}", 10_000)

    def start_reminders(self) -> Reminders:
        if self.reminders is None:
            from app.gui.calendar.reminders import Reminders

            self.reminders = Reminders(lambda: self.window.ctx, self._parent)
            self.reminders.reminded.connect(self._remind)
            self.reminders.start()
        return self.reminders

    def _remind(self, text: str) -> None:
        if not text:
            return
        self.window.statusBar().showMessage(text, REMINDER_SHOWN_MS)
        if self.today is not None and self.today.isVisible():
            self.today.show_reminder(text)
        if QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages():
            if self.tray is None:
                self.tray = QSystemTrayIcon(QApplication.windowIcon(), self._parent)
                self.tray.setToolTip("Casefile")
            self.tray.show()
            self.tray.showMessage("Casefile: deadlines ahead", text)

    # -- export and preferences -------------------------------------------------------------

    def export_calendar(self) -> None:
        from app.gui.dialogs.calendar_export import export_calendar

        path = export_calendar(self.window.ctx, self._parent)
        if path is not None:
            self.window.statusBar().showMessage(f"Exported the calendar to {path}", 10_000)

    def edit_preferences(self) -> None:
        from app.gui.dialogs.reminders import PreferencesDialog

        dialog = PreferencesDialog(self.window.ctx, self._parent)
        accepted = self._talk.run_dialog(dialog) == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted and self.reminders is not None:
            self.reminders.check()  # the days ahead may have changed
        if accepted and self.calendar is not None:
            self.calendar.reload()
