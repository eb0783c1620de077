"""A person across the office's cases: every statement they made, case by case.

Before cross-examining a police officer (or any witness), a defender looks for what
the same person said in the office's other cases. People are shared across cases
(``people``); a party links a person to one case, and a statement names its speaker's
party. So the statements of a person are those of every party of theirs, grouped by
case, in date order within each case.

What the user may see is the database's business: on an office server row security
already hides the statements, parties and cases of screened cases (and the people only
they hold), so nothing here filters by hand; on SQLite every case is read.

The same officer is sometimes entered twice (a second person record in a later case).
An officer's tax registry number follows them for life, so records that share one are
read as the same person (:attr:`PersonStatements.same_person`). Other records with a
similar name, found by the conflict matcher (:mod:`app.core.intake.conflicts`), are
offered as near matches, with what the shield numbers and tax registry numbers say.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from app.core import vocab
from app.core.dates import PartialDate
from app.core.errors import NotFoundError
from app.core.intake import names
from app.core.intake.conflicts import check_person
from app.core.storage.models import Case, Document, Party, Person, Statement
from app.core.storage.workspace import Workspace

NEAR_MATCH_LIMIT = 10


@dataclass(frozen=True)
class PersonSummary:
    """Who a person record is: enough to tell two officers of one name apart."""

    id: int
    name: str
    title: str = ""
    affiliation: str = ""
    tax_id: str = ""
    shields: tuple[str, ...] = ()
    case_count: int = 0

    def describe(self) -> str:
        """One line: "Officer Kenneth Thomas (NYPD; tax registry 912345; shield 4410;
        2 cases) [person 7]"."""
        facts = [x for x in (self.affiliation,) if x]
        if self.tax_id:
            facts.append(f"tax registry {self.tax_id}")
        if self.shields:
            facts.append(f"shield {', '.join(self.shields)}")
        facts.append(f"{self.case_count} case{'' if self.case_count == 1 else 's'}")
        title = f"{self.title} " if self.title else ""
        return f"{title}{self.name} ({'; '.join(facts)}) [person {self.id}]"

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "title": self.title,
            "affiliation": self.affiliation,
            "tax_id": self.tax_id,
            "shields": list(self.shields),
            "case_count": self.case_count,
        }


@dataclass(frozen=True)
class CrossStatement:
    """One statement, with what a reader compares: when, where, to whom, from what."""

    id: int
    case_id: int
    date: PartialDate | None
    setting: str
    text: str
    recipient: str
    source: str  # the source document's title ("" without one)
    pin_cite: str
    sworn: bool
    speaker_name: str  # as the person record that case uses names them
    reported: bool = False  # told in substance, not verbatim

    @property
    def date_text(self) -> str:
        return self.date.display() if self.date is not None else "Date unknown"

    @property
    def setting_label(self) -> str:
        return vocab.label(vocab.STATEMENT_SETTINGS, self.setting)

    @property
    def source_text(self) -> str:
        """ "Complaint report, p. 3": the source and the pin cite as a brief cites them."""
        return ", ".join(x for x in (self.source, self.pin_cite) if x)

    def sort_key(self) -> tuple[bool, str, int]:
        return (self.date is None, self.date.iso() if self.date else "", self.id)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date.iso() if self.date else None,
            "date_text": self.date_text,
            "setting": self.setting,
            "setting_label": self.setting_label,
            "recipient": self.recipient,
            "text": self.text,
            "source": self.source,
            "pin_cite": self.pin_cite,
            "sworn": self.sworn,
            "speaker_name": self.speaker_name,
        }


