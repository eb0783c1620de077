"""A person's statements across cases as a report to print, in Word or PDF.

The report is made from :class:`~app.core.services.person_statements.PersonStatements`
(what the user may see, already) with the brief's text rules (:mod:`app.briefs.text`),
fonts and styles, and carries the brief's confidentiality marking on every page. It is
written whole or not at all, through a staged file beside the target, like a brief.
The writers live in :mod:`app.briefs.person_report_pdf` and
:mod:`app.briefs.person_report_docx`; :mod:`app.briefs.person_report_export` writes a file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.briefs import text as t
from app.briefs.profiles import DEFAULT_MARKING
from app.core.dates import PartialDate
from app.core.services.person_statements import PersonStatements

NO_STATEMENTS = "No statements recorded."


@dataclass
class ReportStatement:
    meta: str  # "March 2026 · Police report · to Derrick Ingram · sworn"
    paragraphs: list[str]
    source: str  # "Complaint report, p. 3"


@dataclass
class ReportCase:
    heading: str  # "People v. Ingram (CR-2026-0117)"
    part: str  # "Police officer, Witness · shield 4410 · 10th Precinct"
    statements: list[ReportStatement] = field(default_factory=list)


@dataclass
class PersonReport:
    """The report as plain, cleaned text: what both writers lay out."""

    title: str
    person: str
    facts: list[tuple[str, str]]
    cases: list[ReportCase]
    near: list[str]
    marking: str
    prepared: str

    def footer(self) -> str:
        return f"Prepared {self.prepared} \u00b7 {self.title}"


def build_report(
    found: PersonStatements, *, marking: str | None = None, today: dt.date | None = None
) -> PersonReport:
    person = found.person
    name = t.line(person.name) or "Unnamed person"
    facts = [("Person", t.line(person.describe()))]
    facts += [("Also recorded as", t.line(o.describe())) for o in found.same_person]
    count, cases = found.statement_count, len(found.cases)
    facts.append(("Statements", f"{count} in {cases} case{'' if cases == 1 else 's'} you may see"))
    groups = []
    for group in found.cases:
        entries = []
        for s in group.statements:
            meta = [s.date_text, s.setting_label]
            if s.recipient:
                meta.append(f"to {t.line(s.recipient)}")
            if s.sworn:
                meta.append("sworn")
            entries.append(
                ReportStatement(
                    " \u00b7 ".join(m for m in meta if m),
                    _in_substance(t.paragraphs(s.text) or ["(no text)"], s.reported),
                    t.line(s.source_text),
                )
            )
        groups.append(ReportCase(t.line(group.heading), t.line(group.part_text), entries))
    return PersonReport(
        title=f"Statements of {name} across cases",
        person=name,
        facts=facts,
        cases=groups,
        near=[t.line(n.describe()) for n in found.near],
        marking=t.line(marking) if marking is not None else DEFAULT_MARKING,
        prepared=PartialDate.from_date(today or dt.date.today()).display(),
    )


def _in_substance(paragraphs: list[str], reported: bool) -> list[str]:
    """Reported words end with "(in substance)": the reporter's paraphrase, not a quote."""
    if reported:
        paragraphs[-1] += " (in substance)"
    return paragraphs
