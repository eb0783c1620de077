"""The brief as plain data: built by :mod:`app.briefs.build`, rendered by two writers.

Nothing here knows about Qt, Word, PDF or the database. Every string in a
:class:`Brief` is already cleaned (see :mod:`app.briefs.text`) and already
redacted for the profile, so the writers (:mod:`app.briefs.docx`,
:mod:`app.briefs.pdf.document`) only lay it out: both show the same content in
the same order, and a writer cannot leak what the profile leaves out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.briefs.clock.model import PeriodTable
from app.briefs.profiles import DEFAULT_MARKING, SECTIONS
from app.core.timeline.marks import Timeline


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
    speedy_trial: str = ""  # the clock's headline; "" when the profile leaves it out


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
class ClockSection:
    """The CPL 30.30 clock as of the date prepared.

    ``headline`` is the figure a reader looks for ("84 of 90 chargeable days used; 6
    remain; last day Tuesday, January 12, 2027", or what the clock needs to count);
    ``beside`` the same count with the days the defense argues are chargeable ("" when
    there are none); ``facts`` the labelled lines (limit, commencement, readiness,
    what is missing); ``periods`` the period table, None when there are no periods."""

    headline: str
    beside: str = ""
    facts: list[tuple[str, str]] = field(default_factory=list)
    periods: PeriodTable | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class CourtDateRow:
    date: str  # "Wed, Apr 15, 2026"
    time: str
    what: str  # the purpose, or "Adjourned date (set ...)" for the pending next date
    where: str  # part and judge


@dataclass
class DeadlineRow:
    date: str  # "Tue, Mar 24, 2026"; a partial date as recorded; "Not yet known"
    title: str
    basis: str  # the rule's citation, or "Added by hand"
    status: str  # "Overdue", "Met March 20, 2026", "Falls on a weekend", "Not computed: ..."


@dataclass
class CourtDates:
    court_dates: list[CourtDateRow] = field(default_factory=list)
    deadlines: list[DeadlineRow] = field(default_factory=list)


@dataclass
class PersonEntry:
    name: str
    details: str  # "Police officer, New York City Police Department; also known as ..."
    notes: list[str] = field(default_factory=list)
    # A line per kind of role: "Shield 4471, 75th Precinct" (app/briefs/people.py).
    facts: list[str] = field(default_factory=list)


@dataclass
class PeopleGroup:
    role: str
    people: list[PersonEntry]


@dataclass
class ChronoEntry:
    date: str  # "December 1, 2026", "about March 2026": the writers' date column
    kind: str  # "Event: Court appearance", "Statement", "Court appearance" or "Filing"
    title: str  # "Arraignment \u2014 Part AP-2": what happened, and where
    detail: str = ""
    source: str = ""
    time: str = ""  # "09:30", shown with the date in its column


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
    clock: ClockSection | None = None
    dates: CourtDates | None = None
    people: list[PeopleGroup] = field(default_factory=list)
    chronology: list[ChronoEntry] = field(default_factory=list)
    # The case on a time axis (app/core/timeline); None when not read or not chosen.
    timeline: Timeline | None = None
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
        size += sum(
            len(p.name) + len(p.details) + sum(map(len, p.facts)) + 40
            for g in self.people
            for p in g.people
        )
        if self.timeline is not None and self.timeline.marks:
            size += 2500  # about half a page of picture
        if self.clock is not None:
            size += 1500 + 150 * len(self.clock.periods.rows if self.clock.periods else ())
        if self.dates is not None:
            size += 120 * (len(self.dates.court_dates) + len(self.dates.deadlines))
        return size + 200 * len(self.charges) + 3000 * bool(self.glance)
