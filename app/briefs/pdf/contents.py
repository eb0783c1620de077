"""The PDF brief's table of contents, laid out in the same single pass as the rest.

reportlab's ``TableOfContents`` learns its page numbers from a first full layout of the
document and draws them in a second one, which doubles the time of every long brief.
The entries of a brief are known before layout (every section and group heading is
marked in the story), and only their page numbers are not. So :class:`Contents` takes
the room its entries need while the story is laid out (the page-number column has a
fixed width, so the numbers cannot change any line break) and draws itself when the
page-holding canvas writes the pages out, once every heading has found its page, the
way "Page N of M" is drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from app.briefs.pdf.parts import para

UNTITLED = "(untitled)"  # a blank heading still gets a line and a page number
NUMBER_COLUMN = 34.0  # points kept free on the right of every entry for its page number
DOT = " . "


@dataclass(frozen=True)
class Entry:
    level: int
    title: str
    key: str  # the bookmark the entry links to


class Contents(Flowable):
    """The contents entries; split across pages like any flowable, drawn late.

    ``entries`` is read at layout time, so the story may fill it after adding this
    flowable. ``pages`` maps a bookmark key to its page number; the document fills it
    as the headings are laid out and it is complete when the canvas draws late parts.
    """

    def __init__(
        self,
        entries: Sequence[Entry],
        level_styles: Sequence[ParagraphStyle],
        pages: Mapping[str, int],
    ) -> None:
        super().__init__()
        self.entries = entries
        self.level_styles = list(level_styles)
        self.pages = pages
        self._laid_out: list[Paragraph] = []

    def _style(self, level: int) -> ParagraphStyle:
        return self.level_styles[min(level, len(self.level_styles) - 1)]

    def _lay_out(self, width: float) -> list[tuple[Paragraph, float]]:
        out = []
        for entry in self.entries:
            p = para(entry.title if entry.title.strip() else UNTITLED, self._style(entry.level))
            _, height = p.wrap(width - NUMBER_COLUMN, 1e9)
            out.append((p, height))
        return out

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        rows = self._lay_out(aW)
        self._laid_out = [p for p, _ in rows]
        self.width, self.height = aW, sum(h for _, h in rows)
        return self.width, self.height

    def split(self, aW: float, aH: float) -> list[Flowable]:
        used, fits = 0.0, 0
        for _, height in self._lay_out(aW):
            if used + height > aH:
                break
            used += height
            fits += 1
        if fits == 0:
            return []  # not even one entry fits: the frame moves us to the next page
        first, rest = list(self.entries[:fits]), list(self.entries[fits:])
        return [
            Contents(first, self.level_styles, self.pages),
            Contents(rest, self.level_styles, self.pages),
        ]

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        defer: Callable[[Callable[[Canvas], None]], None] | None = getattr(
            canvas, "draw_when_complete", None
        )
        if defer is None:
            raise TypeError("Contents needs a canvas that draws late parts (page_counting_canvas)")
        laid_out, width, top = list(self._laid_out), self.width, y + self.height
        entries = list(self.entries)
        defer(lambda late: self._draw(late, entries, laid_out, x, top, width))

    def _draw(
        self,
        canvas: Canvas,
        entries: list[Entry],
        laid_out: list[Paragraph],
        x: float,
        top: float,
        width: float,
    ) -> None:
        for entry, p in zip(entries, laid_out, strict=True):
            bottom = top - p.height
            p.drawOn(canvas, x, bottom)
            page = self.pages.get(entry.key)
            if page is not None:  # else its heading never reached a page: no number, no link
                _draw_number(canvas, p, str(page), x, bottom, width)
                canvas.linkRect("", entry.key, (x, bottom, x + width, top), relative=1)
            top = bottom


def _draw_number(canvas: Canvas, p: Paragraph, number: str, x: float, bottom: float, width: float):
    """Dot leaders from the end of the entry's last line to its right-aligned page number."""
    style = p.style
    font, size = style.fontName, style.fontSize
    lines = p.blPara.lines
    baseline = bottom + p.height - size - (len(lines) - 1) * style.leading
    number_width = stringWidth(number, font, size)
    text_end = x + _last_line_end(p)
    dot_width = stringWidth(DOT, font, size)
    dots = max(0, int((x + width - number_width - text_end) / dot_width))
    text = canvas.beginText(x + width - number_width - dots * dot_width, baseline)
    text.setFont(font, size)
    text.setFillColor(style.textColor)
    text.textLine(DOT * dots + number)
    canvas.drawText(text)


def _last_line_end(p: Paragraph) -> float:
    """How far from the paragraph's left edge its last line of text ends."""
    style, lines = p.style, p.blPara.lines
    last: Any = lines[-1]
    # reportlab keeps each line's unused width: a tuple's first item for one-font
    # paragraphs, ``extraSpace`` for mixed ones.
    spare = last[0] if isinstance(last, tuple) else getattr(last, "extraSpace", 0.0)
    first_line = len(lines) == 1
    indent = style.leftIndent + (style.firstLineIndent if first_line else 0)
    room = p.width - style.leftIndent - style.rightIndent
    if first_line:
        room -= style.firstLineIndent
    return indent + room - spare
