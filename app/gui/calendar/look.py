"""How one calendar item looks in any view: its line of text, its words for a screen
reader, its icon and colour. Overdue is red and says "Overdue"; a weekend or court
holiday says so in words (the date is never moved)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QIcon

from app.gui import style
from app.gui.calendar.words import KIND_WORDS, flag_word
from app.gui.widgets.style import error_color

if TYPE_CHECKING:
    from app.core.schedule.items import CalendarItem

# The item a view's row or cell shows, under this role.
ITEM_ROLE = Qt.ItemDataRole.UserRole + 7

_ICONS = {"appearance": "appearance", "court-date": "appearance", "deadline": "deadline"}


def time_text(item: CalendarItem) -> str:
    return item.time or "All day"


def flag_text(item: CalendarItem) -> str:
    """ "Overdue", "Court holiday", "Weekend" or nothing."""
    return flag_word(item.flag)


def line(item: CalendarItem) -> str:
    """One line: "09:30  CR-90 — Arraignment", "CR-90 — Discovery due  [Overdue]"."""
    flag = f"  [{flag_text(item)}]" if item.flag else ""
    time = f"{item.time}  " if item.time else ""
    return f"{time}{item.case.label} — {item.title}{flag}"


def spoken(item: CalendarItem) -> str:
    """What a screen reader says: the kind, the time, the case, the title and the flag."""
    parts = [KIND_WORDS.get(item.kind, item.kind), time_text(item), item.case.label, item.title]
    if item.flag:
        parts.append(flag_text(item))
    return ", ".join(part for part in parts if part)


def tooltip(item: CalendarItem) -> str:
    lines = [f"{KIND_WORDS.get(item.kind, item.kind)} in {item.case.label}", item.title]
    if item.detail:
        lines.append(item.detail)
    if item.flag == "overdue":
        lines.append("Overdue: the date has passed and it is not marked as met.")
    elif item.flag:
        lines.append(f"Falls on a {flag_text(item).lower()}; the date is not moved.")
    lines.append("Enter or double-click opens the case.")
    return "\n".join(lines)


def icon(item: CalendarItem) -> QIcon:
    return style.icon(_ICONS.get(item.kind, "deadline"))


def colour(item: CalendarItem) -> QColor | None:
    """Red for overdue; None keeps the palette's text colour."""
    return error_color() if item.flag == "overdue" else None


def decorate(widget_item: Any, item: CalendarItem, *, column: int | None = None) -> None:
    """Put ``item``'s data, tooltip, accessible text and colour on a list, table or tree
    item (``column`` for a tree item's cells)."""
    red = colour(item)
    args = (column,) if column is not None else ()
    widget_item.setData(*args, ITEM_ROLE, item)
    widget_item.setToolTip(*args, tooltip(item))
    widget_item.setData(*args, Qt.ItemDataRole.AccessibleTextRole, spoken(item))
    if red is not None:
        widget_item.setForeground(*args, QBrush(red))
