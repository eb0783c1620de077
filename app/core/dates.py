"""Dates with precision: the one date value used across Casefile.

Case material rarely gives an exact day. A news article says "last month", a
client remembers "sometime in June". A :class:`PartialDate` keeps what is known
(day, month or year) and whether it is approximate, and nothing more.

The stored and exchanged form is extended ISO 8601 (EDTF level 1):
``2020-06-14``, ``2020-06``, ``2020``, with a trailing ``~`` when approximate
(``2020-06~``). Those strings sort chronologically as plain text, which lets
SQL order 50,000 rows without Python's help: a year sorts before its months,
a month before its days, and an approximate value after the exact ones that
share its prefix.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from enum import Enum

from app.core.errors import ValidationError


class _Unrecognized(ValueError):
    """Text in none of the shapes ``PartialDate.parse`` reads."""


class Precision(Enum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(~)?$")

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9

_APPROX_WORDS = (
    "about ",
    "around ",
    "approximately ",
    "approx. ",
    "approx ",
    "circa ",
    "c. ",
    "ca. ",
)


_RELATIVE_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}
# "today", "yesterday", "tomorrow", or a count of days: "+7", "-3", "+ 7".
_RELATIVE = re.compile(r"(?P<word>today|yesterday|tomorrow)|(?P<sign>[+-])\s*(?P<days>\d{1,6})")


def _days_from(today: dt.date, match: re.Match[str], text: str) -> dt.date:
    if match["word"]:
        offset = _RELATIVE_WORDS[match["word"]]
    else:
        offset = int(match["days"]) * (-1 if match["sign"] == "-" else 1)
    try:
        return today + dt.timedelta(days=offset)
    except OverflowError:
        raise ValueError(f"{text!r} is not a date: it falls outside the years 1 to 9999") from None


@dataclass(frozen=True, order=False)
class PartialDate:
    """A calendar date known to a day, a month or a year, possibly approximate."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range (1 to 9999)")
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"there is no month {self.month} (months are 1 to 12)")
        if self.day is not None:
            assert self.month is not None
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                # Say why 2021-02-30 is refused rather than just that it is.
                raise ValueError(
                    f"{calendar.month_name[self.month]} {self.year} has only {last} days"
                )

    # -- construction -------------------------------------------------------

    @classmethod
    @functools.lru_cache(maxsize=8192)  # values are immutable; a case's rows repeat dates
    def from_iso(cls, text: str) -> PartialDate:
        """Parse the stored form (``2020-06-14``, ``2020-06``, ``2020``, optional ``~``)."""
        match = _ISO.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a date like 2020-06-14, 2020-06 or 2020")
        year, month, day, approx = match.groups()
        return cls(
            int(year),
            int(month) if month else None,
            int(day) if day else None,
            approximate=bool(approx),
        )

    @classmethod
    def from_date(cls, value: dt.date, approximate: bool = False) -> PartialDate:
        return cls(value.year, value.month, value.day, approximate)

    @classmethod
    def parse(cls, text: str, *, today: dt.date | None = None) -> PartialDate | None:
        """Parse what a person types: ISO forms, "June 14, 2020", "June 2020",
        "6/14/2020", "about June 2020", "c. 2019", and days counted from ``today``
        (the computer's date unless given): "today", "yesterday", "tomorrow", "+7",
        "-3". Empty text means unknown.
        """
        relative = _RELATIVE.fullmatch(text.strip().lower())
        if relative is not None:
            # Never cached: "today" means another day after midnight.
            return cls.from_date(_days_from(today or dt.date.today(), relative, text))
        return cls._parse_written(text)

    @classmethod
    @functools.lru_cache(maxsize=4096)  # values are immutable, and a case repeats its dates
    def _parse_written(cls, text: str) -> PartialDate | None:
        raw = " ".join(text.strip().split())
        if not raw or raw.lower() in {"unknown", "?"}:
            return None
        lowered = raw.lower()
        approximate = False
        for word in _APPROX_WORDS:
            if lowered.startswith(word):
                approximate, lowered = True, lowered[len(word) :].strip()
                break
        if lowered.endswith("~"):
            approximate, lowered = True, lowered[:-1].strip()
        try:
            value = cls._parse_exact(lowered)
        except _Unrecognized as exc:
            raise ValueError(
                f"{text!r} is not a date; write it like 2020-06-14, June 2020, about 2020 or today"
            ) from exc
        except ValueError as exc:  # the right shape, but no such day or month
            raise ValueError(f"{text!r} is not a date: {exc}") from exc
        return cls(value.year, value.month, value.day, approximate)

    @classmethod
    def _parse_exact(cls, text: str) -> PartialDate:
        if _ISO.match(text):
            return cls.from_iso(text)
        us = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
        if us:
            return cls(int(us[3]), int(us[1]), int(us[2]))
        us_month = re.fullmatch(r"(\d{1,2})/(\d{4})", text)
        if us_month:
            return cls(int(us_month[2]), int(us_month[1]))
        words = re.fullmatch(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", text)
        if words and words[1] in _MONTHS:
            return cls(int(words[3]), _MONTHS[words[1]], int(words[2]))
        day_first = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})", text)
        if day_first and day_first[2] in _MONTHS:
            return cls(int(day_first[3]), _MONTHS[day_first[2]], int(day_first[1]))
        month_year = re.fullmatch(r"([a-z]+)\.?,?\s+(\d{4})", text)
        if month_year and month_year[1] in _MONTHS:
            return cls(int(month_year[2]), _MONTHS[month_year[1]])
        raise _Unrecognized(text)

    # -- reading -------------------------------------------------------------

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def iso(self) -> str:
        """The stored form; sorts chronologically as text."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text + ("~" if self.approximate else "")

    def earliest(self) -> dt.date:
        """The first calendar day this value can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        """The last calendar day this value can mean."""
        if self.day is not None:
            return dt.date(self.year, self.month or 1, self.day)
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def display(self) -> str:
        """How a lawyer writes it: "June 14, 2020", "June 2020", "about 2020"."""
        # Four-digit years (as ``parse`` reads them), so every value reads back.
        if self.precision is Precision.DAY:
            text = f"{calendar.month_name[self.month or 1]} {self.day}, {self.year:04d}"
        elif self.precision is Precision.MONTH:
            text = f"{calendar.month_name[self.month or 1]} {self.year:04d}"
        else:
            text = f"{self.year:04d}"
        return f"about {text}" if self.approximate else text

    def __str__(self) -> str:
        return self.iso()

    def __lt__(self, other: PartialDate) -> bool:
        return self.iso() < other.iso()

    def __le__(self, other: PartialDate) -> bool:
        return self.iso() <= other.iso()

    def __gt__(self, other: PartialDate) -> bool:
        return self.iso() > other.iso()

    def __ge__(self, other: PartialDate) -> bool:
        return self.iso() >= other.iso()


def coerce_date(value: object, field: str) -> PartialDate | None:
    """User or archive input as a PartialDate, or a ValidationError naming ``field``."""
    if value is None or isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.datetime):
        return PartialDate.from_date(value.date())
    if isinstance(value, dt.date):
        return PartialDate.from_date(value)
    if isinstance(value, str):
        try:
            return PartialDate.parse(value)
        except ValueError as exc:
            raise ValidationError(field, str(exc)) from None
    raise ValidationError(field, f"expected a date, got {type(value).__name__}")


def display_date(value: PartialDate | None, unknown: str = "date unknown") -> str:
    return value.display() if value is not None else unknown


def iso_or_none(value: PartialDate | None) -> str | None:
    return value.iso() if value is not None else None
