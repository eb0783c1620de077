"""Dates counted from today: "today", "yesterday", "tomorrow", "+7", "-3"."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core.dates import PartialDate, Precision, coerce_date
from app.core.errors import ValidationError

MONDAY = dt.date(2026, 12, 7)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("today", MONDAY),
        ("Today", MONDAY),
        ("  TODAY ", MONDAY),
        ("yesterday", dt.date(2026, 12, 6)),
        ("tomorrow", dt.date(2026, 12, 8)),
        ("+7", dt.date(2026, 12, 14)),
        ("+ 7", dt.date(2026, 12, 14)),
        ("-3", dt.date(2026, 12, 4)),
        ("+0", MONDAY),
        ("+30", dt.date(2027, 1, 6)),  # across a year's end
        ("-7", dt.date(2026, 11, 30)),
    ],
)
def test_days_from_today_are_exact_days(typed: str, expected: dt.date) -> None:
    parsed = PartialDate.parse(typed, today=MONDAY)
    assert parsed == PartialDate.from_date(expected)
    assert parsed is not None and parsed.precision is Precision.DAY and not parsed.approximate


def test_today_is_the_computers_date_each_time_it_is_asked() -> None:
    # The written forms are cached; "today" must not be, or it would stick after midnight.
    assert PartialDate.parse("today") == PartialDate.from_date(dt.date.today())
    assert PartialDate.parse("today", today=MONDAY) == PartialDate.from_date(MONDAY)
    assert PartialDate.parse("today", today=dt.date(2030, 1, 1)) == PartialDate(2030, 1, 1)


def test_written_forms_keep_their_precision() -> None:
    assert PartialDate.parse("June 2020", today=MONDAY) == PartialDate(2020, 6)
    assert PartialDate.parse("about 2020") == PartialDate(2020, approximate=True)
    assert PartialDate.parse("6/14/2020") == PartialDate(2020, 6, 14)


@pytest.mark.parametrize("typed", ["++3", "+", "-", "+3 days ago", "today!", "+1234567"])
def test_near_misses_are_refused(typed: str) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        PartialDate.parse(typed, today=MONDAY)


def test_a_count_past_the_calendar_is_refused_in_words() -> None:
    with pytest.raises(ValueError, match="outside the years 1 to 9999"):
        PartialDate.parse("+999999", today=dt.date(9999, 1, 1))


def test_services_take_relative_dates_too() -> None:
    assert coerce_date("yesterday", "date") == PartialDate.from_date(
        dt.date.today() - dt.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as caught:
        coerce_date("+x", "date")
    assert caught.value.field == "date"
