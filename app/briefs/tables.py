"""The brief's tables as rows of text, shared by both writers so that Word and PDF
show the same columns in the same order (each writer only chooses widths)."""

from __future__ import annotations

from app.briefs.model import Brief, Glance

CHARGE_COLUMNS = ("Count", "Statute", "Description", "Class", "Status", "Disposition")
DOCUMENT_COLUMNS = ("Title", "Kind", "Date", "Bates range", "Priv.", "SHA-256")


def charge_rows(brief: Brief) -> list[list[str]]:
    return [
        [c.count, c.statute, c.description, c.offense_class, c.status, c.disposition]
        for c in brief.charges
    ]


def document_rows(brief: Brief) -> list[list[str]]:
    return [
        [
            d.title + (f" \u2014 Note: {d.notes}" if d.notes else ""),
            d.kind,
            d.date,
            d.bates,
            "Yes" if d.privileged else "",
            d.sha,
        ]
        for d in brief.documents
    ]


def cover_rows(brief: Brief) -> list[tuple[str, str]]:
    """The cover's label/value lines that have a value."""
    c = brief.cover
    rows = [
        ("Court", c.court),
        ("County / jurisdiction", c.jurisdiction),
        ("Docket / index no.", c.docket or "Not yet assigned"),
        ("Client", "; ".join(c.clients) or "Not recorded"),
        ("Assigned staff", c.staff or "Not recorded"),
        ("Date prepared", c.prepared),
        ("Purpose / audience", c.purpose),
    ]
    return [(label, value) for label, value in rows if value]


COURT_DATE_COLUMNS = ("Date", "Time", "Court date", "Part / judge")
DEADLINE_COLUMNS = ("Due", "Deadline", "Basis", "Status")


def court_date_rows(brief: Brief) -> list[list[str]]:
    dates = brief.dates.court_dates if brief.dates else []
    return [[r.date, r.time, r.what, r.where] for r in dates]


def deadline_rows(brief: Brief) -> list[list[str]]:
    deadlines = brief.dates.deadlines if brief.dates else []
    return [[d.date, d.title, d.basis, d.status] for d in deadlines]


def glance_counts(glance: Glance) -> str:
    """ "2 statements \u00b7 0 documents \u00b7 1 event": what the file holds."""
    c = glance.counts
    return " \u00b7 ".join(
        f"{n} {noun if n == 1 else noun + 's'}"
        for n, noun in (
            (c["statements"], "statement"),
            (c["documents"], "document"),
            (c["events"], "event"),
        )
    )
