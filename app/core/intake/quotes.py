"""Finding the quotations in a text: its paragraphs, the quoted passages and its sentences.

Paragraph rule (the sample case's, resources/sample/README.md): a paragraph is a
non-empty line; ``¶ N`` is the N-th non-empty line of the text. A quotation is the
text between double quotation marks, straight or curly (a straight mark opens after
a space or at the start, else closes). A quotation left open at the end of a
paragraph continues when the next paragraph starts with a quotation mark (the
printer's convention for a quote over several paragraphs); otherwise it ends with its
paragraph. Single marks inside a quotation are nested quotes and stay part of it; a
text with no double marks at all that quotes in single marks (some wire copy) has its
quotations between those, a mark between two letters being an apostrophe.

Who said each one is worked out in app/core/intake/prose.py, sentence by sentence
over the paragraph with its quotations masked out (:func:`mask_quotes`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from app.core.intake.extract_attribution import MASK, MASK_START, Entity

OPENING = "“„«"
CLOSING = "”»"
MARKS = OPENING + CLOSING + '"'
ABBREVIATIONS = frozenset(
    """mr mrs ms dr rev sgt det lt capt col gen gov sen rep st jr sr no inc vs v prof
    hon atty mt ft co corp dept est approx fig dep ofc tpr cpl insp supt""".split()
)

_BEFORE_NUMBERS = frozenset({"no", "fig"})  # abbreviations only before a number


@dataclass
class Paragraph:
    number: int
    text: str
    offset: int


@dataclass
class Quote:
    """One quotation, and what attribution learns about it."""

    pieces: list[tuple[int, int, int]]  # (paragraph index, start, end) including marks
    text: str
    words: int
    speaker: Entity | None = None
    phrase: str = ""
    recipient: str = ""
    how: str = ""
    confidence: float = 0.0
    context: str = ""
    has_verb: bool = False
    drop: bool = False
    sentence_subject: Entity | None = None
    extras: dict[str, Any] = field(default_factory=dict)


def paragraphs(text: str) -> list[Paragraph]:
    """The text's paragraphs by the rule above (non-empty lines, numbered from 1)."""
    found: list[Paragraph] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            found.append(Paragraph(len(found) + 1, body, offset))
        offset += len(line)
    return found


def _is_opening(text: str, i: int) -> bool:
    ch = text[i]
    if ch in OPENING:
        return True
    if ch in CLOSING:
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in "([{—–-/:" + MASK:
        return not after.isspace()
    return False


SINGLE = "'‘’"
_SINGLE_QUOTE = re.compile(r"(?:^|(?<=[\s(—–:-]))['‘][^\W_][^\n]*?[^\s]['’](?=[\s,.;:!?)—–-]|$)")


def quotes_in_single_marks(paras: list[Paragraph]) -> bool:
    """Whether the text quotes in single marks ('...'), as some wire copy does: no double
    marks anywhere, and a single mark opening a quotation after a space."""
    text = "\n".join(p.text for p in paras)
    return not any(m in text for m in '"“”') and bool(_SINGLE_QUOTE.search(text))


def _single_quotes(paras: list[Paragraph]) -> list[Quote]:
    """The quotations of a text in single marks: a mark between two letters, or after a
    letter and before a letter, is an apostrophe ("grandmother's", "hasn't")."""
    quotes: list[Quote] = []
    for index, para in enumerate(paras):
        text, start = para.text, None
        for i, ch in enumerate(text):
            if ch not in SINGLE:
                continue
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if start is None and (before.isspace() or before in "([{—–-:") and after.isalnum():
                start = i
            elif start is not None and not before.isspace() and not after.isalnum():
                quotes.append(_make_quote(paras, [(index, start, i + 1)]))
                start = None
    return [q for q in quotes if q.text]