@dataclass
class CaseStatements:
    """The person's part in one case and the statements they made in it."""

    case_id: int
    caption: str
    docket: str
    status: str
    roles: list[str]
    shield_number: str = ""
    command: str = ""
    statements: list[CrossStatement] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return self.caption + (f" ({self.docket})" if self.docket else "")

    @property
    def part_text(self) -> str:
        """ "Police officer, Witness · shield 4410 · 10th Precinct"."""
        parts = [", ".join(vocab.label(vocab.ROLES, r) for r in self.roles)]
        if self.shield_number:
            parts.append(f"shield {self.shield_number}")
        parts.append(self.command)
        return " \u00b7 ".join(p for p in parts if p)

    def first_date(self) -> tuple[bool, str]:
        dated = [s.date.iso() for s in self.statements if s.date is not None]
        return (not dated, min(dated) if dated else "")

    def as_dict(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "caption": self.caption,
            "docket": self.docket,
            "status": self.status,
            "roles": list(self.roles),
            "shield_number": self.shield_number,
            "command": self.command,
            "statements": [s.as_dict() for s in self.statements],
        }


@dataclass(frozen=True)
class NearMatch:
    """Another person record that may be the same person, and why."""

    person: PersonSummary
    score: int
    reasons: tuple[str, ...]

    def describe(self) -> str:
        return f"{self.person.describe()}: {self.score}% ({'; '.join(self.reasons)})"

    def as_dict(self) -> dict[str, Any]:
        return {"person": self.person.as_dict(), "score": self.score, "reasons": list(self.reasons)}


@dataclass
class PersonStatements:
    """Everything :func:`statements_of_person` found."""

    person: PersonSummary
    same_person: list[PersonSummary]  # other records with the same tax registry number
    cases: list[CaseStatements]
    near: list[NearMatch]

    @property
    def statement_count(self) -> int:
        return sum(len(c.statements) for c in self.cases)

    def as_dict(self) -> dict[str, Any]:
        return {
            "person": self.person.as_dict(),
            "same_person": [p.as_dict() for p in self.same_person],
            "statement_count": self.statement_count,
            "cases": [c.as_dict() for c in self.cases],
            "near_matches": [n.as_dict() for n in self.near],
        }


class AmbiguousPersonError(NotFoundError):
    """More than one person answers to the name given; ``candidates`` are they."""

    def __init__(self, text: str, candidates: list[PersonSummary]) -> None:
        self.candidates = candidates
        listed = "\n".join(f"  {c.describe()}" for c in candidates)
        super().__init__(
            f"{len(candidates)} people answer to {text!r}; give the person's id "
            f"(#ID) or tax registry number instead:\n{listed}"
        )


# -- reading ---------------------------------------------------------------------------


def _summaries(session: Session, person_ids: list[int]) -> dict[int, PersonSummary]:
    if not person_ids:
        return {}
    people = session.execute(
        select(Person.id, Person.name, Person.title, Person.affiliation, Person.tax_id).where(
            Person.id.in_(person_ids)
        )
    ).all()
    shields: dict[int, set[str]] = defaultdict(set)
    cases: dict[int, set[int]] = defaultdict(set)
    for person_id, case_id, shield in session.execute(
        select(Party.person_id, Party.case_id, Party.shield_number).where(
            Party.person_id.in_(person_ids)
        )
    ):
        cases[person_id].add(case_id)
        if shield:
            shields[person_id].add(shield)
    return {
        pid: PersonSummary(
            pid,
            name,
            title or "",
            affiliation or "",
            tax_id or "",
            tuple(sorted(shields[pid])),
            len(cases[pid]),
        )
        for pid, name, title, affiliation, tax_id in people
    }


def person_summary(ws: Workspace, person_id: int) -> PersonSummary:
    with ws.reader() as session:
        found = _summaries(session, [person_id]).get(person_id)
    if found is None:
        raise NotFoundError(f"there is no person with id {person_id}")
    return found


def _same_person_ids(session: Session, person_id: int) -> list[int]:
    """The person and every record sharing their tax registry number."""
    tax_id = session.scalar(select(Person.tax_id).where(Person.id == person_id))
    if not tax_id:
        return [person_id]
    others = session.scalars(
        select(Person.id).where(Person.tax_id == tax_id, Person.id != person_id).order_by(Person.id)
    ).all()
    return [person_id, *others]


