"""Short constructors for hand-built ledgers."""

from __future__ import annotations

import datetime as dt

from app.core.clock import AppearanceEntry, ChargeEntry, FilingEntry, Ledger


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def appear(day: str, to: str | None = None, **fields: object) -> AppearanceEntry:
    return AppearanceEntry(d(day), d(to) if to else None, **fields)  # type: ignore[arg-type]


def filed(day: str, kind: str, with_coc: bool = False) -> FilingEntry:
    return FilingEntry(d(day), kind, with_coc)


def charge(count: int, statute: str, klass: str, **fields: object) -> ChargeEntry:
    return ChargeEntry(count, statute, klass, **fields)  # type: ignore[arg-type]


MISD_A = (charge(1, "PL 120.00", "Class A misdemeanor"),)
MISD_B = (charge(1, "PL 240.20", "B misd."),)
FELONY = (charge(1, "PL 160.10", "Class C felony"),)


def ledger(
    commenced: str | None,
    charges: tuple[ChargeEntry, ...],
    *entries: AppearanceEntry | FilingEntry,
) -> Ledger:
    return Ledger(
        d(commenced) if commenced else None,
        charges,
        tuple(e for e in entries if isinstance(e, AppearanceEntry)),
        tuple(e for e in entries if isinstance(e, FilingEntry)),
    )


def figures(clock: object) -> list[tuple[str, str, int, int, int]]:
    """The periods as (from, to, days, chargeable, arguable), for one-line asserts."""
    return [
        (p.start.isoformat(), p.end.isoformat(), p.days, p.chargeable_days, p.arguable)
        for p in clock.periods  # type: ignore[attr-defined]
    ]
