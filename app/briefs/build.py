"""Building a case's :class:`~app.briefs.model.Brief` for a profile.

:func:`build_brief` reads the case with :func:`app.core.lists.case_loader.load_case`
(the same records ``casefile show --json`` and the archive start from) and
:func:`brief_from_records` turns them into the brief's sections. This is where
every string is cleaned (:mod:`app.briefs.text`) and where the profile's
redactions happen, so a writer cannot leak what the profile leaves out.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import TypeVar

from app.briefs import text as t
from app.briefs.chronology import SourceOf, chronology, date_text, sort_key
from app.briefs.collector import cycle_collector_paused
from app.briefs.court import (
    CourtFacts,
    DateChoice,
    clock_section,
    court_dates,
    court_record_dates,
    headline,
    read_court_facts,
)
from app.briefs.model import (
    Brief,
    ChargeRow,
    Cover,
    DocumentRow,
    Glance,
    GlanceCharge,
    IssueEntry,
    NoteEntry,
    StatementEntry,
    StatementGroup,
)
from app.briefs.people import people_section
from app.briefs.profiles import DEFAULT_MARKING, FULL, Profile
from app.briefs.roles import group_by_roles
from app.core import vocab
from app.core.dates import PartialDate
from app.core.lists.case_loader import (
    CaseRecords,
    ChargeRecord,
    DocumentRecord,
    EventRecord,
    IssueRecord,
    NoteRecord,
    PartyRecord,
    StatementRecord,
    load_case,
)
from app.core.storage.workspace import Workspace
from app.core.timeline.marks import Timeline, from_records

UNNAMED_SPEAKER = "Unnamed speaker"
WITHHELD_SOURCE = "a privileged document"
# A table of contents pays off once a brief runs past a few pages; this many
# characters of text make about four printed pages.
TOC_THRESHOLD_CHARS = 12_000

R = TypeVar("R", StatementRecord, EventRecord, DocumentRecord)


def build_brief(
    ws: Workspace,
    case_ref: int | str,
    profile: Profile = FULL,
    *,
    today: dt.date | None = None,
    by_issue: bool = False,
    marking: str | None = None,
    purpose: str | None = None,
    toc: bool | None = None,
) -> Brief:
    """Read the case in one read-only session and build its brief for ``profile``.

    ``today`` decides which court date is "next", the date the clock and the deadlines
    are computed as of, and the date prepared; ``toc=None`` adds a table of contents
    when the brief runs past a few pages.
    """
    today = today or dt.date.today()
    with cycle_collector_paused():
        with ws.reader() as session:
            records = load_case(session, case_ref)
            court = read_court_facts(session, records, profile, today)
        # The records in hand are the timeline's too: it is not read a second time.
        timeline = from_records(records) if "timeline" in profile.sections else None
        return brief_from_records(
            records,
            profile,
            court=court,
            today=today,
            by_issue=by_issue,
            marking=marking,
            purpose=purpose,
            toc=toc,
            timeline=timeline,
        )


@dataclass
class _Case:
    """The records, with the lookups the sections need made once."""

    rec: CaseRecords
    charges: list[ChargeRecord]  # in count order
    parties: dict[int, PartyRecord]
    documents: dict[int, DocumentRecord]
    speakers: dict[int, str]  # party id -> the name a statement heading shows
    issue_statements: dict[int, list[StatementRecord]]
    issue_events: dict[int, list[EventRecord]]
    issue_documents: dict[int, list[DocumentRecord]]

    @classmethod
    def of(cls, rec: CaseRecords) -> _Case:
        return cls(
            rec=rec,
            charges=sorted(rec.charges, key=lambda c: (c.count_number, c.id)),
            parties={p.id: p for p in rec.parties},
            documents={d.id: d for d in rec.documents},
            speakers={p.id: t.line(p.person.name) or UNNAMED_SPEAKER for p in rec.parties},
            issue_statements=_by_linked_issue(rec.statements, rec.statement_issues),
            issue_events=_by_linked_issue(rec.events, rec.event_issues),
            issue_documents=_by_linked_issue(rec.documents, rec.document_issues),
        )

    def speaker(self, statement: StatementRecord) -> str:
        return self.speakers.get(statement.speaker_id, UNNAMED_SPEAKER)


def _by_linked_issue(records: list[R], links: dict[int, list[int]]) -> dict[int, list[R]]:
    """issue id -> the records linked to it, in the records' order."""
    result: dict[int, list[R]] = defaultdict(list)
    for record in records:
        for issue_id in links.get(record.id, ()):
            result[issue_id].append(record)
    return dict(result)


