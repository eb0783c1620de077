"""Conflict check: does the office already act for, or against, this person?

A defender office may not take a client whose interests are adverse to a
current or former client: a complainant, victim or prosecution witness in the
new case who is (or was) a client, or a new client who is a complainant or
witness in another of the office's cases. :func:`check_person` looks a name up
across every case in the workspace; :func:`check_party` checks a person just
added to a case.

Speed: the people table is read once as bare columns (id, kind, name, aliases,
date of birth) and kept, parsed, in a per-workspace index that is rebuilt only
when the table changes (its row count, highest id, last update or version sum
moved). Candidates come from a rapidfuzz scan of the index's surname keys, so a
check against 20,000 people costs milliseconds once the index is warm.
"""

from __future__ import annotations

import json
import threading
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel
from sqlalchemy import String, func, select, type_coerce

from app.core.dates import PartialDate
from app.core.errors import NotFoundError
from app.core.intake import names
from app.core.storage.models import Case, Party, Person
from app.core.storage.workspace import Workspace
from app.core.vocab import ADVERSE_ROLES

CLIENT_ROLES = frozenset({"client"})
# A match needs this score; without an agreeing date of birth a closer name is needed.
THRESHOLD_WITH_DOB = 70.0
THRESHOLD_WITHOUT_DOB = 85.0
DOB_AGREES_BONUS = 10.0
DOB_DIFFERS_PENALTY = 35.0
SURNAME_CUTOFF = 80.0


@dataclass(frozen=True)
class ConflictHit:
    case_id: int
    case_caption: str
    docket: str
    person_id: int
    person_name: str
    roles_there: list[str]
    score: int  # 0-100
    reasons: list[str]
    adverse: bool
    party_id: int = 0
    case_status: str = ""

    @property
    def screened(self) -> bool:
        """A possible conflict in a case the user may not see: only whom to ask is known."""
        return self.case_id == 0

    @property
    def level(self) -> str:
        return "conflict" if self.adverse else "information"

    def as_dict(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "case_caption": self.case_caption,
            "docket": self.docket,
            "case_status": self.case_status,
            "person_id": self.person_id,
            "person_name": self.person_name,
            "party_id": self.party_id,
            "roles_there": list(self.roles_there),
            "score": self.score,
            "reasons": list(self.reasons),
            "adverse": self.adverse,
            "level": self.level,
        }


def is_adverse(roles_here: Iterable[str], roles_there: Iterable[str]) -> bool:
    """Client here and on the prosecution side there, or the reverse."""
    here, there = set(roles_here), set(roles_there)
    return bool(
        (here & CLIENT_ROLES and there & ADVERSE_ROLES)
        or (here & ADVERSE_ROLES and there & CLIENT_ROLES)
    )


def dob_relation(a: PartialDate | str | None, b: PartialDate | str | None) -> int:
    """1 when two dates of birth agree as far as both are known, -1 when they differ, 0 unknown."""
    da, db_ = _as_date(a), _as_date(b)
    if da is None or db_ is None:
        return 0
    if da.year != db_.year:
        return -1
    if da.month is not None and db_.month is not None and da.month != db_.month:
        return -1
    if da.day is not None and db_.day is not None and da.day != db_.day:
        return -1
    return 1


def _as_date(value: PartialDate | str | None) -> PartialDate | None:
    if value is None or value == "":
        return None
    if isinstance(value, PartialDate):
        return value
    try:
        return PartialDate.parse(str(value))
    except ValueError:
        return None


# -- the index ---------------------------------------------------------------


@dataclass
class _Entry:
    person_id: int
    kind: str
    name: str
    aliases: list[str]
    dob: str | None

    @property
    def variants(self) -> list[tuple[names.ParsedName, bool]]:
        # Parsed only for candidates (parse_name is cached), never for the whole table.
        found = [(names.parse_name(self.name), False)]
        return found + [(names.parse_name(a), True) for a in self.aliases if a and a.strip()]


@dataclass
class _Index:
    stamp: tuple[Any, ...]
    entries: list[_Entry] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)  # blocking keys (name words) ...
    owners: list[int] = field(default_factory=list)  # ... and the entry each belongs to


_INDEXES: weakref.WeakKeyDictionary[Workspace, _Index] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def _stamp(session: Any) -> tuple[Any, ...]:
    row = session.execute(
        select(
            func.count(Person.id),
            func.max(Person.id),
            func.max(Person.updated_at),
            func.sum(Person.version),
        )
    ).one()
    return tuple(str(v) for v in row)


