"""What a prose document's layout tells before its sentences are read.

Its kind (news, press release, a department's statement, letter, police report, court
opinion), its own date, a headline (title-case words that repeat the body: never a
source of names or statements), a dateline ("HARLAN CITY, June 11 —"), the outlet of a
byline ("By Jo Reyes, Harlan Courier"), the defendant a caption names ("People v.
Marcus Dresner"), the office a letterhead names ("this office"), a report's author
("Reporting Officer: Ofc. Nolan Brandt"), the parties its header lists ("ARRESTEE:
PRZYBYLSKI, Jonah T.": "the suspect"), whether it reports interviews, and its own
paragraph numbers ("3. I asked ..."), which are its pin cites; a notice's items lettered
A., B., C. (items, not answers); and, while the body is read, the days its narrative
gives ("On 07/20/2025 I was dispatched", "pleaded not guilty on Wednesday").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.core.intake.prose_dates import day_on, document_date, event_days, stated_day
from app.core.intake.quotes import Paragraph

if TYPE_CHECKING:
    from app.core.intake.extract_attribution import Registry

_SMALL = frozenset("a an the of on in to for and at by with from or as vs v. is".split())
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'’\-]{2,40}(?:,\s*[A-Z][A-Za-z.,]+(?:\s+[A-Za-z0-9.,]+){0,4})?"
    r"(?:\s*\([A-Za-z .]{1,20}\))?\s*[—–-]{1,2}\s+"
    # "... (MWS) — Thursday, May 14, 2026 — A man ...": the date after the place is the dateline's
    r"(?:(?:[A-Z][a-z]+,\s+)?[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4}\s*[—–-]{1,2}\s+)?"
)
_BYLINE = re.compile(r"^\s*By\s+[^,|]+[,|]\s*(?P<outlet>[A-Z][^,|]*?)\s*(?:\||$)")
_CAPTION = re.compile(
    r"\b(?:People|State|United States|Commonwealth|[A-Z][a-z]+)(?:\s+of\s+[A-Za-z ]+)?"
    r",?(?:\s+[A-Za-z]+,)?\s+v\.\s+(?P<name>[A-ZÀ-Þ][\w'’\-]*(?:\s+[A-ZÀ-Þ][\w'’\-.]*){0,4})"
    r"\s*(?:,|\(|\.?$)",
    re.IGNORECASE,
)
_OUTLET_LINE = re.compile(
    r"(?:[A-Z][\w'’&.\-]*\s+){0,4}(?:Wire|Service|News|Times|Post|Gazette|Herald|Courier|"
    r"Journal|Press|Tribune|Record|Ledger|Sentinel|Chronicle|Daily|Radio|Observer)"
    r"(?:\s+[A-Z][\w'’&.\-]*){0,3}"
)
_LETTERHEAD = re.compile(r"^\s*(?P<office>(?:the\s+)?office of\b.*)$", re.IGNORECASE)
# A firm's letterhead: "ROE & DOE LLP", "Law Offices of Ann Roe, P.C."
_FIRM = re.compile(
    r"^\s*(?P<office>[A-Z][\w&.,'’ ]{1,80}?,?\s(?:LLP|LLC|PLLC|L\.L\.P\.|P\.C\.|P\.A\.))\s*$"
)
_FIRM_SUFFIXES = frozenset("LLP LLC PLLC L.L.P. P.C. P.A. &".split())


def _firm_name(office: str) -> str:
    """ "ROE & DOE LLP" -> "Roe & Doe LLP": a letterhead in capitals, as a name is written."""
    if not office.isupper():
        return office
    return " ".join(w if w in _FIRM_SUFFIXES else w.capitalize() for w in office.split())


_AUTHOR = re.compile(
    r"\b(?:(?:Reporting|Arresting|Investigating|Writing|Assigned)\s+"
    r"(?:Officer|Trooper|Deputy|Agent|Detective|Investigator|Member)|Prepared\s+by|Submitted\s+by|Author)"
    # "Reporting Officer (R/O): P.O. Ann Roe": the abbreviation the narrative calls her by
    r"(?:\s*\((?P<abbr>[A-Z]{1,3}(?:/[A-Z]{1,3})?)\))?"
    r"\s*:\s*(?:(?:Ofc|Tpr|Dep|Det|Sgt|Cpl|Inv|P\.O|PO|Officer|Trooper|Deputy|Detective|Agent|"
    r"Investigator)\.?\s+)?"
    r"(?P<name>[A-Z][\w'’\-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w'’\-]+)+)"
)
# The fields of a report's header: its narrative heading, its author, its numbers.
_REPORT_FIELDS = (
    r"narrative|(?:reporting|arresting|investigating)\s+(?:officer|deputy|trooper|agent|"
    r"detective|investigator)|arresting|(?:report|case|incident)\s*(?:no\b|number|#)|"
    r"^(?:author|prepared by|submitted by)\s*:|date of report|supplement\s*#|"
    r"date of (?:incident|occurrence|offense)|(?:incident|occurrence) date|occurred\s*:"
)
_FIELD = re.compile(r"^\s*[A-Z][\w /#.\-]{1,30}:\s+\S")  # "Report Date: 07/21/2025"
# A report header's day of the events: "Occurred: 07/20/2025", "Date of Incident: ...".
_OCCURRED = re.compile(
    r"\b(?:occurred|date of (?:incident|occurrence|offense)|(?:incident|occurrence) date)"
    r"(?:/time)?\s*:\s*(?P<date>\d{1,2}/\d{1,2}/\d{4})",
    re.IGNORECASE,
)
# A report header's parties, surname first: "ARRESTEE: PRZYBYLSKI, Jonah T."
_PARTY = re.compile(
    r"\b(?P<role>victim|suspect|arrestee|defendant|complainant)\s*:\s*"
    r"(?P<surname>[A-Z][A-Z'’\-]+),\s*[A-Z]",
    re.IGNORECASE,
)
# A header's party in full, by role or by code: "Victim: CASTE, Ann M., 34", "W-1: ROE, Al  M/W"
_CAST = re.compile(
    r"(?P<label>\b(?i:victim|suspect|arrestee|defendant|complainant|witness)|(?<![\w-])[A-Z]{1,2}-\d{1,2})"
    r"\s*:\s*(?P<surname>[A-Z][A-Z'’\-]+),\s*"
    r"(?P<given>[A-Z][a-z'’\-]+(?:\s(?:[A-Z][a-z'’\-]+|[A-Z]\.))*)"
)
_BIRTH = re.compile(
    r"\b(?:DOB|D\.O\.B\.|date of birth|born)\s*:?\s*(?:\d{1,2}/\d{1,2}/\d{2,4}|"
    r"[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^\s*(?:¶\s*)?(\d{1,3})\.\s+\S")


@dataclass
class Layout:
    kind: str = "news"  # news, release, statement, letter, report, opinion
    date: str = ""
    headlines: set[int] = field(default_factory=set)  # paragraph indexes
    datelines: dict[int, int] = field(default_factory=dict)  # index -> end of the dateline
    outlet: str = ""
    defendant: str = ""
    office: str = ""
    author: str = ""
    numbers: dict[int, int] = field(default_factory=dict)  # index -> the report's own ¶ number
    items: dict[int, int] = field(default_factory=dict)  # index -> end of its "A." label
    parties: dict[str, str] = field(default_factory=dict)  # a report's "SUSPECT: VOSS, Ben"
    cast: dict[str, str] = field(default_factory=dict)  # "V-1" or "victim" -> "Ann M. Roe"
    author_abbr: str = ""  # "Reporting Officer (R/O):": "R/O"
    takers: dict[int, str] = field(default_factory=dict)  # index -> "taken by" whom, as written
    leads: dict[int, tuple[str, str]] = field(default_factory=dict)  # a letter's item: what, when
    updates: dict[int, str] = field(default_factory=dict)  # "UPDATE (Tuesday, ...):" -> its day
    occurred: str = ""  # a report header's day of the events
    scene: str = "police_encounter"  # where a report's words were said, unless it says
    events: dict[str, str] = field(default_factory=dict)  # "shooting" -> the day it happened
    days: dict[int, str] = field(default_factory=dict)  # index -> a day a report's narrative states
    signer: str = ""  # the name under a letter's closing: "the undersigned"

    def note_day(self, index: int, paragraph: str, sentence: str, day: str) -> None:
        """Keep the day a narrative sentence gives: a report's "On 07/20/2025 I was
        dispatched", a story's "A judge on Friday ordered" or "pleaded ... on Wednesday";
        not a header field's ("Report Date: 07/21/2025")."""
        if _FIELD.match(paragraph):
            return
        sentence = _BIRTH.sub(" ", sentence)  # "DOB 02/09/1979": no day of the events
        if self.kind == "report" and (stated := stated_day(sentence, self.date)):
            self.days[index] = stated
        elif on_day := day or day_on(sentence, self.date_at(index)):
            self.days[index] = on_day

    def date_at(self, index: int) -> str:
        """The document's date at paragraph ``index``: a later "UPDATE (date):" paragraph
        and what follows it are dated by the update."""
        later = [i for i in self.updates if i <= index]
        return self.updates[max(later)] if later else self.date

    def day_in_force(self, index: int) -> tuple[str, int]:
        """The day a report's narrative last stated at paragraph ``index``, and where."""
        stated = [i for i in self.days if i <= index]
        return (self.days[max(stated)], max(stated)) if stated else ("", -1)

    @property
    def speaks_in_writing(self) -> bool:
        """A press release or a department's statement: its quotations are written."""
        return self.kind in ("release", "statement")


