"""Who a recording transcript's speaker labels are.

A label is either a placeholder the transcriber wrote for an unknown voice
(``OFFICER 1``, ``SPEAKER 2``, ``UNIDENTIFIED MALE``, ``Unidentified female``) or
a person's name, often with a rank (``Det. Hale``, ``SGT. RUIZ``). Placeholders
stay exactly as written unless the transcript itself says who they are: a header
line (``OFFICER 1 = P.O. Dana Ruiz``, ``SPEAKER 1 = inmate`` with ``Inmate: ROE,
JANE``), a speaker list (``OFFICER 1 (Dana Ruiz)``), an officer introducing
themself (``I'm Officer Dana Ruiz``), or the voice answering "what's your name?"
with a full name. Names are completed from the text where it gives the first name
anywhere ("Sgt. Ilse Marchetti" in a note completes ``Sgt. Marchetti``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Ranks and honorifics written before a name in a label, as spoken or abbreviated.
RANKS = {
    "police officer": "Police Officer",
    "task force officer": "Task Force Officer",
    "tfo": "TFO",
    "officer": "Officer",
    "ofc": "Ofc.",
    "off": "Off.",
    "po": "P.O.",
    "p.o": "P.O.",
    "patrolman": "Patrolman",
    "trooper": "Trooper",
    "tpr": "Tpr.",
    "deputy": "Deputy",
    "dep": "Dep.",
    "detective": "Detective",
    "det": "Det.",
    "investigator": "Investigator",
    "inv": "Inv.",
    "sergeant": "Sergeant",
    "sgt": "Sgt.",
    "sarge": "Sgt.",
    "corporal": "Corporal",
    "cpl": "Cpl.",
    "lieutenant": "Lieutenant",
    "lt": "Lt.",
    "captain": "Captain",
    "capt": "Capt.",
    "cpt": "Cpt.",
    "agent": "Agent",
    "sa": "SA",
    "special agent": "Special Agent",
    "chief": "Chief",
    "sheriff": "Sheriff",
    "mr": "Mr.",
    "mrs": "Mrs.",
    "ms": "Ms.",
    "miss": "Miss",
    "dr": "Dr.",
}

# Words that make a label a placeholder for a voice the transcriber could not name.
PLACEHOLDER_WORDS = frozenset(
    """speaker officer unidentified unknown male female voice automated caller callee
    dispatcher dispatch operator inmate driver passenger suspect witness victim
    interviewer interviewee interviewed subject man woman person child juvenile boy girl
    bystander crowd multiple several other others all recording announcement
    uf um uv unk unid party called detective deputy trooper agent sergeant
    narrator transcriber interpreter translator paramedic medic ems nurse defendant
    complainant mother father son daughter brother sister wife husband girlfriend
    boyfriend friend clerk manager guard doctor neighbor neighbour resident minor
    student teacher employee customer attorney counsel lawyer call taker calltaker
    telecommunicator 911""".split()
)

_NAME_WORD = r"[A-Z][a-zA-Z'\u00c0-\u024f]+(?:-[A-Z][a-zA-Z'\u00c0-\u024f]+)*"
_FULL_NAME = re.compile(rf"^{_NAME_WORD}(?:\s+(?:[A-Z]\.\s+)?{_NAME_WORD}){{1,2}}$")
_INTRO = re.compile(
    rf"\b(?:I'm|I am|[Tt]his is|[Mm]y name is|[Nn]ame's)\s+"
    rf"(?:(?P<rank>[A-Z][a-z]*\.?(?:\s[A-Z][a-z]+)?)\s+)?(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD})?)"
)


@dataclass
class Speaker:
    """Who a label is, as far as the transcript tells."""

    label: str  # as written
    name: str  # the full name where known, else the label as written
    title: str = ""
    kind: str = "person"  # "label" for a placeholder never named
    why: str = ""


def _key(word: str) -> str:
    return word.lower().rstrip(".").replace(" ", "")


def is_placeholder(label: str) -> bool:
    """Whether ``label`` names no one (``OFFICER 1``, ``UNIDENTIFIED MALE``, ``UM``)."""
    words = label.replace(".", " ").split()
    if not words:
        return True
    if any(ch.isdigit() for ch in label):
        return True
    if len(words) == 1 and words[0].isupper() and len(words[0]) <= 3:
        return True  # UM, UF, A: transcriber shorthands
    return all(w.lower() in PLACEHOLDER_WORDS or w.lower() in {"of", "the", "a"} for w in words)


def name_case(words: str) -> str:
    """``DANA RUIZ`` as ``Dana Ruiz``; mixed case is left as written."""
    if words.isupper():
        return "-".join(part.capitalize() for part in words.split("-")).title()
    return words


def split_rank(label: str) -> tuple[str, str]:
    """(rank, rest) of a named label: ``Det. Hale`` gives ("Det.", "Hale")."""
    text = label.strip()
    low = text.lower()
    for spoken in sorted(RANKS, key=len, reverse=True):
        if low.startswith(spoken) and len(text) > len(spoken):
            after = text[len(spoken) :]
            if after[:1] == ".":
                after = after[1:]
            if after[:1].isspace():
                return RANKS[spoken], after.strip()
    return "", text


def last_first(value: str) -> str:
    """``REYES-MOON, DOMINIC`` as ``Dominic Reyes-Moon``; other forms title-cased."""
    value = re.sub(r"\s*\(.*?\)\s*", " ", value).strip().rstrip(".;,")
    if "," in value:
        last, first = (part.strip() for part in value.split(",", 1))
        if last and first and len(first.split()) <= 2:
            value = f"{first} {last}"
    return name_case(value)


def complete_name(surname: str, text: str) -> str:
    """The fullest ``Given Surname`` the text writes for ``surname`` (else ``surname``)."""
    pattern = re.compile(
        rf"\b(?P<given>{_NAME_WORD})\s+(?:[A-Z]\.\s+)?{re.escape(surname)}\b", re.IGNORECASE
    )
    for match in pattern.finditer(text):
        given = match.group("given")
        if not given[0].isupper() or _key(given) in RANKS or given.lower() in PLACEHOLDER_WORDS:
            continue
        if given.lower() in {"the", "and", "with", "from", "back", "to", "for", "said", "told"}:
            continue
        whole = text[match.start() : match.end()]
        return name_case(whole) if whole.isupper() else whole
    inverted = re.compile(rf"\b{re.escape(surname)},\s+(?P<given>{_NAME_WORD})\b")
    for match in inverted.finditer(text):
        given = match.group("given")
        if _key(given) in RANKS or given.lower() in PLACEHOLDER_WORDS:
            continue
        return f"{name_case(given)} {name_case(surname)}"
    return name_case(surname)


def addressed_name(words: str) -> str | None:
    """The surname a turn opens by addressing (``Mr. Roe, step out``), else None."""
    match = re.match(rf"\s*(?:Mr|Mrs|Ms|Miss)\.?\s+({_NAME_WORD})\b", words)
    return match.group(1) if match else None


# A legend's role for the officer whose camera recorded ("OFFICER 1 = camera wearer"), and
# the header fields that name that officer ("Camera: Ofc. Dana Ruiz #0412").
_WEARER_ROLES = frozenset({"camera", "wearer", "bwc", "device", "recording"})
_WEARER_FIELDS = ("camera", "wearer", "camera wearer", "officer", "recorded by", "device")


def header_names(header: str) -> dict[str, tuple[str, str]]:
    """What the header says each placeholder label is: label (upper) -> (name, title).

    Reads ``LABEL = name`` / ``LABEL: name`` / ``LABEL (name)`` and a role that a
    header field names (``SPEAKER 1 = inmate`` with ``Inmate: ROE, JANE``)."""
    fields: dict[str, str] = {}
    for match in re.finditer(
        r"(?m)(?:^|\s{2,})([A-Z][A-Za-z ]{1,30}?):\s*([^:\n]+?)(?=\s{2,}|$)", header
    ):
        fields[match.group(1).strip().lower()] = match.group(2).strip()
    found: dict[str, tuple[str, str]] = {}
    # "Interviewer: Det. Jo Roe" over turns labelled INTERVIEWER: the field names the role
    for field, value in fields.items():
        if field in PLACEHOLDER_WORDS:
            rank, rest = split_rank(re.sub(r"\s*\([^)]*\)", "", value).strip())
            name = last_first(rest)
            if _FULL_NAME.match(name) and name.split()[0].lower() not in PLACEHOLDER_WORDS:
                found[field.upper()] = (name, rank)
    pair = re.compile(
        r"\b((?:[A-Z]+ )*[A-Z]+ ?\d+|UNIDENTIFIED (?:MALE|FEMALE)(?: \d+)?)"
        r"\s*(?:=|\(|-\s)\s*([^;)\n=]+)"
    )
    for match in pair.finditer(header):
        label, said = match.group(1).strip(), match.group(2).strip().rstrip(",.")
        said = re.split(r"\s+\(|,\s", said)[0].strip()
        rank, rest = split_rank(said)
        if _FULL_NAME.match(rest) and rest.split()[0].lower() not in PLACEHOLDER_WORDS:
            found[label.upper()] = (rest, rank)
            continue
        role = said.split()[0].lower() if said.split() else ""
        value = fields.get(role) or fields.get(said.lower())
        if not value and role in _WEARER_ROLES:
            value = next((fields[f] for f in _WEARER_FIELDS if fields.get(f)), "")
        if value and re.search(r"[A-Za-z]{2,}", value):
            # "Ofc. Dana Ruiz #0412": the rank and the badge number are not the name
            value = re.sub(r"\s*\([^)]*\)", "", value)
            value = re.sub(r"\s*(?:#|[Bb]adge\b|[Ss]erial\b)\s*[\w-]*\s*$", "", value)
            rank, rest = split_rank(value)
            name = last_first(rest)
            if _FULL_NAME.match(name):
                found[label.upper()] = (name, rank)
    return found


# Words of an agency's or a place's name, never of a person's ("This is Halden County ...").
ORG_WORDS = frozenset(
    """county city police department office sheriff's sheriffs state court unit division
    bureau station precinct district patrol highway services center centre jail""".split()
)


# "911, this is Renata." "My name is Jo.": a first name alone, given as the whole answer.
_FIRST_NAME_INTRO = re.compile(
    rf"\b(?:[Tt]his is|[Mm]y name is|[Nn]ame's|I'm|I am)\s+(?P<name>{_NAME_WORD})\s*(?:[.,!?;]|$)"
)


def introduced_name(words: str, *, first_turn: bool = False) -> tuple[str, str] | None:
    """(name, rank) when a turn's speaker introduces themself by rank or full name, or, in
    the voice's first turn, by a first name alone (a call taker's "this is Renata")."""
    found = _introduced_in_full(words)
    alone = _FIRST_NAME_INTRO.search(words) if first_turn and not found else None
    if alone:
        name = alone.group("name")
        plain = name.lower()
        if plain not in ORG_WORDS and plain not in PLACEHOLDER_WORDS and _key(name) not in RANKS:
            return name, ""
    return found


def _introduced_in_full(words: str) -> tuple[str, str] | None:
    match = _INTRO.search(words)
    if not match:
        return None
    said = f"{match.group('rank') or ''} {match.group('name')}".lower().split()
    if any(word in ORG_WORDS for word in said):
        return None
    rank_words = match.group("rank") or ""
    rank, rest = split_rank(f"{rank_words} {match.group('name')}".strip())
    if rank and rest:
        return rest, rank
    # no rank: the words the pattern tried as one are the given name ("I'm Jane Roe")
    name = f"{rank_words} {match.group('name')}".strip()
    if _FULL_NAME.match(name) and not any(w.lower() in PLACEHOLDER_WORDS for w in name.split()):
        return name, ""
    return None


def answered_name(question: str, answer: str) -> str | None:
    """The full name an answer gives to "what's your name?", else None."""
    if not re.search(r"\byour (?:full )?name\b|\bwhat what\b|\bname\?", question, re.IGNORECASE):
        if not re.search(r"^\s*\S+ what\?\s*$", question):
            return None
    for part in re.split(r"[.!?]\s*", answer):
        part = part.strip()
        if _FULL_NAME.match(part) and not any(w.lower() in PLACEHOLDER_WORDS for w in part.split()):
            return part
    return None
