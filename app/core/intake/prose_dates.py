"""Dates in prose: the document's own date, and the day words in an attribution.

A document is dated by its dateline or header ("HARLAN CITY, Wednesday, June 11, 2025 —",
"Posted: Monday, November 17, 2025", "FOR IMMEDIATE RELEASE: Thursday, October 2, 2025",
"Report Date: 08/23/2024", a letter's "June 20, 2025" line). A statement's own day is a
stated date ("On May 31, 2025,", "on 08/01/2025") or a weekday ("on Monday", "said
Tuesday"), which is the latest such day on or before the document's date. "Today" is the
document's date; "last week", "recently" or "earlier this month" are not a day.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
LONG_DATE = re.compile(
    rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?"
)
NUMERIC_DATE = re.compile(r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})\b")
WEEKDAY = re.compile(r"\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
TODAY = re.compile(r"\btoday\b", re.IGNORECASE)


def _long(match: re.Match[str], year: int | None) -> date | None:
    found = match.group("year")
    chosen = int(found) if found else year
    if chosen is None:
        return None
    try:
        return date(
            chosen, MONTHS[match.group("month").lower().rstrip(".")], int(match.group("day"))
        )
    except (KeyError, ValueError):
        return None


def _numeric(match: re.Match[str]) -> date | None:
    try:
        return date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    except ValueError:
        return None


def document_date(lines: list[str]) -> str:
    """The document's own date (YYYY-MM-DD) from its first lines, or ""."""
    for line in lines[:12]:
        if re.search(r"\b(?:date of (?:offense|birth)|dob)\b", line, re.IGNORECASE):
            report = re.search(r"report date:?\s*(\d{1,2}/\d{1,2}/\d{4})", line, re.IGNORECASE)
            if report:
                found = _numeric(NUMERIC_DATE.search(report.group(1)))  # type: ignore[arg-type]
                if found:
                    return found.isoformat()
            continue
        match = LONG_DATE.search(line)
        if match and match.group("year"):
            found = _long(match, None)
            if found:
                return found.isoformat()
        numeric = NUMERIC_DATE.search(line)
        # "Report Date:", "Posted:", a release's "Released: 04/06/2026 10:15 hrs"
        if numeric and re.search(r"\b(?:date|reported|posted|released|issued)\b", line, re.I):
            found = _numeric(numeric)
            if found:
                return found.isoformat()
    return ""


def weekday_before(anchor: str, weekday: str) -> str:
    """The latest ``weekday`` on or before the ``anchor`` date (YYYY-MM-DD)."""
    day = date.fromisoformat(anchor)
    back = (day.weekday() - WEEKDAYS.index(weekday.lower())) % 7
    return (day - timedelta(days=back)).isoformat()


def stated_day(words: str, anchor: str) -> str:
    """The day ``words`` (an attribution, not the reported content) state, or ""."""
    year = int(anchor[:4]) if anchor else None
    match = LONG_DATE.search(words)
    if match:
        found = _long(match, year)
        if found:
            return found.isoformat()
    numeric = NUMERIC_DATE.search(words)
    if numeric:
        found = _numeric(numeric)
        if found:
            return found.isoformat()
    if anchor:
        weekday = WEEKDAY.search(words)
        if weekday:
            return weekday_before(anchor, weekday.group("weekday"))
        if TODAY.search(words):
            return anchor
    return ""


def before_verb(sentence: str) -> str:
    """The words before a sentence's first verb ("Sheriff Lund on Tuesday defended")."""
    verb = re.search(r"\b(?:\w{3,}ed|did|does|was|were|is|are|has|had|have)\b", sentence)
    return sentence[: verb.start()] if verb else ""


_ON_DAY = re.compile(
    r"\b[Oo]n\s+(?:the\s+(?:evening|morning|afternoon|night)\s+of\s+)?"
    r"((?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|"
    r"[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?)"
)


def day_on(sentence: str, anchor: str) -> str:
    """The day a narrative sentence gives with "on" ("pleaded not guilty ... on Wednesday"),
    not a date that only names a thing ("the Feb. 24 collision")."""
    return stated_day(" ".join(_ON_DAY.findall(sentence)), anchor)


_EVENTS = (
    r"shooting|stabbing|crash|collision|robbery|burglary|assault|fight|brawl|arrest|fire|"
    r"killing|murder|incident|pursuit|raid|attack|theft|break-in|hearing|arraignment|sentencing"
)
# "the shooting death of Raymond Ilesanmi ... on November 9, 2024": the day of the shooting.
_EVENT_ON = re.compile(
    rf"\b(?P<event>{_EVENTS})\b[^.;]{{0,100}}?\b[Oo]n\s+"
    rf"(?P<when>{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
_DAY_OF = re.compile(
    rf"\bthe\s+(?:night|day|morning|evening|afternoon)\s+of\s+the\s+(?P<event>{_EVENTS})\b",
    re.IGNORECASE,
)


def event_days(lines: list[str]) -> dict[str, str]:
    """The day the text gives each event it dates ("the shooting ... on November 9, 2024")."""
    found: dict[str, str] = {}
    for line in lines:
        for match in _EVENT_ON.finditer(line):
            day = stated_day(match.group("when"), "")
            if day:
                found.setdefault(match.group("event").lower(), day)
    return found


# "At the hearing she testified": the day the text gave the hearing.
_AT_EVENT = re.compile(
    r"\bat\s+the\s+(?:\w+\s+)?(?P<event>hearing|arraignment|sentencing)\b", re.IGNORECASE
)


def event_day(words: str, events: dict[str, str]) -> str:
    """The day "the night of the shooting" or "at the hearing" means, when the text dates
    the shooting or the hearing."""
    match = _DAY_OF.search(words) or _AT_EVENT.search(words)
    return events.get(match.group("event").lower(), "") if match else ""
