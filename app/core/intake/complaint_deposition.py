"""A supporting deposition sworn under a complaint, and the complaint's unnumbered allegations.

New York-style felony complaints append the complaining witness's own sworn account ("I,
Jo Roe, residing at ..., being duly sworn, depose and say:") in the first person: its lines
are the witness's sworn statements, apart from any words quoted in them, which are the
words of whoever said them. The complaint's own allegations open with "That on or about
..." under the officer's oath and need no "deponent states".
"""

from __future__ import annotations

import re

from app.core.intake.complaint_speech import Report

_NAME = r"[A-Z][\w'\u00c0-\u024f-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w'\u00c0-\u024f-]+){1,2}"
# "I, Jo Roe, residing at an address known to the District Attorney, being duly sworn,
# depose and say:": a witness's first-person oath, with an aside before the oath
OATH = re.compile(
    rf"^\s*I,\s+(?P<name>{_NAME}),\s+(?:[^\n:]{{0,200}}?,\s+)?being\s+(?:first\s+)?duly\s+"
    r"sworn,?\s+(?:hereby\s+)?(?:depose|state|say|swear)s?\b"
)
# "That on or about the 2nd day of May ...": an allegation under the deponent's oath.
ALLEGATION = re.compile(r"^\s*That\s+(?:on or about|on|at|in|between|the defendant)\b")
# "I have read (or had read to me) the foregoing deposition ...": the deposition's form.
_FORM = re.compile(r"(?i)^\s*I have read\b|\bforegoing deposition\b")
# "the complainant, Jo Roe,": the complaining witness named in apposition.
_COMPLAINANT = re.compile(rf"\b[Cc]omplainant,\s+(?P<name>{_NAME}),")


def is_form(body: str) -> bool:
    return bool(_FORM.search(body))


def complainant(text: str) -> str:
    """The complaining witness's name as the complaint gives it, "" when it gives none."""
    match = _COMPLAINANT.search(text)
    return match.group("name") if match else ""


def quotations(text: str, start: int, end: int, found: list[Report]) -> list[tuple[int, int]]:
    """The words a line quotes (two words or more) that no report of ``found`` holds."""
    out = []
    for match in re.finditer(r"[\"“]([^\"”]+)[\"”]", text[start:end]):
        a, b = start + match.start(1), start + match.end(1)
        if len(match.group(1).split()) >= 2 and not any(r.start <= a < r.end for r in found):
            out.append((a, b))
    return out


def same_words(a: str, b: str) -> bool:
    """Whether two quotations are the same words, whatever their punctuation."""
    return re.sub(r"\W+", " ", a).strip().lower() == re.sub(r"\W+", " ", b).strip().lower()


def own_spans(
    text: str, start: int, end: int, taken: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The stretches of a first-person line outside ``taken`` (what it quotes or reports),
    each of four words or more ("The man was holding a knife and said", "I gave him my
    phone.")."""
    spans: list[tuple[int, int]] = []
    at = start
    for a, b in sorted(taken):
        spans.append((at, a))
        at = b
    spans.append((at, end))
    out = []
    for a, b in spans:
        chunk = text[a:b]
        lead = len(chunk) - len(chunk.lstrip(' \t"”“,;.\n'))
        trimmed = chunk.strip(" \t\n").rstrip('"“ ,;').rstrip()
        if len(trimmed.split()) >= 4:
            out.append((a + lead, a + len(chunk.rstrip(" \t\n").rstrip('"“ ,;').rstrip())))
    return out
