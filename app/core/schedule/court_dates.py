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
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from app.core.dates import PartialDate, Precision
from app.core.schedule.items import CaseRef, case_label
from app.core.storage.models import Appearance, Case


def _pending(adjourned: Any) -> ColumnElement[bool]:
    """``adjourned`` (an Appearance alias) holds its case's pending court date."""
    on_that_day = aliased(Appearance)
    later = aliased(Appearance)
    return and_(
        adjourned.adjourned_to.is_not(None),
        ~exists().where(
            on_that_day.case_id == adjourned.case_id,
            on_that_day.date == adjourned.adjourned_to,
        ),
        ~exists().where(
            later.case_id == adjourned.case_id,
            later.adjourned_to.is_not(None),
            or_(
                later.date > adjourned.date,
                and_(later.date == adjourned.date, later.id > adjourned.id),
            ),
        ),
    )


def next_court_date_expression() -> Any:
    """The next court date of ``Case`` as a correlated scalar subquery (its stored ISO
    text, read back as a ``PartialDate``; NULL when none), e.g.
    ``select(Case.id, expr.label("next_court_date")).order_by(expr)``."""
    adjourned = aliased(Appearance)
    return (
        select(adjourned.adjourned_to)
        .where(adjourned.case_id == Case.id, _pending(adjourned))
        .order_by(adjourned.date.desc(), adjourned.id.desc())
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


@dataclass(frozen=True)
class PendingCourtDate:
    case: CaseRef
    date: dt.date
    adjourned_from: PartialDate  # the date of the appearance that set it
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
    adjourned = aliased(Appearance)
    query = (
        select(
            adjourned.id,
            adjourned.date,
            adjourned.adjourned_to,
            Case.id,
            Case.uid,
            Case.docket_number,
            Case.caption,
        )
        .join(Case, Case.id == adjourned.case_id)
        .where(_pending(adjourned))
    )
    if case_ids is not None:
        query = query.where(adjourned.case_id.in_(list(case_ids)))
    if start is not None:
        query = query.where(adjourned.adjourned_to >= start.isoformat())
    if end is not None:
        query = query.where(adjourned.adjourned_to < (end + dt.timedelta(days=1)).isoformat())
    found = []
    for appearance_id, held_on, to, case_id, uid, docket, caption in session.execute(query):
        if to.precision is Precision.DAY:
            found.append(
                PendingCourtDate(
                    CaseRef(case_id, uid, case_label(docket, caption)),
                    to.earliest(),
                    held_on,
                    appearance_id,
                )
            )
    return found
