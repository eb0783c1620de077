"""The speedy-trial clock's last day as a computed deadline of every case.

A case's own deadline list computes its clock (``app.core.clock``); the office calendar
reads the last day kept beside each case (``app.core.clock.kept``) instead of running
one clock per case. Registered with the deadline sources when ``app.core.schedule``
is imported.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.clock import clock_of_case
from app.core.clock.kept import last_days
from app.core.schedule.deadlines import Window, register_deadline_source
from app.core.schedule.items import CaseLike, DeadlineItem
from app.core.storage.models import Case

RULE = "ny-cpl-30.30"
TITLE = "Speedy-trial last day"
CITATION = "CPL 30.30(1)"


def _item(case: CaseLike, last_day: dt.date | None, missing: str | None = None) -> DeadlineItem:
    return DeadlineItem.for_case(
        case,
        kind="speedy_trial",
        date=last_day,
        title=TITLE,
        rule=RULE,
        citation=CITATION,
        missing=missing,
    )


def of_case(session: Session, case: Case, as_of: dt.date) -> list[DeadlineItem]:
    """The last day while the People are not ready; what is missing when the clock
    cannot count (a charge without a class, no commencement); nothing once ready or
    for an exempt case."""
    clock = clock_of_case(session, case.id, as_of)
    if clock.ready_on is not None or clock.exempt:
        return []
    if clock.last_day is None:
        missing = "; ".join(clock.missing) or None
        return [_item(case, None, missing)] if missing else []
    return [_item(case, clock.last_day)]


def in_range(session: Session, window: Window) -> list[DeadlineItem]:
    start = window.start or dt.date.min
    end = window.end or dt.date.max
    found = last_days(session, start, end, window.case_ids)
    if not found:
        return []
    rows = session.execute(
        select(Case.id, Case.uid, Case.docket_number, Case.caption).where(Case.id.in_(list(found)))
    )
    return [_item(case, found[case.id]) for case in rows]


register_deadline_source("speedy-trial", of_case, in_range=in_range)