def brief_from_records(
    rec: CaseRecords,
    profile: Profile = FULL,
    *,
    court: CourtFacts | None = None,
    today: dt.date | None = None,
    by_issue: bool = False,
    marking: str | None = None,
    purpose: str | None = None,
    toc: bool | None = None,
    timeline: Timeline | None = None,
) -> Brief:
    """The brief of the case ``rec`` holds, for ``profile`` (see :func:`build_brief`).
    ``court`` is what :func:`~app.briefs.court.read_court_facts` read; without it the
    clock section is left out and the court dates come from the records alone.
    ``timeline`` is the case's :func:`~app.core.timeline.marks.from_records`; without it the
    timeline section says there is nothing dated to show."""
    today = today or dt.date.today()
    case = rec.case
    data = _Case.of(rec)
    p = profile

    def source_of(document_id: int | None, pin_cite: str) -> str:
        doc = data.documents.get(document_id) if document_id is not None else None
        if doc is None:
            return t.line(pin_cite)
        if doc.privileged and not p.privileged_details:
            return WITHHELD_SOURCE
        return ", ".join(x for x in (t.line(doc.title), t.line(pin_cite)) if x)

    clients = [t.line(pt.person.name) for pt in rec.parties if "client" in (pt.roles or [])]
    prepared = PartialDate.from_date(today).display()
    caption = t.line(case.caption) or "Untitled case"
    brief = Brief(
        caption=caption,
        marking=t.line(marking) if marking is not None else DEFAULT_MARKING,
        prepared=prepared,
        profile_key=p.key,
        profile_label=p.label,
        sections=p.sections,
        statements_by="issue" if by_issue else "speaker",
        cover=Cover(
            caption=caption,
            court=t.line(case.court),
            jurisdiction=t.line(case.jurisdiction),
            docket=t.line(case.docket_number),
            clients=clients,
            staff=t.line(case.assigned_staff),
            prepared=prepared,
            purpose=t.line(purpose) if purpose is not None else p.purpose,
            marking=t.line(marking) if marking is not None else DEFAULT_MARKING,
        ),
    )
    documents = [d for d in rec.documents if p.privileged_details or not d.privileged]
    brief.withheld_documents = len(rec.documents) - len(documents)
    notes = [n for n in rec.notes if p.staff_only_notes or not n.staff_only]

    court = court or CourtFacts()
    if not p.speedy_trial:  # withheld from this audience, whoever read the clock
        court = replace(court, clock=None)
    if "glance" in p.sections:
        brief.glance = _glance(data, len(documents), today, court)
    if "charges" in p.sections:
        brief.charges = [_charge_row(c, p) for c in data.charges]
    if "clock" in p.sections and court.clock is not None and p.speedy_trial:
        brief.clock = clock_section(court.clock)
    if "dates" in p.sections:
        brief.dates = court_dates(rec, court, today, p.speedy_trial)
    if "people" in p.sections:
        brief.people = people_section(rec.parties, p)
    if "chronology" in p.sections:
        brief.chronology = chronology(rec, data.speaker, source_of)
    if "timeline" in p.sections:
        brief.timeline = timeline
    if "statements" in p.sections:
        entries = {s.id: _statement_entry(s, data, source_of, p) for s in rec.statements}
        brief.statement_groups = (
            _by_issue(data, entries) if by_issue else _by_speaker(data, entries)
        )
    if "issues" in p.sections:
        brief.issues = [_issue_entry(i, data, p) for i in rec.issues]
    if "documents" in p.sections:
        brief.documents = [_document_row(d, p) for d in documents]
    if "notes" in p.sections:
        brief.case_notes = t.paragraphs(case.notes) if p.internal_notes else []
        brief.notes = [_note_entry(n) for n in notes]
    brief.toc = toc if toc is not None else brief.text_size() > TOC_THRESHOLD_CHARS
    return brief


