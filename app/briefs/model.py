"""The brief as plain data: built from a case and a profile, rendered by two writers.

Nothing here knows about Qt, Word or PDF. Every string in a :class:`Brief` is
already cleaned (see :mod:`app.briefs.text`) and already redacted for the
profile, so the writers only lay it out: both show the same content in the same
order, and a writer cannot leak what the profile leaves out.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, load_only, selectinload

from app.briefs import text as t
from app.briefs.collector import cycle_collector_paused
from app.briefs.profiles import DEFAULT_MARKING, FULL, SECTIONS, Profile
from app.core import vocab
from app.core.dates import PartialDate
from app.core.services.cases import find_case
from app.core.storage.models import Case, Charge, Document, Event, Issue, Note, Party, Statement
from app.core.storage.workspace import Workspace

UNKNOWN_DATE = "Date unknown"
WITHHELD_SOURCE = "a privileged document"
# A table of contents pays off once a brief runs past a few pages; this many
# characters of text make about four printed pages.
TOC_THRESHOLD_CHARS = 12_000


@dataclass
class Cover:
    caption: str
    court: str = ""
    jurisdiction: str = ""
    docket: str = ""
    clients: list[str] = field(default_factory=list)
    staff: str = ""
    prepared: str = ""
    purpose: str = ""
    marking: str = DEFAULT_MARKING


@dataclass
class GlanceCharge:
    label: str  # "Count 1: PL 120.00(1)"
    offense_class: str
    status: str


@dataclass
class Glance:
    summary: list[str]
    charges: list[GlanceCharge]
    next_court_date: str
    key_people: list[tuple[str, list[str]]]  # role label, names
    open_issues: list[str]
    counts: dict[str, int]


@dataclass
class ChargeRow:
    count: str
    statute: str
    description: str
    offense_class: str
    status: str
    disposition: str
    notes: str = ""


@dataclass
class PersonEntry:
    name: str
    details: str  # "Police officer, New York City Police Department; also known as ..."
    notes: list[str] = field(default_factory=list)


@dataclass
class PeopleGroup:
    role: str
    people: list[PersonEntry]


@dataclass
class ChronoEntry:
    date: str
    kind: str  # "Event: Court appearance" or "Statement"
    title: str
    detail: str = ""
    source: str = ""


@dataclass
class StatementEntry:
    heading: str  # "Derrick Ingram"
    meta: str  # "June 14, 2020 · Press statement · to reporters · sworn"
    paragraphs: list[str]
    source: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass
class StatementGroup:
    title: str
    statements: list[StatementEntry]


@dataclass
class IssueEntry:
    title: str
    status: str
    description: list[str]
    statements: list[str]
    events: list[str]
    documents: list[str]


@dataclass
class DocumentRow:
    title: str
    kind: str
    date: str
    bates: str
    privileged: bool
    sha: str  # first 12 hex digits of the file's SHA-256, or ""
    notes: str = ""


@dataclass
class NoteEntry:
    paragraphs: list[str]
    label: str  # "To-do", "Done", "Note"; "(staff only)" appended when it is


@dataclass
class Brief:
    caption: str
    marking: str
    prepared: str
    profile_key: str
    profile_label: str
    sections: tuple[str, ...]
    cover: Cover
    glance: Glance | None = None
    charges: list[ChargeRow] = field(default_factory=list)
    people: list[PeopleGroup] = field(default_factory=list)
    chronology: list[ChronoEntry] = field(default_factory=list)
    statements_by: str = "speaker"
    statement_groups: list[StatementGroup] = field(default_factory=list)
    issues: list[IssueEntry] = field(default_factory=list)
    documents: list[DocumentRow] = field(default_factory=list)
    withheld_documents: int = 0
    case_notes: list[str] = field(default_factory=list)
    notes: list[NoteEntry] = field(default_factory=list)
    toc: bool = False

    @property
    def title(self) -> str:
        return f"Case brief: {self.caption}"

    @property
    def subject(self) -> str:
        return f"{self.profile_label} brief \u2014 {self.cover.purpose}".strip()

    def section_title(self, key: str) -> str:
        if key == "statements" and self.statements_by == "issue":
            return "Statements by legal issue"
        return SECTIONS[key]

    def text_size(self) -> int:
        """Roughly how many characters of text the brief holds (for the TOC decision)."""
        size = sum(
            len(p) for g in self.statement_groups for s in g.statements for p in s.paragraphs
        )
        size += sum(len(e.title) + len(e.detail) + 20 for e in self.chronology)
        size += sum(len(d.title) + 40 for d in self.documents)
        size += sum(len(p) for n in self.notes for p in n.paragraphs)
        size += sum(len(i.title) + sum(map(len, i.description)) + 60 for i in self.issues)
        size += sum(len(p.name) + len(p.details) + 40 for g in self.people for p in g.people)
        return size + 200 * len(self.charges) + 3000 * bool(self.glance)


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

    ``today`` decides which court date is "next" and the date prepared;
    ``toc=None`` adds a table of contents when the brief runs past a few pages.
    """
    with ws.reader() as session, cycle_collector_paused():
        return build_brief_in_session(
            session,
            case_ref,
            profile,
            today=today,
            by_issue=by_issue,
            marking=marking,
            purpose=purpose,
            toc=toc,
        )