def _index(ws: Workspace) -> _Index:
    with ws.reader() as session:
        stamp = _stamp(session)
        with _LOCK:
            cached = _INDEXES.get(ws)
        if cached is not None and cached.stamp == stamp:
            return cached
        # Bare columns, not ORM attributes or typed values: 20,000 rows come back without
        # per-row mapping, JSON decoding or date parsing (done only for candidates).
        table = Person.__table__
        rows = session.execute(
            select(
                table.c.id,
                table.c.kind,
                table.c.name,
                type_coerce(table.c.aliases, String),
                type_coerce(table.c.date_of_birth, String),
            )
        ).all()
    index = _Index(stamp)
    for person_id, kind, name, aliases, dob in rows:
        alias_list = _alias_list(aliases)
        position = len(index.entries)
        index.entries.append(_Entry(person_id, kind or "individual", name, alias_list, dob))
        keys = names.quick_keys(name)
        for alias in alias_list:
            keys |= names.quick_keys(alias)
        for key in keys:
            index.keys.append(key)
            index.owners.append(position)
    with _LOCK:
        _INDEXES[ws] = index
    return index


def _alias_list(value: Any) -> list[str]:
    # SQLite hands back the JSON text; psycopg may already have decoded it.
    if value is None or value == "[]":
        return []
    if isinstance(value, str):
        value = json.loads(value)
    return [str(a) for a in value or []]


# -- the check ---------------------------------------------------------------


def check_person(
    ws: Workspace,
    name: str,
    *,
    aliases: Sequence[str] = (),
    dob: PartialDate | str | None = None,
    roles: Sequence[str] = (),
    exclude_case_id: int | None = None,
    person_id: int | None = None,
) -> list[ConflictHit]:
    """Every party, in any case but ``exclude_case_id``, who may be this person.

    ``roles`` are the person's roles in the new case; a hit is adverse when one
    side is a client and the other a complainant, victim or witness. ``person_id``
    (the person's own record, when they have one) always matches itself.
    """
    query_variants = [(names.parse_name(name), False)]
    query_variants += [(names.parse_name(a), True) for a in aliases if a and a.strip()]
    index = _index(ws)
    candidates = _candidates(index, query_variants)
    if person_id is not None:
        candidates |= {i for i, e in enumerate(index.entries) if e.person_id == person_id}
    matches: dict[int, tuple[float, list[str]]] = {}
    for position in candidates:
        entry = index.entries[position]
        if entry.person_id == person_id:
            matches[entry.person_id] = (100.0, ["same person record"])
            continue
        scored = _score(query_variants, entry, dob)
        if scored is not None:
            matches[entry.person_id] = scored
    screened = _screened_hits(ws, query_variants)
    if not matches:
        return screened
    return _hits(ws, matches, roles, exclude_case_id) + screened


def _screened_hits(
    ws: Workspace, variants: Sequence[tuple[names.ParsedName, bool]]
) -> list[ConflictHit]:
    """On an office server, cases behind a wall (or another team's) that may hold this
    person, each as whom to ask (app.core.server.screened)."""
    if ws.is_sqlite:
        return []
    from app.core.server.screened import screened_conflicts

    surnames = {form for parsed, _alias in variants for form in parsed.surname_forms()}
    initials = {parsed.first[:1] for parsed, alias in variants if not alias and parsed.first}
    return [
        ConflictHit(0, "a screened case", "", 0, "", [], 0, [message], adverse=True)
        for message in screened_conflicts(ws, surnames, initials)
    ]


def _candidates(index: _Index, variants: Sequence[tuple[names.ParsedName, bool]]) -> set[int]:
    found: set[int] = set()
    words: set[str] = set()
    for parsed, _alias in variants:
        words |= names.quick_keys(parsed.original)
    for word in words:
        for match in process.extract(
            word,
            index.keys,
            scorer=Indel.normalized_similarity,
            score_cutoff=SURNAME_CUTOFF / 100.0 - 0.005,  # 0.8 is stored as 0.7999...
            limit=None,
        ):
            found.add(index.owners[match[2]])
    return found


