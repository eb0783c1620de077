"""The office calendar window (View ▸ Calendar): agenda, week and month over every
case's court dates and deadlines, of my cases or all.

It reads a range of days once, when the range, the filter or the data change (never
while painting), and hands the items to the view on screen. Keys, in every view:
Left and Right move a day, Page Up and Page Down a month, Home goes to today, Enter
(or a double-click) opens the item's case at its Court section (``open_item``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.gui import style
from app.gui.calendar import prefs
from app.gui.calendar.reading import by_day, read_items
from app.gui.calendar.views import (
    AgendaView,
    DayView,
    MonthView,
    WeekView,
    grid_range,
    monday_of,
)
from app.gui.calendar.words import plain_day
from app.gui.dialogs.base import Dialog

if TYPE_CHECKING:
    from app.context import AppContext

AGENDA_DAYS = 28
_VIEW_TITLES = {"agenda": "&Agenda", "week": "&Week", "month": "&Month"}
_SCOPE_TEXTS = {"all": "All cases", "mine": "My cases"}


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it has fewer days)."""
    return QDate(day.year, day.month, day.day).addMonths(months).toPython()  # type: ignore[no-any-return]


def range_of(view: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The days a view shows around ``day``."""
    if view == "month":
        return grid_range(day)
    monday = monday_of(day)
    if view == "week":
        return monday, monday + dt.timedelta(days=6)
    return monday, monday + dt.timedelta(days=AGENDA_DAYS - 1)


class CalendarWindow(Dialog):
    """The office calendar; a window beside the main one, which it does not block."""

    dialog_name = "office_calendar"
    default_size = (1040, 680)
    open_item = Signal(object)  # CalendarItem

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, title="Office Calendar", ctx=ctx)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setModal(False)
        self.ctx = ctx
        self.day = dt.date.today()
        self._loaded: tuple[str, dt.date, dt.date, bool] | None = None
        self.items_read = 0  # how many times a range was read (tests count them)

        self.previous = QToolButton()
        self.previous.setArrowType(Qt.ArrowType.LeftArrow)
        self.previous.setAccessibleName("Previous")
        self.previous.setToolTip("Previous month, week or four weeks")
        self.previous.clicked.connect(lambda: self.step(-1))
        self.next = QToolButton()
        self.next.setArrowType(Qt.ArrowType.RightArrow)
        self.next.setAccessibleName("Next")
        self.next.setToolTip("Next month, week or four weeks")
        self.next.clicked.connect(lambda: self.step(1))
        self.today = QPushButton("&Today")
        self.today.setAccessibleName("Go to today")
        self.today.setToolTip("Go to today (Home)")
        self.today.clicked.connect(lambda: self.set_day(dt.date.today()))
        self.title = style.heading("", 1.2)
        self.title.setAccessibleName("Days shown")

        self.view_buttons = QButtonGroup(self)
        self.stack = QStackedWidget(self)
        self.views: dict[str, DayView] = {
            "agenda": AgendaView(self), "week": WeekView(self), "month": MonthView(self)
        }  # fmt: skip
        switch = QHBoxLayout()
        switch.setSpacing(0)
        for name, view in self.views.items():
            button = QToolButton()
            button.setText(_VIEW_TITLES[name])
            button.setCheckable(True)
            button.setAccessibleName(f"{name.capitalize()} view")
            button.clicked.connect(lambda _c=False, n=name: self.show_view(n))
            self.view_buttons.addButton(button)
            switch.addWidget(button)
            self.stack.addWidget(view)
            view.day_changed.connect(self.set_day)
            view.item_activated.connect(self.open_item)
            self._watch_keys(view)
        self.scope = QComboBox()
        self.scope.addItems(list(_SCOPE_TEXTS.values()))
        self.scope.setAccessibleName("Whose cases")
        self.scope.setToolTip("My cases: the cases whose Assigned staff names you")
        self.scope.setCurrentIndex(list(_SCOPE_TEXTS).index(prefs.scope(ctx.settings)))
        self.scope.currentIndexChanged.connect(lambda _i: self._scope_changed())
        self.status = style.muted(QLabel())
        self.status.setAccessibleName("Calendar status")

        top = QHBoxLayout()
        top.addWidget(self.previous)
        top.addWidget(self.today)
        top.addWidget(self.next)
        top.addSpacing(style.MARGIN)
        top.addWidget(self.title, 1)
        top.addLayout(switch)
        top.addSpacing(style.MARGIN)
        top.addWidget(self.scope)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        self.view_name = ""
        self.show_view(prefs.view(ctx.settings))

    # -- what is shown ---------------------------------------------------------------

    @property
    def view(self) -> DayView:
        return self.views[self.view_name]

    @property
    def mine(self) -> bool:
        return self.scope.currentIndex() == list(_SCOPE_TEXTS).index("mine")

    def show_view(self, name: str) -> None:
        self.view_name = name
        self.ctx.settings[prefs.VIEW] = name
        for button, view_name in zip(self.view_buttons.buttons(), self.views, strict=True):
            button.setChecked(view_name == name)
        self.stack.setCurrentWidget(self.view)
        self._load(force=False)
        self.view.focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)

    def set_day(self, day: dt.date) -> None:
        """Make ``day`` the current day, reading another range when it leaves this one."""
        self.day = day
        if not self._load(force=False) and self.view.current != day:
            self.view.set_current(day)

    def step(self, direction: int) -> None:
        if self.view_name == "month":
            self.set_day(add_months(self.day, direction))
        else:
            days = 7 if self.view_name == "week" else AGENDA_DAYS
            self.set_day(self.day + dt.timedelta(days=direction * days))

    def reload(self) -> None:
        """The records changed: read the range on screen again."""
        self._load(force=True)

    def _scope_changed(self) -> None:
        self.ctx.settings[prefs.SCOPE] = "mine" if self.mine else "all"
        self._load(force=True)

    def _load(self, *, force: bool) -> bool:
        """Read the view's range if it is not the one read; True when it read."""
        start, end = range_of(self.view_name, self.day)
        wanted = (self.view_name, start, end, self.mine)
        if not force and wanted == self._loaded:
            return False
        from app.core.errors import CasefileError

        try:
            items = read_items(self.ctx, start, end, mine=self.mine)
        except CasefileError as exc:  # said in the window, never only in a terminal
            items = []
            self.status.setText(f"Cannot read the calendar: {exc}")
        else:
            count = len(items)
            whose = "my cases" if self.mine else "all cases"
            self.status.setText(f"{count} item{'s' if count != 1 else ''} ({whose}).")
        self.items_read += 1
        self._loaded = wanted
        self.title.setText(self._title(start, end))
        self.view.show_items(by_day(items), start, end, self.day)
        return True

    def _title(self, start: dt.date, end: dt.date) -> str:
        if self.view_name == "month":
            return f"{self.day:%B} {self.day.year}"
        return f"{plain_day(start)} – {plain_day(end)}"

    # -- keys --------------------------------------------------------------------------

    def _watch_keys(self, view: DayView) -> None:
        target = view.focus_widget()
        inner = target.findChild(QTableView)  # the month grid takes its keys inside
        for widget in (target, inner):
            if widget is not None:
                widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                return False
            key = event.key()
            moves = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}
            if key in moves:
                self.set_day(self.day + dt.timedelta(days=moves[key]))
                return True
            if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
                self.set_day(add_months(self.day, -1 if key == Qt.Key.Key_PageUp else 1))
                return True
            if key == Qt.Key.Key_Home:
                self.set_day(dt.date.today())
                return True
        return False
