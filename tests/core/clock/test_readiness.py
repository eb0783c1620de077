"""Hand-worked clocks before and after the People are ready (CPL 30.30(1), (5))."""

from __future__ import annotations

from app.core.clock import compute_clock
from tests.core.clock.helpers import FELONY, MISD_A, MISD_B, appear, d, figures, filed, ledger


def test_before_readiness_every_day_counts_unless_excluded() -> None:
    # Class A misdemeanor: 90 days. Commenced (arraigned) 2026-01-10, day 0.
    #   01-10 -> 02-10  People ask, not ready:      31 days, 31 chargeable
    #   02-10 -> 03-10  defense asks:               28 days, excluded (30.30(4)(b))
    #   03-10 -> 04-01  court's calendar (as of):   22 days, 22 chargeable (congestion counts)
    # 31 + 22 = 53 used, 90 - 53 = 37 remain. The court adjourned to 04-14 for its own
    # reasons, which counts, so the last day is 04-01 + 37 = 05-08 (April has 30 days).
    clock = compute_clock(
        ledger(
            "2026-01-10", MISD_A,
            appear("2026-01-10", "2026-02-10", purpose="arraignment", requested_by="people",
                   people_ready=False),
            appear("2026-02-10", "2026-03-10", requested_by="defense"),
            appear("2026-03-10", "2026-04-14", requested_by="court", people_ready=False),
        ),
        d("2026-04-01"),
    )  # fmt: skip
    assert figures(clock) == [
        ("2026-01-10", "2026-02-10", 31, 31, 0),
        ("2026-02-10", "2026-03-10", 28, 0, 0),
        ("2026-03-10", "2026-04-01", 22, 22, 0),
    ]
    assert (clock.limit_days, clock.chargeable_days, clock.remaining_days) == (90, 53, 37)
    assert clock.last_day == d("2026-05-08") and clock.ready_on is None
    assert clock.periods[0].reason == (
        "Adjourned at the People's request; People not ready — chargeable"
    )
    assert "court congestion" in clock.periods[2].reason
    assert clock.periods[2].reason.endswith("— chargeable")
    assert clock.summary() == "53 of 90 days used; 37 remain; last day 2026-05-08"


def test_after_readiness_only_the_days_the_people_asked_for_count() -> None:
    # Felony commenced 2026-03-02: six months to 2026-09-02 =
    #   29 (rest of March) + 30 + 31 + 30 + 31 + 31 + 2 = 184 days.
    #   03-02 -> 04-01  People not ready:                    30 chargeable
    #   04-01 -> 04-15  certificate filed, still not ready:  14 chargeable
    #   04-15 -> 05-01  ready in court (COC of 04-01):        0
    #   05-01 -> 05-29  not ready, asked 7, court gave 28:    7 chargeable (Cortes)
    #   05-29 -> 06-10  ready again, court's calendar:        0
    # 30 + 14 + 7 = 51; 184 - 51 = 133 remain; ready, so no last day.
    clock = compute_clock(
        ledger(
            "2026-03-02", FELONY,
            appear("2026-03-02", "2026-04-15", purpose="arraignment", requested_by="people",
                   people_ready=False),
            filed("2026-04-01", "coc"),
            appear("2026-04-15", "2026-05-01", people_ready=True, requested_by="court"),
            appear("2026-05-01", "2026-05-29", people_ready=False, people_asked_days=7,
                   requested_by="people"),
            appear("2026-05-29", "2026-06-26", people_ready=True, requested_by="court"),
        ),
        d("2026-06-10"),
    )  # fmt: skip
    assert figures(clock) == [
        ("2026-03-02", "2026-04-01", 30, 30, 0),
        ("2026-04-01", "2026-04-15", 14, 14, 0),
        ("2026-04-15", "2026-05-01", 16, 0, 0),
        ("2026-05-01", "2026-05-29", 28, 7, 0),
        ("2026-05-29", "2026-06-10", 12, 0, 0),
    ]
    assert (clock.limit_days, clock.chargeable_days, clock.remaining_days) == (184, 51, 133)
    assert clock.ready_on == d("2026-04-15") and clock.last_day is None
    assert "asked for 7 days, adjourned 28 — 7 chargeable" in clock.periods[3].reason
    assert clock.periods[2].reason.startswith("People ready (answered ready in court")


