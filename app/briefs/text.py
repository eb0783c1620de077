"""Text hygiene shared by both brief writers.

Case material is pasted from anywhere: PDFs, e-mails, social media. Before any
of it reaches a writer it is made safe for XML and for print:

* control characters (other than newlines), lone surrogates and the XML
  non-characters U+FFFE/U+FFFF are replaced by U+FFFD, the visible replacement
  character (the rule is :func:`app.core.textrules.printable`, where the
  services' own rules for stored text live too);
* tabs become spaces and line endings become ``\\n``;
* multi-line text is split into paragraphs at newlines.

Markup escaping is *not* done here: it belongs to the PDF writer, because only
reportlab's ``Paragraph`` parses markup.
"""

from __future__ import annotations

import re

from app.core.textrules import printable

_SPACES = re.compile(r"[ \t\u00a0]+")
_SENTENCE_END = re.compile(r"[.!?;:][\"'\u201d\u2019)\]]*\s")


def clean(text: str | None) -> str:
    """Multi-line text made safe: bad characters replaced, newlines normalised."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return printable(text)


def line(text: str | None) -> str:
    """Single-line text: cleaned, with runs of whitespace (newlines too) collapsed."""
    return " ".join(clean(text).split())


def paragraphs(text: str | None) -> list[str]:
    """The non-empty paragraphs of multi-line text, one per line, spaces collapsed."""
    result = []
    for part in clean(text).split("\n"):
        part = _SPACES.sub(" ", part).strip()
        if part:
            result.append(part)
    return result


def excerpt(text: str | None, words: int = 40) -> str:
    """The first ``words`` words of ``text`` on one line, with an ellipsis if cut."""
    parts = line(text).split(" ")
    if len(parts) <= words:
        return " ".join(parts)
    return " ".join(parts[:words]) + " \u2026"


def chunks(text: str, limit: int = 1500) -> list[str]:
    """Split a long paragraph into pieces of about ``limit`` characters.

    Cuts fall at a sentence end where there is one in the second half of the
    window, else at a space, else anywhere (a 30-page statement without a full
    stop still breaks). Layout engines wrap one giant paragraph superlinearly.
    """
    if len(text) <= limit:
        return [text]
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = -1
        for match in _SENTENCE_END.finditer(window, limit // 2):
            cut = match.end()
        if cut < 0:
            space = window.rfind(" ", limit // 2)
            cut = space + 1 if space > 0 else limit
        pieces.append(text[start : start + cut].strip())
        start += cut
    tail = text[start:].strip()
    if tail:
        pieces.append(tail)
    return [piece for piece in pieces if piece]


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (for running headers)."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 1)].rstrip() + "\u2026"
