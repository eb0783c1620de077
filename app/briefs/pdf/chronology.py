"""The PDF chronology: each entry's date (and time) in a column of its own, beside its text.

An entry is a :class:`DatedEntry`: the entry's text, set in the chronology style whose
left indent leaves room for the column, with the column's lines drawn beside its first
lines. The column holds the date, wrapped inside the column when it is too long for one
line ("about September 30, / 2026"), and the time on a line of its own under it, so no
entry is left without its date or has it pushed into its text.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from app.briefs.model import ChronoEntry
from app.briefs.pdf.lines import plain_runs
from app.briefs.pdf.parts import styles

# The width the date column's text may take: the style's left indent less a gutter.
# Every full date ("September 30, 2026") fits on one line.
DATE_COLUMN = 1.45 * inch
# A date wrapped to more lines than this is no date a person wrote ("about September 30,
# 2026" takes two): it is set at the start of the entry's text instead.
MOST_DATE_LINES = 3


def entry_flowable(entry: ChronoEntry) -> Flowable:
    """One chronology entry: bold title, muted kind, detail, italic source."""
    s = styles()
    runs = [(entry.title, "b"), (f" ({entry.kind})", "muted")]
    if entry.detail:
        runs.append((" " + entry.detail, ""))
    if entry.source:
        runs.append((f" Source: {entry.source}", "i"))
    style = s.for_text(s.chrono, entry.title + entry.detail + entry.source + entry.date)
    lines = date_lines(entry.date, style) + date_lines(entry.time, style)
    if len(lines) > MOST_DATE_LINES + bool(entry.time):  # no date a person wrote
        runs.insert(0, (", ".join(x for x in (entry.date, entry.time) if x) + " ", "b"))
        lines = []
    return DatedEntry(lines, plain_runs(runs, style), style)


def date_lines(date: str, style: ParagraphStyle) -> list[str]:
    """``date`` (or a time) in lines no wider than the date column, broken at spaces (a
    word wider than the column is cut)."""
    font, size = style.bulletFontName, style.bulletFontSize
    lines: list[str] = []
    for word in date.split():
        if lines and stringWidth(f"{lines[-1]} {word}", font, size) <= DATE_COLUMN:
            lines[-1] += " " + word
            continue
        while stringWidth(word, font, size) > DATE_COLUMN and len(lines) <= MOST_DATE_LINES:
            cut = 1  # the most characters that fit, at least one
            while stringWidth(word[: cut + 1], font, size) <= DATE_COLUMN:
                cut += 1
            lines.append(word[:cut])
            word = word[cut:]
        lines.append(word)
    return lines


class DatedEntry(Flowable):
    """``body`` (a paragraph in a style with a hanging column) with ``lines`` drawn in
    that column, from its first line down; as tall as the longer of the two."""

    def __init__(self, lines: list[str], body: Flowable, style: ParagraphStyle) -> None:
        super().__init__()
        self.lines, self.body, self.style = lines, body, style
        self._body_height = 0.0

    def __repr__(self) -> str:
        return f"DatedEntry({self.lines!r}, {self.body!r})"

    def _column_height(self) -> float:
        return len(self.lines) * self.style.leading

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        _, self._body_height = self.body.wrap(aW, aH)
        self.width, self.height = aW, max(self._body_height, self._column_height())
        return self.width, self.height

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if aH < self._column_height():
            return []  # the whole date column goes with the entry's first lines
        parts = self.body.split(aW, aH)
        if not parts:
            return []
        if parts[0] is self.body:
            return [self]
        return [DatedEntry(self.lines, parts[0], self.style), *parts[1:]]

    def getSpaceBefore(self) -> float:
        return float(self.body.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.body.getSpaceAfter())

    def draw(self) -> None:
        s, canvas = self.style, self.canv
        # The column first, so that text taken from the page reads date, time, text.
        # Its first baseline is the body's first (the body draws at the top).
        baseline = self.height - s.fontSize + getattr(s, "bulletOffsetY", 0)
        column = canvas.beginText(s.bulletIndent, baseline)
        column.setFont(s.bulletFontName, s.bulletFontSize, s.leading)
        column.setFillColor(getattr(s, "bulletColor", s.textColor))
        for line in self.lines:
            column.textLine(line)
        canvas.drawText(column)
        self.body.drawOn(canvas, 0, self.height - self._body_height)
