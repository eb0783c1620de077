"""Who a complaint or affidavit names, and its dates.

The deponent (the sworn officer or agent: "Detective Jo Roe, Shield 12, ... deposes
and says", "I, Jo Roe, being duly sworn ... I am a Special Agent"), the defendant of
the caption ("-against- JOHN DOE, Defendant", "v. JOHN DOE"), the complaint's own
date (the jurat or the signature line) and the dates the narrative puts in force.
"""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass

from app.core.intake.recording_speakers import complete_name, name_case, split_rank

_RANK = (
    r"Police Officer|Special Agent|Task Force Officer|Detective|Det\.|Officer|P\.O\.|"
    r"Sergeant|Sgt\.|Lieutenant|Lt\.|Trooper|Deputy|Investigator|Inspector|Agent|"
    r"Captain|Capt\.|Corporal|Cpl\.|Sheriff|Chief"
)
_NAME = r"[A-Z][\w'\u00c0-\u024f-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w'\u00c0-\u024f-]+){1,2}"
_MONTHS = "january february march april may june july august september october november december"
_MONTH = {name: n for n, name in enumerate(_MONTHS.split(), 1)}
_MONTH.update({name[:3]: n for name, n in list(_MONTH.items())})
_MONTH["sept"] = 9
_MONTH_WORD = r"(?:" + "|".join(sorted(_MONTH, key=len, reverse=True)) + r")"
DATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH_WORD})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    r"|(?P<m2>\d{1,2})/(?P<d2>\d{1,2})/(?P<y2>\d{4})"
    rf"|(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\s+day\s+of\s+(?P<m3>{_MONTH_WORD}),?\s+(?P<y3>\d{{4}}))\b",
    re.IGNORECASE,
)
# A person the text names only by initials, as complaints name witnesses and minors.
INITIALS = re.compile(r"(?:[A-Z]\.){2,3}")
# Short forms of ranks, as the narrative writes them before a surname.
RANK_WORDS = {"tfo": "Task Force Officer", "sa": "Special Agent", "p.o.": "Police Officer"}


_SWORN_COMPLAINANT = re.compile(
    rf"(?im)\byour complainant\b|\bcomplainant,?\s+being (?:first )?duly sworn"
    rf"|^\s*(?:the\s+)?complainant,\s+(?:{_RANK})\s|\bcomplainant'?s signature"
)


@dataclass
class People:
    """The deponent and defendant of one complaint."""

    deponent: str = "deponent"
    deponent_title: str = ""
    deponent_start: int = -1
    deponent_end: int = -1
    defendant: str = ""
    date: str = ""
    # whether "Complainant" is the sworn officer (as in many states), not the victim (as in
    # New York's "complainant", the complaining witness)
    sworn_complainant: bool = False


def iso(match: re.Match[str]) -> str:
    """A :data:`DATE` match as YYYY-MM-DD."""
    if match.group("m1"):
        month, day, year = _MONTH[match.group("m1").lower()], match.group("d1"), match.group("y1")
    elif match.group("m3"):
        month, day, year = _MONTH[match.group("m3").lower()], match.group("d3"), match.group("y3")
    else:
        month, day, year = int(match.group("m2")), match.group("d2"), match.group("y2")
    return f"{year}-{int(month):02d}-{int(day):02d}"


# A sentence's end; a witness's initials ("V.L. told") end none.
_DATE_STOP = re.compile(r"(?<!\b[A-Z])[.!?][\"”]?(?=\s)|\n")
_NEXT_DAY = re.compile(r"(?i)\b(?:the\s+)?(?:next|following)\s+day\b")


def dates_in(text: str) -> list[tuple[int, str]]:
    """Every date of ``text``: (offset, YYYY-MM-DD), in order; "the next day" is the day
    after the date before it, for the rest of its sentence."""
    found = [(match.start(), iso(match)) for match in DATE.finditer(text)]
    for match in _NEXT_DAY.finditer(text):
        before = date_before(found, match.start())
        if before:
            day = datetime.date.fromisoformat(before) + datetime.timedelta(days=1)
            bisect.insort(found, (match.start(), day.isoformat()))
            stop = _DATE_STOP.search(text, match.end())
            if stop:
                bisect.insort(found, (stop.end(), before))
    return found


def date_before(dates: list[tuple[int, str]], offset: int) -> str:
    """The last of ``dates`` (from :func:`dates_in`) before ``offset``, else ""."""
    index = bisect.bisect_left(dates, (offset, "")) - 1
    return dates[index][1] if index >= 0 else ""


def complaint_date(text: str) -> str:
    """The date the complaint was sworn or signed: the jurat's, else the last one."""
    jurat = re.search(r"(?i)(?:sworn to|subscribed)[^\n]*", text)
    if jurat:
        match = DATE.search(jurat.group(0))
        if match:
            return iso(match)
    dates = list(DATE.finditer(text))
    return iso(dates[-1]) if dates else ""


