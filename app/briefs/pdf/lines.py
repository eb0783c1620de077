"""Plain text set in lines fast: the bulk of a long PDF brief.

Statements, notes and the chronology are most of a brief's words. reportlab's
``Paragraph`` measures every word through several layers of calls each time it lays a
paragraph out, and carries markup, alignments and font machinery these texts never
use: on a 400-page brief that was most of the export time. :class:`PlainText` sets
literal runs of text (regular, bold, italic or muted, as :func:`app.briefs.pdf.parts.rich`
takes them) left-aligned in one style, with an optional hanging bullet, by the same
rules as ``Paragraph`` (no orphaned first line; a word longer than a line is cut),
measuring each distinct word once per font and size.

:func:`plain` and :func:`plain_runs` take the fast path when it applies and otherwise
return the usual ``Paragraph``, so text it would not set the same way (characters the
serif face lacks, soft hyphens, centred styles) looks exactly as before.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from typing import Any

from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from app.briefs.pdf.parts import (
    MUTED,
    QUOTE_RULE_OFFSET,
    QuoteParagraph,
    para,
    quote_rule,
    rich,
    styles,
)

SOFT_HYPHEN = "\u00ad"
SPACE_SHRINK = rl_config.spaceShrinkage
LOOKS = ("", "b", "i", "muted")
# Distinct words remembered per font and size; a long session's exports stay bounded.
WIDTH_CACHE_LIMIT = 200_000
_widths: dict[tuple[str, float], dict[str, float]] = {}
_SPACES = re.compile(r"\s+")

# A word is a string in the style's own look, or (text, look) pieces: runs that meet
# without a space between them make one word, as they do in a Paragraph.
Pieces = tuple[tuple[str, str], ...]
Word = str | Pieces


def _width_table(font: str, size: float) -> dict[str, float]:
    table = _widths.get((font, size))
    if table is None or len(table) > WIDTH_CACHE_LIMIT:
        table = _widths[(font, size)] = {}
    return table


@functools.cache
def look_font(base: str, look: str) -> str:
    """The face of ``look`` in the family of ``base`` (bold and italic as <b>, <i> get)."""
    if look not in ("b", "i"):
        return base
    family, bold, italic = ps2tt(base)
    return tt2ps(family, bold or look == "b", italic or look == "i")


def look_color(style: ParagraphStyle, look: str) -> Color:
    return MUTED if look == "muted" else style.textColor


class _Measure:
    """Word widths for one style, each distinct piece measured once."""

    def __init__(self, style: ParagraphStyle) -> None:
        self.size = style.fontSize
        self.fonts = {look: look_font(style.fontName, look) for look in LOOKS}
        self.tables = {look: _width_table(self.fonts[look], self.size) for look in LOOKS}

    def piece(self, text: str, look: str) -> float:
        table = self.tables[look]
        w = table.get(text)
        if w is None:
            w = table[text] = stringWidth(text, self.fonts[look], self.size)
        return w

    def word(self, word: Word) -> float:
        if isinstance(word, str):
            return self.piece(word, "")
        return sum(self.piece(text, look) for text, look in word)

    def space_after(self, word: Word) -> float:
        return self.piece(" ", "" if isinstance(word, str) else word[-1][1])


def words_of(runs: Sequence[tuple[str, str]]) -> list[Word]:
    """The words of ``runs``, split at whitespace, pieces of one word kept together."""
    if len(runs) == 1 and runs[0][1] == "":
        return list(runs[0][0].split())  # the usual case: one run in the style's look
    words: list[Word] = []
    glue = False  # does the next piece continue the last word?
    for text, look in runs:
        if not text:
            continue
        parts = _SPACES.split(text)
        for i, part in enumerate(parts):
            if part:
                if glue and i == 0 and words:
                    words[-1] = (*words[-1], (part, look))
                else:
                    words.append(((part, look),))
        glue = not text[-1].isspace()
    return words


def all_plain(words: Sequence[Word]) -> bool:
    """True when every word is in the style's own look (nothing bold, italic, muted)."""
    return all(isinstance(word, str) for word in words)


