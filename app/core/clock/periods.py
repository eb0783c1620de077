"""The period-by-period walk of a ledger: how each stretch between entries counts.

Periods run between consecutive ledger dates (appearances, filings, and the few
dates a rule adds: a reduction, the 2020 toll), the last one to the as-of date. A
period counts the days after its start up to and including its end (the start day
is the previous period's, and day 0, the commencement, is not counted: People v.
Stiles). How it counts is decided by the state at its start: the last appearance
(who asked for the adjournment, any excludable ground, whether the People were
ready), a motion pending, and whether the People are ready.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from app.core import vocab
from app.core.clock.ledger import AppearanceEntry, FilingEntry, Ledger
from app.core.clock.result import Period

# Executive Orders 202.8 and its extensions suspended CPL 30.30 from 2020-03-20
# through 2020-10-04 (People v. Pagan): those days are excluded.
TOLL_FIRST_DAY = dt.date(2020, 3, 20)
TOLL_LAST_DAY = dt.date(2020, 10, 4)
TOLL_REASON = (
    "Executive-order toll of CPL 30.30 (EO 202.8 and extensions, 2020-03-20 to 2020-10-04)"
    " — excludable"
)


@dataclass
class Walk:
    """The state carried from one ledger date to the next."""

    current: AppearanceEntry | None = None
    asked_left: int | None = None  # the People's asked days not yet charged
    motion_since: dt.date | None = None
    coc_on: dt.date | None = None
    ready_on: dt.date | None = None
    ready_how: str = ""
    illusory: str = ""  # readiness announced without a certificate, this period
    periods: list[Period] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def walk_ledger(
    ledger: Ledger, commenced: dt.date, as_of: dt.date, extra: tuple[dt.date, ...] = ()
) -> Walk:
    """Every period from ``commenced`` to ``as_of`` and the readiness found on the way."""
    appearances: dict[dt.date, list[AppearanceEntry]] = defaultdict(list)
    filings: dict[dt.date, list[FilingEntry]] = defaultdict(list)
    for a in ledger.appearances:
        if commenced <= a.date <= as_of:
            appearances[a.date].append(a)
    for f in ledger.filings:
        if commenced <= f.date <= as_of:
            filings[f.date].append(f)
    toll = (TOLL_FIRST_DAY - dt.timedelta(days=1), TOLL_LAST_DAY)
    dates = {commenced, as_of, *appearances, *filings}
    dates.update(d for d in (*extra, *toll) if commenced < d < as_of)
    bounds = sorted(dates)
    state = Walk()
    for start, end in zip(bounds, bounds[1:], strict=False):
        _file(state, start, filings.get(start, ()))
        for appearance in appearances.get(start, ()):
            _appear(state, appearance)
        state.periods.append(_period(state, start, end))
        state.illusory = ""
    # What happened on the as-of day itself counts from the next day on: it ends the
    # last period and sets the state (readiness) the clock reports.
    _file(state, as_of, filings.get(as_of, ()))
    for appearance in appearances.get(as_of, ()):
        _appear(state, appearance)
    return state


def _file(state: Walk, day: dt.date, filed: tuple[FilingEntry, ...] | list[FilingEntry]) -> None:
    # A certificate filed the same day as a statement of readiness is "with" it.
    for filing in sorted(filed, key=lambda f: f.kind != "coc"):
        if filing.kind == "coc" or (filing.kind == "readiness" and filing.with_coc):
            state.coc_on = state.coc_on or day
        if filing.kind == "motion" and state.motion_since is None:
            state.motion_since = day
        elif filing.kind == "decision":
            state.motion_since = None
        elif filing.kind == "readiness" and state.ready_on is None:
            if state.coc_on is not None:
                state.ready_on = day
                state.ready_how = (
                    "statement of readiness filed with a certificate of compliance"
                    if filing.with_coc or state.coc_on == day
                    else f"statement of readiness filed; certificate of compliance of "
                    f"{state.coc_on.isoformat()}"
                )
            else:
                state.illusory = (
                    "Statement of readiness filed without a certificate of compliance: "
                    "readiness illusory (CPL 30.30(5))"
                )


def _appear(state: Walk, appearance: AppearanceEntry) -> None:
    state.current = appearance
    state.asked_left = appearance.people_asked_days
    if appearance.people_ready and state.ready_on is None:
        if state.coc_on is not None:
            state.ready_on = appearance.date
            state.ready_how = (
                f"answered ready in court; certificate of compliance of {state.coc_on.isoformat()}"
            )
        else:
            state.illusory = (
                "People answered ready without a certificate of compliance: "
                "readiness illusory (CPL 30.30(5))"
            )


def excludable_grounds(state: Walk) -> tuple[list[str], bool]:
    """The excludable grounds at the start of a period, and whether all of them are
    ones the defense argues (so the days are arguable, not definitely excluded)."""
    grounds: list[str] = []
    if state.motion_since is not None:
        grounds.append(
            f"Motion filed {state.motion_since.isoformat()} under consideration (30.30(4)(a))"
        )
    definite = bool(grounds)  # a motion pending is on the record, not argued
    a = state.current
    if a is not None:
        own = ""
        if a.excludable == "other":
            own = f"Other ground: {a.excludable_other or 'not stated'}"
        elif a.excludable:
            own = vocab.label(vocab.EXCLUDABLE_GROUNDS, a.excludable)
        elif a.requested_by == "defense":
            own = "Adjourned at the defense's request (30.30(4)(b))"
        elif a.requested_by == "consent":
            own = "Adjourned on consent (30.30(4)(b))"
        if own:
            grounds.append(own)
            definite = definite or not a.arguable
    return grounds, bool(grounds) and not definite


def _adjourned_by(a: AppearanceEntry | None) -> str:
    if a is None:
        return "From commencement to the first appearance"
    if a.requested_by == "people":
        return "Adjourned at the People's request"
    if a.requested_by == "court":
        return "Adjourned by the court (court congestion)"
    return "Adjourned"


def _period(state: Walk, start: dt.date, end: dt.date) -> Period:
    days = (end - start).days
    if start >= TOLL_FIRST_DAY - dt.timedelta(days=1) and end <= TOLL_LAST_DAY:
        return Period(start, end, days, 0, 0, TOLL_REASON)
    grounds, arguable = excludable_grounds(state)
    lead = [state.illusory] if state.illusory else []
    if state.ready_on is not None and state.ready_on == start:
        lead.append(f"People ready ({state.ready_how})")
    if grounds:
        tail = "excludable; the defense argues chargeable" if arguable else "excludable"
        reason = "; ".join([*lead, *grounds]) + f" — {tail}"
        return Period(start, end, days, 0, days if arguable else 0, reason)
    a = state.current
    if state.ready_on is None:
        reason = "; ".join([*lead, f"{_adjourned_by(a)}; People not ready"]) + " — chargeable"
        return Period(start, end, days, days, 0, reason)
    not_ready = a is not None and (
        a.people_ready is False or (a.people_ready is None and bool(a.people_asked_days))
    )
    if a is not None and not_ready and a.date >= state.ready_on:
        if state.asked_left is None:
            reason = (
                f"After readiness: {_adjourned_by(a).lower()}; People not ready and no days "
                "asked recorded: the whole adjournment charged — chargeable"
            )
            return Period(start, end, days, days, 0, "; ".join([*lead, reason]))
        charged = max(0, min(state.asked_left, days))
        state.asked_left -= charged
        length = ((a.adjourned_to or end) - a.date).days
        reason = (
            f"After readiness: People not ready, asked for {a.people_asked_days} days, "
            f"adjourned {length} — {charged} chargeable (People v. Cortes)"
        )
        return Period(start, end, days, charged, 0, "; ".join([*lead, reason]))
    body = lead or ["People ready"]
    return Period(
        start, end, days, 0, 0, "; ".join([*body, _adjourned_by(a).lower()]) + " — not chargeable"
    )
