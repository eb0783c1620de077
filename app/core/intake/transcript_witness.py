"""Who a transcript's witness is, told outside its title block: a call to the stand at the
opening or the close of a turn ("The State calls Officer Jane Roe.", "... The first witness
is Detective Roe of the county police."), and a deposition's running head printing the
deponent surname first on every page ("Roe, Jane   May 2, 2026   Page 4")."""

from __future__ import annotations

import re

from app.core.intake.transcript_cast import NAME, TITLES, Person

_CALLS = re.compile(
    rf"\b(?i:calls?|calling|call\s+as\s+(?:its|our)\s+(?:next\s+|first\s+)?witness"
    rf"|(?:next|first)\s+witness\s+(?:is|will\s+be))\s+"
    rf"(?:(?i:the\s+)?(?P<title>{TITLES})\s+)?(?P<name>{NAME})"
)


# "Roe, Jane        May 2, 2026        Page 4": a deposition's running head, surname first.
_HEAD_NAME = re.compile(
    r"^(?P<surname>[A-Z][A-Za-z'’-]*[a-z][A-Za-z'’-]*),\s+"
    r"(?P<given>[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?)(?=\s{2,}|\s*$)"
)


def running_head_name(page_lines: list[str]) -> str:
    """The name a running head prints surname first on every page ("Roe, Jane" ->
    "Jane Roe"), or ""."""
    names = {f"{m['given']} {m['surname']}" if m else "" for m in map(_HEAD_NAME.match, page_lines)}
    return names.pop() if len(names) == 1 else ""


_SENTENCE_AFTER = re.compile(r"[.?!]\s+\S")


def called_witness(text: str) -> Person | None:
    """The witness a turn calls ("The State calls Officer Jane Roe")."""
    match = _CALLS.search(text[:160])  # a call to the stand opens its turn or closes it
    if not match:
        closing = text[-160:]
        match = next(
            (m for m in _CALLS.finditer(closing) if not _SENTENCE_AFTER.search(closing, m.end())),
            None,
        )
    if not match:
        return None
    title = match.group("title") or ""
    name = match.group("name")
    if title in ("Mr.", "Ms.", "Mrs.", "Miss"):
        title = ""
    return Person(name, title, source="the call to the stand")
