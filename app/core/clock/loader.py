"""Reading a case's ledger from the database for the clock: one query per table.

Dates are read as their stored ISO text (``type_coerce`` skips turning each into a
``PartialDate`` only to turn it back): the clock needs whole days, and a date known
only to the month is named as a problem rather than guessed.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from app.core.clock.engine import compute_clock
from app.core.clock.ledger import AppearanceEntry, ChargeEntry, FilingEntry, Ledger
from app.core.clock.result import Clock
from app.core.errors import NotFoundError
from app.core.storage.models import Appearance, Case, Charge, Filing

_CASE = select(type_coerce(Case.commenced_on, String))
_CHARGES = select(
    Charge.count_number,
    Charge.statute,
    Charge.offense_class,
    Charge.status,
    type_coerce(Charge.disposition_date, String),
    Charge.description,
).order_by(Charge.count_number, Charge.id)
_APPEARANCES = select(
    type_coerce(Appearance.date, String),
    type_coerce(Appearance.adjourned_to, String),
    Appearance.requested_by,
    Appearance.people_ready,
    Appearance.people_asked_days,
    Appearance.excludable,
    Appearance.excludable_other,
    Appearance.arguable,
    Appearance.purpose,
).order_by(Appearance.date, Appearance.id)
_FILINGS = select(type_coerce(Filing.date, String), Filing.kind, Filing.with_coc).order_by(
    Filing.date, Filing.id
)


def _day(text: str | None) -> dt.date | None:
    """A stored date known to the day, else None (partial, approximate or empty)."""
    if text is None or len(text) != 10:
        return None
    return dt.date.fromisoformat(text)


def load_ledger(session: Session, case_id: int) -> Ledger:
    """The ledger of case ``case_id``; :class:`NotFoundError` for an unknown case."""
    found = session.execute(_CASE.where(Case.id == case_id)).first()
    if found is None:
        raise NotFoundError(f"no case with id {case_id}")
    problems: list[str] = []
    commenced_text = found[0]
    commenced = _day(commenced_text)
    if commenced_text and commenced is None:
        problems.append(f"the commencement date {commenced_text!r} is not a full date")
    charges = []
    for count, statute, klass, status, disposed, description in session.execute(
        _CHARGES.where(Charge.case_id == case_id)
    ):
        charges.append(
            ChargeEntry(count, statute or "", klass or "", status or "pending", _day(disposed),
                        description or "")
        )  # fmt: skip
    appearances = []
    for row in session.execute(_APPEARANCES.where(Appearance.case_id == case_id)):
        day = _day(row[0])
        if day is None:
            problems.append(f"an appearance dated {row[0]!r} has no full date")
            continue
        appearances.append(
            AppearanceEntry(
                day, _day(row[1]), row[2], row[3], row[4], row[5], row[6] or "",
                bool(row[7]), row[8] or "other",
            )
        )  # fmt: skip
    filings = []
    for text, kind, with_coc in session.execute(_FILINGS.where(Filing.case_id == case_id)):
        day = _day(text)
        if day is None:
            problems.append(f"a filing ({kind}) dated {text!r} has no full date")
            continue
        filings.append(FilingEntry(day, kind, bool(with_coc)))
    return Ledger(commenced, tuple(charges), tuple(appearances), tuple(filings), tuple(problems))


def load_clock(session: Session, case_id: int, as_of: dt.date | None = None) -> Clock:
    return compute_clock(load_ledger(session, case_id), as_of or dt.date.today())