def build_brief_in_session(
    session: Session,
    case_ref: int | str,
    profile: Profile = FULL,
    *,
    today: dt.date | None = None,
    by_issue: bool = False,
    marking: str | None = None,
    purpose: str | None = None,
    toc: bool | None = None,
) -> Brief:
    today = today or dt.date.today()
    case = find_case(session, case_ref)
    data = _CaseData.load(session, case.id)
    p = profile
    docs_by_id = {d.id: d for d in data.documents}

    def source_of(document_id: int | None, pin_cite: str) -> str:
        doc = docs_by_id.get(document_id) if document_id is not None else None
        if doc is None:
            return t.line(pin_cite)
        if doc.privileged and not p.privileged_details:
            return WITHHELD_SOURCE
        return ", ".join(x for x in (t.line(doc.title), t.line(pin_cite)) if x)

    clients = [t.line(pt.person.name) for pt in data.parties if "client" in (pt.roles or [])]
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
    documents = [d for d in data.documents if p.privileged_details or not d.privileged]
    brief.withheld_documents = len(data.documents) - len(documents)
    notes = [n for n in data.notes if p.staff_only_notes or not n.staff_only]

    if "glance" in p.sections:
        brief.glance = _glance(case, data, documents, today)
    if "charges" in p.sections:
        brief.charges = [_charge_row(c, p) for c in data.charges]
    if "people" in p.sections:
        brief.people = _people(data.parties, p)
    if "chronology" in p.sections:
        brief.chronology = _chronology(data, source_of)
    if "statements" in p.sections:
        parties = {x.id: x for x in data.parties}
        entries = {s.id: _statement_entry(s, parties, source_of, p) for s in data.statements}
        brief.statement_groups = (
            _by_issue(data, entries) if by_issue else _by_speaker(data, entries)
        )
    if "issues" in p.sections:
        brief.issues = [_issue_entry(i, data, p) for i in data.issues]
    if "documents" in p.sections:
        brief.documents = [_document_row(d, p) for d in documents]
    if "notes" in p.sections:
        brief.case_notes = t.paragraphs(case.notes) if p.internal_notes else []
        brief.notes = [_note_entry(n) for n in notes]
    brief.toc = toc if toc is not None else brief.text_size() > TOC_THRESHOLD_CHARS
    return brief


# Only what a brief shows: a document's extracted text can be megabytes.
_DOCUMENT_COLUMNS = load_only(
    Document.id,
    Document.case_id,
    Document.title,
    Document.kind,
    Document.date,
    Document.privileged,
    Document.bates_start,
    Document.bates_end,
    Document.notes,
    Document.file_sha256,
)


@dataclass
class _CaseData:
    parties: list[Party]
    statements: list[Statement]
    events: list[Event]
    documents: list[Document]
    charges: list[Charge]
    issues: list[Issue]
    notes: list[Note]

    @classmethod
    def load(cls, session: Session, case_id: int) -> _CaseData:
        def rows(model, *options, order=None):  # type: ignore[no-untyped-def]
            query = select(model).where(model.case_id == case_id).options(*options)
            return list(session.scalars(query.order_by(*(order or (model.id,)))).unique())

        return cls(
            parties=rows(Party),
            statements=rows(Statement, selectinload(Statement.issues)),
            events=rows(Event, selectinload(Event.issues)),
            documents=rows(Document, _DOCUMENT_COLUMNS, selectinload(Document.issues)),
            charges=rows(Charge, order=(Charge.count_number, Charge.id)),
            issues=rows(Issue),
            notes=rows(Note),
        )


