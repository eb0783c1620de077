"""The calendar's preferences, kept with the others (``AppContext.settings``: QSettings in
the app, a temporary ini file or a dict in tests).

An ini file gives every value back as text ("3", "true"), so each is read through a
function that accepts both the value written and its text, and falls back to the
default on anything else.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

REMIND_DAYS = "calendar/remind_days"  # remind me N days before a deadline
TODAY_ON_START = "calendar/today_on_start"  # show the Today view when the app starts
SCOPE = "calendar/scope"  # "mine" or "all"
VIEW = "calendar/view"  # "agenda", "week" or "month"

DEFAULT_REMIND_DAYS = 3
MAX_REMIND_DAYS = 60
SCOPES = ("mine", "all")
VIEWS = ("agenda", "week", "month")

Settings = MutableMapping[str, Any]


def _flag(value: Any, default: bool) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false", "1", "0"):
        return value.lower() in ("true", "1")
    return default


def remind_days(settings: Settings) -> int:
    try:
        days = int(settings.get(REMIND_DAYS, DEFAULT_REMIND_DAYS))
    except (TypeError, ValueError):
        return DEFAULT_REMIND_DAYS
    return days if 0 <= days <= MAX_REMIND_DAYS else DEFAULT_REMIND_DAYS


def set_remind_days(settings: Settings, days: int) -> None:
    settings[REMIND_DAYS] = max(0, min(MAX_REMIND_DAYS, int(days)))


def today_on_start(settings: Settings) -> bool:
    return _flag(settings.get(TODAY_ON_START), True)


def set_today_on_start(settings: Settings, show: bool) -> None:
    settings[TODAY_ON_START] = bool(show)


def scope(settings: Settings) -> str:
    value = str(settings.get(SCOPE, "all"))
    return value if value in SCOPES else "all"


def view(settings: Settings) -> str:
    value = str(settings.get(VIEW, "month"))
    return value if value in VIEWS else "month"


def sync(settings: Settings) -> None:
    """Write the settings out now (QSettings does it later by itself)."""
    if hasattr(settings, "sync"):
        settings.sync()
