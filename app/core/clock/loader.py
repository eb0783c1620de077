"""Reading a case's ledger from the database for the clock: one query per table.

The statements are SQLAlchemy's, compiled once per database dialect and run on the
session's own driver connection (inside its transaction): a case may have hundreds
of court dates, and the clock is shown every time a case opens, so the rows are read
as plain tuples without SQLAlchemy's result layer (the ``clock_case`` benchmark
holds this to 3x the bare SQL). Dates are read as their stored ISO text: the clock
needs whole days, and a date known only to the month is named as a problem rather
than guessed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from app.core.clock.engine import compute_clock
from app.core.clock.ledger import AppearanceEntry, ChargeEntry, FilingEntry, Ledger
from app.core.clock.result import Clock
from app.core.errors import NotFoundError
from app.core.storage.models import Appearance, Case, Charge, Filing

_ID = bindparam("case_id")
# Columns by table, not by attribute: the stored text of each date, not a PartialDate.
_c, _ch, _a, _f = Case.__table__.c, Charge.__table__.c, Appearance.__table__.c, Filing.__table__.c
_STATEMENTS: tuple[Select[Any], ...] = (
    select(_c.commenced_on).where(_c.id == _ID),
    select(
        _ch.count_number, _ch.statute, _ch.offense_class, _ch.status,
        _ch.disposition_date, _ch.description,
    ).where(_ch.case_id == _ID).order_by(_ch.count_number, _ch.id),
    select(
        _a.date, _a.adjourned_to, _a.requested_by, _a.people_ready, _a.people_asked_days,
        _a.excludable, _a.excludable_other, _a.arguable, _a.purpose,
    ).where(_a.case_id == _ID).order_by(_a.date, _a.id),
    select(_f.date, _f.kind, _f.with_coc).where(_f.case_id == _ID).order_by(_f.date, _f.id),
)  # fmt: skip
_COMPILED: dict[str, tuple[tuple[str, ...], bool]] = {}


def _compiled(dialect: Dialect) -> tuple[tuple[str, ...], bool]:
    """The four statements' SQL for ``dialect`` and whether its parameters are
    positional (SQLite's ``?``) or named (psycopg's ``%(case_id)s``)."""
    key = f"{dialect.name}+{dialect.driver}"
    found = _COMPILED.get(key)
    if found is None:
        compiled = [statement.compile(dialect=dialect) for statement in _STATEMENTS]
        found = _COMPILED[key] = (tuple(str(c) for c in compiled), compiled[0].positional)
    return found


def _day(text: str | None) -> dt.date | None:
    """A stored date known to the day, else None (partial, approximate or empty)."""
    if text is None or len(text) != 10:
        return None
    return dt.date.fromisoformat(text)


def load_ledger(session: Session, case_id: int) -> Ledger:
    """The ledger of case ``case_id``; :class:`NotFoundError` for an unknown case."""
    # The rows are read past the ORM, so what the session holds unsent must go first
    # (an appearance just added in the same unit of work counts).
    session.flush()
    return read_ledger(session, case_id)


def read_ledger(session: Session, case_id: int) -> Ledger:
    """The ledger as the database holds it now, without flushing the session first (for
    a hook that runs while the session flushes: app/core/clock/kept.py)."""
    connection = session.connection()
    sql, positional = _compiled(connection.dialect)
    params: Any = (case_id,) if positional else {"case_id": case_id}
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        results = []
        for statement in sql:
            cursor.execute(statement, params)
            results.append(cursor.fetchall())
    finally:
        cursor.close()
    case_rows, charge_rows, appearance_rows, filing_rows = results
    if not case_rows:
        raise NotFoundError(f"no case with id {case_id}")
    problems: list[str] = []
    commenced_text = case_rows[0][0]
    commenced = _day(commenced_text)
    if commenced_text and commenced is None:
        problems.append(f"the commencement date {commenced_text!r} is not a full date")
    charges = tuple(
        ChargeEntry(count, statute or "", klass or "", status or "pending", _day(disposed),
                    description or "")
        for count, statute, klass, status, disposed, description in charge_rows
    )  # fmt: skip
    appearances = []
    add = appearances.append
    day_of = dt.date.fromisoformat
    make = tuple.__new__  # the entries' positional constructor, without keyword handling
    for text, to, by, ready, asked, ground, other, arguable, purpose in appearance_rows:
        if text is None or len(text) != 10:
            problems.append(f"an appearance dated {text!r} has no full date")
            continue
        adjourned = day_of(to) if to and len(to) == 10 else None
        add(make(AppearanceEntry, (
            day_of(text), adjourned, by, None if ready is None else bool(ready), asked, ground,
            other or "", bool(arguable), purpose or "other",
        )))  # fmt: skip
    filings = []
    for text, kind, with_coc in filing_rows:
        day = _day(text)
        if day is None:
            problems.append(f"a filing ({kind}) dated {text!r} has no full date")
            continue
        filings.append(FilingEntry(day, kind, bool(with_coc)))
    return Ledger(commenced, charges, tuple(appearances), tuple(filings), tuple(problems))


def load_clock(session: Session, case_id: int, as_of: dt.date | None = None) -> Clock:
    return compute_clock(load_ledger(session, case_id), as_of or dt.date.today())
