"""The limit: the top charge's tier, felony calendar months, a reduction, what is missing."""

from __future__ import annotations

import pytest

from app.core.clock import compute_clock
from app.core.clock.court_days import day_flag
from app.core.clock.limits import Tier, felony_days, read_class
from tests.core.clock.helpers import FELONY, appear, charge, d, ledger


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("Class D felony", Tier.FELONY),
        ("D felony", Tier.FELONY),
        ("felony", Tier.FELONY),
        ("Class A-I felony", Tier.FELONY),
        ("DF", Tier.FELONY),
        ("Class A misdemeanor", Tier.MISDEMEANOR_A),
        ("A misd.", Tier.MISDEMEANOR_A),
        ("AM", Tier.MISDEMEANOR_A),
        ("class b misdemeanour", Tier.MISDEMEANOR_B),
        ("unclassified misdemeanor, up to 1 year", Tier.MISDEMEANOR_A),
        ("unclassified misdemeanor (15 days)", Tier.MISDEMEANOR_B),
        ("violation", Tier.VIOLATION),
        ("Traffic infraction", Tier.VIOLATION),
    ],
)
def test_class_texts_are_read(text: str, tier: Tier) -> None:
    assert read_class(text).tier == tier


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "no class"),
        ("misdemeanor", "a misdemeanor without its class (A or B)"),
        ("unclassified misdemeanor", "an unclassified misdemeanor without its maximum term"),
        ("serious", "a class that is not recognised ('serious')"),
    ],
)
def test_unreadable_classes_say_what_is_missing(text: str, problem: str) -> None:
    reading = read_class(text)
    assert reading.tier is None and reading.problem == problem


def test_six_calendar_months_across_a_month_end() -> None:
    # 2026-08-31 + 6 months = 2027-02-28 (no February 31st): 30 + 31 + 30 + 31 + 31 + 28
    # = 181 days. Every day chargeable, as of 2026-12-31: 08-31 -> 12-31 = 30 + 31 + 30
    # + 31 = 122 used, 59 remain, last day 12-31 + 59 = 2027-02-28, a Sunday: flagged,
    # not moved.
    assert felony_days(d("2026-08-31")) == 181
    clock = compute_clock(
        ledger("2026-08-31", FELONY,
               appear("2026-08-31", "2026-10-01", requested_by="people", people_ready=False)),
        d("2026-12-31"),
    )  # fmt: skip
    assert (clock.limit_days, clock.chargeable_days, clock.remaining_days) == (181, 122, 59)
    assert clock.last_day == d("2027-02-28") and clock.last_day_flag == "weekend (Sunday)"
    assert "2026-08-31 to 2027-02-28 = 181 days" in clock.limit_reason


def test_six_calendar_months_across_a_leap_year() -> None:
    # 2027-09-15 -> 2028-03-15 takes in 2028-02-29: 30 + 31 + 30 + 31 + 31 + 29 = 182;
    # the same months a year earlier (no leap day) are 181.
    assert felony_days(d("2027-09-15")) == 182
    assert felony_days(d("2026-09-15")) == 181
    # Six months from 2027-08-29 end on the leap day itself, 2028-02-29:
    # 31 + 30 + 31 + 30 + 31 + 31 = 184, the longest six months can be.
    assert felony_days(d("2027-08-29")) == 184
    # From the leap day: 2028-02-29 -> 2028-08-29 = 29 + 31 + 30 + 31 + 30 + 31 = 182.
    assert felony_days(d("2028-02-29")) == 182


def test_a_felony_reduced_to_a_misdemeanor_runs_90_days_from_the_reduction() -> None:
    # Count 1, a class D felony, reduced on 2026-04-01 (its disposition date); count 2,
    # a class A misdemeanor, pending. Commenced 2026-03-02, People never ready.
    #   03-02 -> 04-01  30 chargeable before the reduction
    #   04-01 -> 05-01  30 chargeable after it
    # Limit: 30 + 90 = 120 (within the felony's 184, so the misdemeanor's 90 days run
    # from the reduction, People v. Cooper); 60 used, 60 remain, last day 05-01 + 60 =
    # 06-30.
    charges = (
        charge(1, "PL 120.05", "Class D felony", status="reduced",
               disposition_date=d("2026-04-01")),
        charge(2, "PL 120.00", "Class A misdemeanor"),
    )  # fmt: skip
    clock = compute_clock(
        ledger("2026-03-02", charges,
               appear("2026-03-02", "2026-05-20", requested_by="people", people_ready=False)),
        d("2026-05-01"),
    )  # fmt: skip
    assert [p.chargeable_days for p in clock.periods] == [30, 30]
    assert (clock.limit_days, clock.chargeable_days, clock.remaining_days) == (120, 60, 60)
    assert clock.last_day == d("2026-06-30")
    assert "People v. Cooper" in clock.limit_reason and "30 days chargeable before" in (
        clock.limit_reason
    )


