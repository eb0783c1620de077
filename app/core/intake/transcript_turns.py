"""The turns of a transcript: each ``Q.``/``A.`` block and each labelled turn (``THE COURT:``,
``MR. SMITH:``), from its label to the next label, with the reporter's own lines set apart.

The reporter's lines are not speech: examination headings ("DIRECT EXAMINATION BY MS.
JONES", "CROSS-EXAMINATION" then "BY MS. JONES:"), a witness being sworn ("JANE ROE,
having been duly sworn, testified as follows:"), parentheticals ("(Witness sworn.)",
"(Recess.)", over several lines too) and centred headings in capitals ("P R O C E E D I N G
S"). Each ends the turn before it. :func:`segment` returns the turns and those events in
the order they appear, so the reader can follow who examines whom.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.core.intake.transcript_cast import sworn_name, unspaced
from app.core.intake.transcript_layout import Line

_QA = re.compile(r"^(?P<label>[QA])(?:\s*[.:]\s*|\s{2,}|\t\s*|$)(?P<rest>.*)$")
# "Q Did you ..." with one space: an answer only right after a question ("A man" opens
# many a continuation line), a question only where no sentence could be going on.
_QA_SPACE = re.compile(r"^(?P<label>[QA]) (?P<rest>[A-Z0-9\"'“].*)$")
# "QUESTION:" / "ANSWER:" spelled out, as some reporters and older transcripts print them.
_QA_WORDS = re.compile(
    r"^(?P<word>QUESTION|ANSWER|QUES|ANS|Question(?=:)|Answer(?=:))\s*[.:]\s*(?P<rest>.*)$"
)
_LABEL = re.compile(
    r"^(?P<label>(?:MR|MS|MRS|MISS|DR)\.?\s+[A-Z][A-Z'’-]*(?:\s+[A-Z][A-Z'’-]*)?"
    r"|(?:THE|A|AN)\s+[A-Z][A-Z0-9'’ .-]{1,30}?"
    r"|[A-Z][A-Z0-9'’ .-]{0,30}?[A-Z0-9]"
    r"|(?:The\s+(?:Court|Witness|Defendant|Clerk|Interpreter|Reporter|Videographer)"
    r"|(?:Mr|Ms|Mrs|Dr)\.\s+[A-Z][A-Za-z'’-]+))"
    r"(?:\s*\([^)]{1,40}\))?\s*:\s*(?P<rest>.*)$"  # "THE WITNESS (through interpreter):"
)
_NOT_LABELS = frozenset(
    "APPEARANCES PRESENT BEFORE RE NOTE NOTES DATE TIME PLACE SUBJECT CASE NO".split()
)
# A caption's lines on a cover page printed on numbered lines ("COUNTY OF KINGS: PART 3",
# "DOCKET NO.: 123", "FOR THE PEOPLE: JANE ROE", "REPORTED BY: ..."): a court, a place, a
# file number or an appearance ("APPEARANCES OF COUNSEL:", a firm's lawyer on a "BY:" line),
# never a speaker.
_CAPTION_LABEL = re.compile(
    r"^(?:(?:COUNTY|STATE|CITY|TOWN|VILLAGE|DISTRICT|COMMONWEALTH|PARISH|BOROUGH|PEOPLE"
    r"|UNITED STATES|(?:[A-Z]+ )?COURT)\s+OF\b"
    r"|(?:CHARGES?|DOCKET|INDEX|INDICTMENT|CASE|CAUSE|FILE|PART|COUNTS?)(?:\s+(?:NO|NOS|NUMBER)\.?)?$"
    r"|(?:FOR|ON BEHALF OF)\s|(?:ALSO\s+)?PRESENT$|APPEARANCES?\b|BY$"
    r"|(?:REPORTED|TRANSCRIBED|RECORDED|PREPARED)\s+BY$)"
)
_HEADING = re.compile(
    r"(?i)^(?:(?:further|continued|re-?direct|re-?cross|direct|cross|voir\s+dire)[\s-]*)*"
    r"examination\b(?:\s+\([^)]*\))?(?:\s+of\s+(?P<of>.+?))?(?:\s+by\s+(?P<by>.+?))?"
    r"(?:\s+\([^)]*\))?\s*:?\s*$"
)
# "JANE ROE, GOVERNMENT'S WITNESS, SWORN": a witness sworn, in the federal form.
_SWORN_CAPS = re.compile(
    r"^[^a-z]+,\s*(?:[^a-z,]+,\s*)?(?:PREVIOUSLY\s+|DULY\s+)?(?:SWORN|AFFIRMED)\.?$"
)
# "Q. (BY MR. DOE) Where were you?": the examining lawyer named inside the question.
_INLINE_BY = re.compile(
    r"^\(\s*by\s+(?P<by>(?:mr|ms|mrs|miss|dr)\.?\s+[a-z'’-]+(?:\s+[a-z'’-]+)?)\s*\)\s*:?\s*",
    re.IGNORECASE,
)
_BY = re.compile(
    r"(?i)^by\s+(?P<by>(?:mr|ms|mrs|miss|dr)\.?\s+[a-z'’-]+(?:\s+[a-z'’-]+)?|the\s+court)"
    r"\s*(?:\((?:cont'?d|continu\w*)\.?\))?\s*:?\s*$"
)
_SWORN_LINE = re.compile(
    r"^(?:whereupon,?\s*)?(?:(?:[A-Z][^,]{1,60}|the\s+(?:witness|defendant|plaintiff)(?:\s+herein)?),\s*){0,3}(?:(?:who,?\s+)?having\s+been\s+(?:first\s+|previously\s+)?(?:duly\s+)?"
    r"(?:sworn|affirmed)|called\s+as\s+a\s+witness|a\s+witness\s+(?:called|produced)"
    r"|being\s+(?:first\s+)?duly\s+sworn|was\s+duly\s+sworn)"
)
# A swearing-in broken over two lines: "JANE ROE, having been" then "duly sworn, ...", or
# "JANE ROE, called as a" then "witness on behalf of the People, having been ...".
_BROKEN_OATH = re.compile(
    r"(?i)(?:\b(?:having\s+been|being)(?:\s+(?:first|duly|previously))*"
    r"|,\s*called(?:\s+as(?:\s+an?)?)?)\s*$"
)
# "JANE ROE, resumed.", "JANE ROE, recalled", "JANE ROE, previously sworn": a witness back
# on the stand after a recess or on another day, examined on the oath she took before.
_RESUMED_LINE = re.compile(
    r"^(?P<name>(?:[A-Z][A-Za-z.'’-]*\s+){1,4}[A-Z][A-Za-z'’-]+),\s*"
    r"(?:(?:the\s+)?witness\s+)?(?i:resum(?:ed|es|ing)|recalled|(?:being\s+)?previously\s+sworn"
    r"|on\s+(?:her|his|their|the)\s+former\s+oath)\b(?P<tail>.*)$"
)
_CAPS_HEADING = re.compile(
    r"^(?:PROCEEDINGS|AFTERNOON SESSION|MORNING SESSION|EVENING SESSION|INDEX|CERTIFICATE"
    r"|CERTIFICATION|WITNESSES|EXHIBITS|[*\- ]{3,}|END OF (?:EXCERPT|PROCEEDINGS)|"
    r"(?:\w+'?S? )?(?:CASE|REBUTTAL)(?: IN CHIEF)?|(?:\w+ )?RESTS)\.?$"
)
_CENTRED = 12  # spaces after the line number that centre a heading


@dataclass
class Turn:
    """One labelled stretch of speech."""

    label: str  # "Q", "A", "THE COURT", "MR. SMITH" as written ("QUESTION:" is Q)
    lines: list[Line] = field(default_factory=list)
    label_start: int = 0  # offsets of the label, for highlighting the speaker
    label_end: int = 0
    start: int = -1  # offsets of the words
    end: int = -1
    parts: list[str] = field(default_factory=list)
    written: str = ""  # the label as the page prints it ("QUESTION"), when not ``label``

    @property
    def text(self) -> str:
        return " ".join(p for p in self.parts if p)

    @property
    def qa(self) -> bool:
        return self.label in ("Q", "A")


@dataclass
class Event:
    """A reporter's line: ``kind`` is "heading", "by", "sworn" or "note"."""

    kind: str
    text: str
    by: str = ""  # the examining lawyer's label ("MS. JONES") of a heading or BY line
    name: str = ""  # the witness a swearing-in (or an examination heading) names
    again: bool = False  # a witness sworn before: on the stand again, not a new unnamed one


