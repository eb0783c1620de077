"""Reportlab building blocks for the PDF brief: fonts, one shared style sheet, flowables.

The three layers follow PyInvoice: plain data (:mod:`app.briefs.model`), these
components, and the document template in :mod:`app.briefs.pdf.document`.

Every user string goes through :func:`para`, which escapes it: reportlab's
``Paragraph`` parses markup (``<b>``, ``<img src=...>``, ``<font>``), and an
unescaped ``<img>`` would make it read a file named by case text.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

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


class BriefTTFont(TTFont):
    """A TrueType font whose text encoding runs at C speed once its characters are known.

    Drawing text maps each character to a code in one of the font's 256-glyph subsets,
    one character at a time in Python: a fifth of the time of a long brief. Nearly all
    of a brief's text falls in the first subset, so once reportlab has given a string's
    characters their codes (in the usual way, which fixes the codes for the rest of the
    document), later strings made only of those characters are encoded with one
    ``str.translate``: the same bytes, at C speed.
    """

    def splitString(self, text: Any, doc: Any, encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        state = self.state.get(doc)
        if state is not None and isinstance(text, str):
            codes: dict[int, int] | None = state.__dict__.get("first_subset_codes")
            if codes is not None and codes.keys() >= set(map(ord, text)):
                return [(0, text.translate(codes).encode("latin-1"))] if text else []
        runs = super().splitString(text, doc, encoding)
        state = self.state[doc]
        # Characters coded in the first subset, for the fast path, gathered again only
        # when reportlab has coded new ones; NBSP is drawn as a space, as reportlab does.
        if state.__dict__.get("first_subset_seen") != len(state.assignments):
            codes = {c: n for c, n in state.assignments.items() if n < 256}
            if 32 in codes:
                codes[0xA0] = codes[32]
            state.__dict__["first_subset_codes"] = codes
            state.__dict__["first_subset_seen"] = len(state.assignments)
        return runs


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
        faces[name] = BriefTTFont(name, str(folder / file))
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
        self.head_right = style(
            "HeadRight", fontName=f.sans_bold, fontSize=8.5, leading=10.8, alignment=TA_RIGHT
        )
        self.headline = style(
            "Headline", fontName=f.sans_bold, fontSize=11, leading=14.5, spaceAfter=2
        )
        self.label = style("Label", fontName=f.sans_bold, fontSize=9, leading=12, textColor=MUTED)
        self.bullet = style("Bullet", leftIndent=14, bulletIndent=3, spaceAfter=2)
        self.chrono = style(
            "Chrono",
            fontSize=9,
            leading=12,
            leftIndent=1.55 * inch,  # the date column (pdf/chronology.py) and a gutter
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
QUOTE_RULE_OFFSET = 8  # points left of the quote's indent


def quote_rule(x: float, height: float) -> str:
    """The operators of a quote's rule at ``x``, down a block ``height`` tall."""
    return _QUOTE_RULE % (fp_str(x, -2), fp_str(x, height + 1))


class QuoteParagraph(Paragraph):
    """A verbatim paragraph with a rule down its left side, like a Word quote border."""

    def draw(self) -> None:
        super().draw()
        self.canv.addLiteral(quote_rule(self.style.leftIndent - QUOTE_RULE_OFFSET, self.height))
