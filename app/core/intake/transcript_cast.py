"""Who is who in a transcript: the judge, counsel and their sides, the defendant, the
witnesses, the reporter and videographer, and the hearing date.

Read from the title block and appearances page ("BEFORE: HON. JANE ROE, Judge", "For the
State: ASSISTANT DISTRICT ATTORNEY JOHN DOE", "RICHARD ROE, ESQ., for the Defendant",
"Also present: Pat Poe, videographer", "DEPOSITION OF OFFICER SAM SOE") and, as the
transcript goes on, from what is said on the record ("The State calls Officer Sam Soe",
"SAM SOE, having been duly sworn", "John Doe for the State"). Names printed in capitals are
given in their usual case ("ORTIZ-BRANDT" -> "Ortiz-Brandt").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MONTHS = (
    "january february march april may june july august september october november december"
).split()
_DATE_WORDS = re.compile(
    r"\b("
    + "|".join(m.capitalize() for m in MONTHS)
    + r")\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b",
    re.IGNORECASE,
)
_DATE_NUMBERS = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_DATE_DAY_FIRST = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE
)
_DATE_ISO = re.compile(r"\b(\d{4})-(\d\d)-(\d\d)\b")
_SPACED = re.compile(r"\b(?:[A-Z] ){2,}[A-Z]\b")

# Words of an office written with a lawyer's name ("Assistant District Attorney John Doe").
_OFFICE_WORDS = frozenset(
    """assistant deputy district county city state states united attorney attorneys
    general public defender defenders solicitor corporation counsel special prosecutor
    prosecuting chief senior trial legal aid society office us u.s. ausa ada apd
    """.split()
)
_OFFICE_HEADS = ("attorney", "defender", "solicitor", "counsel", "prosecutor", "ausa", "ada")
# Words that may stand before a surname but are not given names.
_NOT_GIVEN = frozenset(
    """mr mrs ms miss dr hon honorable judge justice officer detective sergeant sgt trooper
    deputy agent special the and of for by v vs state people present before esq attorney
    assistant district county public defender counsel ada ausa apd dda adas""".split()
)
# Words of a caption's party or a heading, never of a person's name.
_CAPTION_WORDS = frozenset("of the and v vs".split())
_ACRONYMS = frozenset("AUSA SAUSA ADA DDA APD AAG AG DA".split())
_SUFFIXES = frozenset("esq esq. esquire jr jr. sr sr. ii iii iv".split())
# Ranks and honorifics written before a witness's name.
WITNESS_TITLES = (
    "Special Agent",
    "Officer",
    "Police Officer",
    "Trooper",
    "Sergeant",
    "Sgt.",
    "Detective",
    "Det.",
    "Deputy",
    "Agent",
    "Lieutenant",
    "Lt.",
    "Captain",
    "Capt.",
    "Corporal",
    "Cpl.",
    "Investigator",
    "Inspector",
    "Doctor",
    "Dr.",
    "Nurse",
    "Professor",
    "Chief",
    "Mr.",
    "Ms.",
    "Mrs.",
    "Miss",
)
_TITLE_ALT = "|".join(re.escape(t) for t in sorted(WITNESS_TITLES, key=len, reverse=True))
TITLES = _TITLE_ALT  # a regular expression for the ranks and honorifics above
_NAME_WORD = r"(?:[A-Z][A-Za-z'’]+(?:-[A-Z][A-Za-z'’]+)*|[A-Z]\.)"
NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"
_CALLS = re.compile(
    rf"\b(?i:calls?|calling|call\s+as\s+(?:its|our)\s+(?:next\s+|first\s+)?witness"
    rf"|(?:next|first)\s+witness\s+(?:is|will\s+be))\s+"
    rf"(?:(?i:the\s+)?(?P<title>{_TITLE_ALT})\s+)?(?P<name>{NAME})"
)
_SWORN = re.compile(
    r"(?i)\bhaving\s+been\s+(?:first\s+|previously\s+)?(?:duly\s+)?(?:sworn|affirmed)|\bcalled\s+as\s+a\s+witness"
    r"|\bwas\s+(?:duly\s+)?sworn\b|\bsworn\s+(?:and|to\s+testify)"
)
_DEPOSITION_OF = re.compile(
    rf"(?i:deposition\s+of)\s+(?:(?P<title>(?i:{_TITLE_ALT}))\s+)?(?P<name>[A-Za-z][A-Za-z.'’ -]+)"
)
# "Witness: DETECTIVE JANE ROE": the one witness grand-jury minutes or an excerpt are of.
_COVER_WITNESS = re.compile(
    rf"^\s*(?i:witness)\s*:\s*(?:(?P<title>(?i:{_TITLE_ALT}))\s+)?(?P<name>[A-Z][^,;(]+?)\s*(?:[,;(]|$)"
)
_JUDGE_PLAIN = re.compile(
    r"(?m)(?i:(?:\b(?:before|presiding)\s*:?\s*|^\s*)(?:the\s+)?(?:judge|justice|magistrate\s+judge))"
    r"\s*:?\s+(?P<name>[A-Z][A-Za-z.'’ -]+?)\s*(?:,|$|\s(?i:presiding))"
)
_JUDGE = re.compile(
    r"(?m)(?i:\b(?:the\s+)?(?:honou?rable|hon\.?))\s+(?P<name>[A-Z][A-Za-z.'’ -]+?)"
    r"\s*(?:,|$|\s(?i:judge|justice|presiding|magistrate|district|superior|county|circuit))"
)
# "HON. JANE ROE, District Attorney": an elected prosecutor styled Honorable, not the judge.
_COUNSEL_AFTER = re.compile(
    r"(?i)\s*,\s*[^,\n]{0,30}\b(?:attorney|defender|solicitor|prosecutor|counsel)\b"
)
_SIDE = re.compile(
    r"(?i)\b(?:for|on\s+behalf\s+of)\s+(?:the\s+)?(?P<side>people|state|commonwealth|government"
    r"|united\s+states|plaintiffs?|prosecution|petitioners?|defendants?|defen[cs]e|respondents?"
    r"|accused)\b(?P<rest>[^:]*):?"
)
_ROLES = {
    "videographer": ("VIDEOGRAPHER",),
    "court reporter": ("REPORTER", "COURT REPORTER", "STENOGRAPHER"),
    "reported by": ("REPORTER", "COURT REPORTER", "STENOGRAPHER"),
    "stenographer": ("REPORTER", "COURT REPORTER", "STENOGRAPHER"),
    "interpreter": ("INTERPRETER",),
    "clerk": ("CLERK", "COURT CLERK"),
    "courtroom deputy": ("COURTROOM DEPUTY", "DEPUTY CLERK"),
}


def proper_case(name: str) -> str:
    """``name`` in its usual case when it is printed in capitals."""
    if any(c.islower() for c in name):
        return name
    words = []
    for word in name.split():
        parts = re.split(r"([-'’])", word.lower())
        words.append("".join(p[:1].upper() + p[1:] for p in parts))
    return re.sub(r"\bMc([a-z])", lambda m: "Mc" + m.group(1).upper(), " ".join(words))


def unspaced(line: str) -> str:
    """``line`` with letter-spaced words joined ("B E F O R E" -> "BEFORE")."""
    return _SPACED.sub(lambda m: m.group(0).replace(" ", ""), line)


def find_date(text: str) -> str:
    """The first date ``text`` states, as YYYY-MM-DD, or ""."""
    found = []
    match = _DATE_WORDS.search(text)
    if match:
        month = MONTHS.index(match.group(1).lower()) + 1
        found.append((match.start(), f"{match.group(3)}-{month:02d}-{int(match.group(2)):02d}"))
    numbers = _DATE_NUMBERS.search(text)
    if numbers and 1 <= int(numbers.group(1)) <= 12 and 1 <= int(numbers.group(2)) <= 31:
        found.append(
            (
                numbers.start(),
                f"{numbers.group(3)}-{int(numbers.group(1)):02d}-{int(numbers.group(2)):02d}",
            )
        )
    day_first = _DATE_DAY_FIRST.search(text)
    if day_first:
        month = MONTHS.index(day_first.group(2).lower()) + 1
        day = int(day_first.group(1))
        found.append((day_first.start(), f"{day_first.group(3)}-{month:02d}-{day:02d}"))
    iso = _DATE_ISO.search(text)
    if iso and 1 <= int(iso.group(2)) <= 12 and 1 <= int(iso.group(3)) <= 31:
        found.append((iso.start(), iso.group(0)))
    return min(found)[1] if found else ""


def surname(name: str) -> str:
    words = [w for w in name.replace(",", " ").split() if w.lower().strip(".") not in _SUFFIXES]
    return words[-1].lower() if words else ""


@dataclass
class Person:
    name: str
    title: str = ""
    side: str = ""  # "prosecution", "plaintiff" or "defense" for counsel
    source: str = ""  # where the name was read, for the review's reason


@dataclass
class Cast:
    judge: Person | None = None
    counsel: list[Person] = field(default_factory=list)
    defendant: Person | None = None
    witnesses: list[Person] = field(default_factory=list)
    roles: dict[str, Person] = field(default_factory=dict)  # label words -> person
    date: str = ""
    deposition: bool = False
    noticing_side: str = ""  # the side a deposition was taken on behalf of
    cover_witness: Person | None = None  # "Witness: JANE ROE" on the cover of minutes
    front: list[str] = field(default_factory=list)  # the title block and appearances
    _named: dict[tuple[int, str], str] = field(default_factory=dict, repr=False)

    def by_surname(self, name: str) -> Person | None:
        """The person whose surname is ``name`` (counsel first, then everyone else)."""
        wanted = surname(name)
        if not wanted:
            return None
        people = [*self.counsel, *self.witnesses, self.defendant, self.judge]
        for person in people:
            if person is not None and surname(person.name) == wanted:
                return person
        return None

    def named_in(self, lines: list[str], last: str) -> str:
        """A full name ending in the surname ``last`` that ``lines`` print, or ""."""
        key = (id(lines), last)
        if key not in self._named:
            self._named[key] = self._find_named(lines, last)
        return self._named[key]

    def _find_named(self, lines: list[str], last: str) -> str:
        pattern = re.compile(
            rf"\b((?:[A-Z][A-Za-z'’-]+\s+(?:[A-Z]\.\s+)?)+){re.escape(last)}\b", re.IGNORECASE
        )
        for line in lines:
            for match in pattern.finditer(line):
                words = match.group(1).split()
                words = [w for w in words if w.lower().strip(".,") not in _NOT_GIVEN][-2:]
                if words and all(w[0].isupper() for w in words):
                    surname_words = match.group(0).split()[-len(last.split()) :]  # "De La Cruz"
                    return proper_case(" ".join([*words, *surname_words]))
        return ""

    def add_counsel(self, person: Person, side_given: bool = False) -> None:
        """Record ``person`` as counsel; ``side_given`` when the appearance names her side
        after her name ("JANE ROE, ESQ.," over "on behalf of the Defendant"), which then
        holds over the side read before it."""
        for known in self.counsel:
            if surname(known.name) == surname(person.name):
                if side_given:
                    known.side = person.side
                return
        self.counsel.append(person)

    def add_witness(self, person: Person) -> Person:
        """Record ``person`` as a witness; a fuller name or a title completes a known one."""
        for known in self.witnesses:
            if surname(known.name) == surname(person.name):
                if len(person.name.split()) > len(known.name.split()):
                    known.name = person.name
                known.title = known.title or person.title
                return known
        self.witnesses.append(person)
        return person


def _side(word: str) -> str:
    word = word.lower()
    if word.startswith(("defen", "respondent", "accused")):
        return "defense"
    if word.startswith(("plaintiff", "petitioner")):
        return "plaintiff"
    return "prosecution"


def person_from(chunk: str) -> tuple[str, str]:
    """The (name, title) in an appearance such as "ASSISTANT DISTRICT ATTORNEY JOHN DOE,
    ESQ., Assistant County Attorney"; ("", "") when it names nobody."""
    parts = [p.strip() for p in chunk.split(",") if p.strip()]
    if not parts:
        return "", ""
    words = re.sub(r"(?i)^(?:by\s*:?|attorneys?\s*:)\s*", "", parts[0]).split()
    lead: list[str] = []
    while len(words) > 2 and words[0].lower().strip(".") in _OFFICE_WORDS:
        lead.append(words.pop(0))
    if words and words[0].lower() in ("mr.", "ms.", "mrs.", "dr.", "hon.", "honorable"):
        words.pop(0)
    if not 2 <= len(words) <= 5 or not all(re.fullmatch(_NAME_WORD, w) for w in words):
        return "", ""
    if any(w.lower().strip(".") in _CAPTION_WORDS for w in words):
        return "", ""  # "STATE OF NORTH ARDEN", "PEOPLE V. ROE": a party, not a person
    if any(w.lower().strip(".") in _OFFICE_WORDS for w in words):
        return "", ""
    title = " ".join(w if w.upper() in _ACRONYMS else proper_case(w) for w in lead)
    for part in parts[1:]:
        plain = part.lower().strip(". ")
        if plain in _SUFFIXES or not plain:
            continue
        if not title and any(h in plain.split() for h in _OFFICE_HEADS):
            title = part.strip()
    return proper_case(" ".join(words)), title