def _label(text: str, current: str = "") -> tuple[str, str, int] | None:
    """(label, rest, offset of rest) when ``text`` opens with a speaker label; ``current``
    is the label of the turn going on. "QUESTION:" and "ANSWER:" are given as Q and A."""
    spelled = _QA_WORDS.match(text)
    if spelled:
        return spelled.group("word")[0].upper(), spelled.group("rest"), spelled.start("rest")
    match = _QA.match(text)
    if match is None:
        spaced = _QA_SPACE.match(text)
        if spaced and (spaced.group("label") == "Q" or current == "Q"):
            match = spaced
    if match:
        return match.group("label"), match.group("rest"), match.start("rest")
    match = _LABEL.match(text)
    if not match:
        return None
    label = " ".join(match.group("label").split())
    upper = label.upper()
    if upper.startswith("BY ") or "EXAMINATION" in upper or unspaced(upper) in _NOT_LABELS:
        return None
    if _CAPTION_LABEL.match(upper):
        return None
    if not any(c.isalpha() for c in label) or len(label) > 40:
        return None
    return label, match.group("rest"), match.start("rest")


def _is_note(text: str, in_turn: bool) -> bool:
    """Whether ``text`` opens a reporter's parenthetical ("(Witness sworn.)", "[Recess]"),
    not words inside a turn ("(indicating) over there", "[inaudible]")."""
    if not text.startswith(("(", "[")):
        return False
    inner = text[1:].lstrip()
    if in_turn and (not inner[:1].isupper() or inner.lower().startswith(("inaudible", "sic"))):
        return False
    closing = max(text.rfind(")"), text.rfind("]"))
    return closing < 0 or not text[closing + 1 :].strip(" .")


