"""Times of day as people type them: cleaned to HH:MM, nonsense refused naming the field."""

from __future__ import annotations

import pytest

from app.core.errors import ValidationError
from app.core.services.fields import time_of_day


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("9:30", "09:30"),
        ("9.30", "09:30"),
        ("930", "09:30"),
        ("0930", "09:30"),
        ("1430", "14:30"),
        ("14:30", "14:30"),
        ("9:30 am", "09:30"),
        ("9:30pm", "21:30"),
        ("9:30 P.M.", "21:30"),
        ("9 am", "09:00"),
        ("9", "09:00"),
        ("12 am", "00:00"),
        ("12:15 pm", "12:15"),
        ("noon", "12:00"),
        ("Noon", "12:00"),
        ("midnight", "00:00"),
        ("  7:05  ", "07:05"),
        ("0:00", "00:00"),
        ("23:59", "23:59"),
    ],
)
def test_a_time_is_stored_on_the_24_hour_clock(typed: str, stored: str) -> None:
    assert time_of_day("time", typed) == stored


@pytest.mark.parametrize("empty", [None, "", "   "])
def test_no_time_is_none(empty: str | None) -> None:
    assert time_of_day("time", empty) is None


@pytest.mark.parametrize(
    "typed, why",
    [
        ("25:00", "hour 25"),
        ("9:75", "75 minutes"),
        ("13 pm", "hour 13"),
        ("0 am", "hour 0"),
        ("24:00", "hour 24"),
        ("half past nine", "like 9:30"),
        ("12345", "like 9:30"),
        ("9:3", "like 9:30"),
        ("9:30 xm", "like 9:30"),
        (930, "like 9:30"),
        ("9" * 5000, "like 9:30"),
    ],
)
def test_nonsense_is_refused_naming_the_field(typed: object, why: str) -> None:
    with pytest.raises(ValidationError) as caught:
        time_of_day("time", typed)
    assert caught.value.field == "time"
    assert caught.value.message.startswith("must be a time of day")
    assert why in caught.value.message
    assert len(caught.value.message) < 120  # a huge value is never echoed whole
