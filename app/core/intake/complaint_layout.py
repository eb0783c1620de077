"""The paragraphs of a complaint or affidavit and where their pin cites fall.

A complaint numbers its paragraphs ("4." or "¶ 4"), each wrapped over several lines, or
is cited by the count of its non-empty lines. Quotations inside reported words are cut
out as statements of their own by :func:`fragments`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from app.core.intake.complaint_speech import Report

_NUMBERED = re.compile(r"^\s*(?:¶\s*)?(\d{1,3})[.)]\s+(?=\S)")


@dataclass
class Unit:
    """A paragraph: where it runs and its pin number."""

    start: int
    end: int
    number: int


_CLOSERS = frozenset('.:;!?"”)')


def units(text: str) -> tuple[list[Unit], bool]:
    """The paragraphs of ``text`` with their pin numbers, and whether the text numbers
    them (else a paragraph's number is the count of non-empty lines where it starts;
    a sentence wrapped over lines stays one paragraph)."""
    lines: list[tuple[int, int, str, bool]] = []  # start, end, words, after a blank line
    offset = 0
    blank = True
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        if body.strip():
            lines.append((offset, offset + len(body), body, blank))
        blank = not body.strip()
        offset += len(raw)
    marks = [after for _, _, body, after in lines if _NUMBERED.match(body)]
    numbered = len(marks) >= 3
    # numbered paragraphs set apart by blank lines: a line with none before it runs on
    spaced = numbered and sum(marks) * 2 > len(marks)
    out: list[Unit] = []
    for count, (start, end, body, after_blank) in enumerate(lines, 1):
        mark = _NUMBERED.match(body)
        previous = text[out[-1].start : out[-1].end] if out else ""
        continues = bool(out) and not mark and body.lstrip()[:1].islower()
        heading = body.isupper() and body.lstrip()[:1] not in '"“'  # not a quoted note
        if out and not mark and not heading and not previous.isupper():
            if numbered and out[-1].number or not numbered:
                continues = continues or previous.rstrip()[-1:] not in _CLOSERS
                continues = continues or (spaced and bool(out[-1].number) and not after_blank)
        if continues:
            out[-1].end = end
            continue
        if numbered:
            number = int(mark.group(1)) if mark else 0
            out.append(Unit(start + (mark.end() if mark else 0), end, number))
        else:
            out.append(Unit(start, end, count))
    return out, numbered


# Words that give a name, not speech: "an account named "Reuben C."", "known as "Lefty"".
_NAMING = re.compile(
    r"\b(?:named|called|known\s+as|nicknamed|alias|a\.k\.a\.|aka"
    r"|names?(?:\s+[a-z]+){0,4}\s+(?:was|is)|names?\s+of)"
    r"\s*[\"“]$",
    re.IGNORECASE,
)


def fragments(text: str, report: Report) -> list[Report]:
    """``report`` in pieces: reported words, each quoted fragment inside them a verbatim
    piece of its own ("said he left and "never touched the guy.""); a lead-in of fewer
    than four words before a fragment is left out."""
    if report.verbatim:
        return [report]
    pieces: list[Report] = []
    at = report.start
    for match in re.finditer(r"[\"“]([^\"”]+)[\"”]", text[report.start : report.end]):
        open_at, close_at = report.start + match.start(1), report.start + match.end(1)
        if len(match.group(1).split()) < 2 or _NAMING.search(text, max(at, open_at - 60), open_at):
            continue  # a nickname, a single word, a name given ("called "Big Lou"") is no speech
        lead = text[at : open_at - 1].rstrip(" ,;")
        if len(lead.split()) >= 4:
            pieces.append(replace(report, start=at, end=at + len(lead)))
        pieces.append(replace(report, start=open_at, end=close_at, verbatim=True))
        at = close_at + 1
    rest = text[at : report.end].strip(" ,;.")
    if not pieces or len(rest.split()) >= 4:
        tail = at + len(text[at : report.end]) - len(text[at : report.end].lstrip(" ,;"))
        pieces.append(replace(report, start=tail, end=report.end))
    return pieces


def line_counts(text: str) -> tuple[list[int], list[int]]:
    """Offsets where each non-empty line starts, and its count: to pin by line."""
    starts: list[int] = []
    counts: list[int] = []
    offset = 0
    count = 0
    for raw in text.splitlines(keepends=True):
        if raw.strip():
            count += 1
            starts.append(offset)
            counts.append(count)
        offset += len(raw)
    return starts, counts
