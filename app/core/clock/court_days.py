"""Whether a day is one New York's courts sit: weekends and court holidays are flagged.

A last day that falls on a weekend or a holiday is flagged, never moved: whether
General Construction Law 25-a carries a 30.30 deadline to the next business day is not
settled enough to compute with. The holidays are New York State's public holidays
(``holidays.US(subdiv="NY")``: the federal ones plus Lincoln's Birthday and Election
Day, with their observed days), which the Unified Court System closes for; Susan B.
Anthony Day, a commemoration the library lists, is not a day the courts close.

An office's rule book (``app.core.schedule.rules``) can change that list: more days its
courts close, holidays they stay open on. The schedule package hands its lookup to
:func:`use_court_holidays` when it is imported, so the clock's flag and the calendar's
deadlines name the same days; this package cannot import the schedule (it imports us).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable

HolidayLookup = Callable[[dt.date], str | None]

NOT_COURT_HOLIDAYS = frozenset({"Susan B. Anthony Day"})


@functools.cache
def _holidays(year: int) -> dict[dt.date, str]:
    import holidays

    found: dict[dt.date, str] = {}
    for day, names in holidays.US(subdiv="NY", years=year).items():
        kept = [n.strip() for n in names.split(";") if n.strip() not in NOT_COURT_HOLIDAYS]
        if kept:
            found[day] = "; ".join(kept)
    return found


def built_in_court_holiday(day: dt.date) -> str | None:
    """The name of the New York court holiday on ``day`` by the list above, if it is one."""
    return _holidays(day.year).get(day)


_lookup: list[HolidayLookup] = [built_in_court_holiday]


def use_court_holidays(lookup: HolidayLookup) -> None:
    """Name court holidays with ``lookup`` from now on (the office's rule book)."""
    _lookup[0] = lookup


def court_holiday(day: dt.date) -> str | None:
    """The name of the court holiday on ``day``, if it is one."""
    return _lookup[0](day)


def day_flag(day: dt.date) -> str | None:
    """ "weekend (Saturday)", "holiday (Election Day)", or None for a court day."""
    name = court_holiday(day)
    if name is not None:
        return f"holiday ({name})"
    if day.weekday() >= 5:
        return f"weekend ({day.strftime('%A')})"
    return None
