"""The layout of a recording transcript: time stamps, WebVTT/SRT cues and speaker turns.

Three layouts are read: lines led by a stamp (``[00:03:12] OFFICER 1: ...`` or
``00:03:12 SPEAKER 2: ...``), labelled lines under the stamp in force
(``OFFICER 1 [00:03:12]: ...``), and caption files (WebVTT / SRT: a cue number, a
``00:03:12.480 --> 00:03:15.000`` line, then the cue's words, with a ``<v Name>``
voice tag or a ``NAME:`` label). Bracketed notes (``[inaudible]``, ``[radio
traffic]``, ``(door closes)``) are not speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

STAMP = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
CUE_TIMING = re.compile(rf"^\s*({STAMP})\s*-->\s*{STAMP}")
LEADING_STAMP = re.compile(rf"^\s*(?:\[({STAMP})\]|\(({STAMP})\)|({STAMP})(?=\s))\s*")
LABEL = re.compile(
    r"^(?P<label>(?:[A-Z][\w'.\-]*|\d+)(?:[ \t]+(?:[A-Z][\w'.\-]*|\d+|of|the)){0,4})"
    rf"[ \t]*(?:\[(?P<s1>{STAMP})\]|\((?P<s2>{STAMP})\))?[ \t]*:(?!\d)[ \t]*(?=\S)"
)  # a colon before a digit is a clock ("It's 4:18 p.m."), not a label's
# A label with its stamp alone on a line, the words on the lines below ("Speaker 1 (00:03):").
LABEL_LINE = re.compile(
    r"^(?P<label>[A-Z][\w'.\-]*(?:[ \t]+(?:[A-Z][\w'.\-]*|\d+(?![\d:]))){0,4})[ \t]*"
    rf"(?:\[(?P<s1>{STAMP})\]|\((?P<s2>{STAMP})\)|(?P<s3>{STAMP}))[ \t]*:?[ \t]*$"
)
VOICE = re.compile(r"^<v(?:\.[\w.-]+)?\s+([^>]+)>")
# A caption's dialogue dash: each "- " line of a cue is a voice of its own.
DASH = re.compile(r"^[-–—][ \t]+(?=\S)")
# An unlabelled opening cue whose voice introduces itself by full name.
_OPENING_INTRO = re.compile(
    r"^\W*(?:[Tt]his is|[Mm]y name is|I'm|I am)\s+"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})\b"
)
NOTE = re.compile(r"^\s*(?:\[[^\]]*\]|\([^)]*\)|\s)*$")
# Header fields that look like labels ("Date: ...", "Speaker identification: ...").
NOT_LABELS = frozenset(
    """note notes date time location incident device case transcribed prepared speakers
    re subject duration start end page file transcript source kind language dialed
    inmate booking""".split()
)
NOT_LABEL_PHRASES = frozenset({"speaker identification", "call id", "speaker list"})
# Header fields that are also the roles of voices: among the turns, "INMATE:" speaks.
ROLE_FIELDS = frozenset({"inmate", "subject"})


@dataclass
class Turn:
    """One speaker's stretch of words, from its label to the next."""

    label: str
    label_start: int
    label_end: int
    stamp: str  # hh:mm:ss in force where the turn starts, "" when none
    start: int  # offsets of the spoken words
    end: int
    voice: bool = False  # named by a WebVTT voice tag
    # the stretches of words when the turn runs over several cues (their numbers and
    # timings lie between); empty when it is one stretch
    parts: list[tuple[int, int]] = field(default_factory=list)

    def words(self, text: str) -> str:
        """The turn's words, a cue's timing lines left out."""
        if not self.parts:
            return text[self.start : self.end]
        return "\n".join(text[a:b] for a, b in self.parts)


def pin_of(stamp: str) -> str:
    """``3:12`` or ``00:03:12.480`` as ``00:03:12`` (fractions dropped)."""
    whole = re.split(r"[.,]", stamp)[0]
    parts = [int(p) for p in whole.split(":")]
    while len(parts) < 3:
        parts.insert(0, 0)
    return "{:02d}:{:02d}:{:02d}".format(*parts)


def _label_at(line: str, among_turns: bool = False) -> re.Match[str] | None:
    match = LABEL.match(line)
    if not match:
        return None
    label = match.group("label")
    first = label.split()[0].lower().rstrip(".")
    role = among_turns and label.lower() in ROLE_FIELDS
    if len(label) > 40 or (first in NOT_LABELS and not role) or label.lower() in NOT_LABEL_PHRASES:
        return None
    return match


