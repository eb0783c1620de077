"""What the speedy-trial clock reads: a case's ledger as plain frozen values.

The engine (:mod:`app.core.clock.engine`) never sees the database: the loader turns
the rows into these, and tests build them by hand. The entries are named tuples:
immutable like frozen dataclasses, and several times cheaper to make, which counts
when a case has hundreds of court dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple


class ChargeEntry(NamedTuple):
    """One count. ``offense_class`` is the free text staff typed ("Class D felony").
    ``disposition_date`` is the day the status last changed: for a count whose status is
    ``reduced`` it is taken as the day of the reduction (the new instrument's filing)."""

    count: int
    statute: str = ""
    offense_class: str = ""
    status: str = "pending"
    disposition_date: dt.date | None = None
    description: str = ""


class AppearanceEntry(NamedTuple):
    """One court appearance; the fields say how the days up to the next entry count."""

    date: dt.date
    adjourned_to: dt.date | None = None
    requested_by: str | None = None  # vocab.ADJOURNMENT_REQUESTERS
    people_ready: bool | None = None
    people_asked_days: int | None = None
    excludable: str | None = None  # vocab.EXCLUDABLE_GROUNDS
    excludable_other: str = ""
    arguable: bool = False
    purpose: str = "other"  # vocab.APPEARANCE_PURPOSES


class FilingEntry(NamedTuple):
    """Something filed off calendar: readiness, a certificate of compliance, a motion,
    a decision."""

    date: dt.date
    kind: str  # vocab.FILING_KINDS
    with_coc: bool = False


@dataclass(frozen=True)
class Ledger:
    """Everything the clock needs of one case. ``problems`` are what the loader could
    not turn into entries (a court date known only to the month), named for the person."""

    commenced_on: dt.date | None
    charges: tuple[ChargeEntry, ...] = ()
    appearances: tuple[AppearanceEntry, ...] = ()
    filings: tuple[FilingEntry, ...] = ()
    problems: tuple[str, ...] = field(default=())