# The column of ")", ":" or "§" that boxes off a caption's parties, and what stands beside
# it (the case number): "KIERAN ROE,      )     Case No. 25-CF-1".
_CAPTION_COLUMN = re.compile(r"(?:^|\s{2,})[):§](?:\s+(?P<right>.*))?$")


def _caption_columns(lines: list[str]) -> list[str]:
    """``lines`` with a caption's column of parentheses taken out: the parties stay in
    their place, what stood to the right of the column follows after the last line."""
    left, right = [], []
    for line in lines:
        match = None if "(" in line else _CAPTION_COLUMN.search(line.rstrip())
        if match is None:
            left.append(line)
            continue
        left.append(line[: match.start()].strip())
        if match.group("right"):
            right.append(match.group("right").strip())
    return left + right


def read_front(lines: list[str]) -> Cast:
    """What the title block and appearances say (see the module's docstring)."""
    lines = [unspaced(line) for line in _caption_columns(lines)]
    cast = Cast(front=lines)
    joined = "\n".join(lines)
    cast.date = find_date(joined)
    cast.deposition = bool(
        re.search(r"(?im)\bdeposition\s+(?:of|upon)\b|^\s*(?:\w+\s+)?deposition\s*$", joined)
    )
    behalf = re.search(r"(?i)taken\s+(?:on\s+behalf\s+of|by)\s+the\s+(\w+)", joined)
    cast.noticing_side = _side(behalf.group(1)) if behalf else ""
    judge = next(
        (m for m in _JUDGE.finditer(joined) if not _COUNSEL_AFTER.match(joined, m.end("name"))),
        None,
    )
    judge = judge or _JUDGE_PLAIN.search(joined)
    if judge:
        name = judge.group("name").strip()
        after = joined[judge.end("name") : judge.end("name") + 30]
        title = "Justice" if re.match(r"(?i)\W*(?:associate\s+)?justice\b", after) else "Judge"
        cast.judge = Person(proper_case(name), title, source="the caption")
    deposed = _DEPOSITION_OF.search(joined)
    if deposed:
        name, _ = person_from(deposed.group("name").split("\n")[0])
        if name:
            title = proper_case(deposed.group("title") or "")
            cast.add_witness(Person(name, title, source="the caption"))
    cast.defendant = _defendant(lines)
    cover = [m for line in lines if (m := _COVER_WITNESS.match(line))]
    if len(cover) == 1:
        name, _ = person_from(cover[0].group("name"))
        if name:
            title = proper_case(cover[0].group("title") or "")
            cast.cover_witness = cast.add_witness(Person(name, title, source="the cover"))
    _appearances(lines, cast)
    return cast