def _score(
    query: Sequence[tuple[names.ParsedName, bool]], entry: _Entry, dob: PartialDate | str | None
) -> tuple[float, list[str]] | None:
    best = names.NO_MATCH
    for q, q_alias in query:
        for c, c_alias in entry.variants:
            if entry.kind == "organization":
                score = fuzz.token_sort_ratio(names.fold(q.original), names.fold(c.original))
                result = (
                    names.Comparison(score, ("same name" if score >= 99 else "similar name",))
                    if score >= 90
                    else names.NO_MATCH
                )
            else:
                result = names.compare(q, c)
            if result.score and (q_alias or c_alias) and "alias" not in result.reasons:
                result = names.Comparison(result.score, ("alias", *result.reasons))
            if result.score > best.score:
                best = result
    if best.score <= 0:
        return None
    score, reasons = best.score, list(best.reasons)
    relation = dob_relation(dob, entry.dob)
    if relation > 0:
        score = min(100.0, score + DOB_AGREES_BONUS)
        reasons.append("same date of birth")
        threshold = THRESHOLD_WITH_DOB
    else:
        if relation < 0:
            score -= DOB_DIFFERS_PENALTY
            reasons.append("different date of birth")
        threshold = THRESHOLD_WITHOUT_DOB
    if score < threshold:
        return None
    return score, reasons


def _hits(
    ws: Workspace,
    matches: dict[int, tuple[float, list[str]]],
    roles: Sequence[str],
    exclude_case_id: int | None,
) -> list[ConflictHit]:
    hits: list[ConflictHit] = []
    ids = list(matches)
    with ws.reader() as session:
        for start in range(0, len(ids), 500):  # keep IN lists short for both backends
            query = (
                select(
                    Party.id,
                    Party.roles,
                    Person.id,
                    Person.name,
                    Case.id,
                    Case.caption,
                    Case.docket_number,
                    Case.status,
                )
                .join(Person, Party.person_id == Person.id)
                .join(Case, Party.case_id == Case.id)
                .where(Party.person_id.in_(ids[start : start + 500]))
            )
            if exclude_case_id is not None:
                query = query.where(Party.case_id != exclude_case_id)
            for party_id, there, pid, pname, cid, caption, docket, status in session.execute(query):
                score, reasons = matches[pid]
                hits.append(
                    ConflictHit(
                        case_id=cid,
                        case_caption=caption,
                        docket=docket or "",
                        person_id=pid,
                        person_name=pname,
                        roles_there=list(there or []),
                        score=int(round(score)),
                        reasons=list(reasons),
                        adverse=is_adverse(roles, there or []),
                        party_id=party_id,
                        case_status=status or "",
                    )
                )
    hits.sort(key=lambda h: (not h.adverse, -h.score, h.case_caption, h.person_name))
    return hits


def check_party(ws: Workspace, party_id: int) -> list[ConflictHit]:
    """Check a person who has just been added to a case against every other case."""
    with ws.reader() as session:
        party = session.get(Party, party_id)
        if party is None:
            raise NotFoundError(f"there is no party with id {party_id}")
        person = party.person
        name, aliases, dob = person.name, list(person.aliases or []), person.date_of_birth
        roles, case_id, person_id = list(party.roles or []), party.case_id, person.id
    return check_person(
        ws,
        name,
        aliases=aliases,
        dob=dob,
        roles=roles,
        exclude_case_id=case_id,
        person_id=person_id,
    )


def check_case(
    ws: Workspace, case_id: int, progress: Callable[[int, int], None] | None = None
) -> list[tuple[str, ConflictHit]]:
    """Check every party of a case (an imported one, say): (party's name, hit) pairs,
    conflicts first. ``progress(done, total)`` hears of each party checked."""
    with ws.reader() as session:
        parties = session.execute(
            select(Party.id, Person.name)
            .join(Person, Party.person_id == Person.id)
            .where(Party.case_id == case_id)
            .order_by(Person.name)
        ).all()
    found = []
    for done, (party_id, name) in enumerate(parties):
        if progress is not None:
            progress(done, len(parties))
        found += [(name, hit) for hit in check_party(ws, party_id)]
    return sorted(found, key=lambda pair: not pair[1].adverse)


def describe_hit(name: str, hit: ConflictHit) -> str:
    """One line for a person to read: who, which case, their role there, and why."""
    if hit.screened:
        return f"{hit.level.upper()}: {name}: {hit.reasons[0]}"
    roles = ", ".join(hit.roles_there) or "no role"
    return (
        f"{hit.level.upper()}: {name} may be {hit.person_name} ({roles}) in "
        f"{hit.case_caption} [case {hit.case_id}] ({hit.score}%: {'; '.join(hit.reasons)})"
    )


def count_cases(ws: Workspace) -> int:
    """How many cases a check looked across (for the report)."""
    with ws.reader() as session:
        return int(session.scalar(select(func.count(Case.id))) or 0)
