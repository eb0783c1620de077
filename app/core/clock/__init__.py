"""The CPL 30.30 speedy-trial clock.

``compute_clock(ledger, as_of)`` is the pure engine over plain values (``Ledger``
and its entries); ``clock_of_case(session, case_id, as_of)`` reads a case's ledger
from the database and runs it; ``clock_to_json`` is the ``casefile clock --json``
object. The engine does not import SQLAlchemy: the loader is imported on first use.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from app.core.clock.engine import compute_clock
from app.core.clock.ledger import AppearanceEntry, ChargeEntry, FilingEntry, Ledger
from app.core.clock.result import Clock, Period, clock_to_json

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = [
    "AppearanceEntry",
    "ChargeEntry",
    "Clock",
    "FilingEntry",
    "Ledger",
    "Period",
    "clock_of_case",
    "clock_to_json",
    "compute_clock",
]


def clock_of_case(session: Session, case_id: int, as_of: dt.date | None = None) -> Clock:
    """The clock of case ``case_id`` as of ``as_of`` (default today), read in ``session``.
    An unknown case is a :class:`~app.core.errors.NotFoundError`."""
    from app.core.clock.loader import load_clock

    return load_clock(session, case_id, as_of)