def _defendant(lines: list[str]) -> Person | None:
    for i, line in enumerate(lines):
        if re.match(r"(?i)^\s*defendants?\.?\s*$", line) or re.search(
            r",\s*Defendant\.?\s*$", line
        ):
            candidates = [line.split(",")[0]] if "," in line else []
            candidates += [lines[j] for j in range(i - 1, max(-1, i - 3), -1)]
            for candidate in candidates:
                name, _ = person_from(candidate.strip().rstrip(",").split(",")[0])
                if name and "et al" not in candidate:
                    return Person(name, source="the caption")
    for line in lines:
        match = re.search(r"\bv(?:s)?\.\s+(.+?)(?:\s+--|\s+-\s|,|\s+No\.|\s{2,}|$)", line)
        if match:
            name, _ = person_from(match.group(1))
            if name and not re.search(r"(?i)\b(city|county|state|inc|llc|department)\b", name):
                return Person(name, source="the caption")
    return None


def _appearances(lines: list[str], cast: Cast) -> None:
    side = ""
    index = False  # in the index of witnesses and exhibits, not the appearances
    for i, line in enumerate(lines):
        text = re.sub(r"(?i)^\s*(?:appearances|present)\s*:?", "", line).strip()
        lowered = text.lower()
        if _INDEX_HEAD.match(text):
            index, side = True, ""
            continue
        if re.match(r"(?i)^\s*appearances", line):
            index = False
        if index:
            _index_witness(text, cast)
            continue
        for role, labels in _ROLES.items():
            if role in lowered:
                person = _role_person(text, role)
                if person:
                    for label in labels:
                        cast.roles[label] = person
                break
        else:
            match = _SIDE.search(text)
            if match:
                side = _side(match.group("side"))
                before = text[: match.start()].strip().rstrip(",")
                after = text[match.end() :].strip()
                chunk = before or after
                above = not chunk and i and lines[i - 1].rstrip().endswith(",")
                if above:
                    chunk = lines[i - 1].strip()  # "JANE ROE, ESQ.," over "for the Defendant"
                elif not chunk and i + 1 < len(lines):
                    chunk = lines[i + 1].strip()  # "For the Defendant:" over "JANE ROE"
                for name, title in _people_in(chunk):
                    person = Person(name, title, side, "the appearances")
                    cast.add_counsel(person, side_given=bool(above))
            elif text:
                name, title = person_from(text)
                head = text.split(",")[0]
                lawyer = title or re.search(r"(?i),\s*esq", text)
                if name and side and (head.isupper() or lawyer):
                    cast.add_counsel(Person(name, title, side, "the appearances"))
                elif name and title:  # "PRESENT: JANE ROE, Assistant District Attorney"
                    cast.add_counsel(Person(name, title, _side_of_office(title), "the appearances"))