def is_headline(text: str) -> bool:
    """Title-case words without a closing full stop ("Chief Green On Weekend Arrests: ...")."""
    bare = re.sub(r"[\"“”][^\"“”]*[\"“”]?", " ", text).strip()
    field = re.search(r"\d", bare) and ":" in bare  # "Posted: Monday, June 2, 2025"
    if field or "#" in bare or bare.endswith((".", ",")) or bare.lower().startswith("by "):
        return False
    words = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", bare)]
    content = [w for w in words if w.lower() not in _SMALL]
    if len(words) < 3 or not content:
        return False
    capital = sum(1 for w in content if w[:1].isupper())
    return capital / len(content) >= 0.8


def _kind(lines: list[str]) -> str:
    head = "\n".join(lines[:8]).lower()
    if any(_BYLINE.match(line) or line.lower().startswith("by ") for line in lines[:6]):
        return "news"
    whole = "\n".join(lines).lower()
    if re.search(r"\breport\b", head) and re.search(
        _REPORT_FIELDS, "\n".join(lines[:14]).lower(), re.MULTILINE
    ):
        return "report"
    if re.search(r"^dear\b", whole, re.MULTILINE) and re.search(
        r"sincerely|very truly yours|respectfully", whole
    ):
        return "letter"
    if re.search(
        r"per curiam|^opinion\b|court of appeals|supreme court of|delivered the opinion|"
        r"opinion of the court|writ of certiorari",
        head,
        re.MULTILINE,
    ):
        return "opinion"
    if re.search(
        r"press release|for immediate release|attorney[’']s office|office of public affairs", head
    ) or re.search(r"^###$", whole, re.MULTILINE):
        return "release"
    top = "\n".join(line for line in lines[:5] if len(line) < 80).lower()
    if re.search(
        r"police department|sheriff[’']s office|chief of police|\bpolice\b|sheriff", top
    ) and re.search(r"statement|release|posted|media advisory", top):
        return "statement"
    if re.search(r"attorney|department of|office of", top) and re.search(
        r"\brelease\b|media advisory|for immediate", top
    ):
        return "release"
    return "news"


