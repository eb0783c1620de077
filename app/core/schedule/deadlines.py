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
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.core.dates import PartialDate, Precision
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
    earlier = aliased(Appearance)
    query = (
        select(
            Appearance.case_id,
            Appearance.date,
            Appearance.custody_after,
            Case.custody,
            Case.uid,
            Case.docket_number,
            Case.caption,
        )
        .join(Case, Case.id == Appearance.case_id)
        .where(Appearance.purpose == rule.after)
        .where(
            ~exists().where(
                earlier.case_id == Appearance.case_id,
                earlier.purpose == rule.after,
                or_(
                    earlier.date < Appearance.date,
                    and_(earlier.date == Appearance.date, earlier.id < Appearance.id),
                ),
            )
        )
    )
    if window.case_ids is not None:
        query = query.where(Appearance.case_id.in_(list(window.case_ids)))
    fewest, most = rule.day_range
    if window.start is not None:
        query = query.where(Appearance.date >= _iso(window.start - dt.timedelta(days=most)))
    if window.end is not None:
        query = query.where(Appearance.date < _iso(window.end - dt.timedelta(days=fewest - 1)))
    found: dict[int, tuple[CaseRef, PartialDate, str | None]] = {}
    for case_id, day, custody_after, custody, uid, docket, caption in session.execute(query):
        ref = CaseRef(case_id, uid, case_label(docket, caption))
        found[case_id] = (ref, day, custody_after or custody)
    return found


def _met_on(
    session: Session, rule: Rule, window: Window, case_ids: Collection[int]
) -> dict[int, PartialDate]:
    """The first filing that meets ``rule`` in each case, filed by ``as_of``."""
    kinds = [kind for kind in rule.met_by if kind != READINESS_WITH_COC]
    meets: list[Any] = [Filing.kind.in_(kinds)] if kinds else []
    if READINESS_WITH_COC in rule.met_by:
        meets.append(and_(Filing.kind == "readiness", Filing.with_coc.is_(True)))
    query = (
        select(Filing.case_id, func.min(Filing.date))
        .where(or_(*meets), Filing.date < _iso(window.as_of + dt.timedelta(days=1)))
        .group_by(Filing.case_id)
    )
    if window.case_ids is not None or len(case_ids) < 500:
        query = query.where(Filing.case_id.in_(list(case_ids)))
    return {case_id: day for case_id, day in session.execute(query) if case_id in case_ids}


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