_INDEX_HEAD = re.compile(r"(?i)^\s*(?:i\s*n\s*d\s*e\s*x|witness(?:es)?|exhibits?)\b(?!\s*:\s*\S)")
_INDEX_LINE = re.compile(
    rf"^(?:(?P<title>{_TITLE_ALT})\s+)?(?P<name>[^\d.]+?)(?:\s{{2,}}|\.{{2,}}|\s+\d)", re.I
)


def _index_witness(text: str, cast: Cast) -> None:
    """A witness listed in the index ("JANE ROE ..... 4   12")."""
    if not re.search(r"\d\s*$", text):
        return
    match = _INDEX_LINE.match(text)
    if match:
        name, _ = person_from(match.group("name").strip())
        if name:
            cast.add_witness(
                Person(name, proper_case(match.group("title") or ""), source="the index")
            )


def _people_in(chunk: str) -> list[tuple[str, str]]:
    """Each lawyer an appearance names ("JANE ROE and JOHN DOE, Assistant District
    Attorneys"), the title shared."""
    head, _, rest = chunk.partition(",")
    names = re.split(r"\s+(?:and|&)\s+", head)
    if len(names) == 1:
        found = person_from(chunk)
        return [found] if found[0] else []
    rest = re.sub(r"(?i)\b(attorney|defender|solicitor|prosecutor)s\b", r"\1", rest)
    return [found for name in names if (found := person_from(f"{name},{rest}"))[0]]


