"""The calendar's three views over items already read: the agenda (a list by day), the
week (seven columns) and the month (``QCalendarWidget`` with each day's items painted
in its cell and listed beside it).

A view never reads the database: the panel (``panel.py``) reads a range once and hands
each view the items by day. Each view says when the person moved to another day
(``day_changed``) or chose an item (``item_activated``: Enter or double-click).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QRect, Qt, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.gui import style
from app.gui.calendar import look
from app.gui.calendar.words import long_day, short_day
from app.gui.widgets.style import mix, muted_color

if TYPE_CHECKING:
    from app.core.schedule.items import CalendarItem

Days = dict[dt.date, list["CalendarItem"]]
DAY_ROLE = Qt.ItemDataRole.UserRole + 8


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


class DayView(QWidget):
    """What the three views share: the current day, the items by day, two signals."""

    day_changed = Signal(object)  # datetime.date
    item_activated = Signal(object)  # CalendarItem

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days: Days = {}
        self.current = dt.date.today()
        self._quiet = False  # True while the view itself sets its selection

    def focus_widget(self) -> QWidget:
        raise NotImplementedError

    def show_items(self, days: Days, start: dt.date, end: dt.date, current: dt.date) -> None:
        raise NotImplementedError

    def set_current(self, day: dt.date) -> None:
        raise NotImplementedError

    def _moved_to(self, day: dt.date | None) -> None:
        if day is not None and not self._quiet and day != self.current:
            self.current = day
            self.day_changed.emit(day)

    def _activate(self, item: CalendarItem | None) -> None:
        if item is not None:
            self.item_activated.emit(item)


class AgendaView(DayView):
    """Each day that has something, its heading then its items: time, case, what, flag."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["Time", "Case", "What", "Flag"])
        self.tree.setAccessibleName("Agenda")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.tree.currentItemChanged.connect(lambda now, _before: self._moved_to(self._day(now)))
        self.tree.itemActivated.connect(lambda row, _col: self._activate(self._item(row)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)

    def focus_widget(self) -> QWidget:
        return self.tree

    @staticmethod
    def _day(row: QTreeWidgetItem | None) -> dt.date | None:
        return row.data(0, DAY_ROLE) if row is not None else None

    @staticmethod
    def _item(row: QTreeWidgetItem | None) -> CalendarItem | None:
        return row.data(0, look.ITEM_ROLE) if row is not None else None

    def show_items(self, days: Days, start: dt.date, end: dt.date, current: dt.date) -> None:
        self.days = days
        self._quiet = True
        self.tree.clear()
        bold = self.tree.font()
        bold.setBold(True)
        for day in sorted(days):
            heading = QTreeWidgetItem(self.tree)
            heading.setFirstColumnSpanned(True)
            heading.setText(0, long_day(day) + ("  (today)" if day == dt.date.today() else ""))
            heading.setFont(0, bold)
            heading.setData(0, DAY_ROLE, day)
            for item in days[day]:
                flag = look.flag_text(item)
                row = QTreeWidgetItem(
                    self.tree, [look.time_text(item), item.case.label, item.title, flag]
                )
                row.setIcon(2, look.icon(item))
                row.setData(0, DAY_ROLE, day)
                for column in range(4):
                    look.decorate(row, item, column=column)
        if not days:
            empty = QTreeWidgetItem(self.tree, ["Nothing scheduled in these days."])
            empty.setFirstColumnSpanned(True)
            empty.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self._quiet = False
        self.set_current(current)

    def set_current(self, day: dt.date) -> None:
        """Select the heading of ``day``, or of the next day that has something."""
        self.current = day
        self._quiet = True
        for index in range(self.tree.topLevelItemCount()):
            row = self.tree.topLevelItem(index)
            shown = self._day(row)
            if shown is not None and shown >= day and row.data(0, look.ITEM_ROLE) is None:
                self.tree.setCurrentItem(row)
                self.tree.scrollToItem(row, QAbstractItemView.ScrollHint.PositionAtTop)
                break
        self._quiet = False


class WeekView(DayView):
    """Seven columns, Monday to Sunday; a day's items one under the other."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.monday = monday_of(self.current)
        self.table = QTableWidget(0, 7, self)
        self.table.setAccessibleName("Week")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(
            lambda _r, column, _pr, _pc: self._moved_to(self.monday + dt.timedelta(days=column))
        )
        self.table.itemActivated.connect(lambda cell: self._activate(cell.data(look.ITEM_ROLE)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)

    def focus_widget(self) -> QWidget:
        return self.table

    def show_items(self, days: Days, start: dt.date, end: dt.date, current: dt.date) -> None:
        self.days = days
        self.monday = monday_of(start)
        week = [self.monday + dt.timedelta(days=n) for n in range(7)]
        self._quiet = True
        self.table.clear()
        for column, day in enumerate(week):
            header = QTableWidgetItem(short_day(day))
            if day == dt.date.today():  # in bold, and said in words
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                header.setData(Qt.ItemDataRole.AccessibleTextRole, f"{short_day(day)}, today")
                header.setToolTip("Today")
            self.table.setHorizontalHeaderItem(column, header)
        self.table.setRowCount(max([len(days.get(day, [])) for day in week] + [1]))
        for column, day in enumerate(week):
            for row, item in enumerate(days.get(day, [])):
                cell = QTableWidgetItem(look.icon(item), look.line(item))
                look.decorate(cell, item)
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()
        self._quiet = False
        self.set_current(current)

    def set_current(self, day: dt.date) -> None:
        self.current = day
        column = (day - self.monday).days
        if 0 <= column < 7:
            self._quiet = True
            self.table.setCurrentCell(max(0, self.table.currentRow()), column)
            self._quiet = False


class MonthGrid(QCalendarWidget):
    """A month whose cells show their day's first items (read before, never here)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days: Days = {}
        self.setGridVisible(True)
        self.setNavigationBarVisible(False)  # the calendar window has its own
        inner = self.findChild(QTableView)
        if inner is not None:  # the weekday names need one line, not a sixth of the height
            names = inner.verticalHeader()
            names.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
            names.resizeSection(0, style.row_height(self))
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.setAccessibleName("Month")
        self.setAccessibleDescription(
            "Arrows move between days, Page Up and Page Down between months, Home to today; "
            "the chosen day's court dates and deadlines are listed beside the month."
        )

    def paintCell(self, painter: QPainter, rect: QRect, date: QDate) -> None:  # noqa: N802
        """The day's number at the top, its items under it (red, with the word, when
        overdue); a cell too small for them all ends with "+N more"."""
        day: dt.date = date.toPython()  # type: ignore[assignment]
        palette = self.palette()
        selected = date == self.selectedDate()
        other_month = date.month() != self.monthShown()
        painter.save()
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        elif day == dt.date.today():
            base, tint = QPalette.ColorRole.Base, QPalette.ColorRole.Highlight
            painter.fillRect(rect, mix(palette.color(base), palette.color(tint), 0.18))
        text_colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = muted_color(palette)
        metrics = painter.fontMetrics()
        inner = rect.adjusted(4, 2, -4, -2)
        number = f"{date.day()}" + (" today" if day == dt.date.today() else "")
        font = painter.font()
        font.setBold(day == dt.date.today())
        painter.setFont(font)
        painter.setPen(muted if other_month and not selected else text_colour)
        painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, number)
        items = self.days.get(day, [])
        small = painter.font()
        small.setBold(False)
        small.setPointSizeF(max(6.5, small.pointSizeF() * 0.85))
        painter.setFont(small)
        height = painter.fontMetrics().height()
        top = inner.top() + metrics.height() + 1
        room = max(0, (inner.bottom() - top) // height)
        shown = items if len(items) <= room else items[: max(0, room - 1)]
        for index, item in enumerate(shown):
            red = look.colour(item)
            painter.setPen(red if red is not None and not selected else text_colour)
            text = ("Overdue: " if item.flag == "overdue" else "") + look.line(item)
            line_rect = QRect(inner.left(), top + index * height, inner.width(), height)
            elided = painter.fontMetrics().elidedText(
                text, Qt.TextElideMode.ElideRight, line_rect.width()
            )
            painter.drawText(line_rect, Qt.AlignmentFlag.AlignLeft, elided)
        if len(shown) < len(items):
            painter.setPen(text_colour)
            more = QRect(inner.left(), top + len(shown) * height, inner.width(), height)
            painter.drawText(more, Qt.AlignmentFlag.AlignLeft, f"+{len(items) - len(shown)} more")
        painter.restore()


class MonthView(DayView):
    """The month grid and, beside it, the chosen day's items (the keyboard's way in)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = MonthGrid(self)
        self.grid.selectionChanged.connect(
            lambda: self._moved_to(self.grid.selectedDate().toPython())
        )
        self.grid.activated.connect(lambda _date: self._enter_day())
        self.day_title = style.heading("", 1.1)
        self.day_list = QListWidget(self)
        self.day_list.setAccessibleName("Court dates and deadlines of the chosen day")
        self.day_list.setWordWrap(True)
        self.day_list.itemActivated.connect(lambda row: self._activate(row.data(look.ITEM_ROLE)))
        side = QVBoxLayout()
        side.addWidget(self.day_title)
        side.addWidget(self.day_list, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.grid, 2)
        layout.addLayout(side, 1)

    def focus_widget(self) -> QWidget:
        return self.grid

    def show_items(self, days: Days, start: dt.date, end: dt.date, current: dt.date) -> None:
        self.days = days
        self.grid.days = days
        self.set_current(current)
        self.grid.updateCells()

    def set_current(self, day: dt.date) -> None:
        self.current = day
        self._quiet = True
        self.grid.setSelectedDate(QDate(day.year, day.month, day.day))
        self._quiet = False
        self._fill_day_list(day)

    def _moved_to(self, day: dt.date | None) -> None:
        super()._moved_to(day)
        if day is not None:
            self._fill_day_list(day)

    def _fill_day_list(self, day: dt.date) -> None:
        self.day_title.setText(long_day(day))
        self.day_list.clear()
        for item in self.days.get(day, []):
            row = QListWidgetItem(look.icon(item), look.line(item))
            look.decorate(row, item)
            self.day_list.addItem(row)
        if self.day_list.count() == 0:
            empty = QListWidgetItem("Nothing scheduled.")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.day_list.addItem(empty)

    def _enter_day(self) -> None:
        """Enter on a day: open its only item, or go to its list to choose one."""
        items = self.days.get(self.current, [])
        if len(items) == 1:
            self._activate(items[0])
        elif items:
            self.day_list.setFocus(Qt.FocusReason.OtherFocusReason)
            self.day_list.setCurrentRow(0)


def grid_range(day: dt.date) -> tuple[dt.date, dt.date]:
    """The days a month grid may show around ``day``'s month (six weeks, Monday first;
    a week more before, as the grid shows a week of the month before when the month
    starts on a Monday)."""
    first = monday_of(day.replace(day=1)) - dt.timedelta(days=7)
    return first, first + dt.timedelta(days=48)