def _date(value: PartialDate | None) -> str:
    return value.display() if value is not None else UNKNOWN_DATE


def _sort_key(value: PartialDate | None, extra: str = "") -> tuple[bool, str, str]:
    return (value is None, value.iso() if value else "", extra)


def _glance(case: Case, data: _CaseData, documents: list[Document], today: dt.date) -> Glance:
    upcoming = [
        e
        for e in data.events
        if e.kind == "court_appearance" and e.date is not None and e.date.latest() >= today
    ]
    if upcoming:
        nxt = min(upcoming, key=lambda e: (e.date.earliest(), e.time or ""))  # type: ignore[union-attr]
        when = _date(nxt.date) + (f", {nxt.time}" if nxt.time else "")
        parts = [when, t.line(nxt.title), t.line(nxt.place)]
        next_date = " \u2014 ".join(x for x in parts if x)
    else:
        next_date = "None scheduled"
    by_role: dict[str, list[str]] = defaultdict(list)
    for party in data.parties:
        for role in party.roles or []:
            by_role[role].append(t.line(party.person.name))
    key_people = [(vocab.ROLES[r], sorted(by_role[r])) for r in vocab.ROLES if r in by_role]
    key_people += [(t.line(r), sorted(n)) for r, n in by_role.items() if r not in vocab.ROLES]
    return Glance(
        summary=t.paragraphs(case.summary),
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
        open_issues=[t.line(i.title) for i in data.issues if i.status == "open"],
        counts={
            "statements": len(data.statements),
            "documents": len(documents),
            "events": len(data.events),
        },
    )


def _charge_row(charge: Charge, p: Profile) -> ChargeRow:
    disposition = t.line(charge.disposition)
    if charge.disposition_date is not None:
        disposition = f"{disposition} ({_date(charge.disposition_date)})".strip()
    return ChargeRow(
        count=str(charge.count_number),
        statute=t.line(charge.statute),
        description=t.line(charge.description),
        offense_class=t.line(charge.offense_class),
        status=vocab.label(vocab.CHARGE_STATUSES, charge.status),
        disposition=disposition,
        notes=t.line(charge.notes) if p.internal_notes else "",
    )


def _people(parties: list[Party], p: Profile) -> list[PeopleGroup]:
    groups: dict[str, list[PersonEntry]] = defaultdict(list)
    for party in sorted(parties, key=lambda x: t.line(x.person.name).lower()):
        person = party.person
        bits = [t.line(person.title), t.line(person.affiliation)]
        details = ", ".join(b for b in bits if b)
        aliases = [t.line(a) for a in person.aliases or [] if t.line(a)]
        if aliases:
            details += ("; " if details else "") + "also known as " + ", ".join(aliases)
        notes = t.paragraphs(party.notes) + t.paragraphs(person.notes) if p.internal_notes else []
        entry = PersonEntry(t.line(person.name), details, notes)
        for role in party.roles or ["other"]:
            groups[role].append(entry)
    order = [r for r in vocab.ROLES if r in groups] + [r for r in groups if r not in vocab.ROLES]
    return [PeopleGroup(vocab.label(vocab.ROLES, r), groups[r]) for r in order]


def _speaker_name(statement: Statement) -> str:
    return t.line(statement.speaker.person.name) or "Unnamed speaker"


def _chronology(data: _CaseData, source_of) -> list[ChronoEntry]:  # type: ignore[no-untyped-def]
    items: list[tuple[tuple[bool, str, str], ChronoEntry]] = []
    for e in data.events:
        kind = vocab.label(vocab.EVENT_KINDS, e.kind)
        when = _date(e.date) + (f", {e.time}" if e.time else "")
        detail = " ".join(x for x in (t.line(e.place), t.excerpt(e.description, 60)) if x)
        entry = ChronoEntry(
            when,
            f"Event: {kind}",
            t.line(e.title),
            detail,
            source_of(e.source_document_id, e.pin_cite),
        )
        items.append((_sort_key(e.date, (e.time or "") + "0"), entry))
    for s in data.statements:
        setting = vocab.label(vocab.STATEMENT_SETTINGS, s.setting)
        entry = ChronoEntry(
            _date(s.date),
            "Statement",
            f"{_speaker_name(s)} ({setting.lower()})",
            "\u201c" + t.excerpt(s.text, 30) + "\u201d",
            source_of(s.source_document_id, s.pin_cite),
        )
        items.append((_sort_key(s.date, "1"), entry))
    items.sort(key=lambda pair: pair[0])
    return [entry for _, entry in items]


