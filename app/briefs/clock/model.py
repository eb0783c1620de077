"""The speedy-trial figures as plain data: what the exhibit and the brief print.

An exhibit is a case's caption, docket and court and its :class:`Clock`. The rows of
the period table (:func:`period_table`, shared with the case brief's clock section),
the facts above it and the totals below it are made here once, so the Word and PDF
files say the same thing in the same words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.briefs import text as t
from app.core.clock.result import Clock

TITLE = "Speedy-trial computation (CPL 30.30)"
PERIOD_HEADER = ["From", "To", "Days", "Chargeable", "Arguable", "Reason"]
NUMBER_COLUMNS = frozenset({"Days", "Chargeable", "Arguable"})


def long_date(day: dt.date | None) -> str:
    """ "January 10, 2026", the way decisions write dates; "—" when there is none."""
    return f"{day:%B} {day.day}, {day.year}" if day is not None else "—"


def short_date(day: dt.date) -> str:
    return f"{day:%b} {day.day}, {day.year}"


def weekday_date(day: dt.date) -> str:
    """ "Tuesday, January 12, 2027": a last day is read with its weekday."""
    return f"{day:%A}, {long_date(day)}"


@dataclass(frozen=True)
class PeriodTable:
    """The period table, laid out as in People v. Adrovic: a header, one row per
    period, and the totals as the last row. ``numeric`` holds the indexes of the
    figure columns (right-aligned by both writers)."""

    header: list[str]
    rows: list[list[str]]  # the last one is the totals
    numeric: frozenset[int] = field(default_factory=frozenset)

    @property
    def shows_arguable(self) -> bool:
        return "Arguable" in self.header


def period_table(clock: Clock) -> PeriodTable:
    """The clock's periods as rows of text; the Arguable column only when a period has
    arguable days."""
    arguable = any(p.arguable for p in clock.periods)
    header = PERIOD_HEADER if arguable else [h for h in PERIOD_HEADER if h != "Arguable"]
    rows = []
    for p in clock.periods:
        row = [short_date(p.start), short_date(p.end), str(p.days), str(p.chargeable_days)]
        if arguable:
            row.append(str(p.arguable) if p.arguable else "")
        rows.append([*row, t.line(p.reason)])
    total = ["Total", "", str(sum(p.days for p in clock.periods)), str(clock.chargeable_days)]
    if arguable:
        total.append(str(clock.arguable_days))
    numeric = frozenset(i for i, name in enumerate(header) if name in NUMBER_COLUMNS)
    return PeriodTable(list(header), [*rows, [*total, ""]], numeric)


@dataclass(frozen=True)
class ClockExhibit:
    caption: str
    docket: str
    court: str
    clock: Clock
    prepared: dt.date

    @property
    def title(self) -> str:
        return TITLE

    @property
    def periods(self) -> PeriodTable:
        return period_table(self.clock)

    def facts(self) -> list[tuple[str, str]]:
        """The labelled lines above the table."""
        c = self.clock
        if c.exempt:
            limit = f"Exempt: {c.limit_reason}"
        elif c.limit_days is None:
            limit = "Not known: " + "; ".join(c.missing)
        else:
            limit = c.limit_reason
        return [
            ("Caption", t.line(self.caption)),
            ("Docket", t.line(self.docket) or "—"),
            ("Court", t.line(self.court) or "—"),
            ("Limit", t.line(limit)),
            ("Commenced", f"{long_date(c.commenced_on)} (day 0, not counted)"),
            ("Computed as of", long_date(c.as_of)),
            ("People ready", long_date(c.ready_on) if c.ready_on else "Not ready"),
        ]

    def totals(self) -> list[tuple[str, str]]:
        """The labelled figures below the table."""
        c = self.clock
        lines = [("Chargeable to the People", f"{c.chargeable_days} days")]
        if c.arguable_days:
            lines.append(("With the days argued chargeable", f"{c.chargeable_with_arguable} days"))
        if c.remaining_days is not None:
            left = c.remaining_days
            lines.append(
                ("Remaining", f"{left} days" if left >= 0 else f"none: {-left} days over the limit")
            )
            if c.arguable_days and c.remaining_with_arguable is not None:
                left = c.remaining_with_arguable
                lines.append(
                    (
                        "Remaining with the arguable days",
                        f"{left} days" if left >= 0 else f"none: {-left} days over the limit",
                    )
                )
        if c.last_day is not None:
            flag = f" ({c.last_day_flag}; not moved)" if c.last_day_flag else ""
            label = "Last day" if (c.remaining_days or 0) >= 0 else "Last day (passed)"
            lines.append((label, long_date(c.last_day) + flag))
        for missing in c.missing:
            lines.append(("Missing", t.line(missing)))
        return lines

    def notes(self) -> list[str]:
        return [t.line(n) for n in self.clock.notes]

    def disclaimer(self) -> str:
        return (
            f"Computed by Casefile as of {long_date(self.clock.as_of)} from the court dates and "
            "filings recorded in it. It must be checked against the court record (minutes, "
            "file jacket, certificates and statements filed) before it is relied on. Day 0, "
            "the commencement, is not counted; each period counts the days after its first "
            "date up to and including its last."
        )

    def footer(self) -> str:
        return f"{TITLE} · {t.line(self.caption)} · as of {self.clock.as_of.isoformat()}"
