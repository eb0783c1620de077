"""Speech a complaint reports in set phrases, found before its "said"/"told" reports.

A demand note quoted ("The note ... reads: "..."") is the words of whoever the paragraph
says passed or wrote it; "According to X, <clause>." is X's account; "Deponent heard
defendant state in substance: ..." is words the deponent overheard.
"""

from __future__ import annotations

import re

from app.core.intake.complaint_speech import (
    CAP,
    DESCRIBED,
    MODIFIER,
    ROLES,
    Report,
    content_after,
    quoted_after,
    sentence_end,
)

# A written demand quoted: "The note, which police recovered, reads: "..."".
_DOCUMENT = r"note|letter|card|sign|message|demand"
_READS = re.compile(
    rf"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:[a-z]+\s+)?(?P<doc>{_DOCUMENT})\b[^.\"“]{{0,160}}?"
    r"\b(?:reads?|said|says|stated|states)\s*[:,]?\s*(?=[\"“])"
)
# Who passed or wrote it: "the man slid a folded note across the counter".
_PASSED = re.compile(
    rf"(?P<who>[Tt]he\s+(?:{DESCRIBED}|defendant)|[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){{0,2}})"
    r"\s+(?:then\s+)?(?:slid|handed|passed|gave|showed|presented|wrote|left|displayed|pushed)"
    rf"\b[^.]{{0,60}}?\b(?P<doc>{_DOCUMENT})\b"
)


# "According to Witness-1, the rider carried ...": the clause after the comma is reported.
_ACCORDING = re.compile(
    rf"\b[Aa]ccording to (?P<who>(?:the\s+)?(?i:informant|defendant|{ROLES})\b(?:\s+{CAP})?"
    r"|[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3}),\s*(?=[A-Za-z])"
)


# "Deponent heard defendant state in substance: ...": words the deponent heard said.
_HEARD = re.compile(
    r"\bheard\s+(?P<who>(?:the\s+)?defendant|(?:the\s+)?informant|[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)"
    r"\s+(?P<verb>state|say|yell|scream|shout|tell\s+\w+)\b"
    r"(?:\s+to\s+(?P<to>(?:the\s+)?[a-z]+|[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?))?"  # "say to the clerk"
)


def heard(text: str, start: int, end: int) -> list[Report]:
    """Reports in the form "heard <someone> state ...": the words, to no one named."""
    found = []
    for match in _HEARD.finditer(text, start, end):
        at = match.end()
        modifier = MODIFIER.match(text, at, end)
        at = modifier.end() if modifier else at
        content = content_after(text, at, end, allow_bare=True)
        if content is None:
            continue
        who = match.group("who")
        plain = who.lower().removeprefix("the ")
        kind = plain if plain in ("defendant", "informant") else "name"
        report = Report(kind, who, match.start("who"), match.end("who"), *content, "heard")
        report.to = match.group("to") or ""
        report.span_start = match.start()
        found.append(report)
    return found


def according(text: str, start: int, end: int) -> list[Report]:
    """Reports in the form "According to X, <clause>."."""
    found = []
    for match in _ACCORDING.finditer(text, start, end):
        who = match.group("who")
        plain = who.lower().removeprefix("the ").strip()
        kind = "informant" if plain.startswith("informant") else "name"
        if plain.startswith("defendant"):
            kind = "defendant"
        elif kind == "name" and re.fullmatch(rf"(?i:{ROLES})", plain):
            kind = "role"
        at = match.start("who")
        stop = sentence_end(text, match.end(), end)
        found.append(
            Report(
                kind,
                who,
                at,
                at + len(who),
                match.end(),
                stop,
                False,
                "according",
                "",
                match.start(),
            )
        )
    return found


def written(text: str, start: int, end: int) -> list[Report]:
    """The words of a note quoted in ``text[start:end]``, as the words of whoever the
    paragraph says passed or wrote it (else none: a note of unknown hand is no one's)."""
    found = []
    for match in _READS.finditer(text, start, end):
        quoted = quoted_after(text, match.end(), end)
        writers = [
            m
            for m in _PASSED.finditer(text, start, match.start())
            if m.group("doc") == match.group("doc")
        ]
        if quoted is None or not writers:
            continue
        who = writers[-1].group("who")
        article = who.split()[0].lower()
        kind = "name" if article != "the" else "defendant" if who.endswith("defendant") else "role"
        at = writers[-1].start("who")
        found.append(Report(kind, who, at, at + len(who), *quoted, "wrote", "", match.start()))
    return found


def phrases(text: str, start: int, end: int) -> list[Report]:
    """The reports in set phrases in ``text[start:end]`` (one paragraph)."""
    return written(text, start, end) + according(text, start, end) + heard(text, start, end)
