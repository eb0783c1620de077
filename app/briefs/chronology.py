"""The brief's chronology: events, statements, court dates and filings in date order.

Each entry keeps its date and its time apart (the writers set both in the date
column), and a place with the title ("Arraignment \u2014 Part AP-2"), so that what
happened, where, and what came of it read as separate things.
"""

from __future__ import annotations

from collections.abc import Callable

from app.briefs import text as t
from app.briefs.model import ChronoEntry
from app.core import vocab
from app.core.dates import PartialDate
from app.core.lists.case_loader import (
    AppearanceRecord,
    CaseRecords,
    FilingRecord,
    StatementRecord,
)

UNKNOWN_DATE = "Date unknown"

# (document id or None, pin cite) -> the source line a reader sees
SourceOf = Callable[[int | None, str], str]
SortKey = tuple[bool, str, str]


def date_text(value: PartialDate | None) -> str:
    return value.display() if value is not None else UNKNOWN_DATE


def sort_key(value: PartialDate | None, extra: str = "") -> SortKey:
    return (value is None, value.iso() if value else "", extra)


def chronology(
    rec: CaseRecords, speaker: Callable[[StatementRecord], str], source_of: SourceOf
) -> list[ChronoEntry]:
    """Every dated thing of the case, oldest first (undated last); on one day, what
    has a time comes first, in time order."""
    items: list[tuple[SortKey, ChronoEntry]] = []
    for e in rec.events:
        kind = vocab.label(vocab.EVENT_KINDS, e.kind)
        # The place goes with the title, as a court date's part does: "Arraignment \u2014
        # Part AP-2"; the description follows as a sentence of its own.
        place = f" \u2014 {t.line(e.place)}" if t.line(e.place) else ""
        entry = ChronoEntry(
            date_text(e.date),
            f"Event: {kind}",
            t.line(e.title) + place,
            _sentences([t.excerpt(e.description, 60)]),
            source_of(e.source_document_id, e.pin_cite),
            time=e.time or "",
        )
        items.append((sort_key(e.date, (e.time or "") + "0"), entry))
    for s in rec.statements:
        setting = vocab.label(vocab.STATEMENT_SETTINGS, s.setting)
        entry = ChronoEntry(
            date_text(s.date),
            "Statement",
            f"{speaker(s)} ({setting.lower()})",
            "\u201c" + t.excerpt(s.text, 30) + "\u201d" + (" (in substance)" if s.reported else ""),
            source_of(s.source_document_id, s.pin_cite),
        )
        items.append((sort_key(s.date, "1"), entry))
    for a in rec.appearances:
        items.append((sort_key(a.date, (a.time or "") + "0"), _appearance_entry(a)))
    for f in rec.filings:
        items.append((sort_key(f.date, "1"), _filing_entry(f)))
    items.sort(key=lambda pair: pair[0])
    return [entry for _, entry in items]


def _appearance_entry(a: AppearanceRecord) -> ChronoEntry:
    """A court date: when, what for and where; what came of it and the next date."""
    purpose = vocab.label(vocab.APPEARANCE_PURPOSES, a.purpose)
    where = ", ".join(x for x in (f"Part {t.line(a.part)}" if a.part else "", t.line(a.judge)) if x)
    detail = [t.excerpt(a.outcome, 60)] if a.outcome else []
    if a.adjourned_to is not None:
        asked = vocab.label(vocab.ADJOURNMENT_REQUESTERS, a.requested_by)
        by = f" (asked by {asked[:1].lower()}{asked[1:]})" if asked else ""
        detail.append(f"Adjourned to {date_text(a.adjourned_to)}{by}")
    return ChronoEntry(
        date_text(a.date),
        "Court appearance",
        purpose + (f" \u2014 {where}" if where else ""),
        _sentences(detail),
        time=a.time or "",
    )


def _filing_entry(f: FilingRecord) -> ChronoEntry:
    kind = vocab.label(vocab.FILING_KINDS, f.kind)
    if f.with_coc:
        kind += " with a certificate of compliance"
    title = kind + (f": {t.line(f.title)}" if f.title else "")
    return ChronoEntry(date_text(f.date), "Filing", title)


def _sentences(parts: list[str]) -> str:
    """The non-empty ``parts`` as sentences: each ends in a stop, one space between."""
    return " ".join(x if x.endswith((".", "!", "?", "\u2026")) else x + "." for x in parts if x)
