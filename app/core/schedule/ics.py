"""The office calendar as an iCalendar file (RFC 5545) for Outlook, Google Calendar and
Apple Calendar, written with the ``icalendar`` library.

One VEVENT per appearance, pending court date and deadline. Its UID is the case's uid
and the item's key (``appearance-<id>``, ``court-<id of the adjourning appearance>``,
``deadline-<id>``, ``rule-<code>``): never a position, so exporting again updates each
event in place instead of adding a copy, and an edit to the record keeps its event.
When the appearance on a pending court date is recorded it takes over that court
date's key, so the court-date event becomes the appearance event.

Times: an appearance's time is the court's wall-clock time, so timed events carry the
jurisdiction's zone (``timezone`` in the rules file, America/New_York for New York) as
a TZID with its VTIMEZONE, and show at the right hour wherever the reader is; a floating
time would move with a travelling laptop, and UTC would hide the court's own hour. A
timed event lasts an hour (how long a calendar call takes is not recorded). Items
without a time, deadlines among them, are all-day events and do not block time.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Sequence
from pathlib import Path

from app.core.schedule.items import CalendarItem

PRODID = "-//Casefile//Court dates and deadlines//EN"
UID_DOMAIN = "casefile"
TIMED_LENGTH = dt.timedelta(hours=1)
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_KIND_WORDS = {"appearance": "Court appearance", "court-date": "Court date", "deadline": "Deadline"}
_FLAG_WORDS = {
    "overdue": "overdue",
    "holiday": "falls on a court holiday",
    "weekend": "falls on a weekend",
}


def event_uid(item: CalendarItem) -> str:
    """The event's UID: stable across exports and edits (see the module docstring)."""
    return f"{item.case.uid}-{item.key}@{UID_DOMAIN}"


def calendar_ics(
    items: Sequence[CalendarItem],
    *,
    timezone: str = "America/New_York",
    stamp: dt.datetime | None = None,
) -> bytes:
    """The iCalendar text of ``items``. ``stamp`` is the DTSTAMP (default now)."""
    import icalendar

    zone = zoneinfo.ZoneInfo(timezone)
    stamp = stamp or dt.datetime.now(dt.UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Casefile: court dates and deadlines")
    timed = False
    for item in items:
        event = icalendar.Event()
        event.add("uid", event_uid(item))
        event.add("dtstamp", stamp)
        start = _start(item, zone)
        if isinstance(start, dt.datetime):
            timed = True
            event.add("dtstart", start)
            event.add("duration", TIMED_LENGTH)
        else:
            event.add("dtstart", start)
            event.add("dtend", start + dt.timedelta(days=1))
            event.add("transp", "TRANSPARENT")
        event.add("summary", _summary(item))
        description = _description(item)
        if description:
            event.add("description", description)
        event.add("categories", [_KIND_WORDS.get(item.kind, item.kind)])
        if item.updated_at is not None:
            event.add("last-modified", item.updated_at.astimezone(dt.UTC))
        calendar.add_component(event)
    if timed:
        days = [item.date for item in items]
        calendar.add_missing_timezones(
            first_date=dt.date(min(days).year, 1, 1), last_date=dt.date(max(days).year + 1, 12, 31)
        )
    return calendar.to_ical()


def write_ics(path: str | Path, items: Sequence[CalendarItem], *, timezone: str) -> None:
    """Write the calendar to ``path`` whole or not at all."""
    from app.core.storage.atomic import atomic_write

    data = calendar_ics(items, timezone=timezone)
    with atomic_write(path, "wb") as out:
        out.write(data)


def _start(item: CalendarItem, zone: zoneinfo.ZoneInfo) -> dt.date | dt.datetime:
    match = _TIME.match(item.time or "")
    if match is None:
        return item.date
    return dt.datetime.combine(item.date, dt.time(int(match[1]), int(match[2])), tzinfo=zone)


def _summary(item: CalendarItem) -> str:
    flag = f" ({_FLAG_WORDS[item.flag]})" if item.flag in _FLAG_WORDS else ""
    return f"{item.case.label}: {item.title}{flag}"


def _description(item: CalendarItem) -> str:
    lines = [f"{_KIND_WORDS.get(item.kind, item.kind)} in {item.case.label}"]
    if item.detail:
        lines.append(item.detail)
    if item.flag == "overdue":
        lines.append("Overdue: the date has passed and it is not marked as met.")
    elif item.flag in _FLAG_WORDS:
        lines.append(f"This date {_FLAG_WORDS[item.flag]}; it has not been moved.")
    return "\n".join(lines)