def _looks_like_a_name(text: str) -> bool:
    words = text.strip().rstrip(",").split()
    return 2 <= len(words) <= 5 and all(re.fullmatch(r"[A-Z][A-Z.'’-]*", w) for w in words)


_LOWER = re.compile(r"[a-z]")
_THREE_CAPITALS = re.compile(r"[A-Z].*[A-Z].*[A-Z]")


def _is_caps_line(text: str) -> bool:
    return not _LOWER.search(text) and bool(_THREE_CAPITALS.search(text))


def segment(lines: list[Line]) -> tuple[list[Turn | Event], list[str]]:
    """The turns and reporter's events of ``lines`` in order, and the text lines before the
    first turn (a title page printed on numbered lines)."""
    out: list[Turn | Event] = []
    before: list[str] = []
    turn: Turn | None = None
    open_parens = 0
    seen_turn = False
    for i, line in enumerate(lines):
        text = line.text
        if not text:
            continue  # an empty numbered line neither starts nor extends a turn
        if not seen_turn:
            before.append(text)
        if open_parens:
            open_parens = max(0, open_parens + text.count("(") - text.count(")"))
            if isinstance(out[-1], Event):
                out[-1].text += " " + text
            continue
        if _is_note(text, turn is not None):
            open_parens = max(0, text.count("(") - text.count(")"))
            out.append(Event("note", text))
            turn = None
            continue
        plain = unspaced(text)
        heading = _HEADING.match(plain)
        if heading:
            by_label = " ".join((heading.group("by") or "").upper().split())
            out.append(Event("heading", plain, by=by_label, name=heading.group("of") or ""))
            turn = None
            continue
        by = _BY.match(plain)
        if by:
            out.append(Event("by", plain, by=" ".join(by.group("by").upper().split())))
            turn = None
            continue
        resumed = _RESUMED_LINE.match(plain)
        if (
            resumed
            and (resumed.group("name").isupper() or len(resumed.group("tail").split()) <= 5)
            and not _label(text)
        ):
            out.append(Event("sworn", plain, name=resumed.group("name"), again=True))
            turn = None
            continue
        if _BROKEN_OATH.search(plain) and i + 1 < len(lines) and not _label(text):
            plain = f"{plain} {unspaced(lines[i + 1].text)}"  # "having been" / "duly sworn"
        if _SWORN_LINE.match(plain):
            previous = unspaced(lines[i - 1].text) if i else ""
            again = bool(re.search(r"(?i)\bpreviously\b", plain))
            out.append(Event("sworn", plain, name=sworn_name(plain, previous), again=again))
            turn = None
            continue
        if _SWORN_CAPS.match(plain) and not _label(text):
            name = plain.split(",")[0]
            previously = "PREVIOUSLY" in plain
            out.append(Event("sworn", plain, name=name, again=previously))
            turn = None
            continue
        if _is_caps_line(plain) and not _label(text):
            following = unspaced(lines[i + 1].text) if i + 1 < len(lines) else ""
            centred = line.indent >= _CENTRED or _CAPS_HEADING.match(plain.strip())
            if _HEADING.match(following) and _looks_like_a_name(plain):
                # "JANE ROE" over "DIRECT EXAMINATION": the witness about to be examined.
                out.append(Event("sworn", plain, name=plain.rstrip(", "), again=True))
                turn = None
                continue
            if centred or _SWORN_LINE.match(following):
                out.append(Event("note", plain))
                turn = None
                continue
        found = _label(text, turn.label if turn is not None else "")
        if found:
            label, rest, at = found
            written = text[:at].rstrip(" \t.:") if label in ("Q", "A") else ""
            turn = Turn(label, [line], line.start, line.start + len(written or label))
            turn.written = written or label
            if label not in ("Q", "A"):
                turn.label_end = line.start + text.index(":")
            inline = _INLINE_BY.match(rest) if label == "Q" else None
            if inline:
                out.append(
                    Event("by", inline.group(0), by=" ".join(inline.group("by").upper().split()))
                )
                rest, at = rest[inline.end() :], at + inline.end()
            _add(turn, line, rest, at)
            out.append(turn)
            seen_turn = True
        elif turn is not None:
            turn.lines.append(line)
            _add(turn, line, text, 0)
    if before and seen_turn:
        before.pop()  # the line of the first turn
    return out, before


def _add(turn: Turn, line: Line, words: str, at: int) -> None:
    words = words.strip()
    if not words:
        return
    begin = line.start + at
    if turn.start < 0:
        turn.start = begin
    turn.end = begin + len(words)
    turn.parts.append(words)