def _glance(data: _Case, shown_documents: int, today: dt.date, court: CourtFacts) -> Glance:
    rec = data.rec
    # The earliest of the court records' dates and the court-appearance events from today
    # on (what the file held before court appearances were records of their own).
    choices = court_record_dates(rec, court, today) + _next_events(rec, today)
    next_date = min(choices)[2] if choices else "None scheduled"
    key_people = [
        (label, sorted(t.line(party.person.name) for party in parties))
        for label, parties in group_by_roles(rec.parties, lambda party: party.roles)
    ]
    return Glance(
        summary=t.paragraphs(rec.case.summary),
        charges=[
            GlanceCharge(
                f"Count {c.count_number}: {t.line(c.statute)}"
                + (f" \u2014 {t.line(c.description)}" if c.description else ""),
                t.line(c.offense_class),
                vocab.label(vocab.CHARGE_STATUSES, c.status),
            )
            for c in data.charges
        ],
        next_court_date=next_date,
        key_people=key_people,
        open_issues=[t.line(i.title) for i in rec.issues if i.status == "open"],
        speedy_trial=headline(court.clock) if court.clock is not None else "",
        counts={
            "statements": len(rec.statements),
            "documents": shown_documents,
            "events": len(rec.events),
        },
    )


def _next_events(rec: CaseRecords, today: dt.date) -> list[DateChoice]:
    """The earliest court-appearance event from ``today`` on, if any."""
    upcoming = [
        e
        for e in rec.events
        if e.kind == "court_appearance" and e.date is not None and e.date.latest() >= today
    ]
    if not upcoming:
        return []
    nxt = min(upcoming, key=lambda e: (e.date.earliest(), e.time or ""))  # type: ignore[union-attr]
    when = date_text(nxt.date) + (f", {nxt.time}" if nxt.time else "")
    parts = [when, t.line(nxt.title), t.line(nxt.place)]
    return [(nxt.date.earliest(), nxt.time or "", " \u2014 ".join(x for x in parts if x))]  # type: ignore[union-attr]


def _charge_row(charge: ChargeRecord, p: Profile) -> ChargeRow:
    disposition = t.line(charge.disposition)
    if charge.disposition_date is not None:
        disposition = f"{disposition} ({date_text(charge.disposition_date)})".strip()
    return ChargeRow(
        count=str(charge.count_number),
        statute=t.line(charge.statute),
        description=t.line(charge.description),
        offense_class=t.line(charge.offense_class),
        status=vocab.label(vocab.CHARGE_STATUSES, charge.status),
        disposition=disposition,
        notes=t.line(charge.notes) if p.internal_notes else "",
    )


def _statement_entry(
    s: StatementRecord, data: _Case, source_of: SourceOf, p: Profile
) -> StatementEntry:
    meta = [date_text(s.date), vocab.label(vocab.STATEMENT_SETTINGS, s.setting)]
    recipient = data.parties.get(s.recipient_party_id) if s.recipient_party_id else None
    to = t.line(recipient.person.name) if recipient is not None else t.line(s.recipient_text)
    if to:
        meta.append(f"to {to}")
    if s.sworn:
        meta.append("sworn")
    paragraphs = t.paragraphs(s.text) or ["(no text)"]
    if s.reported:  # the reporter's paraphrase, not the speaker's own words
        paragraphs[-1] += " (in substance)"
    return StatementEntry(
        heading=data.speaker(s),
        meta=" \u00b7 ".join(meta),
        paragraphs=paragraphs,
        source=source_of(s.source_document_id, s.pin_cite),
        notes=t.paragraphs(s.notes) if p.internal_notes else [],
    )


