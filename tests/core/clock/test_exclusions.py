"""Hand-worked clocks of the excludable periods of CPL 30.30(4) and the 2020 toll."""

from __future__ import annotations

import pytest

from app.core import vocab
from app.core.clock import compute_clock
from tests.core.clock.helpers import MISD_A, appear, d, figures, filed, ledger


def _with_ground(**fields: object):  # type: ignore[no-untyped-def]
    # Class A misdemeanor, commenced 2026-01-05.
    #   01-05 -> 01-26  People not ready:                   21 chargeable
    #   01-26 -> 02-23  the period under test (28 days):     0 if excludable
    # as of 02-23: 21 used, 69 remain; the next date is not set, so the last day is
    # 02-23 + 69 = 05-03 (28 days left of February... 02-23 + 5 = 02-28, + 31 = 03-31,
    # + 30 = 04-30, + 3 = 05-03; 5 + 31 + 30 + 3 = 69).
    return compute_clock(
        ledger(
            "2026-01-05", MISD_A,
            appear("2026-01-05", "2026-01-26", requested_by="people", people_ready=False),
            appear("2026-01-26", "2026-02-23", **fields),
        ),
        d("2026-02-23"),
    )  # fmt: skip


@pytest.mark.parametrize("ground", list(vocab.EXCLUDABLE_GROUNDS))
def test_each_excludable_ground_excludes_its_period_even_when_the_people_are_not_ready(
    ground: str,
) -> None:
    clock = _with_ground(
        excludable=ground, requested_by="people", people_ready=False,
        excludable_other="the complainant in hospital" if ground == "other" else "",
    )  # fmt: skip
    assert figures(clock) == [
        ("2026-01-05", "2026-01-26", 21, 21, 0),
        ("2026-01-26", "2026-02-23", 28, 0, 0),
    ]
    assert (clock.chargeable_days, clock.remaining_days) == (21, 69)
    assert clock.last_day == d("2026-05-03")
    expected = (
        "Other ground: the complainant in hospital"
        if ground == "other"
        else vocab.EXCLUDABLE_GROUNDS[ground]
    )
    assert clock.periods[1].reason == f"{expected} — excludable"


@pytest.mark.parametrize(
    ("requested_by", "words"),
    [("defense", "defense's request"), ("consent", "on consent")],
)
def test_an_adjournment_the_defense_asked_for_or_consented_to_is_excluded_without_a_ground(
    requested_by: str, words: str
) -> None:
    # Same figures as above: Delacruz — excluded even though the People were not ready.
    clock = _with_ground(requested_by=requested_by, people_ready=False)
    assert [p.chargeable_days for p in clock.periods] == [21, 0]
    assert words in clock.periods[1].reason and "(30.30(4)(b))" in clock.periods[1].reason


def test_an_arguable_exclusion_is_out_of_the_definite_count_and_in_the_other() -> None:
    # The 28 days of consent the defense disputes: definite 21, with arguable 49;
    # remaining 69 definite, 41 with the arguable days.
    clock = _with_ground(requested_by="consent", arguable=True)
    assert figures(clock)[1] == ("2026-01-26", "2026-02-23", 28, 0, 28)
    assert (clock.chargeable_days, clock.chargeable_with_arguable) == (21, 49)
    assert (clock.remaining_days, clock.remaining_with_arguable) == (69, 41)
    assert clock.periods[1].reason.endswith("excludable; the defense argues chargeable")


def test_a_current_excludable_adjournment_moves_the_last_day_past_it() -> None:
    # As above but as of 02-09, in the middle of a defense adjournment to 02-23:
    # 21 used, 69 remain, counted from 02-23: last day 05-03.
    clock = compute_clock(
        ledger(
            "2026-01-05", MISD_A,
            appear("2026-01-05", "2026-01-26", requested_by="people", people_ready=False),
            appear("2026-01-26", "2026-02-23", requested_by="defense"),
        ),
        d("2026-02-09"),
    )  # fmt: skip
    assert clock.remaining_days == 69 and clock.last_day == d("2026-05-03")


