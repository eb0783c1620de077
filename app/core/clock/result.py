"""What the speedy-trial clock gives back: the periods, the totals, and their JSON."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, NamedTuple


class Period(NamedTuple):
    """Days ``start`` (not counted) to ``end`` (counted): ``days`` = end - start.

    ``arguable`` is the part the definite count excludes but the defense argues is
    chargeable; ``reason`` is the line a decision would write for the period. A named
    tuple: immutable, and cheap to make by the hundred."""

    start: dt.date
    end: dt.date
    days: int
    chargeable_days: int
    arguable: int
    reason: str


@dataclass(frozen=True)
class Clock:
    """A case's CPL 30.30 clock as of a date.

    ``limit_days`` is ``None`` when the action is exempt or the charges do not say
    (``missing`` then says what is needed). ``last_day`` is given only while the People
    are not ready: the day the limit runs out if every day from now on is chargeable;
    ``last_day_flag`` says when it is a weekend or a court holiday (it is never moved).
    """

    limit_days: int | None
    limit_reason: str
    commenced_on: dt.date | None
    as_of: dt.date
    ready_on: dt.date | None
    chargeable_days: int
    chargeable_with_arguable: int
    remaining_days: int | None
    last_day: dt.date | None
    periods: list[Period] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    exempt: bool = False
    notes: list[str] = field(default_factory=list)
    remaining_with_arguable: int | None = None
    last_day_flag: str | None = None

    @property
    def arguable_days(self) -> int:
        return self.chargeable_with_arguable - self.chargeable_days

    def summary(self) -> str:
        """One line: "84 of 90 days used; 6 remain; last day 2027-01-12"."""
        if self.exempt:
            return f"Exempt from CPL 30.30: {self.limit_reason}"
        if self.limit_days is None:
            return f"{self.chargeable_days} days chargeable; no limit: missing " + "; ".join(
                self.missing
            )
        used = f"{self.chargeable_days} of {self.limit_days} days used"
        remaining = self.remaining_days or 0
        if remaining >= 0:
            parts = [used, f"{remaining} remain"]
        else:
            parts = [used, f"{-remaining} over the limit"]
        if self.arguable_days:
            parts.append(f"{self.chargeable_with_arguable} with the arguable days")
        if self.ready_on is not None:
            parts.append(f"People ready since {self.ready_on.isoformat()}")
        elif self.last_day is not None:
            flag = f" ({self.last_day_flag})" if self.last_day_flag else ""
            word = "last day" if remaining >= 0 else "last day was"
            parts.append(f"{word} {self.last_day.isoformat()}{flag}")
        return "; ".join(parts)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def clock_to_json(clock: Clock) -> dict[str, Any]:
    """The clock as the ``casefile clock --json`` object: dates as YYYY-MM-DD."""
    return {
        "limit_days": clock.limit_days,
        "limit_reason": clock.limit_reason,
        "exempt": clock.exempt,
        "commenced_on": _iso(clock.commenced_on),
        "as_of": clock.as_of.isoformat(),
        "ready_on": _iso(clock.ready_on),
        "chargeable_days": clock.chargeable_days,
        "chargeable_with_arguable": clock.chargeable_with_arguable,
        "remaining_days": clock.remaining_days,
        "remaining_with_arguable": clock.remaining_with_arguable,
        "last_day": _iso(clock.last_day),
        "last_day_flag": clock.last_day_flag,
        "periods": [
            {
                "from": p.start.isoformat(),
                "to": p.end.isoformat(),
                "days": p.days,
                "chargeable_days": p.chargeable_days,
                "arguable": p.arguable,
                "reason": p.reason,
            }
            for p in clock.periods
        ],
        "missing": list(clock.missing),
        "notes": list(clock.notes),
    }
