"""File ▸ Export Calendar…: the court dates and deadlines of a range of days, of my cases
or all, written as an iCalendar file (``app.core.schedule.ics``) for Outlook, Google
Calendar or Apple Calendar. Events keep their identity across exports, so importing a
later export updates them. Where it went, or why it could not be written, is said in
the window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.gui import style
from app.gui.calendar import prefs
from app.gui.dialogs.base import Buttons, Dialog

if TYPE_CHECKING:
    from app.context import AppContext

DEFAULT_DAYS = 90
ICS_FILES = "iCalendar files (*.ics)"


def _date_edit(day: dt.date, name: str) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName(name)
    return edit


class CalendarExportDialog(Dialog):
    """Which days and whose cases to export."""

    dialog_name = "calendar_export"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, title="Export Calendar", ctx=ctx)
        today = dt.date.today()
        self.start = _date_edit(today, "From")
        self.end = _date_edit(today + dt.timedelta(days=DEFAULT_DAYS), "To")
        self.scope = QComboBox()
        self.scope.addItems(["All cases", "My cases"])
        self.scope.setCurrentIndex(1 if prefs.scope(ctx.settings) == "mine" else 0)
        self.scope.setAccessibleName("Whose cases")
        self.problem = QLabel()
        self.problem.setAccessibleName("Problem")
        form = QFormLayout()
        for text, widget in (("&From", self.start), ("&To", self.end), ("&Cases", self.scope)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addWidget(
            style.muted(QLabel("One event per court appearance, court date and deadline."))
        )
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.button_box(Buttons.Ok | Buttons.Cancel, on_accept=self._check))
        self.problem.hide()

    def days(self) -> tuple[dt.date, dt.date]:
        return self.start.date().toPython(), self.end.date().toPython()  # type: ignore[return-value]

    @property
    def mine(self) -> bool:
        return self.scope.currentIndex() == 1

    def _check(self) -> None:
        start, end = self.days()
        if start > end:
            self.problem.setText(f"From ({start}) is after To ({end}).")
            self.problem.show()
            self.start.setFocus()
            return
        self.accept()


def export_calendar(ctx: AppContext, parent: QWidget | None = None) -> Path | None:
    """Ask for the days and the file, write it, and say where it went (or why not)."""
    from app.core.errors import CasefileError
    from app.core.schedule.agenda import calendar_items
    from app.core.schedule.ics import write_ics
    from app.core.schedule.rules import load_rules

    talk = ctx.interaction
    dialog = CalendarExportDialog(ctx, parent)
    if talk.run_dialog(dialog) != QDialog.DialogCode.Accepted:
        return None
    start, end = dialog.days()
    mine = dialog.mine
    folder = ctx.workspace.path.parent if ctx.workspace.path is not None else Path.home()
    name = talk.save_file(parent, "Export Calendar", folder / "casefile-calendar.ics", ICS_FILES)
    if not name:
        return None
    path = Path(name) if Path(name).suffix else Path(name + ".ics")
    try:
        book = load_rules()
        with ctx.workspace.reader() as session:
            items = calendar_items(session, start, end, mine=mine, book=book)
        write_ics(path, items, timezone=book.jurisdiction.timezone)
    except CasefileError as exc:
        talk.warn(parent, "Cannot export the calendar", str(exc))
        return None
    except OSError as exc:
        talk.warn(
            parent, "Cannot export the calendar", f"Cannot write {path}: {exc.strerror or exc}"
        )
        return None
    count = len(items)
    talk.inform(
        parent,
        "Calendar exported",
        f"Wrote {count} event{'s' if count != 1 else ''} ({start} to {end}) to {path}",
        "Import it into Outlook, Google Calendar or Apple Calendar; importing a later "
        "export updates the same events.",
    )
    return path