def read_layout(paras: list[Paragraph]) -> Layout:
    lines = [p.text for p in paras]
    layout = Layout(kind=_kind(lines), date=document_date(lines), events=event_days(lines))
    body_started = False
    for index, para in enumerate(paras):
        text = para.text
        if not body_started and is_headline(text):
            layout.headlines.add(index)
        if re.search(r"[.!?][\"”’]?\s*$", text) and len(text.split()) > 8:
            body_started = True
        dateline = _DATELINE.match(text)
        if dateline and index < 10 and len(text) > dateline.end() + 40:
            layout.datelines[index] = dateline.end()
        byline = _BYLINE.match(text)
        if byline and not layout.outlet and index < 8:
            outlet = byline.group("outlet").strip()
            if not re.search(r"\d", outlet):
                layout.outlet = outlet
        below = paras[index + 1].text.strip() if index + 1 < len(paras) else ""
        if re.match(r"^\s*By\s+[A-Z][^,|]*$", text) and not layout.outlet and index < 8:
            if _OUTLET_LINE.fullmatch(below):
                layout.outlet = below  # "By Jo Reyes" over "Meridian Wire Service"
        caption = _CAPTION.search(text)
        if caption and index < 15 and len(text) < 140:
            name = caption.group("name").strip().rstrip(".")
            name = name.title() if name.isupper() else name
            if len(name.split()) > len(layout.defendant.split()):
                layout.defendant = name
        office = _LETTERHEAD.match(text)
        if office and not layout.office and index < 6:
            layout.office = office.group("office").strip()
        firm = _FIRM.match(text)
        if firm and not layout.office and index < 6:
            layout.office = _firm_name(firm.group("office").strip())
        occurred = _OCCURRED.search(text) if index < 15 else None
        if occurred and not layout.occurred:
            layout.occurred = stated_day(occurred.group("date"), "")
        for party in _PARTY.finditer(text) if index < 15 else ():
            role, surname = party.group("role").lower(), party.group("surname").title()
            layout.parties[role] = "" if role in layout.parties else surname  # two: neither
            if role == "arrestee":
                layout.parties.setdefault("suspect", surname)  # the one arrested is "the suspect"
        for cast in _CAST.finditer(text) if index < 15 else ():
            label = cast.group("label")
            label = label if "-" in label else label.lower()
            # "HOLT, Adam T.": Adam Holt, as the narrative would name him in full
            full = f"{cast.group('given').split()[0]} {cast.group('surname').title()}"
            layout.cast[label] = "" if label in layout.cast else full  # two victims: neither
        author = _AUTHOR.search(text)
        if author and not layout.author:
            layout.author = author.group("name")
            layout.author_abbr = author.group("abbr") or ""
    layout.items = lettered_items(lines)
    layout.updates = {
        i: stated_day(m.group(1) or m.group(2), layout.date)
        for i, line in enumerate(lines)
        if (m := _UPDATE.match(line)) and stated_day(m.group(1) or m.group(2), layout.date)
    }
    if layout.kind == "letter":
        layout.leads = _item_leads(lines)
        layout.signer = _signer(lines)
    if layout.kind == "report":
        layout.numbers = _numbers(lines)
        layout.takers = _takers(lines)
        # "Subject of Supplement: Follow-up witness interviews": what it tells was an interview.
        if re.search(r"\binterview", "\n".join(lines[:8]), re.IGNORECASE):
            layout.scene = "police_interview"
    return layout


