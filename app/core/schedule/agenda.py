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
import functools
import re
from collections.abc import Collection
from typing import Any

from sqlalchemy import String, bindparam, func, select, type_coerce
from sqlalchemy.orm import Session

from app.core import vocab
from app.core.schedule.court_dates import pending_court_dates
from app.core.schedule.deadlines import Window, deadlines_in_range
from app.core.schedule.items import (
    APPEARANCE,
    COURT_DATE,
    DEADLINE,
    CalendarItem,
    CaseRef,
    DeadlineItem,
    case_label_sql,
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
    words = who.split()
    if words and who.isascii():  # SQLite's lower() knows ASCII only
        # Narrow in SQL by the longest word (spacing may differ), decide here.
        query = query.where(func.lower(Case.assigned_staff).contains(max(words, key=len).lower()))
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
    for court in pending_court_dates(session, start, end, case_ids=case_ids):
        items.append(
            CalendarItem(
                court.date,
                None,
                COURT_DATE,
                "Court date",
                court.case,
                key=f"court-{court.appearance_id}",
                detail=f"adjourned to this day on {court.adjourned_on}",
            )
        )
    window = Window(as_of or dt.date.today(), case_ids=case_ids, start=start, end=end)
    items.extend(_deadline_item(d) for d in deadlines_in_range(session, window, book=book))
    items.sort(key=CalendarItem.sort_key)
    return items


def _appearances(
    session: Session, start: dt.date, end: dt.date, case_ids: Collection[int] | None
) -> list[CalendarItem]:
    """The appearances recorded in the range (dates known to the day). One held on a
    date an earlier appearance was adjourned to takes that court date's key, so an
    exported calendar updates the court-date event into the appearance instead of
    keeping both; when two are held that day, the first recorded takes it."""
    params: dict[str, Any] = {
        "start": start.isoformat(),
        "end": (end + dt.timedelta(days=1)).isoformat(),
    }
    if case_ids is not None:
        params["case_ids"] = list(case_ids)
    statement = _appearances_statement(case_ids is not None)
    rows = session.connection().execute(statement, params).all()
    purposes = vocab.APPEARANCE_PURPOSES
    items = []
    taken: set[int] = set()  # the court dates whose key an appearance took
    for record_id, text, time, purpose, part, judge, from_id, case_id, uid, label in rows:
        if len(text) != 10:  # known only to the month or year, or approximate
            continue
        if from_id is not None and from_id not in taken:
            taken.add(from_id)
            key = f"court-{from_id}"
        else:
            key = f"appearance-{record_id}"
        items.append(
            CalendarItem(
                dt.date.fromisoformat(text),
                time,
                APPEARANCE,
                purposes.get(purpose, purpose),
                CaseRef(case_id, uid, label),
                key,
                None,
                f"Part {part}, {judge}" if part and judge else (f"Part {part}" if part else judge),
            )
        )
    return items


@functools.cache
def _appearances_statement(by_case: bool) -> Any:
    """Built once, on the tables: the calendar runs it on every view, and thousands of
    plain rows read faster below the ORM."""
    appearances, cases = Appearance.__table__, Case.__table__
    earlier = appearances.alias("earlier")
    date_text = type_coerce(appearances.c.date, String)
    adjourned_from = (
        select(earlier.c.id)
        .where(
            earlier.c.case_id == appearances.c.case_id,
            earlier.c.date < appearances.c.date,  # a range on the (case, date) index
            earlier.c.adjourned_to == appearances.c.date,
        )
        .order_by(earlier.c.date.desc(), earlier.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    query = (
        select(
            appearances.c.id,
            date_text,
            appearances.c.time,
            appearances.c.purpose,
            appearances.c.part,
            appearances.c.judge,
            adjourned_from,
            cases.c.id,
            cases.c.uid,
            case_label_sql(cases),
        )
        .join_from(appearances, cases, cases.c.id == appearances.c.case_id)
        .where(date_text >= bindparam("start"), date_text < bindparam("end"))
        .order_by(appearances.c.id)
    )
    if by_case:
        query = query.where(appearances.c.case_id.in_(bindparam("case_ids", expanding=True)))
    return query


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