def test_a_late_reduction_keeps_the_felonys_six_months() -> None:
    # Commenced 2026-01-02, reduced 2026-05-01 with every day chargeable: 01-02 -> 05-01
    # = 29 + 28 + 31 + 30 = 119 before it; 119 + 90 = 209 passes six months (01-02 ->
    # 07-02 = 29 + 28 + 31 + 30 + 31 + 30 + 2 = 181), so the felony's 181 apply.
    charges = (
        charge(1, "PL 160.10", "C felony", status="reduced", disposition_date=d("2026-05-01")),
        charge(2, "PL 155.25", "A misd"),
    )
    clock = compute_clock(
        ledger("2026-01-02", charges,
               appear("2026-01-02", "2026-06-01", requested_by="people", people_ready=False)),
        d("2026-05-01"),
    )  # fmt: skip
    assert (clock.limit_days, clock.chargeable_days, clock.remaining_days) == (181, 119, 62)
    assert "still apply" in clock.limit_reason


def test_a_reduced_count_without_its_date_is_named() -> None:
    charges = (
        charge(1, "PL 160.10", "C felony", status="reduced"),
        charge(2, "PL 155.25", "A misd"),
    )
    clock = compute_clock(ledger("2026-01-02", charges), d("2026-02-01"))
    assert clock.limit_days is None and clock.remaining_days is None
    assert clock.missing == [
        "Count 1 (PL 160.10) is marked reduced but has no full disposition date "
        "(the day of the reduction)"
    ]


def test_a_charge_without_a_class_leaves_the_limit_open_and_says_why() -> None:
    # Two pending counts the clock cannot tier: no limit, no remaining, no last day,
    # but the 31 chargeable days (01-05 -> 02-05) are still counted.
    charges = (
        charge(1, "PL 140.20", "Class D felony", status="dismissed"),
        charge(2, "PL 140.10", ""),
        charge(3, "PL 165.40", "unclassified misdemeanor"),
    )
    clock = compute_clock(
        ledger("2026-01-05", charges,
               appear("2026-01-05", "2026-02-05", requested_by="people", people_ready=False)),
        d("2026-02-05"),
    )  # fmt: skip
    assert clock.missing == [
        "Count 2 (PL 140.10) has no class",
        "Count 3 (PL 165.40) has an unclassified misdemeanor without its maximum term",
    ]
    assert (clock.limit_days, clock.remaining_days, clock.last_day) == (None, None, None)
    assert clock.chargeable_days == 31
    assert "Count 2 (PL 140.10) has no class" in clock.summary()


def test_an_unknown_class_beside_a_felony_cannot_change_the_limit() -> None:
    clock = compute_clock(
        ledger("2026-01-05", (*FELONY, charge(2, "PL 140.10", ""))), d("2026-01-10")
    )
    assert clock.limit_days == 181 and clock.missing == []
    assert any("cannot change the limit" in n for n in clock.notes)


def test_a_homicide_charge_is_exempt() -> None:
    clock = compute_clock(
        ledger("2026-01-05", (charge(1, "PL § 125.25(1)", "Class A-I felony"),)),
        d("2026-03-01"),
    )
    assert clock.exempt and clock.limit_days is None and clock.remaining_days is None
    assert "30.30(3)(a)" in clock.limit_reason
    assert clock.summary().startswith("Exempt from CPL 30.30")


def test_commencement_falls_back_to_the_arraignment() -> None:
    # No "commenced on": day 0 is the arraignment, 2026-01-07; as of 01-17: 10 days.
    clock = compute_clock(
        ledger(None, FELONY, appear("2026-01-07", "2026-02-01", purpose="arraignment",
                                    requested_by="people")),
        d("2026-01-17"),
    )  # fmt: skip
    assert clock.commenced_on == d("2026-01-07") and clock.chargeable_days == 10
    no_date = compute_clock(ledger(None, FELONY), d("2026-01-17"))
    assert no_date.limit_days is None and no_date.periods == []
    assert "the commencement date" in no_date.missing[0]


@pytest.mark.parametrize(
    ("day", "flag"),
    [
        ("2027-11-02", "holiday (Election Day)"),
        ("2027-02-12", "holiday (Lincoln's Birthday)"),
        ("2028-02-15", None),  # Susan B. Anthony Day: the courts sit
        ("2027-03-13", "weekend (Saturday)"),
        ("2027-03-15", None),
    ],
)
def test_court_days(day: str, flag: str | None) -> None:
    assert day_flag(d(day)) == flag


def test_dates_at_the_ends_of_the_calendar_do_not_break_the_clock() -> None:
    # Commenced 9999-10-01: six months would pass the year 9999; the limit ends on the
    # calendar's last day, and a last day past it is named, not computed.
    assert felony_days(d("9999-10-01")) == (d("9999-12-31") - d("9999-10-01")).days
    clock = compute_clock(
        ledger("9999-12-01", (charge(1, "PL 120.00", "A misd"),)), d("9999-12-31")
    )
    assert clock.chargeable_days == 30 and clock.last_day is None
    assert any("past the end of the calendar" in n for n in clock.notes)


def test_an_as_of_date_before_commencement_counts_nothing() -> None:
    # Commenced 2026-03-01, asked about 2026-02-01: no period, 90 remain, counted from
    # commencement: last day 2026-05-30.
    clock = compute_clock(
        ledger("2026-03-01", (charge(1, "PL 120.00", "A misd"),)), d("2026-02-01")
    )
    assert clock.as_of == d("2026-02-01") and clock.periods == []
    assert (clock.chargeable_days, clock.remaining_days) == (0, 90)
    assert clock.last_day == d("2026-05-30")
