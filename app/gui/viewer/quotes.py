"""Finding a statement's quote on a PDF's text layer, to open the page it is on and
mark it there.

The words of a quote as typed and as laid out on the page seldom match letter for
letter: the page breaks lines (and hyphenates a word across them), has curly quotes
and apostrophes where the typist had straight ones, ligatures, and more or fewer
spaces. So both are compared as words: letters and digits, case folded, a hyphen or
apostrophe inside a word dropped (so "well-\\nknown", "well-known" and "wellknown"
agree), everything else a gap between words. Numbers standing alone are left out on
both sides: a transcript's line numbers sit between the words of a quote. A quote
may run from the foot of one page onto the next, past a header: it is then marked on
both.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from app.gui.viewer.pdf_pages import Box, PdfPages

# Kept inside a word, and dropped: hyphens and apostrophes, straight and typeset.
APOSTROPHES = frozenset("'’ʼ")
JOINERS = frozenset("-‐‑") | APOSTROPHES
# Words at the foot and head of a page that may part a quote running overleaf: a
# footer, a running header, a page number.
OVERLEAF_SKIP = 12
# An editor's insertion in a quote, "[sic]" or "[the defendant]": not on the page.
_EDITORIAL = re.compile(r"\[[^\]]*\]")
# Where a quote leaves words out.
_ELLIPSIS = re.compile(r"\.\s?\.\s?\.|…")
# A transcript's line number where a line begins (after a break, or after the
# hyphen PDFium joins a broken word with), with the space after it.
_LINE_NUMBER = re.compile(r"(?<=[\r\n\x02\ufffe])[ \t]*\d+[ \t]+")
# PDFium's mark for a hyphen it found at a line's end, and the soft hyphen.
BREAK_HYPHENS = frozenset("\x02\ufffe\xad")


@dataclass(frozen=True)
class Word:
    """A word as compared, and where it is in the page's chars: ``start`` to ``end``
    (one past its last char)."""

    text: str
    start: int
    end: int


@dataclass
class QuoteMatch:
    """Where a quote is: the page it starts on (0-based) and its boxes on each page
    it covers."""

    page: int
    boxes: dict[int, tuple[Box, ...]] = field(default_factory=dict)


def _folded(char: str) -> str:
    """The char as compared: "ﬁ" is "fi", "É" is "é"; "" when it is not part of a word."""
    folded = unicodedata.normalize("NFKC", char).casefold()
    return folded if folded and all(c.isalnum() for c in folded) else ""


def words_of(text: str) -> list[Word]:
    """The words of ``text`` as compared, each with where it is in ``text``."""
    words: list[Word] = []
    letters: list[str] = []
    start = end = 0
    i, size = 0, len(text)
    while i < size:
        char = text[i]
        folded = _folded(char)
        if folded:
            if not letters:
                start = i
            letters.append(folded)
            end = i = i + 1
            continue
        if letters and (char in JOINERS or char in BREAK_HYPHENS):
            after = i + 1
            if char not in APOSTROPHES:  # a hyphen may end a line: the word goes on after it
                while after < size and text[after].isspace():
                    after += 1
                gap = text[i + 1 : after]
                if gap and "\n" not in gap and "\r" not in gap and char not in BREAK_HYPHENS:
                    after = size  # "well - known": a dash between words, not a hyphen
                else:
                    after = _past_line_number(text, after)
            if after < size and _folded(text[after]):
                i = after
                continue
        if letters:
            words.append(Word("".join(letters), start, end))
            letters = []
        i += 1
    if letters:
        words.append(Word("".join(letters), start, end))
    return words


def _past_line_number(text: str, at: int) -> int:
    """Where the words go on at ``at``, the start of a line: past a transcript's line
    number ("12  known store") when the line begins with one."""
    end = at
    while end < len(text) and text[end].isdigit():
        end += 1
    if end == at or end == len(text) or not text[end].isspace():
        return at
    while end < len(text) and text[end].isspace():
        end += 1
    return end


def find_quote(
    pdf: PdfPages, quote: str, cited: tuple[int, int] | None = None
) -> QuoteMatch | None:
    """The first place ``quote`` is in the PDF: on the ``cited`` pages (1-based, first
    and last) when given and it is there, else on the first page it is found (the
    cite may be wrong, or a paragraph); None when it is on no page's text layer.
    What an editor put in square brackets ("[sic]") is not looked for; a quote cut
    with an ellipsis is found by its longest piece."""
    if not len(pdf):
        return None
    quote = _EDITORIAL.sub(" ", quote)
    pieces = sorted(_ELLIPSIS.split(quote), key=lambda piece: -len(words_of(piece)))
    cache: dict[int, list[Word]] = {}

    def page_words(index: int) -> list[Word]:
        if index not in cache:
            words = words_of(pdf.chars(index)) if index < len(pdf) else []
            cache[index] = [word for word in words if not word.text.isdigit()]
        return cache[index]

    if len(pieces) > 1:  # the whole first; a piece of a word or two would be found anywhere
        pieces = [quote, *(piece for piece in pieces if len(words_of(piece)) >= 3)]
    for piece in pieces:
        wanted = [word.text for word in words_of(piece) if not word.text.isdigit()]
        if not wanted:
            continue
        for index in _search_order(len(pdf), cited):
            found = _match_from(index, wanted, page_words, pdf)
            if found is not None:
                return found
    return None


def _search_order(count: int, cited: tuple[int, int] | None) -> Iterable[int]:
    first = []
    if cited is not None:
        first = [n - 1 for n in range(cited[0], cited[1] + 1) if n <= count]
    yield from first
    yield from (index for index in range(count) if index not in first)


def _match_from(
    index: int,
    wanted: list[str],
    page_words: Callable[[int], list[Word]],
    pdf: PdfPages,
) -> QuoteMatch | None:
    """The quote starting on page ``index``: all there, or its start at the foot of
    the page (a footer after it) and the rest at the head of the next (after its
    running header)."""
    here = page_words(index)
    texts = [word.text for word in here]
    for at, text in enumerate(texts):
        if text != wanted[0]:
            continue
        same = _common_run(texts, at, wanted)
        if same == len(wanted):
            return _marked(pdf, index, {index: here[at : at + same]})
        if len(texts) - (at + same) > OVERLEAF_SKIP:
            continue  # it parts from the quote well before the page ends
        rest = wanted[same:]
        overleaf = page_words(index + 1)
        later = [word.text for word in overleaf]
        for skip in range(min(OVERLEAF_SKIP, len(later)) + 1):
            if later[skip : skip + len(rest)] == rest:
                words = {index: here[at : at + same], index + 1: overleaf[skip : skip + len(rest)]}
                return _marked(pdf, index, words)
    return None


def _common_run(texts: list[str], at: int, wanted: list[str]) -> int:
    """How many of ``wanted``'s words ``texts`` has, in order, from ``at``."""
    same = 0
    while same < len(wanted) and at + same < len(texts) and texts[at + same] == wanted[same]:
        same += 1
    return same


def _marked(pdf: PdfPages, first: int, words: dict[int, list[Word]]) -> QuoteMatch:
    """The quote's boxes: one a line, a transcript's line numbers left unmarked."""
    match = QuoteMatch(first)
    for page, run in words.items():
        start, end = run[0].start, run[-1].end
        chars = pdf.chars(page)
        boxes: list[Box] = []
        for number in _LINE_NUMBER.finditer(chars, start, end):
            if number.start() > start:
                boxes.extend(pdf.span_boxes(page, start, number.start() - start))
            start = number.end()
        boxes.extend(pdf.span_boxes(page, start, end - start))
        match.boxes[page] = tuple(boxes)
    return match