def find_quotes(paras: list[Paragraph]) -> list[Quote]:
    """Every quotation of the text, in order (one over several paragraphs is one)."""
    if quotes_in_single_marks(paras):
        return _single_quotes(paras)
    quotes: list[Quote] = []
    pending: list[tuple[int, int, int]] | None = None  # an open multi-paragraph quote
    for index, para in enumerate(paras):
        text = para.text
        start: int | None = None
        depth = 0
        lead = len(text) - len(text.lstrip())
        if pending is not None:
            if lead < len(text) and text[lead] in MARKS and _is_opening(text, lead):
                start, depth = lead, 1  # the quotation goes on in this paragraph
            else:
                quotes.append(_make_quote(paras, pending))
                pending = None
        i = lead if start is not None else 0
        if start is not None:
            i = lead + 1
        while i < len(text):
            ch = text[i]
            if ch in MARKS:
                if start is None:
                    if _is_opening(text, i):
                        start, depth = i, 1
                elif ch in OPENING or (ch == '"' and _is_opening(text, i) and depth == 0):
                    depth += 1
                else:
                    depth -= 1
                    if depth <= 0:
                        pieces = (pending or []) + [(index, start, i + 1)]
                        quotes.append(_make_quote(paras, pieces))
                        pending, start, depth = None, None, 0
            i += 1
        if start is not None:
            pending = (pending or []) + [(index, start, len(text))]
    if pending is not None:
        quotes.append(_make_quote(paras, pending))
    return [q for q in quotes if q.text]


def _make_quote(paras: list[Paragraph], pieces: list[tuple[int, int, int]]) -> Quote:
    parts = []
    for index, start, end in pieces:
        inner = paras[index].text[start + 1 : end]
        if inner and inner[-1] in MARKS + SINGLE:
            inner = inner[:-1]
        parts.append(inner.strip())
    text = "\n\n".join(p for p in parts if p)
    text = re.sub(r"[,]\s*$", "", text).strip()
    return Quote(pieces, text, len(text.split()))


def mask_quotes(para: Paragraph, quotes: list[tuple[int, int, Quote]]) -> str:
    """The paragraph with its quotations blanked out, so their words attribute nothing."""
    chars = list(para.text)
    for start, end, quote in quotes:
        for i in range(start, end):
            chars[i] = MASK
        chars[start] = MASK_START
        inner = para.text[start:end].rstrip(MARKS + SINGLE + " ")
        if inner.endswith((".", "!", "?")) and end - start > 2:
            chars[end - 1] = "."
        del quote
    return "".join(chars)


_REPLY = r"\s+(?:he|she|they|I|we)\s+(?:then\s+)?(?:told|said|answered|replied|responded|stated)\s"
# "When the officer asked how sure he was, Kolwey answered that ...": the answer is its own.
_ANSWER = r"\s+(?:[A-Z][\w'’\-]+|he|she|they)\s+(?:answered|replied|responded)\b"


def sentences(masked: str) -> list[tuple[int, int]]:
    """The (start, end) of each sentence of a masked paragraph (abbreviations do not end one)."""
    spans: list[tuple[int, int]] = []
    start = 0
    # "She asked him where he was going; he told her he had ...": the reply is its own;
    # an opinion's footnote call after the full stop ("chosen."[2] We agree) ends it too.
    # A record cite "(Supp. R. 18.)" is one aside: no sentence ends inside its brackets.
    ends = rf"[.!?](?:\[\d{{1,3}}\])?\)?(?=\s+[A-Z0-9\ue001\"“(])|;(?={_REPLY})|,(?={_ANSWER})"
    for match in re.finditer(ends, masked):
        end = match.end()
        if match.group(0) == "," and not re.match(r"\s*When\b[^,]*\basked\b", masked[start:end]):
            continue
        if masked.count("(", start, end) > masked.count(")", start, end):
            continue
        word = re.findall(r"([A-Za-z]+)\.?$", masked[start:end])
        if word and (word[-1].lower() in ABBREVIATIONS or len(word[-1]) == 1):
            # "No. 5" abbreviates number; "he said no. The agents ..." ends a sentence.
            if word[-1].lower() not in _BEFORE_NUMBERS or re.match(r"\s*\d", masked[end:]):
                continue
        spans.append((start, end))
        start = end
        while start < len(masked) and masked[start].isspace():
            start += 1
    if start < len(masked):
        spans.append((start, len(masked)))
    return spans