def _statement_entry(
    s: Statement,
    parties: dict[int, Party],
    source_of,
    p: Profile,  # type: ignore[no-untyped-def]
) -> StatementEntry:
    meta = [_date(s.date), vocab.label(vocab.STATEMENT_SETTINGS, s.setting)]
    recipient = parties.get(s.recipient_party_id) if s.recipient_party_id else None
    to = t.line(recipient.person.name) if recipient is not None else t.line(s.recipient_text)
    if to:
        meta.append(f"to {to}")
    if s.sworn:
        meta.append("sworn")
    return StatementEntry(
        heading=_speaker_name(s),
        meta=" \u00b7 ".join(meta),
        paragraphs=t.paragraphs(s.text) or ["(no text)"],
        source=source_of(s.source_document_id, s.pin_cite),
        notes=t.paragraphs(s.notes) if p.internal_notes else [],
    )


def _by_speaker(data: _CaseData, entries: dict[int, StatementEntry]) -> list[StatementGroup]:
    groups: dict[str, list[Statement]] = defaultdict(list)
    for s in data.statements:
        groups[_speaker_name(s)].append(s)
    result = []
    for name in sorted(groups, key=str.lower):
        ordered = sorted(groups[name], key=lambda s: _sort_key(s.date, str(s.id).zfill(12)))
        # Grouped by speaker, the group heading already names them.
        result.append(StatementGroup(name, [entries[s.id] for s in ordered]))
    return result


def _by_issue(data: _CaseData, entries: dict[int, StatementEntry]) -> list[StatementGroup]:
    def ordered(statements: list[Statement]) -> list[StatementEntry]:
        keyed = sorted(statements, key=lambda s: _sort_key(s.date, str(s.id).zfill(12)))
        return [_labelled(entries[s.id]) for s in keyed]

    groups = []
    for issue in data.issues:
        linked = [s for s in data.statements if issue in s.issues]
        if linked:
            groups.append(StatementGroup(t.line(issue.title), ordered(linked)))
    loose = [s for s in data.statements if not s.issues]
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


def _issue_entry(issue: Issue, data: _CaseData, p: Profile) -> IssueEntry:
    statements = sorted(
        (s for s in data.statements if issue in s.issues), key=lambda s: _sort_key(s.date)
    )
    events = sorted((e for e in data.events if issue in e.issues), key=lambda e: _sort_key(e.date))
    docs = [
        d
        for d in data.documents
        if issue in d.issues and (p.privileged_details or not d.privileged)
    ]
    return IssueEntry(
        title=t.line(issue.title),
        status=vocab.label(vocab.ISSUE_STATUSES, issue.status),
        description=t.paragraphs(issue.description),
        statements=[
            f"{_speaker_name(s)}, {_date(s.date)}: \u201c{t.excerpt(s.text, 25)}\u201d"
            for s in statements
        ],
        events=[f"{_date(e.date)}: {t.line(e.title)}" for e in events],
        documents=[_document_ref(d) for d in docs],
    )


def _document_ref(d: Document) -> str:
    bates = _bates(d)
    return t.line(d.title) + (f" ({bates})" if bates else "")


def _bates(d: Document) -> str:
    start, end = t.line(d.bates_start), t.line(d.bates_end)
    if start and end and start != end:
        return f"{start}\u2013{end}"
    return start or end


def _document_row(d: Document, p: Profile) -> DocumentRow:
    return DocumentRow(
        title=t.line(d.title),
        kind=vocab.label(vocab.DOCUMENT_KINDS, d.kind),
        date=_date(d.date) if d.date else "",
        bates=_bates(d),
        privileged=bool(d.privileged),
        sha=(d.file_sha256 or "")[:12],
        notes=t.line(d.notes) if p.internal_notes else "",
    )


def _note_entry(n: Note) -> NoteEntry:
    label = ("Done" if n.done else "To-do") if n.is_todo else "Note"
    if n.staff_only:
        label += " (staff only)"
    return NoteEntry(t.paragraphs(n.body), label)
