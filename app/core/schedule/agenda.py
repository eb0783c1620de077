"""The office calendar: every case's appearances, pending court dates and deadlines in a
range of days, in a few set-based queries (never one per case).

"My cases" are the cases whose *Assigned staff* names the current user: the name the
audit trail records for the workspace's changes (the OS login on SQLite, the database
login on PostgreSQL; ``casefile history`` shows it), or the name passed as ``who``.
*Assigned staff* is read as a list of names separated by commas, semicolons, slashes,
"&", "and" or new lines; a part in parentheses is a remark ("jsmith (second chair)"
is jsmith). A case is mine when one of those names equals mine, ignoring case.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app.core import vocab
from app.core.dates import Precision
from app.core.schedule.court_dates import pending_court_dates
from app.core.schedule.deadlines import Window, deadlines_in_range
from app.core.schedule.items import (
    APPEARANCE,
    COURT_DATE,
    DEADLINE,
    CalendarItem,
    CaseRef,
    DeadlineItem,
    case_label,
)
from app.core.schedule.rules import RuleBook, load_rules
from app.core.storage.models import Appearance, Case

_NAME_SEPARATORS = re.compile(r"[,;/&\n]|\band\b", re.IGNORECASE)
_REMARK = re.compile(r"\([^)]*\)")


def staff_names(assigned_staff: str) -> list[str]:
    """The names in a case's *Assigned staff*, as compared for "my cases"."""
    names = (_REMARK.sub(" ", part) for part in _NAME_SEPARATORS.split(assigned_staff or ""))
    return [" ".join(name.split()).casefold() for name in names if name.strip()]


def names_user(assigned_staff: str, who: str) -> bool:
    return " ".join(who.split()).casefold() in staff_names(assigned_staff)


def my_case_ids(session: Session, who: str) -> set[int]:
    """The cases whose *Assigned staff* names ``who``."""
    query = select(Case.id, Case.assigned_staff)
    if who.isascii():  # SQLite's lower() knows ASCII only: narrow in SQL, decide here
        query = query.where(func.lower(Case.assigned_staff).contains(who.strip().lower()))
    return {case_id for case_id, staff in session.execute(query) if names_user(staff, who)}


def current_user(session: Session) -> str:
    """The name the audit trail records for this session's changes."""
    from app.core.storage.audit import user_of

    return user_of(session)


def calendar_items(
    session: Session,
    start: dt.date,
    end: dt.date,
    *,
    mine: bool = False,
    who: str | None = None,
    as_of: dt.date | None = None,
    book: RuleBook | None = None,
) -> list[CalendarItem]:
    """Everything on the calendar from ``start`` through ``end``, by day and time.

    Recorded appearances, pending next court dates, and deadlines (computed and added
    by hand) of every case, or of mine (``mine``; ``who`` names someone else). A
    deadline is flagged as of ``as_of`` (default today)."""
    book = book or load_rules()
    case_ids: Collection[int] | None = None
    if mine or who:
        case_ids = my_case_ids(session, who or current_user(session))
        if not case_ids:
            return []
    items = _appearances(session, start, end, case_ids)
    for pending in pending_court_dates(session, start, end, case_ids=case_ids):
        items.append(
            CalendarItem(
                pending.date,
                None,
                COURT_DATE,
                "Court date",
                pending.case,
                key=f"court-{pending.appearance_id}",
                detail=f"adjourned to this day on {pending.adjourned_from.iso()}",
            )
        )
    window = Window(as_of or dt.date.today(), case_ids=case_ids, start=start, end=end)
    items.extend(_deadline_item(d) for d in deadlines_in_range(session, window, book=book))
    items.sort(key=CalendarItem.sort_key)
    return items


def _appearances(
    session: Session, start: dt.date, end: dt.date, case_ids: Collection[int] | None
) -> list[CalendarItem]:
    """The appearances recorded in the range. One held on a date an earlier appearance
    adjourned to takes over that court date's key, so an exported calendar updates the
    court-date event into the appearance instead of keeping both."""
    earlier = aliased(Appearance)
    adjourned_from = (
        select(earlier.id)
        .where(
            earlier.case_id == Appearance.case_id,
            earlier.adjourned_to == Appearance.date,
            earlier.date < Appearance.date,
        )
        .order_by(earlier.date.desc(), earlier.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    query = (
        select(
            Appearance.id,
            Appearance.date,
            Appearance.time,
            Appearance.purpose,
            Appearance.part,
            Appearance.judge,
            Appearance.updated_at,
            adjourned_from,
            Case.id,
            Case.uid,
            Case.docket_number,
            Case.caption,
        )
        .join(Case, Case.id == Appearance.case_id)
        .where(
            Appearance.date >= start.isoformat(),
            Appearance.date < (end + dt.timedelta(days=1)).isoformat(),
        )
    )
    if case_ids is not None:
        query = query.where(Appearance.case_id.in_(list(case_ids)))
    items = []
    taken: set[tuple[int, str]] = set()  # two held the same day: the first takes the key
    for row in session.execute(query.order_by(Appearance.id)):
        record_id, day, time, purpose, part, judge, updated_at, from_id = row[:8]
        if day.precision is not Precision.DAY:
            continue
        case = CaseRef(row[8], row[9], case_label(row[10], row[11]))
        title = vocab.label(vocab.APPEARANCE_PURPOSES, purpose)
        detail = ", ".join(x for x in (f"Part {part}" if part else "", judge) if x)
        key = f"court-{from_id}" if from_id is not None else f"appearance-{record_id}"
        if (case.id, key) in taken:
            key = f"appearance-{record_id}"
        taken.add((case.id, key))
        items.append(
            CalendarItem(
                day.earliest(), time, APPEARANCE, title, case, key, None, detail, updated_at
            )
        )
    return items


def _deadline_item(deadline: DeadlineItem) -> CalendarItem:
    assert deadline.date is not None
    detail = deadline.citation
    if deadline.met_on is not None:
        detail = f"{detail}; met {deadline.met_on.iso()}" if detail else f"met {deadline.met_on}"
    return CalendarItem(
        deadline.date,
        deadline.time,
        DEADLINE,
        deadline.title,
        deadline.case,
        key=deadline.key,
        flag=deadline.flag,
        detail=detail,
    )


__all__ = ["CalendarItem", "CaseRef", "calendar_items", "my_case_ids", "staff_names"]