def statements_of_person(
    ws: Workspace,
    person_id: int,
    *,
    exclude_case_id: int | None = None,
    near_matches: bool = True,
) -> PersonStatements:
    """Every statement the person made in every case the user may see, grouped by case
    (the case with the earliest statement first), in date order within a case; cases
    they are part of without a statement come last, empty. ``exclude_case_id`` leaves
    one case out (the one open in the window)."""
    with ws.reader() as session:
        ids = _same_person_ids(session, person_id)
        summaries = _summaries(session, ids)
        if person_id not in summaries:
            raise NotFoundError(f"there is no person with id {person_id}")
        groups = _case_groups(session, ids, exclude_case_id)
        for statement in _statements(session, ids, exclude_case_id):
            group = groups.get(statement.case_id)
            if group is not None:
                group.statements.append(statement)
    for group in groups.values():
        group.statements.sort(key=CrossStatement.sort_key)
    ordered = sorted(groups.values(), key=lambda g: (*g.first_date(), g.caption.lower(), g.case_id))
    person = summaries[person_id]
    near = _near_matches(ws, person, set(ids)) if near_matches else []
    return PersonStatements(person, [summaries[i] for i in ids[1:]], ordered, near)


def _case_groups(
    session: Session, ids: list[int], exclude_case_id: int | None
) -> dict[int, CaseStatements]:
    query = (
        select(
            Party.case_id,
            Party.roles,
            Party.shield_number,
            Party.command,
            Case.caption,
            Case.docket_number,
            Case.status,
        )
        .join(Case, Party.case_id == Case.id)
        .where(Party.person_id.in_(ids))
    )
    if exclude_case_id is not None:
        query = query.where(Party.case_id != exclude_case_id)
    groups: dict[int, CaseStatements] = {}
    for case_id, roles, shield, command, caption, docket, status in session.execute(query):
        group = groups.setdefault(
            case_id, CaseStatements(case_id, caption, docket or "", status or "", [])
        )
        # Two records of one officer in the same case: their roles and numbers join.
        group.roles += [r for r in roles or [] if r not in group.roles]
        group.shield_number = group.shield_number or shield or ""
        group.command = group.command or command or ""
    return groups


def _statements(
    session: Session, ids: list[int], exclude_case_id: int | None
) -> list[CrossStatement]:
    speaker, recipient = aliased(Party), aliased(Party)
    speaker_person, recipient_person = aliased(Person), aliased(Person)
    query = (
        select(
            Statement.id,
            Statement.case_id,
            Statement.date,
            Statement.setting,
            Statement.text,
            Statement.recipient_text,
            recipient_person.name,
            Document.title,
            Statement.pin_cite,
            Statement.sworn,
            speaker_person.name,
            Statement.reported,
        )
        .join(speaker, Statement.speaker_id == speaker.id)
        .join(speaker_person, speaker.person_id == speaker_person.id)
        .outerjoin(recipient, Statement.recipient_party_id == recipient.id)
        .outerjoin(recipient_person, recipient.person_id == recipient_person.id)
        .outerjoin(Document, Statement.source_document_id == Document.id)
        .where(speaker.person_id.in_(ids))
    )
    if exclude_case_id is not None:
        query = query.where(Statement.case_id != exclude_case_id)
    found = []
    for row in session.execute(query):
        sid, case_id, date, setting, text, to_text, to_name, title, cite, sworn, who, told = row
        found.append(
            CrossStatement(
                id=sid,
                case_id=case_id,
                date=date,
                setting=setting or "",
                text=text or "",
                recipient=to_name or to_text or "",
                source=title or "",
                pin_cite=cite or "",
                sworn=bool(sworn),
                speaker_name=who,
                reported=bool(told),
            )
        )
    return found


