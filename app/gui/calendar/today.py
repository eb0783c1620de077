"""The Today view: what is overdue, the court dates today and tomorrow, and what is due in
the next seven days. A window beside the main one (it blocks nothing), shown when the
app starts unless the person said not to (and not at all when there is nothing to list:
the status bar says so instead). Enter or a double-click opens the case."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.gui import style
from app.gui.calendar import look, prefs
from app.gui.calendar.reading import WEEK_DAYS, TodayList
from app.gui.calendar.words import flag_word, long_day, relative_day
from app.gui.dialogs.base import Dialog
from app.gui.widgets.style import error_color

if TYPE_CHECKING:
    from app.context import AppContext
    from app.core.schedule.items import CalendarItem, DeadlineItem

TARGET_ROLE = Qt.ItemDataRole.UserRole + 9


def deadline_target(item: DeadlineItem) -> tuple[str, dict[str, Any]]:
    """Where a deadline opens: its row in Deadlines when added by hand, else the Court
    section (a computed deadline follows from the court records)."""
    if item.record_id is not None:
        return "deadlines", {"id": item.record_id}
    return "court", {}


class TodayView(Dialog):
    """The Today window; ``open_target`` asks the window to open (case, section, key)."""

    dialog_name = "today"
    default_size = (760, 480)
    open_target = Signal(int, str, dict)
    calendar_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, title="Today", ctx=ctx)
        self.setModal(False)
        self.ctx = ctx
        self.heading = style.heading("")
        self.reminder = QLabel()
        self.reminder.setWordWrap(True)
        self.reminder.setAccessibleName("Reminder")
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["When", "Case", "What", "Flag"])
        self.tree.setAccessibleName("Overdue, court dates and deadlines this week")
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        for column in (0, 1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.tree.itemActivated.connect(self._activated)
        self.dont_show = QCheckBox("&Don't show this when Casefile starts")
        self.dont_show.setChecked(not prefs.today_on_start(ctx.settings))
        self.dont_show.toggled.connect(
            lambda hide: prefs.set_today_on_start(self.ctx.settings, not hide)
        )
        box = self.button_box(QDialogButtonBox.StandardButton.Close)
        calendar = QPushButton("Open &Calendar")
        calendar.setAccessibleName("Open the office calendar")
        calendar.clicked.connect(self.calendar_requested)
        box.addButton(calendar, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.reminder)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.dont_show)
        layout.addWidget(box)
        self.reminder.hide()

    def show_list(self, today: TodayList) -> None:
        self.heading.setText(f"Today: {long_day(today.day)}")
        self.tree.clear()
        self._group(f"Overdue ({len(today.overdue)})", today.overdue, today.day, red=True)
        court = f"In court today and tomorrow ({len(today.court)})"
        self._court(court, today.court, today.day)
        self._group(f"Due in the next {WEEK_DAYS} days ({len(today.due)})", today.due, today.day)
        if today.empty:  # opened from the View menu on a quiet day
            self._heading(
                f"Nothing overdue, no court dates today or tomorrow, nothing due in the next "
                f"{WEEK_DAYS} days."
            )
        self.tree.expandAll()
        first = self.tree.topLevelItem(0)
        if first is not None and first.childCount():  # current, not selected: red stays red
            flags = QItemSelectionModel.SelectionFlag.NoUpdate
            self.tree.setCurrentItem(first.child(0), 0, flags)

    def show_reminder(self, text: str) -> None:
        self.reminder.setText(text)
        self.reminder.setVisible(bool(text))

    def _heading(self, text: str) -> QTreeWidgetItem:
        row = QTreeWidgetItem(self.tree, [text])
        row.setFirstColumnSpanned(True)
        font = row.font(0)
        font.setBold(True)
        row.setFont(0, font)
        row.setFlags(Qt.ItemFlag.ItemIsEnabled)
        return row

    def _group(
        self, title: str, items: list[DeadlineItem], today: dt.date, red: bool = False
    ) -> None:
        if not items:
            return
        heading = self._heading(title)
        colour = QBrush(error_color()) if red else None
        for item in items:
            assert item.date is not None
            when = f"{item.date:%a %b} {item.date.day} ({relative_day(item.date, today)})"
            flag = flag_word(item.flag)
            row = QTreeWidgetItem(heading, [when, item.case.label, item.title, flag])
            row.setIcon(2, style.icon("deadline"))
            row.setData(0, TARGET_ROLE, (item.case.id, *deadline_target(item)))
            spoken = ", ".join(
                p for p in (flag, "Deadline", when, item.case.label, item.title) if p
            )
            for column in range(4):
                row.setData(column, Qt.ItemDataRole.AccessibleTextRole, spoken)
                if colour is not None:
                    row.setForeground(column, colour)
        heading.setData(0, Qt.ItemDataRole.AccessibleTextRole, title)

    def _court(self, title: str, items: list[CalendarItem], today: dt.date) -> None:
        if not items:
            return
        from app.gui.calendar.reading import target_of_item

        heading = self._heading(title)
        for item in items:
            when = relative_day(item.date, today).capitalize()
            when += f" {item.time}" if item.time else ""
            row = QTreeWidgetItem(
                heading, [when, item.case.label, item.title, look.flag_text(item)]
            )
            row.setIcon(2, look.icon(item))
            row.setData(0, TARGET_ROLE, (item.case.id, *target_of_item(self.ctx, item)))
            for column in range(4):
                look.decorate(row, item, column=column)

    def _activated(self, row: QTreeWidgetItem, _column: int) -> None:
        target = row.data(0, TARGET_ROLE)
        if target:
            case_id, section, key = target
            self.open_target.emit(int(case_id), section, dict(key))

    def rows(self) -> list[list[str]]:
        """Every row's text (headings and items), as a person reads them."""
        found = []
        for index in range(self.tree.topLevelItemCount()):
            heading = self.tree.topLevelItem(index)
            found.append([heading.text(0)])
            for child in range(heading.childCount()):
                row = heading.child(child)
                found.append([row.text(column) for column in range(4)])
        return found