def _words_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` narrowed to the words, without a closing ``</v>`` or spaces."""
    chunk = text[start:end]
    chunk_end = len(chunk.rstrip())
    if chunk[:chunk_end].endswith("</v>"):
        chunk_end -= 4
    chunk_start = len(chunk) - len(chunk.lstrip())
    return start + chunk_start, start + max(chunk_start, len(chunk[:chunk_end].rstrip()))


def header_end(text: str) -> int:
    """Offset where the first stamp or cue begins (the header lies before it)."""
    offset = 0
    for line in text.splitlines(keepends=True):
        if CUE_TIMING.match(line) or LEADING_STAMP.match(line):
            return offset
        offset += len(line)
    return offset


def count_marks(text: str) -> tuple[int, int]:
    """(time marks, labelled turns) in ``text``: what tells a recording transcript."""
    marks = labels = 0
    for line in text.splitlines():
        if CUE_TIMING.match(line):
            marks += 1
            continue
        stamp = LEADING_STAMP.match(line)
        rest = line[stamp.end() :] if stamp else line
        if stamp:
            marks += 1
        if LABEL_LINE.match(line) and not stamp:
            marks += 1
            labels += 1
            continue
        if VOICE.match(rest) or _label_at(rest):
            labels += 1
            if _label_at(rest) and (_label_at(rest).group("s1") or _label_at(rest).group("s2")):
                marks += 1
    return marks, labels


def turns(text: str) -> list[Turn]:
    """The speaker turns of ``text``, in order; notes and headers left out."""
    out: list[Turn] = []
    stamp = ""
    in_cue = False
    started = False
    after_note = False  # a transcriber's note since the last words: the voice is unknown
    current: Turn | None = None
    offset = 0
    for line in text.splitlines(keepends=True):
        line_start = offset
        offset += len(line)
        body = line.rstrip("\r\n")
        if not body.strip():
            in_cue = False
            current = None
            continue
        timing = CUE_TIMING.match(body)
        if timing:
            stamp, in_cue, started, current = pin_of(timing.group(1)), True, True, None
            continue
        if body.lstrip().startswith(("*", "♪")) and body.rstrip().endswith(("*", "♪")):
            current, after_note = None, True  # *door slams*: a sound, not words
            continue
        if re.fullmatch(r"\s*\d+\s*", body) or body.startswith(("WEBVTT", "NOTE")):
            continue
        heading = LABEL_LINE.match(body)
        if heading and heading.group("label").split()[0].lower() not in NOT_LABELS:
            own = heading.group("s1") or heading.group("s2") or heading.group("s3")
            stamp, started = pin_of(own), True
            at = line_start + heading.start("label")
            current = Turn(
                heading.group("label"), at, at + len(heading.group("label")), stamp, -1, -1
            )
            out.append(current)
            continue
        lead = LEADING_STAMP.match(body)
        pos = 0
        if lead:
            stamp = pin_of(lead.group(1) or lead.group(2) or lead.group(3))
            started, current, pos = True, None, lead.end()
        if not started:
            continue
        dash = DASH.match(body[pos:])
        after = body[pos + dash.end() :] if dash else ""
        if dash and (VOICE.match(after) or _label_at(after, among_turns=True)):
            pos, current = pos + dash.end(), None  # "- PIKE: ...": a voice of its own
        rest = body[pos:]
        if NOTE.match(rest):
            current, after_note = None, True
            continue
        voice = VOICE.match(rest)
        label = None if voice else _label_at(rest, among_turns=True)
        if voice or label:
            name = voice.group(1).strip() if voice else label.group("label")
            name_at = line_start + pos + (voice.start(1) if voice else 0)
            own = label and (label.group("s1") or label.group("s2"))
            words_at = line_start + pos + (voice.end() if voice else label.end())
            start, end = _words_span(text, words_at, line_start + len(body))
            current = Turn(
                name,
                name_at,
                name_at + len(name),
                pin_of(own) if own else stamp,
                start,
                end,
                bool(voice),
            )
            out.append(current)
            after_note = False
            continue
        intro = _OPENING_INTRO.match(rest) if in_cue and not out and current is None else None
        if intro:  # "This is Jo Roe, investigator ...": the opening cue's voice, by name
            name_at = line_start + pos + intro.start("name")
            start, end = _words_span(text, line_start + pos, line_start + len(body))
            current = Turn(
                intro.group("name"), name_at, name_at + len(intro.group("name")), stamp, start, end
            )
            out.append(current)
            after_note = False
            continue
        if current is not None:  # the turn runs on to this line
            words_start, current.end = _words_span(text, line_start, line_start + len(body))
            if current.parts:
                current.parts[-1] = (current.parts[-1][0], current.end)
            if current.start < 0:
                current.start = words_start
        elif in_cue and out and not after_note and not lead:  # an unlabelled cue: same turn
            current = out[-1]
            current.parts = current.parts or [(current.start, current.end)]
            start, current.end = _words_span(text, line_start, line_start + len(body))
            current.parts.append((start, current.end))
        elif (in_cue or lead) and out and not after_note:  # a new cue or stamp, same voice
            prev = out[-1]
            start, end = _words_span(text, line_start + pos, line_start + len(body))
            current = Turn(
                prev.label, prev.label_start, prev.label_end, stamp, start, end, prev.voice
            )
            out.append(current)
    return [turn for turn in out if turn.start >= 0]
