"""Reportlab building blocks for the PDF brief: fonts, one shared style sheet, flowables.

The three layers follow PyInvoice: plain data (:mod:`app.briefs.model`), these
components, and the document template in :mod:`app.briefs.pdf`.

Every user string goes through :func:`para`, which escapes it: reportlab's
``Paragraph`` parses markup (``<b>``, ``<img src=...>``, ``<font>``), and an
unescaped ``<img>`` would make it read a file named by case text.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from app.briefs.text import chunks

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".fonts",
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)
_FACES = {
    "BriefSerif": "DejaVuSerif.ttf",
    "BriefSerif-Bold": "DejaVuSerif-Bold.ttf",
    "BriefSerif-Italic": "DejaVuSerif-Italic.ttf",
    "BriefSerif-BoldItalic": "DejaVuSerif-BoldItalic.ttf",
    "BriefSans": "DejaVuSans.ttf",
    "BriefSans-Bold": "DejaVuSans-Bold.ttf",
    "BriefSans-Oblique": "DejaVuSans-Oblique.ttf",
    "BriefSans-BoldOblique": "DejaVuSans-BoldOblique.ttf",
}

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#9a9a9a")
SHADE = colors.HexColor("#e8e8e8")
ACCENT = colors.HexColor("#7a1f1f")
# A table row taller than a page (a cell holding pages of text) is split inside
# the row, leaving at least this many points on each side.
SPLIT_IN_ROW = 24
CELL_PADDING = 4


@dataclass(frozen=True)
class Fonts:
    serif: str
    serif_bold: str
    serif_italic: str
    sans: str
    sans_bold: str
    sans_italic: str
    # Characters each family can draw; None for the base-14 fallback.
    serif_chars: frozenset[int] | None = None
    sans_chars: frozenset[int] | None = None


def _find_font_dir() -> Path | None:
    for folder in FONT_DIRS:
        if all((folder / name).is_file() for name in _FACES.values()):
            return folder
    return None


@functools.cache
def fonts() -> Fonts:
    """DejaVu (full Unicode coverage) when installed, else the base-14 fonts."""
    folder = _find_font_dir()
    if folder is None:
        return Fonts(
            "Times-Roman", "Times-Bold", "Times-Italic", "Helvetica", "Helvetica-Bold",
            "Helvetica-Oblique",
        )  # fmt: skip
    faces = {}
    for name, file in _FACES.items():
        faces[name] = TTFont(name, str(folder / file))
        pdfmetrics.registerFont(faces[name])
    pdfmetrics.registerFontFamily(
        "BriefSerif",
        normal="BriefSerif",
        bold="BriefSerif-Bold",
        italic="BriefSerif-Italic",
        boldItalic="BriefSerif-BoldItalic",
    )
    pdfmetrics.registerFontFamily(
        "BriefSans",
        normal="BriefSans",
        bold="BriefSans-Bold",
        italic="BriefSans-Oblique",
        boldItalic="BriefSans-BoldOblique",
    )
    return Fonts(
        "BriefSerif", "BriefSerif-Bold", "BriefSerif-Italic", "BriefSans", "BriefSans-Bold",
        "BriefSans-Oblique",
        frozenset(faces["BriefSerif"].face.charToGlyph),
        frozenset(faces["BriefSans"].face.charToGlyph),
    )  # fmt: skip


class Styles:
    """One shared set of paragraph styles (per-paragraph style copies are slow)."""

    def __init__(self, f: Fonts) -> None:
        self.fonts = f

        def style(name: str, **kw: Any) -> ParagraphStyle:
            kw.setdefault("fontName", f.serif)
            kw.setdefault("fontSize", 10)
            kw.setdefault("leading", kw["fontSize"] * 1.32)
            kw.setdefault("textColor", INK)
            return ParagraphStyle(name, **kw)

        self.body = style("Body", spaceAfter=5)
        self.small = style("Small", fontSize=9, spaceAfter=3)
        self.quote = style(
            "Quote", leftIndent=16, rightIndent=10, spaceAfter=4, fontSize=10, leading=13.6
        )
        self.meta = style(
            "Meta", fontName=f.sans_bold, fontSize=8.5, textColor=MUTED, spaceBefore=7, spaceAfter=3
        )
        self.source = style(
            "Source",
            fontName=f.sans_italic,
            fontSize=8,
            textColor=MUTED,
            leftIndent=16,
            spaceAfter=6,
        )
        self.note = style(
            "Note",
            fontName=f.sans_italic,
            fontSize=8.5,
            textColor=ACCENT,
            leftIndent=16,
            spaceAfter=4,
        )
        self.h1 = style(
            "H1", fontName=f.sans_bold, fontSize=15, leading=19, spaceBefore=6, spaceAfter=8
        )
        self.h2 = style(
            "H2", fontName=f.sans_bold, fontSize=11.5, leading=14.5, spaceBefore=10, spaceAfter=4
        )
        self.h3 = style(
            "H3", fontName=f.sans_bold, fontSize=10, leading=13, spaceBefore=6, spaceAfter=2
        )
        self.cell = style("Cell", fontSize=8.5, leading=10.8)
        self.head = style("Head", fontName=f.sans_bold, fontSize=8.5, leading=10.8)
        self.label = style("Label", fontName=f.sans_bold, fontSize=9, leading=12, textColor=MUTED)
        self.bullet = style("Bullet", leftIndent=14, bulletIndent=3, spaceAfter=2)
        self.chrono = style(
            "Chrono",
            fontSize=9,
            leading=12,
            leftIndent=1.45 * inch,
            bulletIndent=0,
            bulletFontName=f.sans_bold,
            bulletFontSize=8.5,
            spaceAfter=4,
        )
        self.title = style(
            "Title",
            fontName=f.sans_bold,
            fontSize=24,
            leading=30,
            alignment=TA_CENTER,
            spaceAfter=12,
        )
        self.subtitle = style(
            "Subtitle",
            fontName=f.sans,
            fontSize=12,
            leading=16,
            alignment=TA_CENTER,
            textColor=MUTED,
            spaceAfter=4,
        )
        self.marking = style(
            "Marking",
            fontName=f.sans_bold,
            fontSize=10,
            leading=14,
            alignment=TA_CENTER,
            textColor=ACCENT,
        )
        self.toc1 = style(
            "TOC1", fontName=f.sans, fontSize=10.5, leading=15, leftIndent=12, firstLineIndent=-12
        )
        self.toc2 = style(
            "TOC2",
            fontName=f.sans,
            fontSize=9,
            leading=12,
            leftIndent=30,
            firstLineIndent=-12,
            textColor=MUTED,
        )
        self._sans_twins: dict[str, ParagraphStyle] = {}
        # The same coverage as characters, so the check is one C-level subset test.
        self._serif_set = frozenset(map(chr, f.serif_chars or ()))
        self._sans_set = frozenset(map(chr, f.sans_chars or ()))

    def for_text(self, style: ParagraphStyle, text: str) -> ParagraphStyle:
        """``style``, or its sans twin when the serif face lacks some of the text's
        characters but the sans face has more (Arabic, some symbols)."""
        f = self.fonts
        if f.serif_chars is None or not style.fontName.startswith(f.serif):
            return style
        chars = set(text)
        if chars <= self._serif_set:  # nearly always: every character is in Serif
            return style
        if not (chars - self._serif_set) & self._sans_set:
            return style
        twin = self._sans_twins.get(style.name)
        if twin is None:
            bold = style.fontName.endswith("Bold")
            twin = ParagraphStyle(style.name + "-Sans", parent=style)
            twin.fontName = f.sans_bold if bold else f.sans
            self._sans_twins[style.name] = twin
        return twin


@functools.cache
def styles() -> Styles:
    return Styles(fonts())


_TEMPLATES: dict[tuple[int, str], Any] = {}
_LOOKS = {"": "x", "b": "<b>x</b>", "i": "<i>x</i>", "muted": "<font color='#555555'>x</font>"}


def _frag(style: ParagraphStyle, text: str, look: str = "") -> Any:
    """A text fragment of ``style`` (plain, "b", "i" or "muted") holding ``text`` as
    it is: the fragment is cloned from a parsed template, the text is never parsed."""
    key = (id(style), look)
    template = _TEMPLATES.get(key)
    if template is None:
        template = Paragraph(_LOOKS[look], style).frags[0]
        _TEMPLATES[key] = template
    return template.clone(text=text)


def rich(
    runs: list[tuple[str, str]],
    style: ParagraphStyle,
    *,
    bullet: str | None = None,
    cls: type[Paragraph] = Paragraph,
) -> Paragraph:
    """A Paragraph of literal ``(text, look)`` runs, with an optional literal bullet."""
    style = styles().for_text(style, "".join(text for text, _ in runs) + (bullet or ""))
    frags = [_frag(style, text, look) for text, look in runs if text]
    plain = escape("".join(text for text, _ in runs))
    # reportlab draws a bullet string as it is (no markup parsing), so no escaping.
    if not frags:
        return cls("", style, bulletText=bullet)
    return cls(plain, style, bulletText=bullet, frags=frags)


def para(
    text: str, style: ParagraphStyle, *, bold_prefix: str = "", cls: type[Paragraph] = Paragraph
) -> Paragraph:
    """A Paragraph showing ``text`` literally, optionally after a bold label.

    The text is handed to reportlab as ready-made fragments, so its markup parser
    never sees it: ``<img src=...>`` or ``&amp;`` in case text is just text (and
    skipping the parser is faster too).
    """
    runs = [(bold_prefix + " ", "b")] if bold_prefix else []
    return rich([*runs, (text, "")], style, cls=cls)


# The operators ``saveState(); setStrokeColor(RULE); setLineWidth(1.6);
# line(x, y1, x, y2); restoreState()`` write, as one literal (the same bytes): a
# long brief draws thousands of these rules, and the calls cost a few per cent.
_QUOTE_RULE = "q\n" + fp_str(RULE.red, RULE.green, RULE.blue) + " RG\n1.6 w\nn %s m %s l S\nQ"


class QuoteParagraph(Paragraph):
    """A verbatim paragraph with a rule down its left side, like a Word quote border."""

    def draw(self) -> None:
        super().draw()
        x = self.style.leftIndent - 8
        self.canv.addLiteral(_QUOTE_RULE % (fp_str(x, -2), fp_str(x, self.height + 1)))


def quote(text: str) -> Paragraph:
    return para(text, styles().quote, cls=QuoteParagraph)


def table_style(header: bool = True) -> TableStyle:
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("FONT", (0, 1), (-1, -1), styles().cell.fontName, styles().cell.fontSize),
        ("LEADING", (0, 1), (-1, -1), styles().cell.leading),
        ("TEXTCOLOR", (0, 1), (-1, -1), INK),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ]
    return TableStyle(commands)


class ChunkedTable(Flowable):
    """A long table laid out a page at a time.

    A reportlab ``Table`` re-measures all its remaining rows at every page split,
    which is quadratic in the rows. This flowable only ever measures the rows
    that can land on the current page, and repeats the header row on each page.
    """

    def __init__(
        self, header: list[Any], rows: list[list[Any]], widths: list[float], chunk: int = 40
    ) -> None:
        super().__init__()
        self.header, self.rows, self.widths, self.chunk = header, rows, widths, chunk
        self._table: Table | None = None

    def _make(self, rows: list[list[Any]]) -> Table:
        return Table(
            [self.header, *rows],
            colWidths=self.widths,
            repeatRows=1,
            splitInRow=SPLIT_IN_ROW,
            style=table_style(),
        )

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        if len(self.rows) <= self.chunk:
            self._table = self._make(self.rows)
            return self._table.wrap(aW, aH)
        self._table = None
        return aW, aH + 1  # more than fits: the frame will ask us to split

    def split(self, aW: float, aH: float) -> list[Flowable]:
        n = self.chunk
        while True:
            table = self._make(self.rows[:n])
            _, height = table.wrap(aW, aH)
            if height > aH or n >= len(self.rows):
                break
            n *= 2
        if height <= aH:  # everything left fits here
            return [table]
        parts = table.split(aW, aH)
        if not parts:
            return []
        first = parts[0]
        used = len(first._cellvalues) - 1
        rest = self.rows[used:]
        last = first._cellvalues[-1]
        if len(parts) > 1 and any(
            a is not b for a, b in zip(last, self.rows[used - 1], strict=False)
        ):
            # A row too tall for a page was split inside; its remainder leads the rest.
            rest = [list(parts[1]._cellvalues[1]), *rest]
        return (
            [parts[0], ChunkedTable(self.header, rest, self.widths, self.chunk)]
            if rest
            else [parts[0]]
        )

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        assert self._table is not None
        self._table.drawOn(canvas, x, y, _sW)


def _cell(text: str, style: ParagraphStyle, width: float) -> Paragraph | str:
    """A plain string when it fits on one line in the serif face (a table draws
    those without wrapping them), else a wrapping Paragraph."""
    s = styles()
    if (
        len(text) < 60
        and s.for_text(style, text) is style
        and stringWidth(text, style.fontName, style.fontSize) <= width - 2 * CELL_PADDING
    ):
        return text
    return para(text, style)


def _fit_rows(rows: list[list[str]], widths: list[float]) -> list[list[str]]:
    """Rows whose long cells are spread over continuation rows.

    A row must fit on one page under the repeated header: reportlab cannot split
    a row there and stops with a LayoutError. A cell longer than about thirty lines
    of its column continues, unchanged and in order, in the rows below it.
    """
    size = styles().cell.fontSize
    limits = [max(120, int((w - 2 * CELL_PADDING) / (size * 0.6)) * 30) for w in widths]
    fitted: list[list[str]] = []
    for row in rows:
        if all(len(cell) <= limit for cell, limit in zip(row, limits, strict=True)):
            fitted.append(row)
            continue
        pieces = [chunks(cell, limit) for cell, limit in zip(row, limits, strict=True)]
        for i in range(max(len(p) for p in pieces)):
            fitted.append([p[i] if i < len(p) else "" for p in pieces])
    return fitted


def table(header: list[str], rows: list[list[str]], widths: list[float]) -> Flowable:
    """A table of literal text with a repeating header row; long ones are chunked."""
    s = styles()
    head = [para(h, s.head) for h in header]
    rows = _fit_rows(rows, widths)
    body = [[_cell(c, s.cell, w) for c, w in zip(row, widths, strict=True)] for row in rows]
    if len(body) <= 40:
        return Table(
            [head, *body],
            colWidths=widths,
            repeatRows=1,
            splitInRow=SPLIT_IN_ROW,
            style=table_style(),
        )
    return ChunkedTable(head, body, widths)


def page_counting_canvas(draw_page_count: Any) -> type[Canvas]:
    """A canvas class that holds pages back until the end to print "Page N of M".

    Other parts drawn only once the whole document is laid out (the contents' page
    numbers) register themselves on their page with ``draw_when_complete``.
    """

    class PageCountCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self._late: list[Callable[[Canvas], None]] = []

        def draw_when_complete(self, draw: Callable[[Canvas], None]) -> None:
            """Call ``draw`` on this page when the document is complete."""
            self._late.append(draw)

        def bookmarkPage(self, key: str, *args: Any, **kwargs: Any) -> None:
            # A destination names its page by the count of pages written so far,
            # and pages are written only at save: so the bookmark waits for its page
            # (otherwise every outline entry and link would open page 1).
            self.draw_when_complete(
                lambda canvas: Canvas.bookmarkPage(canvas, key, *args, **kwargs)
            )

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._late = []
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                # Annotations are named by a document-wide counter that must not go
                # back to the page's own value (late parts add links).
                annotations = self._annotationCount
                self.__dict__.update(state)
                self._annotationCount = annotations
                draw_page_count(self, total)
                for draw in state["_late"]:
                    draw(self)
                super().showPage()
            # Binary (not ASCII85) page streams: smaller files, and reportlab's
            # pure-Python ASCII85 encoder is a tenth of the time of a long brief.
            saved, rl_config.useA85 = rl_config.useA85, 0
            try:
                super().save()
            finally:
                rl_config.useA85 = saved

    return PageCountCanvas