def _in_date_order(statements: list[StatementRecord]) -> list[StatementRecord]:
    return sorted(statements, key=lambda s: sort_key(s.date, str(s.id).zfill(12)))


def _by_speaker(data: _Case, entries: dict[int, StatementEntry]) -> list[StatementGroup]:
    groups: dict[str, list[StatementRecord]] = defaultdict(list)
    for s in data.rec.statements:
        groups[data.speaker(s)].append(s)
    # Grouped by speaker, the group heading already names them.
    return [
        StatementGroup(name, [entries[s.id] for s in _in_date_order(groups[name])])
        for name in sorted(groups, key=str.lower)
    ]


def _by_issue(data: _Case, entries: dict[int, StatementEntry]) -> list[StatementGroup]:
    def ordered(statements: list[StatementRecord]) -> list[StatementEntry]:
        return [_labelled(entries[s.id]) for s in _in_date_order(statements)]

    groups = []
    for issue in data.rec.issues:
        linked = data.issue_statements.get(issue.id)
        if linked:
            groups.append(StatementGroup(t.line(issue.title), ordered(linked)))
    loose = [s for s in data.rec.statements if not data.rec.statement_issues.get(s.id)]
    if loose:
        groups.append(StatementGroup("Not linked to a legal issue", ordered(loose)))
    return groups


def _labelled(entry: StatementEntry) -> StatementEntry:
    # Grouped by issue, each statement says who spoke.
    return StatementEntry(
        entry.heading,
        f"{entry.heading} \u00b7 {entry.meta}",
        entry.paragraphs,
        entry.source,
        entry.notes,
    )


def _issue_entry(issue: IssueRecord, data: _Case, p: Profile) -> IssueEntry:
    statements = sorted(data.issue_statements.get(issue.id, []), key=lambda s: sort_key(s.date))
    events = sorted(data.issue_events.get(issue.id, []), key=lambda e: sort_key(e.date))
    docs = [
        d
        for d in data.issue_documents.get(issue.id, [])
        if p.privileged_details or not d.privileged
    ]
    return IssueEntry(
        title=t.line(issue.title),
        status=vocab.label(vocab.ISSUE_STATUSES, issue.status),
        description=t.paragraphs(issue.description),
        statements=[
            f"{data.speaker(s)}, {date_text(s.date)}: \u201c{t.excerpt(s.text, 25)}\u201d"
            for s in statements
        ],
        events=[f"{date_text(e.date)}: {t.line(e.title)}" for e in events],
        documents=[_document_ref(d) for d in docs],
    )


def _document_ref(d: DocumentRecord) -> str:
    bates = _bates(d)
    return t.line(d.title) + (f" ({bates})" if bates else "")


def _bates(d: DocumentRecord) -> str:
    start, end = t.line(d.bates_start), t.line(d.bates_end)
    if start and end and start != end:
        return f"{start}\u2013{end}"
    return start or end


def _document_row(d: DocumentRecord, p: Profile) -> DocumentRow:
    return DocumentRow(
        title=t.line(d.title),
        kind=vocab.label(vocab.DOCUMENT_KINDS, d.kind),
        date=date_text(d.date) if d.date else "",
        bates=_bates(d),
        privileged=bool(d.privileged),
        sha=(d.file_sha256 or "")[:12],
        notes=t.line(d.notes) if p.internal_notes else "",
    )


def _note_entry(n: NoteRecord) -> NoteEntry:
    label = ("Done" if n.done else "To-do") if n.is_todo else "Note"
    if n.staff_only:
        label += " (staff only)"
    return NoteEntry(t.paragraphs(n.body), label)