def _side_of_office(title: str) -> str:
    return "defense" if re.search(r"(?i)defender|defen[cs]e|legal\s+aid", title) else "prosecution"


def _role_person(text: str, role: str) -> Person | None:
    rest = re.sub(r"(?i)\b(?:also\s+present|present)\s*:?", "", text)
    rest = re.sub(rf"(?i)\b(?:official\s+)?{re.escape(role)}\b\s*:?", ",", rest)
    for chunk in rest.split(","):
        name, _ = person_from(chunk.strip())
        if name:
            return Person(name, source="the appearances")
    return None


def called_witness(text: str) -> Person | None:
    """The witness a turn calls ("The State calls Officer Jane Roe")."""
    match = _CALLS.search(text[:160])  # a call to the stand opens its turn
    if not match:
        return None
    title = match.group("title") or ""
    name = match.group("name")
    if title in ("Mr.", "Ms.", "Mrs.", "Miss"):
        title = ""
    return Person(name, title, source="the call to the stand")


def sworn_name(line: str, previous: str) -> str:
    """The witness a swearing-in line names ("JANE ROE, having been duly sworn")."""
    sworn = _SWORN.search(line)
    if sworn is None:
        return ""
    head = line[: sworn.start()].strip().rstrip(",")
    chunks = [c.strip() for c in head.split(",") if c.strip()]
    for candidate in (*reversed(chunks), previous.strip().rstrip(",")):
        candidate = re.sub(rf"^(?:{_TITLE_ALT})\s+", "", candidate, flags=re.IGNORECASE)
        name, _ = person_from(candidate)
        if name:
            return name
    return ""
