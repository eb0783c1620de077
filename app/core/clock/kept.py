"""Each case's speedy-trial last day, kept current beside the case for the calendar.

The office calendar shows every case's 30.30 last day. Computing 2,000 clocks for a
month view would take far longer than reading the month's rows, so the last day is
derived data, like the search index: the ``case_clocks`` row of a case is recomputed
in the same transaction as every change to its ledger - an appearance, a filing or a
charge added, changed or deleted, or the case itself changed - by a session hook
(:func:`_after_flush`, installed when this module is imported, which
``app.core.services`` does). It is the clock as of the ledger's last date (its latest
appearance, adjourned-to date or filing): while the People are not ready, the day the
limit runs out if every day after the ledger's end is chargeable - a fixed day once the
ledger is fixed. The clock of a case opened later counts to that day instead; the two
differ only when an adjourned-to date has passed and nothing was recorded on it, which
the calendar shows as a court date still to record.

Rows can be missing (a case imported in bulk, a workspace whose ledger was written
before the row existed); :func:`last_days` computes those on the spot, so a missing
row is slower, never wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from sqlalchemy import delete, event, insert, select
from sqlalchemy.orm import Session

from app.core.clock.engine import compute_clock
from app.core.clock.ledger import Ledger
from app.core.clock.loader import load_ledger, read_ledger
from app.core.errors import NotFoundError
from app.core.storage.models import Appearance, Case, CaseClock, Charge, Filing

_CLOCKS = CaseClock.__table__
_LEDGER_PARTS = (Appearance, Filing, Charge)


def ledger_end(ledger: Ledger, today: dt.date) -> dt.date:
    """The last date the ledger speaks of (today when it speaks of none)."""
    days = [a.date for a in ledger.appearances]
    days += [a.adjourned_to for a in ledger.appearances if a.adjourned_to is not None]
    days += [f.date for f in ledger.filings]
    if ledger.commenced_on is not None:
        days.append(ledger.commenced_on)
    return max(days, default=today)


def kept_last_day(ledger: Ledger, today: dt.date) -> dt.date | None:
    return compute_clock(ledger, ledger_end(ledger, today)).last_day


def refresh(session: Session, case_ids: Collection[int], today: dt.date | None = None) -> None:
    """Recompute the kept last day of ``case_ids`` in the session's transaction."""
    today = today or dt.date.today()
    connection = session.connection()
    for case_id in sorted(case_ids):
        try:
            last_day = kept_last_day(read_ledger(session, case_id), today)
        except NotFoundError:  # deleted in this transaction: its row went with it
            continue
        connection.execute(delete(_CLOCKS).where(_CLOCKS.c.case_id == case_id))
        connection.execute(
            insert(_CLOCKS).values(
                case_id=case_id,
                last_day=last_day.isoformat() if last_day else None,
                computed_on=today.isoformat(),
            )
        )


def _after_flush(session: Session, _context: Any) -> None:
    touched: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, _LEDGER_PARTS):
            touched.add(obj.case_id)
        elif isinstance(obj, Case) and obj not in session.deleted and obj.id is not None:
            touched.add(obj.id)
    if touched:
        refresh(session, touched)


event.listen(Session, "after_flush", _after_flush)


def last_days(
    session: Session,
    start: dt.date,
    end: dt.date,
    case_ids: Collection[int] | None = None,
) -> dict[int, dt.date]:
    """Case id -> speedy-trial last day, for the cases whose last day falls from
    ``start`` through ``end``; cases with a ledger but no kept row are computed now."""
    query = select(_CLOCKS.c.case_id, _CLOCKS.c.last_day).where(
        _CLOCKS.c.last_day >= start.isoformat(), _CLOCKS.c.last_day <= end.isoformat()
    )
    if case_ids is not None:
        query = query.where(_CLOCKS.c.case_id.in_(list(case_ids)))
    rows = session.execute(query).all()
    found = {case_id: dt.date.fromisoformat(day) for case_id, day in rows}
    # Cases with a ledger but no row: one probe per case on two primary/foreign keys.
    unkept = select(Case.id).where(
        ~select(_CLOCKS.c.case_id).where(_CLOCKS.c.case_id == Case.id).exists(),
        select(Appearance.id).where(Appearance.case_id == Case.id).exists(),
    )
    if case_ids is not None:
        unkept = unkept.where(Case.id.in_(list(case_ids)))
    for case_id in session.scalars(unkept).all():
        last = kept_last_day(load_ledger(session, case_id), dt.date.today())
        if last is not None and start <= last <= end:
            found[case_id] = last
    return found