def test_a_bench_warrant_excludes_the_time_until_the_defendant_returns() -> None:
    # Class A misdemeanor, commenced 2026-01-05.
    #   01-05 -> 02-02  People not ready:                      28 chargeable
    #   02-02 -> 06-01  defendant absent, bench warrant:       119 excluded (4)(c)
    #                   (02-02 -> 03-02 28, -> 04-02 31, -> 05-02 30, -> 06-01 30)
    #   06-01 -> 06-15  returned on the warrant; People ask:   14 chargeable
    # 28 + 14 = 42; 48 remain; the adjournment (People's) counts: 06-15 + 48 = 08-02.
    clock = compute_clock(
        ledger(
            "2026-01-05", MISD_A,
            appear("2026-01-05", "2026-02-02", requested_by="people", people_ready=False),
            appear("2026-02-02", None, excludable="absent"),
            appear("2026-06-01", "2026-06-29", requested_by="people", people_ready=False),
        ),
        d("2026-06-15"),
    )  # fmt: skip
    assert figures(clock) == [
        ("2026-01-05", "2026-02-02", 28, 28, 0),
        ("2026-02-02", "2026-06-01", 119, 0, 0),
        ("2026-06-01", "2026-06-15", 14, 14, 0),
    ]
    assert (clock.chargeable_days, clock.remaining_days) == (42, 48)
    assert clock.last_day == d("2026-08-02")
    assert "bench warrant" in clock.periods[1].reason


def test_a_motion_is_excluded_from_its_filing_to_its_decision() -> None:
    # Commenced 2026-03-02, People not ready throughout, adjourned to 04-20.
    #   03-02 -> 03-10  8 chargeable; 03-10 motion filed -> 04-07 decision: 28 excluded;
    #   04-07 -> 04-20  13 chargeable. 8 + 13 = 21.
    clock = compute_clock(
        ledger(
            "2026-03-02", MISD_A,
            appear("2026-03-02", "2026-04-20", requested_by="people", people_ready=False),
            filed("2026-03-10", "motion"),
            filed("2026-04-07", "decision"),
        ),
        d("2026-04-20"),
    )  # fmt: skip
    assert [p.chargeable_days for p in clock.periods] == [8, 0, 13]
    assert clock.chargeable_days == 21
    assert "Motion filed 2026-03-10 under consideration" in clock.periods[1].reason


def test_the_2020_executive_order_toll_is_excluded() -> None:
    # Commenced 2020-03-02, People not ready, no other entry; as of 2020-11-01.
    #   03-02 -> 03-19  17 chargeable
    #   03-19 -> 10-04  the toll (03-20 through 10-04): 199 excluded
    #   10-04 -> 11-01  28 chargeable.  17 + 28 = 45.
    clock = compute_clock(
        ledger(
            "2020-03-02", MISD_A,
            appear("2020-03-02", "2020-04-01", requested_by="people", people_ready=False),
        ),
        d("2020-11-01"),
    )  # fmt: skip
    assert figures(clock) == [
        ("2020-03-02", "2020-03-19", 17, 17, 0),
        ("2020-03-19", "2020-10-04", 199, 0, 0),
        ("2020-10-04", "2020-11-01", 28, 28, 0),
    ]
    assert clock.chargeable_days == 45
    assert "toll" in clock.periods[1].reason


def test_a_limit_already_run_out_says_the_day_it_did() -> None:
    # Class B (60 days), commenced 2026-01-05, People never ready; as of 2026-03-16:
    # 70 chargeable, 10 over; the 60th day was 01-05 + 60 = 03-06.
    clock = compute_clock(
        ledger(
            "2026-01-05", (MISD_A[0].__class__(1, "PL 240.20", "Class B misdemeanor"),),
            appear("2026-01-05", "2026-02-05", requested_by="people", people_ready=False),
        ),
        d("2026-03-16"),
    )  # fmt: skip
    assert (clock.chargeable_days, clock.remaining_days) == (70, -10)
    assert clock.last_day == d("2026-03-06")
    assert "10 over the limit" in clock.summary() and "last day was 2026-03-06" in clock.summary()


