"""The CPL 30.30 clock of one ledger: the limit, the periods, the totals, the last day.

Pure: plain values in (:class:`~app.core.clock.ledger.Ledger`), a
:class:`~app.core.clock.result.Clock` out. The rules and the decisions behind them
are in ``docs`` and in the modules: the limit in :mod:`app.core.clock.limits`, the
period walk in :mod:`app.core.clock.periods`.

A felony reduced to a misdemeanor (CPL 30.30 as amended after People v. Cooper, 98
NY2d 541): the misdemeanor's period runs from the reduction, and the time chargeable
before it counts towards six months only. As chargeable days from commencement that
is one figure: the limit is the days chargeable before the reduction plus the
misdemeanor's days, but never more than the felony's six months. The reduction's day
is the reduced count's disposition date.
"""

from __future__ import annotations

import datetime as dt

from app.core.clock.court_days import day_flag
from app.core.clock.ledger import Ledger
from app.core.clock.limits import (
    TIER_DAYS,
    TIER_TEXT,
    Limit,
    Tier,
    charges_limit,
    felony_days,
    six_months_from,
)
from app.core.clock.periods import Walk, excludable_grounds, walk_ledger
from app.core.clock.result import Clock, Period

# Executive Order 202.87 and its extensions tolled 30.30 from 2020-12-30 to 2021-05-23
# only while a felony complaint was pending, through arraignment on the indictment
# (People v. Taback, 216 AD3d 673): the ledger does not say when the indictment came,
# so the toll is named, not applied.
FELONY_TOLL = (dt.date(2020, 12, 30), dt.date(2021, 5, 23))
FELONY_TOLL_NOTE = (
    "Executive Order 202.87 (2020-12-30 to 2021-05-23) tolled CPL 30.30 while a felony "
    "complaint was pending, through arraignment on the indictment (People v. Taback): "
    "not applied here; exclude those days by hand if they apply"
)


def commencement(ledger: Ledger) -> tuple[dt.date | None, str]:
    """Day 0: the case's "commenced on", else its first arraignment."""
    if ledger.commenced_on is not None:
        return ledger.commenced_on, ""
    arraignments = [a.date for a in ledger.appearances if a.purpose == "arraignment"]
    if arraignments:
        first = min(arraignments)
        return first, f"Commencement taken from the arraignment on {first.isoformat()}"
    return None, ""


def compute_clock(ledger: Ledger, as_of: dt.date) -> Clock:
    """The clock of ``ledger`` as of the end of ``as_of``."""
    missing = list(ledger.problems)
    notes: list[str] = []
    limit = charges_limit(ledger.charges)
    missing += limit.missing
    notes += limit.notes
    commenced, how = commencement(ledger)
    if how:
        notes.append(how)
    if commenced is None:
        missing.append("the commencement date (the case's 'commenced on' or an arraignment)")
        reason = limit.exempt_reason or "unknown until the commencement date is known"
        return Clock(None, reason, None, as_of, None, 0, 0, None, None, [], missing,
                     limit.exempt, notes)  # fmt: skip
    if as_of < commenced:
        notes.append(f"The as-of date is before commencement ({commenced.isoformat()})")
    extra = (limit.reduced_on,) if limit.reduced_on is not None else ()
    walk = walk_ledger(ledger, commenced, max(as_of, commenced), extra)
    notes += walk.notes
    felony_then = limit.tier == Tier.FELONY or limit.reduced_from == Tier.FELONY
    if felony_then and commenced <= FELONY_TOLL[1] and as_of >= FELONY_TOLL[0]:
        notes.append(FELONY_TOLL_NOTE)
    periods = walk.periods
    chargeable = sum(p.chargeable_days for p in periods)
    with_arguable = chargeable + sum(p.arguable for p in periods)
    limit_days, limit_reason = _limit(limit, commenced, as_of, periods)
    if limit.exempt or limit_days is None:
        return Clock(None, limit_reason, commenced, as_of, walk.ready_on, chargeable,
                     with_arguable, None, None, periods, missing, limit.exempt, notes)  # fmt: skip
    remaining = limit_days - chargeable
    last_day = None
    if walk.ready_on is None:
        last_day = _last_day(walk, periods, limit_days, remaining, max(as_of, commenced), notes)
    _note_stale_adjournment(walk, as_of, notes)
    return Clock(
        limit_days, limit_reason, commenced, as_of, walk.ready_on, chargeable, with_arguable,
        remaining, last_day, periods, missing, False, notes,
        remaining_with_arguable=limit_days - with_arguable,
        last_day_flag=day_flag(last_day) if last_day is not None else None,
    )  # fmt: skip