def find_people(text: str) -> People:
    """The deponent, the defendant and the date of ``text``."""
    people = People(date=complaint_date(text))
    people.sworn_complainant = bool(_SWORN_COMPLAINANT.search(text))
    first_person = re.search(rf"\bI,\s+({_NAME}),\s+(?:being|having been|a\s)", text)
    opening = re.search(
        rf"(?m)^\s*(?:(?:[Yy]our\s+|[Tt]he\s+)?(?:[Aa]ffiant|[Dd]eponent|[Cc]omplainant|undersigned),?\s+)?"
        rf"(?P<rank>{_RANK})\s+(?P<name>{_NAME})(?:,|\s+of\b)[^\n]*?"
        r"(?:deposes|duly sworn|states as follows|states:|says)",
        text,
    )
    # the signature block names the sworn officer when the opening does not
    # ("COMPLAINANT'S SIGNATURE: Det. Jo Roe, Elm Police", "Affiant: /s/ Jo Roe")
    signed = re.search(
        r"(?im)^[ \t]*(?:your\s+|the\s+)?(?:complainant|affiant|deponent)(?:'s|s')?"
        rf"(?:[ \t]+signature)?[ \t]*:[ \t]*(?:/s/[ \t]*)?(?:(?P<rank>{_RANK})[ \t]+)?"
        rf"(?P<name>{_NAME})",
        text,
    )
    # "personally appeared Officer Jo Roe, who ...", "My name is Officer Jo Roe and I am"
    appeared = re.search(
        rf"\b(?:personally appeared|[Mm]y name is)\s+(?P<rank>{_RANK})\s+(?P<name>{_NAME})\b", text
    )
    # "JANE ROE, being duly sworn, deposes and says that she is a Special Agent ..."
    capitals = re.search(
        r"(?m)^\s*(?P<name>[A-Z][A-Z'.-]+(?:[ \t]+[A-Z][A-Z'.-]+){1,3}),\s+being\s+"
        r"(?:first\s+)?duly\s+sworn",
        text,
    )
    if first_person and opening and opening.start() < first_person.start():
        first_person = None  # "I, Jo Roe, being duly sworn" of a deposition sworn below it
    if first_person:
        people.deponent = first_person.group(1)
        people.deponent_start, people.deponent_end = first_person.span(1)
        rank, rest = split_rank(people.deponent)  # "I, Trooper Ada Kim, being duly sworn"
        if rank and len(rest.split()) >= 2:
            people.deponent, people.deponent_title = rest, rank
            people.deponent_start = people.deponent_end - len(rest)
        role = re.search(
            r"\bI am (?:a|an)\s+((?:[A-Z][a-z]+\s+){0,3}[A-Z][a-z]+)\s+"
            r"(?:with|of|for|employed|assigned)",
            text,
        )
        if role and not people.deponent_title:
            people.deponent_title = role.group(1)
    elif opening:
        people.deponent = opening.group("name")
        people.deponent_title = opening.group("rank")
        people.deponent_start, people.deponent_end = opening.span("name")
    elif capitals:
        people.deponent = name_case(capitals.group("name"))
        people.deponent_start, people.deponent_end = capitals.span("name")
        role = re.search(
            r"\b(?:I am|s?he is)\s+(?:a|an)\s+((?:[A-Z][a-z]+\s+){0,3}[A-Z][a-z]+)\s+"
            r"(?:with|of|for|employed|assigned)",
            text,
        )
        people.deponent_title = role.group(1) if role else ""
    elif appeared:
        people.deponent = appeared.group("name")
        people.deponent_title = appeared.group("rank")
        people.deponent_start, people.deponent_end = appeared.span("name")
    elif signed:
        people.deponent = signed.group("name")
        people.deponent_title = signed.group("rank") or ""
        people.deponent_start, people.deponent_end = signed.span("name")
    caption = re.search(
        r"(?:-against-|\bagainst\b|\bv\.|\bvs\.?)(?:[ \t]*-)?(?:[ \t]+|[ \t]*\n[ \t]*)"
        r"([A-Z][A-Z'.-]+(?:[ \t][A-Z][A-Z'.-]+){0,3})"
        r"(?=,|\s{2,}|\s*$|\s+Defendant)",
        text[:3000],
        re.MULTILINE,
    )
    # New York's list under "against": "1. ROE, Jane (F 30)" then "Defendant."
    listed = re.search(
        r"(?m)^\s*(?:-\s*)?(?i:against)\s*-?\s*\n\s*(?:\d+\.\s*)?"
        r"(?P<last>[A-Z][\w'-]+(?:[ \t][A-Z][\w'-]+)?),[ \t]*(?P<first>[A-Z][\w'-]+"
        r"(?:[ \t][A-Z][\w'.-]+)?)[ \t]*(?:\([^)\n]*\))?[ \t]*,?[ \t]*\n\s*Defendants?\b",
        text[:3000],
    )
    if listed and not caption:
        people.defendant = name_case(f"{listed.group('first')} {listed.group('last')}")
    elif caption:
        people.defendant = name_case(caption.group(1).strip())
        for match in re.finditer(re.escape(people.defendant), text, re.IGNORECASE):
            if not match.group(0).isupper():
                people.defendant = match.group(0)
                break
    return people


def resolve_name(words: str, text: str, known: list[str]) -> tuple[str, str]:
    """(full name, title) for a name as the narrative writes it ("TFO Marr", "Roe")."""
    words = words.strip()
    title = ""
    if INITIALS.fullmatch(words):
        return words, title  # a witness the text names only by initials ("V.L.")
    first = words.split()[0].lower() if words.split() else ""
    if first in RANK_WORDS and len(words.split()) > 1:
        title, words = RANK_WORDS[first], words.split(None, 1)[1]
    else:
        rank, rest = split_rank(words)
        if rank and rest:
            title, words = rank, rest
    if len(words.split()) > 1:
        return words, title  # a full name as written
    last = words.split()[-1].lower() if words.split() else ""
    for name in known:
        if name and name.split()[-1].lower() == last:
            return name, title
    if len(words.split()) == 1 and not re.search(r"\d", words):
        return complete_name(words, text), title
    return words, title