def test_no_day_left_during_a_defense_adjournment_makes_its_end_the_last_day() -> None:
    # Class B (60 days), commenced 2026-01-05; the People's adjournment to 03-06 uses all
    # 60 (26 + 28 + 6 = 60: January, February, March); the defense then adjourns to 03-20.
    # As of 03-10: 60 used, 0 remain, and the People are still in time if ready on the
    # next date, 03-20 (a Friday): that is the last day.
    clock = compute_clock(
        ledger(
            "2026-01-05", (MISD_A[0].__class__(1, "PL 240.20", "Class B misdemeanor"),),
            appear("2026-01-05", "2026-03-06", requested_by="people", people_ready=False),
            appear("2026-03-06", "2026-03-20", requested_by="defense"),
        ),
        d("2026-03-10"),
    )  # fmt: skip
    assert (clock.chargeable_days, clock.remaining_days) == (60, 0)
    assert clock.last_day == d("2026-03-20") and clock.last_day_flag is None
    assert clock.summary() == "60 of 60 days used; 0 remain; last day 2026-03-20"


def test_the_felony_complaint_toll_of_2021_is_named_not_applied() -> None:
    # A felony commenced 2021-01-04: EO 202.87 tolled time on a felony complaint until
    # the indictment, which the ledger cannot tell; the days count, with a note.
    from tests.core.clock.helpers import FELONY

    clock = compute_clock(
        ledger("2021-01-04", FELONY,
               appear("2021-01-04", "2021-02-04", requested_by="people", people_ready=False)),
        d("2021-02-04"),
    )  # fmt: skip
    assert clock.chargeable_days == 31
    assert any("Executive Order 202.87" in note for note in clock.notes)


def test_a_reason_worked_out_for_one_clock_is_not_taken_for_another() -> None:
    # The shapes of periods are kept between clocks: two cases alike but for the
    # ground's text, the motion's date and the day of readiness keep their own words.
    # First: 01-05 -> 01-20 other ground (0), 01-20 -> 01-25 People (5), motion 01-25 ->
    # decision 02-10 (0), 02-10 -> 02-20 People (10), ready 02-20 -> 03-01 (0).
    # Second, a day later each: 6 and 11.
    def clock(other: str, motion: str, ready: str):  # type: ignore[no-untyped-def]
        return compute_clock(
            ledger(
                "2026-01-05", MISD_A,
                appear("2026-01-05", "2026-01-20", excludable="other", excludable_other=other),
                appear("2026-01-20", "2026-03-01", requested_by="people", people_ready=False),
                filed(motion, "motion"),
                filed("2026-02-10", "decision"),
                filed(ready, "readiness", with_coc=True),
            ),
            d("2026-03-01"),
        )  # fmt: skip

    first, second = clock("a", "2026-01-25", "2026-02-20"), clock("b", "2026-01-26", "2026-02-21")
    assert first.periods[0].reason == "Other ground: a — excludable"
    assert second.periods[0].reason == "Other ground: b — excludable"
    assert "Motion filed 2026-01-25" in first.periods[2].reason
    assert "Motion filed 2026-01-26" in second.periods[2].reason
    assert [p.chargeable_days for p in first.periods] == [0, 5, 0, 10, 0]
    assert [p.chargeable_days for p in second.periods] == [0, 6, 0, 11, 0]


def test_a_motion_pending_and_a_motions_adjournment_are_one_ground() -> None:
    # Motion filed 2026-03-02; the court adjourns for its decision (ground: motions) to
    # 03-30, where it is decided: 28 days excluded, one ground named once.
    clock = compute_clock(
        ledger(
            "2026-03-02", MISD_A,
            filed("2026-03-02", "motion"),
            appear("2026-03-02", "2026-03-30", excludable="motions"),
            filed("2026-03-30", "decision"),
        ),
        d("2026-03-30"),
    )  # fmt: skip
    assert figures(clock) == [("2026-03-02", "2026-03-30", 28, 0, 0)]
    assert clock.periods[0].reason == (
        "Motion filed 2026-03-02 under consideration (30.30(4)(a)) — excludable"
    )