def _limit(
    limit: Limit, commenced: dt.date, as_of: dt.date, periods: list[Period]
) -> tuple[int | None, str]:
    if limit.exempt:
        return None, limit.exempt_reason
    if limit.tier is None:
        return None, "unknown: the charges do not say (see what is missing)"
    felony = felony_days(commenced)
    if limit.tier == Tier.FELONY:
        until = six_months_from(commenced).isoformat()
        return felony, (
            f"{limit.top_charge}: {TIER_TEXT[Tier.FELONY]}, {commenced.isoformat()} to {until}"
            f" = {felony} days"
        )
    days = TIER_DAYS[limit.tier]
    base = f"{limit.top_charge}: {TIER_TEXT[limit.tier]}"
    reduced_on = limit.reduced_on
    if reduced_on is None or reduced_on > as_of:
        if reduced_on is not None:
            return felony, (
                f"{limit.reduced_charge}: felony, reduced only on {reduced_on.isoformat()} "
                f"(after the as-of date): {TIER_TEXT[Tier.FELONY]} = {felony} days"
            )
        return days, base
    before = sum(p.chargeable_days for p in periods if p.end <= reduced_on)
    if before + days > felony:
        return felony, (
            f"{limit.reduced_charge}: felony reduced on {reduced_on.isoformat()}; {before} days "
            f"chargeable before the reduction + {days} would pass the felony's 6 months, so "
            f"the felony's {felony} days still apply (CPL 30.30; People v. Cooper)"
        )
    return before + days, (
        f"{base}, from the reduction of {limit.reduced_charge} (a felony) on "
        f"{reduced_on.isoformat()}: {before} days chargeable before it + {days} = "
        f"{before + days} days, within the felony's {felony} (CPL 30.30; People v. Cooper)"
    )


def _last_day(
    walk: Walk, periods: list[Period], limit_days: int, remaining: int, as_of: dt.date,
    notes: list[str],
) -> dt.date | None:  # fmt: skip
    """The day the limit runs out if every day from now on is chargeable; when it has
    run out already, the last day that was still within it."""
    if remaining < 0:
        used = 0
        for p in periods:
            if used + p.chargeable_days >= limit_days and p.chargeable_days == p.days:
                return p.start + dt.timedelta(days=limit_days - used)
            used += p.chargeable_days
        return None
    start = as_of
    current = walk.current
    excluded_now = bool(excludable_grounds(walk)[0])
    if walk.motion_since is not None:
        notes.append("A motion is pending: the last day moves on by the days until its decision")
    elif (
        current is not None
        and excluded_now
        and current.adjourned_to is not None
        and current.adjourned_to > as_of
    ):
        start = current.adjourned_to  # the excludable adjournment runs to the next date
    try:
        return start + dt.timedelta(days=remaining)
    except OverflowError:
        notes.append("The last day falls past the end of the calendar (9999-12-31)")
        return None


def _note_stale_adjournment(walk: Walk, as_of: dt.date, notes: list[str]) -> None:
    current = walk.current
    if current is not None and current.adjourned_to is not None and current.adjourned_to < as_of:
        notes.append(
            f"No appearance is recorded on {current.adjourned_to.isoformat()} (the last "
            "adjourned date): the last adjournment is taken to run to the as-of date"
        )
