"""A case's next court date: the date its last adjournment went to, until it is recorded.

An appearance's ``adjourned_to`` is the case's next court date until an appearance on
that date is recorded. Only the latest appearance with an adjourned-to date counts (by
date, then by id): when a case is advanced or re-calendared, the newer adjournment
replaces the older one rather than leaving it behind as a date nobody will keep.

The same rule is available three ways: :func:`next_court_dates` (one query, for many
cases), :func:`next_court_date_expression` (a SQL expression a list can select and
sort by), and :func:`pending_court_dates` (the calendar's: with the appearance it
comes from).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection
from typing import Any, NamedTuple

from sqlalchemy import String, and_, bindparam, exists, func, or_, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.core.schedule.items import CaseRef, case_label
from app.core.storage.models import Appearance, Case

# Bounds below and above every stored date (ISO text, "0001" to "9999-12-31~").
LOWEST_DATE, HIGHEST_DATE = "0", "99999"


def _pending(adjourned: Any) -> ColumnElement[bool]:
    """``adjourned`` (an alias of the appearances table) holds its case's pending court
    date: it was adjourned, nothing is recorded on that day, and no later appearance of
    the case was adjourned."""
    appearances = Appearance.__table__
    on_that_day, later = appearances.alias("on_that_day"), appearances.alias("later")
    return and_(
        adjourned.c.adjourned_to.is_not(None),
        ~exists().where(
            on_that_day.c.case_id == adjourned.c.case_id,
            on_that_day.c.date == adjourned.c.adjourned_to,
        ),
        ~exists().where(
            later.c.case_id == adjourned.c.case_id,
            later.c.date >= adjourned.c.date,  # a range on the (case, date) index
            later.c.adjourned_to.is_not(None),
            or_(later.c.date > adjourned.c.date, later.c.id > adjourned.c.id),
        ),
    )


def next_court_date_expression() -> Any:
    """The next court date of ``Case`` as a correlated scalar subquery (its stored ISO
    text, read back as a ``PartialDate``; NULL when none), e.g.
    ``select(Case.id, expr.label("next_court_date")).order_by(expr)``."""
    adjourned = Appearance.__table__.alias("adjourned")
    return (
        select(adjourned.c.adjourned_to)
        .where(adjourned.c.case_id == Case.id, _pending(adjourned))
        .order_by(adjourned.c.date.desc(), adjourned.c.id.desc())
        .limit(1)
        .correlate(Case)
        .scalar_subquery()
    )


def next_court_dates(
    session: Session,
    case_ids: Collection[int] | None = None,
    on_or_after: dt.date | None = None,
    *,
    through: dt.date | None = None,
) -> dict[int, dt.date]:
    """Case id -> next court date, for ``case_ids`` (None: every case) and, when given,
    dates from ``on_or_after`` through ``through``. One query. A date not known to the
    day is left out."""
    return {
        pending.case.id: pending.date
        for pending in pending_court_dates(session, on_or_after, through, case_ids=case_ids)
    }


class PendingCourtDate(NamedTuple):
    case: CaseRef
    date: dt.date
    adjourned_on: str  # the stored date of the appearance that set it
    appearance_id: int  # that appearance


def pending_court_dates(
    session: Session,
    start: dt.date | None,
    end: dt.date | None,
    *,
    case_ids: Collection[int] | None = None,
) -> list[PendingCourtDate]:
    """The pending court dates from ``start`` through ``end`` (either may be None),
    with their case and the appearance that set them. One query."""
    params: dict[str, Any] = {}
    if case_ids is not None:
        params["case_ids"] = list(case_ids)
    if start is None and end is None:
        statement = _latest_statement(case_ids is not None)
    else:
        params["start"] = start.isoformat() if start else LOWEST_DATE
        params["end"] = (end + dt.timedelta(days=1)).isoformat() if end else HIGHEST_DATE
        statement = _pending_statement(case_ids is not None)
    found: dict[int, PendingCourtDate] = {}
    for appearance_id, held_on, to, case_id, uid, docket, caption in (
        session.connection().execute(statement, params).all()
    ):
        if len(to) != 10:  # known only to the month or year, or approximate
            continue
        known = found.get(case_id)
        if known is None or appearance_id > known.appearance_id:  # two on its last day
            found[case_id] = PendingCourtDate(
                CaseRef(case_id, uid, case_label(docket, caption)),
                dt.date.fromisoformat(to),
                held_on,
                appearance_id,
            )
    return list(found.values())


@functools.cache
def _latest_statement(by_case: bool) -> Any:
    """Every case's pending court date at once: each case's last appearance with an
    adjournment (by date; the caller keeps the last recorded of a day's), unless the
    appearance on that day is recorded. Grouping on the (case, date) index is several
    times faster for all cases than asking of every appearance whether a later one
    exists."""
    appearances, cases = Appearance.__table__, Case.__table__
    last = select(appearances.c.case_id, func.max(appearances.c.date).label("day")).where(
        appearances.c.adjourned_to.is_not(None)
    )
    if by_case:
        last = last.where(appearances.c.case_id.in_(bindparam("case_ids", expanding=True)))
    latest = last.group_by(appearances.c.case_id).subquery("latest")
    adjourned = appearances.alias("adjourned")
    on_that_day = appearances.alias("on_that_day")
    return (
        select(
            adjourned.c.id,
            type_coerce(adjourned.c.date, String),
            type_coerce(adjourned.c.adjourned_to, String),
            cases.c.id,
            cases.c.uid,
            cases.c.docket_number,
            cases.c.caption,
        )
        .join_from(
            adjourned,
            latest,
            and_(latest.c.case_id == adjourned.c.case_id, latest.c.day == adjourned.c.date),
        )
        .join(cases, cases.c.id == adjourned.c.case_id)
        .where(
            adjourned.c.adjourned_to.is_not(None),
            ~exists().where(
                on_that_day.c.case_id == adjourned.c.case_id,
                on_that_day.c.date == adjourned.c.adjourned_to,
            ),
        )
    )


@functools.cache
def _pending_statement(by_case: bool) -> Any:
    """Built once, on the tables: building a statement with aliases costs more than
    running it, and plain rows read faster below the ORM."""
    adjourned, cases = Appearance.__table__.alias("adjourned"), Case.__table__
    to_text = type_coerce(adjourned.c.adjourned_to, String)
    query = (
        select(
            adjourned.c.id,
            type_coerce(adjourned.c.date, String),
            to_text,
            cases.c.id,
            cases.c.uid,
            cases.c.docket_number,
            cases.c.caption,
        )
        .join_from(adjourned, cases, cases.c.id == adjourned.c.case_id)
        .where(to_text >= bindparam("start"), to_text < bindparam("end"), _pending(adjourned))
    )
    if by_case:
        query = query.where(adjourned.c.case_id.in_(bindparam("case_ids", expanding=True)))
    return query
