"""PartialDate: the one date value (day, month, year, approximate, unknown) used everywhere."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.dates import PartialDate, Precision, coerce_date, display_date, iso_or_none
from app.core.errors import ValidationError

DATES = settings(max_examples=200, deadline=None)


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.integers(1, 9999))
    precision = draw(st.sampled_from(Precision))
    approximate = draw(st.booleans())
    if precision is Precision.YEAR:
        return PartialDate(year, approximate=approximate)
    month = draw(st.integers(1, 12))
    if precision is Precision.MONTH:
        return PartialDate(year, month, approximate=approximate)
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    return PartialDate(year, month, day, approximate=approximate)


def chronological_key(value: PartialDate) -> tuple[dt.date, int, int]:
    """The documented order, written independently of the ISO text.

    An exact value sorts on its first day, the coarser one first on a tie
    (``2020`` < ``2020-01`` < ``2020-01-01``). An approximate value sorts at the
    end of its span: after every exact or more precise value inside it
    (``2020-06-30`` < ``2020-06-30~`` < ``2020-06~`` < ``2020~`` < ``2021``).
    """
    rank = {Precision.YEAR: 0, Precision.MONTH: 1, Precision.DAY: 2}[value.precision]
    if value.approximate:
        return (value.latest(), 1, 2 - rank)
    return (value.earliest(), 0, rank)


# -- round trips ---------------------------------------------------------------


@DATES
@given(partial_dates())
def test_iso_round_trips(value: PartialDate) -> None:
    assert PartialDate.from_iso(value.iso()) == value
    assert PartialDate.parse(value.iso()) == value


@DATES
@given(partial_dates())
def test_what_is_displayed_reads_back(value: PartialDate) -> None:
    assert PartialDate.parse(value.display()) == value


@DATES
@given(partial_dates())
def test_span_contains_earliest_and_latest(value: PartialDate) -> None:
    assert value.earliest() <= value.latest()
    assert value.earliest().year == value.latest().year == value.year
    if value.precision is Precision.DAY:
        assert value.earliest() == value.latest()


def test_unknown_is_none_and_round_trips_as_none() -> None:
    for text in ("", "   ", "unknown", "Unknown", "?"):
        assert PartialDate.parse(text) is None
    assert iso_or_none(None) is None
    assert display_date(None) == "date unknown"
    assert coerce_date(None, "date") is None


# -- sort order ------------------------------------------------------------------


@DATES
@given(st.lists(partial_dates(), min_size=2, max_size=12))
def test_iso_text_sorts_in_the_documented_chronological_order(values: list[PartialDate]) -> None:
    by_text = sorted(values, key=lambda v: v.iso())
    assert [chronological_key(v) for v in by_text] == sorted(map(chronological_key, values))
    # The rich comparisons agree with the stored text.
    assert sorted(values) == by_text


@DATES
@given(partial_dates(), partial_dates())
def test_exact_values_sort_by_their_first_day(a: PartialDate, b: PartialDate) -> None:
    if a.approximate or b.approximate:
        return
    if a.earliest() < b.earliest():
        assert a.iso() < b.iso()
    if a.latest() < b.earliest():
        assert a < b


def test_documented_examples_sort_as_a_lawyer_expects() -> None:
    texts = [
        "2021",
        "2020~",
        "2020-06~",
        "2020-06-30",
        "2020",
        "2020-06-14~",
        "2020-06",
        "2020-06-14",
        "2020-07",
        "2019-12-31",
    ]
    ordered = sorted(texts)
    assert ordered == [
        "2019-12-31",
        "2020",
        "2020-06",
        "2020-06-14",
        "2020-06-14~",
        "2020-06-30",
        "2020-06~",
        "2020-07",
        "2020~",
        "2021",
    ]
    assert sorted(PartialDate.from_iso(t) for t in texts) == [
        PartialDate.from_iso(t) for t in ordered
    ]


# -- how a lawyer writes it, and what a person types --------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (PartialDate(2020, 6, 14), "June 14, 2020"),
        (PartialDate(2020, 6), "June 2020"),
        (PartialDate(2020), "2020"),
        (PartialDate(2020, 6, approximate=True), "about June 2020"),
        (PartialDate(2019, approximate=True), "about 2019"),
        (PartialDate(2020, 1, 5, approximate=True), "about January 5, 2020"),
    ],
)
def test_display(value: PartialDate, shown: str) -> None:
    assert value.display() == shown
    assert display_date(value) == shown


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("2020-06-14", "2020-06-14"),
        ("June 14, 2020", "2020-06-14"),
        ("june 14 2020", "2020-06-14"),
        ("Jun. 14th, 2020", "2020-06-14"),
        ("14 June 2020", "2020-06-14"),
        ("6/14/2020", "2020-06-14"),
        ("6/2020", "2020-06"),
        ("Sept 2020", "2020-09"),
        ("June 2020", "2020-06"),
        ("about June 2020", "2020-06~"),
        ("  About   June  2020 ", "2020-06~"),
        ("circa 2019", "2019~"),
        ("c. 2019", "2019~"),
        ("2020-06~", "2020-06~"),
        ("around 6/14/2020", "2020-06-14~"),
    ],
)
def test_parse_what_people_type(typed: str, iso: str) -> None:
    parsed = PartialDate.parse(typed)
    assert parsed is not None and parsed.iso() == iso


# -- invalid input says what is wrong ----------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("2021-02-30", "February 2021 has only 28 days"),
        ("June 31, 2020", "June 2020 has only 30 days"),
        ("2/29/2021", "February 2021 has only 28 days"),
        ("13/2020", "no month 13"),
        ("2020-13", "no month 13"),
        ("0000", "year 0"),
        ("last Tuesday", "write it like 2020-06-14"),
        ("Jnue 2020", "write it like 2020-06-14"),
        ("2020-6-1", "write it like 2020-06-14"),
    ],
)
def test_invalid_text_gives_a_helpful_error(typed: str, reason: str) -> None:
    with pytest.raises(ValueError) as caught:
        PartialDate.parse(typed)
    assert repr(typed) in str(caught.value)
    assert reason in str(caught.value)
    # Through the services the same text becomes a ValidationError naming the field.
    with pytest.raises(ValidationError) as as_field:
        coerce_date(typed, "opened_on")
    assert as_field.value.field == "opened_on"
    assert reason in as_field.value.message


@pytest.mark.parametrize("stored", ["2021-02-30", "2020-13", "2020-00", "0000", "20-06", "2020~~"])
def test_invalid_stored_text_is_refused(stored: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.from_iso(stored)


def test_constructor_refuses_impossible_values() -> None:
    with pytest.raises(ValueError, match="has only 29 days"):
        PartialDate(2020, 2, 30)
    with pytest.raises(ValueError, match="a day needs a month"):
        PartialDate(2020, None, 3)
    with pytest.raises(ValueError, match="out of range"):
        PartialDate(10000)
    assert PartialDate(2020, 2, 29).iso() == "2020-02-29"  # a leap day is fine


def test_coerce_accepts_dates_and_refuses_other_types() -> None:
    assert coerce_date(dt.date(2020, 6, 14), "date") == PartialDate(2020, 6, 14)
    assert coerce_date(dt.datetime(2020, 6, 14, 9, 30), "date") == PartialDate(2020, 6, 14)
    same = PartialDate(2020)
    assert coerce_date(same, "date") is same
    with pytest.raises(ValidationError) as caught:
        coerce_date(20200614, "date")
    assert caught.value.field == "date"
    assert "expected a date" in caught.value.message