def test_readiness_without_a_certificate_is_illusory_and_the_clock_runs_on() -> None:
    # Class B misdemeanor: 60 days. Commenced 2026-05-04.
    #   05-04 -> 05-26  People not ready:                                22 chargeable
    #   05-26 -> 06-01  "ready" in court, no certificate yet: illusory    6 chargeable
    #   06-01 -> 06-20  statement of readiness filed, no certificate:    19 chargeable
    #   06-20 -> 06-23  certificate filed, no new readiness yet:          3 chargeable
    #   06-23 -> 07-01  ready in court with the 06-20 certificate:        0
    # 22 + 6 + 19 + 3 = 50; 60 - 50 = 10 remain.
    clock = compute_clock(
        ledger(
            "2026-05-04", MISD_B,
            appear("2026-05-04", "2026-05-26", requested_by="people", people_ready=False),
            appear("2026-05-26", "2026-06-23", requested_by="court", people_ready=True),
            filed("2026-06-01", "readiness"),
            filed("2026-06-20", "coc"),
            appear("2026-06-23", "2026-07-14", requested_by="court", people_ready=True),
        ),
        d("2026-07-01"),
    )  # fmt: skip
    assert [p.chargeable_days for p in clock.periods] == [22, 6, 19, 3, 0]
    assert (clock.limit_days, clock.chargeable_days, clock.remaining_days) == (60, 50, 10)
    assert clock.ready_on == d("2026-06-23")
    assert "readiness illusory (CPL 30.30(5))" in clock.periods[1].reason
    assert "Statement of readiness filed without a certificate" in clock.periods[2].reason
    assert "illusory" not in clock.periods[3].reason


def test_a_statement_of_readiness_filed_with_its_certificate_stops_the_clock() -> None:
    # Class A misdemeanor, commenced 2026-02-02, adjourned at the People's request to
    # 03-16. Readiness with a certificate filed off calendar on 02-20: the day of
    # readiness ends the chargeable part: 02-02 -> 02-20 = 18 chargeable; 02-20 -> 03-16
    # (24 days) none. 90 - 18 = 72 remain.
    clock = compute_clock(
        ledger(
            "2026-02-02", MISD_A,
            appear("2026-02-02", "2026-03-16", requested_by="people", people_ready=False),
            filed("2026-02-20", "readiness", with_coc=True),
        ),
        d("2026-03-16"),
    )  # fmt: skip
    assert figures(clock) == [
        ("2026-02-02", "2026-02-20", 18, 18, 0),
        ("2026-02-20", "2026-03-16", 24, 0, 0),
    ]
    assert (clock.chargeable_days, clock.remaining_days, clock.ready_on) == (
        18, 72, d("2026-02-20"),
    )  # fmt: skip
    assert "filed with a certificate of compliance" in clock.periods[1].reason


def test_a_certificate_filed_earlier_supports_a_later_statement() -> None:
    # Certificate 02-10, statement (without --with-coc) 02-25: ready on 02-25.
    # 02-02 -> 02-10 = 8, 02-10 -> 02-25 = 15: 23 chargeable; then nothing to 03-10.
    clock = compute_clock(
        ledger(
            "2026-02-02", MISD_A,
            appear("2026-02-02", "2026-03-16", requested_by="people", people_ready=False),
            filed("2026-02-10", "coc"),
            filed("2026-02-25", "readiness"),
        ),
        d("2026-03-10"),
    )  # fmt: skip
    assert [p.chargeable_days for p in clock.periods] == [8, 15, 0]
    assert clock.ready_on == d("2026-02-25") and clock.chargeable_days == 23


def test_court_congestion_counts_before_readiness_and_not_after() -> None:
    # Class A misdemeanor, commenced 2026-09-01.
    #   09-01 -> 09-29  court adjourns, People not ready:      28 chargeable (congestion)
    #   09-29 -> 10-27  ready with a certificate; court again:  0 (post-readiness delay
    #                   the People did not ask for is not theirs)
    clock = compute_clock(
        ledger(
            "2026-09-01", MISD_A,
            appear("2026-09-01", "2026-09-29", requested_by="court", people_ready=False),
            filed("2026-09-28", "coc"),
            appear("2026-09-29", "2026-10-27", requested_by="court", people_ready=True),
        ),
        d("2026-10-27"),
    )  # fmt: skip
    assert [p.chargeable_days for p in clock.periods] == [27, 1, 0]
    assert clock.chargeable_days == 28 and clock.ready_on == d("2026-09-29")
    assert clock.periods[2].reason.endswith("not chargeable")


def test_readiness_not_asked_days_after_readiness_charges_the_whole_adjournment() -> None:
    # Ready with a certificate at arraignment 2026-01-05; on 01-20 the People are not
    # ready and no request is recorded: the whole adjournment to 02-03 (14 days) is
    # charged, as when the People do not say how long they need.
    clock = compute_clock(
        ledger(
            "2026-01-05", MISD_A,
            filed("2026-01-05", "readiness", with_coc=True),
            appear("2026-01-05", "2026-01-20", requested_by="court", people_ready=True),
            appear("2026-01-20", "2026-02-03", requested_by="people", people_ready=False),
        ),
        d("2026-02-03"),
    )  # fmt: skip
    assert [p.chargeable_days for p in clock.periods] == [0, 14]
    assert "no days asked recorded" in clock.periods[1].reason


def test_readiness_on_the_as_of_day_ends_the_count_there() -> None:
    # Commenced 2026-01-05; the People file readiness with a certificate on 01-25, the
    # as-of day: 20 chargeable days, ready on 01-25, no last day.
    clock = compute_clock(
        ledger("2026-01-05", MISD_A, filed("2026-01-25", "readiness", with_coc=True)),
        d("2026-01-25"),
    )
    assert clock.chargeable_days == 20 and clock.ready_on == d("2026-01-25")
    assert clock.last_day is None