def break_lines(
    words: list[Word], measure: _Measure, first: float, rest: float, plain: bool | None = None
) -> list[list[Word]]:
    """``words`` in lines no wider than ``first`` (the first line) and ``rest``, by
    reportlab's rules: each space of a line may give up 5% to fit one more word, and a
    word wider than a whole line is cut, its first piece filling the current line.
    ``plain`` says whether :func:`all_plain` holds, when the caller knows."""
    if plain if plain is not None else all_plain(words):
        # Most text: one table of word widths and one space width.
        known = measure.tables[""]
        widths = [known[w] if w in known else measure.piece(w, "") for w in words]  # type: ignore[index]
        gaps: Iterable[float] = itertools.repeat(measure.piece(" ", ""))
    else:
        widths = [measure.word(word) for word in words]
        gaps = [measure.space_after(word) for word in words]
    lines: list[list[Word]] = []
    line: list[Word] = []
    used = gap = 0.0  # the line's width, and the space that would follow its last word
    room = first
    for word, w, after in zip(words, widths, gaps, strict=False):  # gaps may repeat endlessly
        if line:
            if used + gap + w <= room + SPACE_SHRINK * gap * len(line):
                line.append(word)
                used += gap + w
                gap = after
                continue
        elif w <= room:
            line, used, gap = [word], w, after
            continue
        if w > room:
            closed, line, used = _long_word(word, measure, line, used + gap, room, rest)
        else:
            closed, line, used = [line], [word], w
        gap = after
        lines += closed
        room = rest
    if line:
        lines.append(line)
    return lines


def _long_word(
    word: Word, measure: _Measure, line: list[Word], start: float, room: float, rest: float
) -> tuple[list[list[Word]], list[Word], float]:
    """A word wider than a whole line, placed as reportlab places it: its first piece
    fills what is left of the current ``line`` (from ``start``), the next pieces take a
    line each, and the last one begins the next line. Returns the lines completed, the
    line begun and its width."""
    if not line:
        start = 0.0
    first, *more = _cut(word, measure, start, room, rest)
    done = [[*line, first] if first else line] if (line or first) else []
    if not more:
        return done, [], 0.0
    *middle, last = more
    return done + [[piece] for piece in middle], [last], measure.word(last)


def _cut(word: Word, measure: _Measure, start: float, room: float, rest: float) -> list[Word]:
    """``word`` in pieces: the first fits ``room`` after ``start`` (it may be empty), the
    others ``rest``; a character wider than a line is kept whole."""
    if isinstance(word, str):
        return [_joined(piece) for piece in _cut(((word, ""),), measure, start, room, rest)]
    pieces: list[Word] = []
    current: list[tuple[str, str]] = []
    used, limit = start, room
    for text, look in word:
        begin = 0
        for i, char in enumerate(text):
            w = measure.piece(char, look)
            if used + w > limit and (i > begin or current or w <= rest):
                if i > begin:
                    current.append((text[begin:i], look))
                pieces.append(tuple(current))
                current, begin, used, limit = [], i, 0.0, rest
            used += w
        current.append((text[begin:], look))
    pieces.append(tuple(current))
    return pieces


