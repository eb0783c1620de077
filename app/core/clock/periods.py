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
from dataclasses import dataclass, field

from app.core import vocab
from app.core.clock.ledger import AppearanceEntry, FilingEntry, Ledger
from app.core.clock.result import Period

# Executive Orders 202.8 and its extensions suspended CPL 30.30 from 2020-03-20
# through 2020-10-04 (People v. Pagan): those days are excluded.
TOLL_FIRST_DAY = dt.date(2020, 3, 20)
TOLL_LAST_DAY = dt.date(2020, 10, 4)
_TOLL_BEFORE = TOLL_FIRST_DAY - dt.timedelta(days=1)  # the last day before it counts
TOLL_REASON = (
    "Executive-order toll of CPL 30.30 (EO 202.8 and extensions, 2020-03-20 to 2020-10-04)"
    " — excludable"
)


@dataclass(slots=True)
class Walk:
    """The state carried from one ledger date to the next."""

    current: AppearanceEntry | None = None
    asked_left: int | None = None  # the People's asked days not yet charged
    motion_since: dt.date | None = None
    coc_on: dt.date | None = None
    ready_on: dt.date | None = None
    ready_how: str = ""
    illusory: str = ""  # readiness announced without a certificate, this period
    tolled: bool = False  # whether the 2020 toll falls in the ledger's span at all
    periods: list[Period] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def walk_ledger(
    ledger: Ledger, commenced: dt.date, as_of: dt.date, extra: tuple[dt.date, ...] = ()
) -> Walk:
    """Every period from ``commenced`` to ``as_of`` and the readiness found on the way."""
    appearances: dict[dt.date, list[AppearanceEntry]] = {}
    for a in ledger.appearances:
        day = a.date
        if commenced <= day <= as_of:
            same_day = appearances.get(day)
            if same_day is None:
                appearances[day] = [a]
            else:
                same_day.append(a)
    filings: dict[dt.date, list[FilingEntry]] = {}
    for f in ledger.filings:
        if commenced <= f.date <= as_of:
            filings.setdefault(f.date, []).append(f)
    dates = {commenced, as_of, *appearances, *filings}
    dates.update(d for d in (*extra, _TOLL_BEFORE, TOLL_LAST_DAY) if commenced < d < as_of)
    bounds = sorted(dates)
    state = Walk(tolled=commenced <= TOLL_LAST_DAY and as_of > _TOLL_BEFORE)
    add = state.periods.append
    for start, end in zip(bounds, bounds[1:], strict=False):
        if start in filings:
            _file(state, start, filings[start])
        same_day = appearances.get(start)
        if same_day is not None:
            for appearance in same_day:
                if appearance.people_ready and state.ready_on is None:
                    _appear(state, appearance)  # readiness: checked for its certificate
                else:
                    state.current, state.asked_left = appearance, appearance.people_asked_days
        add(_period(state, start, end))
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
        if own and not (definite and a.excludable == "motions"):  # said once is enough
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


# How a period counts is a pure function of the shape of the state at its start (who
# asked, the ground, a motion pending, readiness): worked out once per shape and kept
# for every clock (most adjournments look alike: "the People's request, not ready").
CHARGE, EXCLUDE, ASKED = 0, 1, 2
_SHAPES: dict[tuple[object, ...], tuple[int, bool, str]] = {}
_SHAPES_KEPT = 4096
_new = tuple.__new__  # a Period without its keyword-handling constructor: one per period


def _period(state: Walk, start: dt.date, end: dt.date) -> Period:
    days = (end - start).days
    if state.tolled and start >= _TOLL_BEFORE and end <= TOLL_LAST_DAY:
        return Period(start, end, days, 0, 0, TOLL_REASON)
    a = state.current
    ready_on = state.ready_on
    # What decides the shape: who asked, the ground, whether argued (the dates and the
    # days asked only fill in figures), a motion pending, readiness and how it stands.
    if ready_on is None:
        key: tuple[object, ...] = (
            None if a is None else (a[2], a[5:8]),
            state.motion_since,
            state.illusory,
        )
    elif ready_on == start or a is None or a.date < ready_on:
        # The day of readiness (its reason says how), or an adjournment from before it:
        # once or twice a case, worked out each time.
        key = ()
    else:
        not_ready = a.people_ready is False or (a.people_ready is None and bool(a[4]))
        key = (a[2], a[5:8], state.motion_since, not_ready, a[4] is None, True)
    shape = _SHAPES.get(key) if key else None
    if shape is None:
        shape = _shape(state, start)
        if key:
            if len(_SHAPES) >= _SHAPES_KEPT:
                _SHAPES.clear()
            _SHAPES[key] = shape
    mode, arguable, reason = shape
    if mode == CHARGE:
        return _new(Period, (start, end, days, days, 0, reason))
    if mode == EXCLUDE:
        return _new(Period, (start, end, days, 0, days if arguable else 0, reason))
    assert a is not None and state.asked_left is not None
    charged = max(0, min(state.asked_left, days))
    state.asked_left -= charged
    length = ((a.adjourned_to or end) - a.date).days
    return Period(
        start, end, days, charged, 0,
        f"{reason}People not ready, asked for {a.people_asked_days} days, adjourned {length}"
        f" — {charged} chargeable (People v. Cortes)",
    )  # fmt: skip


def _then(text: str) -> str:
    """A reason's later part, after a semicolon: "adjourned ...", but "People ..."."""
    return text if text.startswith("People") else text[:1].lower() + text[1:]


def _joined(lead: list[str], rest: list[str]) -> str:
    parts = [*lead, *rest]
    return "; ".join([parts[0], *(_then(p) for p in parts[1:])]) if parts else ""


def _shape(state: Walk, start: dt.date) -> tuple[int, bool, str]:
    """How a period starting in ``state`` counts: charged, excluded (and whether only
    arguably) or the People's asked days, and its reason (the asked days' figures are
    added by the caller)."""
    grounds, arguable = excludable_grounds(state)
    lead = [state.illusory] if state.illusory else []
    if state.ready_on is not None and state.ready_on == start:
        lead.append(f"People ready ({state.ready_how})")
    if grounds:
        tail = "excludable; the defense argues chargeable" if arguable else "excludable"
        return EXCLUDE, arguable, _joined(lead, grounds) + f" — {tail}"
    a = state.current
    if state.ready_on is None:
        return (
            CHARGE,
            False,
            _joined(lead, [f"{_adjourned_by(a)}; People not ready"]) + (" — chargeable"),
        )
    not_ready = a is not None and (
        a.people_ready is False or (a.people_ready is None and bool(a.people_asked_days))
    )
    if a is not None and not_ready and a.date >= state.ready_on:
        if state.asked_left is None:
            reason = (
                f"After readiness: {_then(_adjourned_by(a))}; People not ready and no days "
                "asked recorded: the whole adjournment charged — chargeable"
            )
            return CHARGE, False, _joined(lead, [reason])
        return ASKED, False, _joined(lead, ["After readiness: "])
    return (
        EXCLUDE,
        False,
        _joined(lead or ["People ready"], [_adjourned_by(a)]) + (" — not chargeable"),
    )
