"""A case's deadlines: computed from the rules, added by hand, and from other sources.

Computed deadlines are never stored: they are worked out on every read from their
inputs (the first appearance a rule counts from, the custody after it or the case's,
the filings that meet it), so they follow any change to those inputs.

Other parts of Casefile add computed deadlines through :func:`register_deadline_source`:
a source is ``(session, case, as_of) -> list[DeadlineItem]`` (``case`` a ``Case`` row),
called once per case. The speedy-trial clock's last day comes in this way, e.g.::

    def speedy_trial_last_day(session, case, as_of):
        from app.core.clock import clock_of_case

        last_day = clock_of_case(session, case.id, as_of).last_day
        if last_day is None:
            return []
        return [DeadlineItem.for_case(case, kind="speedy_trial", date=last_day,
                                      title="Speedy-trial last day", rule="ny-cpl-30.30",
                                      citation="CPL 30.30(1)")]

    register_deadline_source("speedy-trial", speedy_trial_last_day)

The office calendar calls a per-case source for every case it shows; a source that can
answer for many cases at once passes ``in_range`` too, ``(session, window) ->
list[DeadlineItem]``, and the calendar calls that instead.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, and_, bindparam, exists, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from app.core.dates import PartialDate, Precision
from app.core.schedule.court_dates import HIGHEST_DATE, LOWEST_DATE
from app.core.schedule.items import CaseRef, DeadlineItem, case_label
from app.core.schedule.rules import READINESS_WITH_COC, Rule, RuleBook, load_rules
from app.core.storage.models import Appearance, Case, Deadline, Filing


@dataclass(frozen=True)
class Window:
    """Which deadlines to compute: of ``case_ids`` (None: every case), due from
    ``start`` to ``end`` inclusive (None: any day), met or overdue as of ``as_of``."""

    as_of: dt.date
    case_ids: Collection[int] | None = None
    start: dt.date | None = None
    end: dt.date | None = None


DeadlineSource = Callable[[Session, Case, dt.date], list[DeadlineItem]]
RangeSource = Callable[[Session, Window], list[DeadlineItem]]


@dataclass(frozen=True)
class _Source:
    per_case: DeadlineSource
    in_range: RangeSource | None


_SOURCES: dict[str, _Source] = {}


def register_deadline_source(
    name: str, source: DeadlineSource, *, in_range: RangeSource | None = None
) -> None:
    """Add computed deadlines from elsewhere (see the module's docstring). Registering a
    name again replaces that source."""
    _SOURCES[name] = _Source(source, in_range)


def unregister_deadline_source(name: str) -> None:
    _SOURCES.pop(name, None)


def deadlines_of_case(
    session: Session, case: Case, as_of: dt.date, *, book: RuleBook | None = None
) -> list[DeadlineItem]:
    """Every deadline of ``case``, flagged as of ``as_of``, by date (unknown dates last).

    A rule that cannot be computed yet (no arraignment, custody unknown) is listed with
    no date and ``missing`` saying what is needed."""
    book = book or load_rules()
    window = Window(as_of, case_ids=[case.id])
    computed = rule_deadlines(session, window, book)
    found = {item.rule for item in computed}
    for rule in book.rules:
        if rule.code not in found:
            computed.append(_item(rule, CaseRef.of(case), None, missing=_no_start(rule)))
    items = computed + hand_deadlines(session, window)
    for source in _SOURCES.values():
        items.extend(source.per_case(session, case, as_of))
    return sorted((item.flagged(as_of, book) for item in items), key=DeadlineItem.sort_key)


def deadlines_in_range(
    session: Session, window: Window, *, book: RuleBook | None = None
) -> list[DeadlineItem]:
    """The deadlines with a date in the window, of every case in it, flagged, in a few
    queries (per-case sources excepted). Deadlines whose date is not known to the day
    are left out: they have no day to be shown on."""
    book = book or load_rules()
    items = rule_deadlines(session, window, book) + hand_deadlines(session, window)
    per_case = [s for s in _SOURCES.values() if s.in_range is None]
    for source in _SOURCES.values():
        if source.in_range is not None:
            items.extend(source.in_range(session, window))
    if per_case:
        query = select(Case)
        if window.case_ids is not None:
            query = query.where(Case.id.in_(list(window.case_ids)))
        for case in session.scalars(query):
            for source in per_case:
                items.extend(source.per_case(session, case, window.as_of))
    return [
        item.flagged(window.as_of, book)
        for item in items
        if item.date is not None and _within(item.date, window)
    ]


def _within(day: dt.date, window: Window) -> bool:
    return (window.start is None or day >= window.start) and (
        window.end is None or day <= window.end
    )


def _no_start(rule: Rule) -> str:
    return f"no {rule.after} with a date known to the day is recorded"


def _item(
    rule: Rule,
    case: CaseRef,
    due: dt.date | None,
    *,
    met_on: PartialDate | None = None,
    missing: str | None = None,
) -> DeadlineItem:
    return DeadlineItem(
        case,
        rule.kind,
        due,
        rule.title,
        key=f"rule-{rule.code}",
        rule=rule.code,
        citation=rule.citation,
        met_on=met_on,
        missing=missing,
    )


def rule_deadlines(session: Session, window: Window, book: RuleBook) -> list[DeadlineItem]:
    """The deadlines computed from ``book``'s rules for the cases in ``window``: two
    queries per rule, whatever the number of cases."""
    items: list[DeadlineItem] = []
    for rule in book.rules:
        starts = _first_appearances(session, rule, window)
        if not starts:
            continue
        met = _met_on(session, rule, window, starts.keys()) if rule.met_by else {}
        for case_id, (case, day, custody) in starts.items():
            items.append(_computed(rule, case, day, custody, met.get(case_id)))
    return items


def _computed(
    rule: Rule,
    case: CaseRef,
    start: PartialDate,
    custody: str | None,
    met_on: PartialDate | None,
) -> DeadlineItem:
    if start.precision is not Precision.DAY:
        return _item(rule, case, None, met_on=met_on, missing=_no_start(rule))
    days = rule.days_for(custody)
    if days is None:
        missing = (
            f"the client's custody after the {rule.after} is not recorded "
            "(on the appearance, or the case's custody)"
        )
        return _item(rule, case, None, met_on=met_on, missing=missing)
    return _item(rule, case, start.earliest() + dt.timedelta(days=days), met_on=met_on)


def _first_appearances(
    session: Session, rule: Rule, window: Window
) -> dict[int, tuple[CaseRef, PartialDate, str | None]]:
    """Each case's first appearance of the rule's purpose, and the custody after it
    (else the case's). With a date window, only those whose due date can fall in it."""
    fewest, most = rule.day_range
    params: dict[str, Any] = {"purpose": rule.after, "low": LOWEST_DATE, "high": HIGHEST_DATE}
    if window.start is not None:
        params["low"] = _iso(window.start - dt.timedelta(days=most))
    if window.end is not None:
        params["high"] = _iso(window.end - dt.timedelta(days=fewest - 1))
    if window.case_ids is not None:
        params["case_ids"] = list(window.case_ids)
    statement = _first_appearances_statement(window.case_ids is not None)
    found: dict[int, tuple[CaseRef, PartialDate, str | None]] = {}
    for row in session.connection().execute(statement, params):
        case_id, day, custody_after, custody, uid, docket, caption = row
        found[case_id] = (
            CaseRef(case_id, uid, case_label(docket, caption)),
            day,
            custody_after or custody,
        )
    return found


@functools.cache
def _first_appearances_statement(by_case: bool) -> Any:
    """Built once, on the tables: a calendar view runs it every time."""
    appearances, cases = Appearance.__table__, Case.__table__
    first, earlier = appearances.alias("first"), appearances.alias("earlier")
    query = (
        select(
            first.c.case_id,
            first.c.date,
            first.c.custody_after,
            cases.c.custody,
            cases.c.uid,
            cases.c.docket_number,
            cases.c.caption,
        )
        .join_from(first, cases, cases.c.id == first.c.case_id)
        .where(
            first.c.purpose == bindparam("purpose"),
            type_coerce(first.c.date, String) >= bindparam("low"),
            type_coerce(first.c.date, String) < bindparam("high"),
            ~exists().where(
                earlier.c.case_id == first.c.case_id,
                earlier.c.date <= first.c.date,  # a range on the (case, date) index
                earlier.c.purpose == first.c.purpose,
                or_(earlier.c.date < first.c.date, earlier.c.id < first.c.id),
            ),
        )
    )
    if by_case:
        query = query.where(first.c.case_id.in_(bindparam("case_ids", expanding=True)))
    return query


def _met_on(
    session: Session, rule: Rule, window: Window, case_ids: Collection[int]
) -> dict[int, PartialDate]:
    """The first filing that meets ``rule`` in each case, filed by ``as_of``."""
    # Name the cases unless there are so many that reading every case's is cheaper.
    by_case = window.case_ids is not None or len(case_ids) < 500
    params: dict[str, Any] = {"through": _iso(window.as_of + dt.timedelta(days=1))}
    if by_case:
        params["case_ids"] = list(case_ids)
    statement = _met_on_statement(rule.met_by, by_case)
    rows = session.connection().execute(statement, params)
    return {case_id: day for case_id, day in rows if case_id in case_ids}


@functools.cache
def _met_on_statement(met_by: tuple[str, ...], by_case: bool) -> Any:
    filings = Filing.__table__
    kinds = [kind for kind in met_by if kind != READINESS_WITH_COC]
    meets: list[Any] = [filings.c.kind.in_(kinds)] if kinds else []
    if READINESS_WITH_COC in met_by:
        meets.append(and_(filings.c.kind == "readiness", filings.c.with_coc.is_(True)))
    query = (
        select(filings.c.case_id, func.min(filings.c.date))
        .where(or_(*meets), type_coerce(filings.c.date, String) < bindparam("through"))
        .group_by(filings.c.case_id)
    )
    if by_case:
        query = query.where(filings.c.case_id.in_(bindparam("case_ids", expanding=True)))
    return query


def hand_deadlines(session: Session, window: Window) -> list[DeadlineItem]:
    """The deadlines staff added, with their ``met_on``."""
    query = select(
        Deadline.id,
        Deadline.date,
        Deadline.time,
        Deadline.kind,
        Deadline.title,
        Deadline.met_on,
        Case.id,
        Case.uid,
        Case.docket_number,
        Case.caption,
    ).join(Case, Case.id == Deadline.case_id)
    if window.case_ids is not None:
        query = query.where(Deadline.case_id.in_(list(window.case_ids)))
    if window.start is not None:
        query = query.where(Deadline.date >= _iso(window.start))
    if window.end is not None:
        query = query.where(Deadline.date < _iso(window.end + dt.timedelta(days=1)))
    items = []
    for row in session.execute(query):
        record_id, day, time, kind, title, met_on, case_id, uid, docket, caption = row
        exact = day.precision is Precision.DAY
        items.append(
            DeadlineItem(
                CaseRef(case_id, uid, case_label(docket, caption)),
                kind,
                day.earliest() if exact else None,
                title,
                key=f"deadline-{record_id}",
                time=time,
                met_on=met_on,
                record_id=record_id,
                partial_date=None if exact else day,
            )
        )
    return items


def _iso(day: dt.date) -> str:
    return day.isoformat()
