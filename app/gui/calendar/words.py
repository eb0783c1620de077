"""How the calendar, the Today view and the Clock section say dates and flags in words.

Plain functions over dates and strings (no Qt, no database), so the window may import
them before its first frame and tests can read them without a widget.
"""

from __future__ import annotations

import datetime as dt

# A flag is never shown by colour alone: each has its word (and overdue is also red).
FLAG_WORDS = {
    "overdue": "Overdue",
    "holiday": "Court holiday",
    "weekend": "Weekend",
}
KIND_WORDS = {"appearance": "Court appearance", "court-date": "Court date", "deadline": "Deadline"}


def long_day(day: dt.date) -> str:
    """ "Monday, January 12, 2026": a heading of the agenda."""
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def short_day(day: dt.date) -> str:
    """ "Mon Jan 12": a column of the week."""
    return f"{day:%a} {day:%b} {day.day}"


def plain_day(day: dt.date | None) -> str:
    """ "January 12, 2026" (as courts write it), or nothing."""
    return f"{day:%B} {day.day}, {day.year}" if day is not None else ""


def flag_word(flag: str | None) -> str:
    return FLAG_WORDS.get(flag or "", "")


def days_word(count: int) -> str:
    return f"{count} day" if abs(count) == 1 else f"{count} days"


def relative_day(day: dt.date, today: dt.date) -> str:
    """ "today", "tomorrow", "yesterday", "in 3 days", "5 days ago"."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    return f"in {delta} days" if delta > 0 else f"{-delta} days ago"