def _near_matches(ws: Workspace, person: PersonSummary, same: set[int]) -> list[NearMatch]:
    """Other records the conflict matcher takes for this name, best first, with what
    the officers' numbers say (a shared shield is a hint; a different tax registry
    number says they are two people)."""
    with ws.reader() as session:
        row = session.execute(
            select(Person.aliases, Person.date_of_birth).where(Person.id == person.id)
        ).one()
    hits = check_person(ws, person.name, aliases=list(row[0] or []), dob=row[1])
    best: dict[int, tuple[int, list[str]]] = {}
    for hit in hits:
        if hit.screened or hit.person_id in same:
            continue
        if hit.person_id not in best or hit.score > best[hit.person_id][0]:
            best[hit.person_id] = (hit.score, list(hit.reasons))
    with ws.reader() as session:
        others = _summaries(session, list(best))
    near = []
    for pid, (score, reasons) in best.items():
        other = others.get(pid)
        if other is None:
            continue
        if person.tax_id and other.tax_id:
            reasons.append("different tax registry number")
        shared = sorted(set(person.shields) & set(other.shields))
        if shared:
            reasons.append(f"same shield number {', '.join(shared)}")
        near.append(NearMatch(other, score, tuple(reasons)))
    near.sort(key=lambda n: (-n.score, n.person.name.lower(), n.person.id))
    return near[:NEAR_MATCH_LIMIT]


# -- finding the person a name means ---------------------------------------------------


def find_person(ws: Workspace, text: str) -> PersonSummary:
    """The one person ``text`` names: "#12" (a person's id), a tax registry or shield
    number, or a name or alias (case and accents aside). Records sharing a tax registry
    number count as one person. Raises :class:`AmbiguousPersonError` when several people
    answer, and :class:`NotFoundError` (naming near matches) when nobody does."""
    wanted = " ".join(text.split())
    if not wanted:
        raise NotFoundError("give a person's name")
    with ws.reader() as session:
        ids = _by_reference(session, wanted)
        summaries = _summaries(session, ids)
    people = [summaries[i] for i in ids if i in summaries]
    if not people:
        raise NotFoundError(_unknown_message(ws, wanted))
    identities: dict[str, PersonSummary] = {}
    for p in people:
        identities.setdefault(p.tax_id or f"#{p.id}", p)
    if len(identities) > 1:
        raise AmbiguousPersonError(wanted, list(identities.values()))
    return people[0]


def _by_reference(session: Session, wanted: str) -> list[int]:
    if wanted.startswith("#") and wanted[1:].isdigit():
        found = session.scalar(select(Person.id).where(Person.id == int(wanted[1:])))
        return [found] if found is not None else []
    folded = names.fold(wanted)
    # Names compared in Python, accents folded as the conflict check folds them (SQL's
    # lower() does not); a bare-column scan of 20,000 people takes milliseconds.
    rows = session.execute(select(Person.id, Person.name, Person.aliases).order_by(Person.id)).all()
    named = [
        pid
        for pid, name, aliases in rows
        if folded in {" ".join(names.fold(n).split()) for n in [name, *(aliases or [])] if n}
    ]
    if named:
        return named
    numbered = session.scalars(
        select(Person.id)
        .outerjoin(Party, Party.person_id == Person.id)
        .where(or_(Person.tax_id == wanted, Party.shield_number == wanted))
        .distinct()
        .order_by(Person.id)
    ).all()
    return list(numbered)


def _unknown_message(ws: Workspace, wanted: str) -> str:
    hits = [h for h in check_person(ws, wanted) if not h.screened]
    seen: list[str] = []
    for hit in sorted(hits, key=lambda h: -h.score):
        label = f"{hit.person_name} [person {hit.person_id}]"
        if label not in seen:
            seen.append(label)
    message = f"no person named {wanted!r} in the cases you may see"
    if seen:
        message += "; did you mean " + ", ".join(seen[:5]) + "?"
    return message