class PlainText(Flowable):
    """Literal runs in one left-aligned style, with an optional hanging bullet and an
    optional rule down the left side (a quote)."""

    def __init__(
        self,
        words: list[Word],
        style: ParagraphStyle,
        *,
        bullet: str | None = None,
        ruled: bool = False,
    ) -> None:
        super().__init__()
        self.words, self.style, self.bullet, self.ruled = words, style, bullet, ruled
        self._plain = all_plain(words)
        self._lines: list[list[Word]] = []
        self._wrapped_at: float | None = None

    def __repr__(self) -> str:
        return f"PlainText({' '.join(map(_text, self.words[:8]))!r}...)"

    def _bullet_push(self) -> float:
        """How far a bullet wider than the hanging indent pushes the first line."""
        s = self.style
        if not self.bullet:
            return 0.0
        end = s.bulletIndent + stringWidth(self.bullet, s.bulletFontName, s.bulletFontSize)
        return max(0.0, end + 0.6 * s.bulletFontSize - (s.leftIndent + s.firstLineIndent))

    def _set(self, aW: float) -> list[list[Word]]:
        if self._wrapped_at != aW:
            s = self.style
            width = aW - s.leftIndent - s.rightIndent
            first = width - s.firstLineIndent - self._bullet_push()
            self._lines = break_lines(self.words, _Measure(s), first, width, self._plain)
            self._wrapped_at = aW
        return self._lines

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self.width, self.height = aW, len(self._set(aW)) * self.style.leading
        return self.width, self.height

    def split(self, aW: float, aH: float) -> list[Flowable]:
        # A table splitting a row asks at the column's full width, though it laid the
        # cell out (and measured its height) inside the padding: keep the narrower.
        if self._wrapped_at is not None:
            aW = min(aW, self._wrapped_at)
        lines = self._set(aW)
        fits = int(aH / self.style.leading)
        if fits <= 1:  # no room, or room for an orphaned first line only
            return []
        if fits >= len(lines):
            return [self]
        head = PlainText(
            [w for line in lines[:fits] for w in line],
            self.style,
            bullet=self.bullet,
            ruled=self.ruled,
        )
        head._lines, head._wrapped_at = lines[:fits], aW
        tail = PlainText(
            [w for line in lines[fits:] for w in line], _continued(self.style), ruled=self.ruled
        )
        return [head, tail]

    def draw(self) -> None:
        s, canvas = self.style, self.canv
        lines = self._set(self.width)
        measure = _Measure(s)
        baseline = self.height - s.fontSize
        canvas.saveState()
        if self.bullet:
            mark = canvas.beginText(s.bulletIndent, baseline + getattr(s, "bulletOffsetY", 0))
            mark.setFont(s.bulletFontName, s.bulletFontSize)
            mark.setFillColor(getattr(s, "bulletColor", s.textColor))
            mark.textOut(self.bullet)
            canvas.drawText(mark)
        push = s.firstLineIndent + self._bullet_push()
        text = canvas.beginText(s.leftIndent + push, baseline)
        text.setLeading(s.leading)
        current: list[str | None] = [None]

        def use(look: str) -> None:
            if look != current[0]:
                current[0] = look
                text.setFont(measure.fonts[look], s.fontSize, s.leading)
                text.setFillColor(look_color(s, look))

        for i, line in enumerate(lines):
            if i == 1 and push:
                text.moveCursor(-push, 0)
            *pieces, (last, last_look) = _pieces(line, self._plain)
            for piece, look in pieces:
                use(look)
                text.textOut(piece)
            use(last_look)
            text.textLine(last)  # the line's last piece, then on to the next line
        canvas.drawText(text)
        canvas.restoreState()
        if self.ruled:
            canvas.addLiteral(quote_rule(s.leftIndent - QUOTE_RULE_OFFSET, self.height))


def _pieces(line: list[Word], plain: bool) -> list[tuple[str, str]]:
    """A line as (text, look) pieces to draw, neighbours of one look joined; the space
    between two words goes with the look of the word before it."""
    if plain:
        return [(" ".join(line), "")]  # type: ignore[arg-type]
    out: list[list[str]] = []
    for n, word in enumerate(line):
        if n:
            out[-1][0] += " "
        for text, look in ((word, ""),) if isinstance(word, str) else word:
            if out and out[-1][1] == look:
                out[-1][0] += text
            else:
                out.append([text, look])
    return [(text, look) for text, look in out]


def _text(word: Word) -> str:
    return word if isinstance(word, str) else "".join(text for text, _ in word)


def _joined(word: Word) -> Word:
    """``word`` as a plain string when all of it is in the style's own look."""
    if isinstance(word, str) or any(look for _, look in word):
        return word
    return _text(word)


@functools.cache
def _continued(style: ParagraphStyle) -> ParagraphStyle:
    """``style`` for the rest of a paragraph split across pages (no first-line indent)."""
    if not style.firstLineIndent:
        return style
    rest = ParagraphStyle(style.name + "-continued", parent=style)
    rest.firstLineIndent = 0
    return rest


def _fast(text: str, style: ParagraphStyle) -> bool:
    return (
        style.alignment == TA_LEFT
        and SOFT_HYPHEN not in text
        and styles().for_text(style, text) is style
    )


def plain_runs(
    runs: list[tuple[str, str]], style: ParagraphStyle, *, bullet: str | None = None
) -> Any:
    """Literal ``(text, look)`` runs like :func:`rich`, set by :class:`PlainText` when
    it applies."""
    joined = "".join(text for text, _ in runs) + (bullet or "")
    words = words_of(runs)
    if words and _fast(joined, style):
        return PlainText(words, style, bullet=bullet)
    return rich(runs, style, bullet=bullet)


def plain(text: str, style: ParagraphStyle, *, bold_prefix: str = "", ruled: bool = False) -> Any:
    """``text`` (after an optional bold label) like :func:`para`, set by
    :class:`PlainText` when it applies; ruled like a quote when ``ruled``."""
    runs = [(bold_prefix + " ", "b"), (text, "")] if bold_prefix else [(text, "")]
    words = words_of(runs)
    if words and _fast(bold_prefix + text, style):
        return PlainText(words, style, ruled=ruled)
    return para(text, style, bold_prefix=bold_prefix, cls=QuoteParagraph if ruled else Paragraph)