# A report's section heading: "2. VICTIM'S STATEMENT (taken by R/O in the kitchen):"
_HEADING = re.compile(r"^\s*(?:\d{1,3}\.\s+)?[A-Z][A-Z'’ /\-]{3,}(?:\(|:|$)")
_TAKEN_BY = re.compile(
    r"\btaken\s+by\s+(?P<np>(?:[A-Z][\w.'’/\-]*\s+){0,3}[A-Z][\w'’/\-]*|this member)"
)


def _takers(lines: list[str]) -> dict[int, str]:
    """The paragraphs under a heading that says who took the statement ("SUSPECT'S STATEMENT
    (taken by P.O. Penn ...)"), each with that officer as written, to the next heading."""
    takers: dict[int, str] = {}
    current = ""
    for index, line in enumerate(lines):
        if _HEADING.match(line):
            taken = _TAKEN_BY.search(line)
            current = taken.group("np") if taken else ""
        elif current:
            takers[index] = current
    return takers


# A letter's numbered item that opens by naming a statement and its day:
# "4. Instagram post, September 9, 2025." / "1. 911 call, September 6, 2025, 1:14 a.m."
_LEAD = re.compile(
    # "1.", "(a)", "b." and the statement's form, then its day (and time): "(a) 911 call,
    # March 1, 2025, 11:48 p.m. (Bates 3)", "(b) Interview with Det. Lee, Elm PD, March 2, 2025."
    r"^\s*(?:\d{1,3}\.|\(?[a-zA-Z]\)|[a-z]\.)\s+(?P<what>[A-Z0-9][^.;:]{1,100}?),\s*"
    r"(?P<day>[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4}|\d{1,2}/\d{1,2}/\d{4})"
    r"(?:,\s*[\d:]+\s*[ap]\.\s?m\.?)?\s*(?:[.:,]\s|\()"
)


def _item_leads(lines: list[str]) -> dict[int, tuple[str, str]]:
    """Each numbered item's lead: what statement it lists and the day it gives."""
    leads: dict[int, tuple[str, str]] = {}
    for index, line in enumerate(lines):
        lead = _LEAD.match(line)
        if lead:
            leads[index] = (lead.group("what"), stated_day(lead.group("day"), ""))
    return leads


_CLOSING = re.compile(
    r"^\s*(?:very truly yours|sincerely(?: yours)?|respectfully(?: yours)?)\b", re.I
)
_SIGNED = re.compile(
    r"^\s*(?:/s/\s*)?([A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){1,3})\s*,?\s*(?:Esq\.?)?\s*$"
)


def _signer(lines: list[str]) -> str:
    """The name signed under a letter's last closing ("Very truly yours, /s/ Ann Roe")."""
    closings = [i for i, line in enumerate(lines) if _CLOSING.match(line)]
    for line in lines[closings[-1] + 1 : closings[-1] + 4] if closings else ():
        if signed := _SIGNED.match(line):
            return signed.group(1)
    return ""


# "UPDATE (Tuesday, September 16, 2025): ...", or a line of its own: "UPDATE - 04/07/2026 1630 hrs"
_UPDATE = re.compile(
    r"^\s*(?:UPDATE|Update|UPDATED|Updated)\b(?:([^:]{4,60}):|\s*[-–—:]?\s*([^:]{4,60})$)"
)
_ITEM = re.compile(r"^\s*\(?([A-Z])[.)]\s+(?=\S)")


def lettered_items(lines: list[str]) -> dict[int, int]:
    """Paragraphs lettered A., B., C., ... in order (a notice's list of statements): each
    one's index and where its letter ends. "A." there is an item, not an answer."""
    marks = [(i, m) for i, line in enumerate(lines) if (m := _ITEM.match(line))]
    letters = [ord(m.group(1)) for _i, m in marks]
    # Each list runs A, B, C, ...; a second list starts again at A.
    ordered = all(b in (a + 1, ord("A")) for a, b in zip(letters, letters[1:], strict=False))
    if len(letters) < 3 or letters[0] != ord("A") or not ordered or max(letters) < ord("C"):
        return {}
    return {i: m.end() for i, m in marks}


def _numbers(lines: list[str]) -> dict[int, int]:
    """Each paragraph's own number, when the body numbers its paragraphs 1, 2, 3, ..."""
    marks = [(i, int(m.group(1))) for i, line in enumerate(lines) if (m := _NUMBERED.match(line))]
    if len(marks) < 3 or marks[0][1] != 1:
        return {}
    if any(b[1] != a[1] + 1 for a, b in zip(marks, marks[1:], strict=False)):
        return {}
    body = len(lines) - marks[0][0]
    if len(marks) < 0.6 * body:
        return {}
    numbers: dict[int, int] = {}
    current = 0
    marked = dict(marks)
    for i in range(marks[0][0], len(lines)):
        current = marked.get(i, current)
        numbers[i] = current
    return numbers


# What a report's narrative calls its author, besides the header's abbreviation ("R/O").
_SELF_WORDS = (
    "this member",
    "this officer",
    "this writer",
    "this trooper",
    "this deputy",
    "this detective",
    "this investigator",
    "the undersigned",
)


def header_cast(layout: Layout, registry: Registry) -> None:
    """Know a report's header people before its narrative is read, and what codes name them."""
    for label, full in layout.cast.items():
        if full:
            person = registry.add_person(full, "" if "-" in label else label)
            person.listed = True  # "Jonah R. Pale" in the narrative is the name to give
            if "-" in label:
                registry.codes[label] = person
    if layout.kind == "report" and layout.author:
        author = registry.resolve_phrase(layout.author)[1] or registry.add_person(layout.author, "")
        for alias in (layout.author_abbr, *_SELF_WORDS):
            if alias:
                registry.codes[alias] = author
