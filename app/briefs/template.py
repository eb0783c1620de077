"""The styled Word template briefs start from: ``resources/templates/brief.docx``.

Briefs only name styles (Title, Heading 1-3, Quote, List Bullet, "Brief Meta",
"Brief Table", ...), so an office can restyle every brief by editing this one
template in Word. Build or rebuild it with::

    python -m app.briefs.template            # writes resources/templates/brief.docx

When the file is missing the writer builds the same template in memory.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Inches
from lxml import etree

from app.resources import resource

TEMPLATE = ("templates", "brief.docx")

BODY_FONT = "Times New Roman"  # LibreOffice substitutes the metric twin Liberation Serif
HEAD_FONT = "Arial"  # ... and Liberation Sans
INK, MUTED, ACCENT, RULE = "1A1A1A", "555555", "7A1F1F", "9A9A9A"


def template_path() -> Path:
    return resource(*TEMPLATE)


def load_template_bytes() -> bytes:
    """The template file's bytes, or a freshly built template if it is missing."""
    path = template_path()
    try:
        return path.read_bytes()
    except OSError:
        buffer = io.BytesIO()
        build_template().save(buffer)
        return buffer.getvalue()


def _w(tag: str, **attrs: str) -> etree._Element:
    el = etree.Element(qn(f"w:{tag}"))
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def _replace(parent: etree._Element, child: etree._Element) -> etree._Element:
    """Put ``child`` in ``parent``, replacing an element with the same tag."""
    old = parent.find(child.tag)
    if old is not None:
        parent.replace(old, child)
    else:
        parent.append(child)
    return child


def _props(style_el: etree._Element, tag: str) -> etree._Element:
    found = style_el.find(qn(f"w:{tag}"))
    if found is None:
        found = _w(tag)
        if tag == "pPr":  # schema order: ... pPr before rPr before tblPr
            rpr = style_el.find(qn("w:rPr"))
            if rpr is not None:
                rpr.addprevious(found)
                return found
        style_el.append(found)
    return found


def _style(
    doc: Document,
    name: str,
    *,
    kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH,
    base: str | None = "Normal",
    font: str | None = None,
    size: float | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    color: str | None = None,
    before: int | None = None,
    after: int | None = None,
    indent: tuple[int, int] | None = None,
    hanging: int | None = None,
    keep_next: bool = False,
    align: str | None = None,
    border: str | None = None,
) -> None:
    """Create or restyle ``name``. Sizes in points, spacing and indents in twips."""
    try:
        style = doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, kind)
        if base:
            style.base_style = doc.styles[base]
    style.hidden = False
    style.quick_style = True
    el = style.element
    ppr = _props(el, "pPr")
    if keep_next:
        _replace(ppr, _w("keepNext"))
    if border:
        bdr = _replace(ppr, _w("pBdr"))
        sides = ("top", "left", "bottom", "right") if border == "box" else (border,)
        for side in sides:
            bdr.append(
                _w(
                    side,
                    val="single",
                    sz="12",
                    space="6",
                    color=ACCENT if border == "box" else RULE,
                )
            )
    if before is not None or after is not None:
        spacing = _replace(ppr, _w("spacing", before=str(before or 0), after=str(after or 0)))
        spacing.set(qn("w:line"), "264")
        spacing.set(qn("w:lineRule"), "auto")
    if indent or hanging:
        left, right = indent or (0, 0)
        ind = _replace(ppr, _w("ind", left=str(left), right=str(right)))
        if hanging:
            ind.set(qn("w:hanging"), str(hanging))
            tabs = _replace(ppr, _w("tabs"))
            tabs.append(_w("tab", val="left", pos=str(left)))
    if align:
        _replace(ppr, _w("jc", val=align))
    # Schema order inside pPr matters to Word: keepNext, pBdr, tabs, spacing, ind, jc.
    order = ["keepNext", "pBdr", "tabs", "spacing", "ind", "contextualSpacing", "jc", "outlineLvl"]
    for child in sorted(
        ppr,
        key=lambda c: (
            order.index(etree.QName(c).localname) if etree.QName(c).localname in order else 99
        ),
    ):
        ppr.append(child)
    rpr = _props(el, "rPr")
    if font:
        _replace(rpr, _w("rFonts", ascii=font, hAnsi=font, cs=font, eastAsia=font))
    if bold is not None:
        _replace(rpr, _w("b", val="1" if bold else "0"))
        _replace(rpr, _w("bCs", val="1" if bold else "0"))
    if italic is not None:
        _replace(rpr, _w("i", val="1" if italic else "0"))
        _replace(rpr, _w("iCs", val="1" if italic else "0"))
    if color:
        _replace(rpr, _w("color", val=color))
    if size:
        _replace(rpr, _w("sz", val=str(round(size * 2))))
        _replace(rpr, _w("szCs", val=str(round(size * 2))))
    order = ["rFonts", "b", "bCs", "i", "iCs", "caps", "color", "spacing", "kern", "sz", "szCs"]
    for child in sorted(
        rpr,
        key=lambda c: (
            order.index(etree.QName(c).localname) if etree.QName(c).localname in order else 99
        ),
    ):
        rpr.append(child)


def _table_style(doc: Document) -> None:
    try:
        style = doc.styles["Brief Table"]
    except KeyError:
        style = doc.styles.add_style("Brief Table", WD_STYLE_TYPE.TABLE)
    style.quick_style = True
    el = style.element
    for old in el.findall(qn("w:tblPr")) + el.findall(qn("w:tblStylePr")) + el.findall(qn("w:rPr")):
        el.remove(old)
    rpr = etree.SubElement(el, qn("w:rPr"))
    rpr.append(_w("rFonts", ascii=BODY_FONT, hAnsi=BODY_FONT, cs=BODY_FONT, eastAsia=BODY_FONT))
    rpr.append(_w("sz", val="18"))
    rpr.append(_w("szCs", val="18"))
    tblpr = etree.SubElement(el, qn("w:tblPr"))
    borders = etree.SubElement(tblpr, qn("w:tblBorders"))
    for side in ("top", "bottom", "insideH"):
        borders.append(_w(side, val="single", sz="4", space="0", color=RULE))
    margins = etree.SubElement(tblpr, qn("w:tblCellMar"))
    for side, width in (("top", "40"), ("left", "80"), ("bottom", "40"), ("right", "80")):
        margins.append(_w(side, w=width, type="dxa"))
    first = etree.SubElement(el, qn("w:tblStylePr"))
    first.set(qn("w:type"), "firstRow")
    frpr = etree.SubElement(first, qn("w:rPr"))
    frpr.append(_w("b", val="1"))
    ftcpr = etree.SubElement(first, qn("w:tcPr"))
    fb = etree.SubElement(ftcpr, qn("w:tcBorders"))
    fb.append(_w("bottom", val="single", sz="8", space="0", color=INK))
    ftcpr.append(_w("shd", val="clear", color="auto", fill="E8E8E8"))


def build_template() -> Document:
    """Build the brief template from python-docx's default document."""
    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.left_margin = section.right_margin = Inches(1)
    section.top_margin, section.bottom_margin = Inches(1), Inches(0.9)
    section.header_distance = section.footer_distance = Inches(0.45)
    s = _style
    s(doc, "Normal", base=None, font=BODY_FONT, size=11, color=INK, after=100)
    s(
        doc,
        "Title",
        font=HEAD_FONT,
        size=24,
        bold=True,
        color=INK,
        before=240,
        after=240,
        align="center",
    )
    el = doc.styles["Title"].element.find(qn("w:pPr"))
    for bdr in el.findall(qn("w:pBdr")):
        el.remove(bdr)
    s(doc, "Subtitle", font=HEAD_FONT, size=12, italic=False, color=MUTED, align="center", after=80)
    s(
        doc,
        "Heading 1",
        font=HEAD_FONT,
        size=15,
        bold=True,
        color=INK,
        before=360,
        after=120,
        keep_next=True,
    )
    s(
        doc,
        "Heading 2",
        font=HEAD_FONT,
        size=12,
        bold=True,
        color=INK,
        before=240,
        after=80,
        keep_next=True,
    )
    s(
        doc,
        "Heading 3",
        font=HEAD_FONT,
        size=10.5,
        bold=True,
        color=INK,
        before=160,
        after=40,
        keep_next=True,
    )
    s(doc, "TOC Heading", base="Heading 1", font=HEAD_FONT, size=15, bold=True, color=INK)
    s(
        doc,
        "Quote",
        font=BODY_FONT,
        size=11,
        italic=False,
        color=INK,
        before=0,
        after=80,
        indent=(500, 300),
        border="left",
    )
    s(doc, "List Bullet", font=BODY_FONT, size=11, after=40)
    s(doc, "Header", font=HEAD_FONT, size=8, color=INK)
    s(doc, "Footer", font=HEAD_FONT, size=8, color=MUTED)
    s(doc, "toc 1", font=HEAD_FONT, size=10.5, after=60)
    s(doc, "toc 2", font=HEAD_FONT, size=9.5, color=MUTED, after=40, indent=(360, 0))
    s(
        doc,
        "Brief Meta",
        font=HEAD_FONT,
        size=8.5,
        bold=True,
        color=MUTED,
        before=140,
        after=40,
        keep_next=True,
    )
    s(
        doc,
        "Brief Source",
        font=HEAD_FONT,
        size=8,
        italic=True,
        color=MUTED,
        after=120,
        indent=(500, 0),
    )
    s(
        doc,
        "Brief Note",
        font=HEAD_FONT,
        size=8.5,
        italic=True,
        color=ACCENT,
        after=80,
        indent=(500, 0),
    )
    s(doc, "Brief Label", font=HEAD_FONT, size=9, bold=True, color=MUTED, after=0)
    s(doc, "Brief Cell", font=BODY_FONT, size=9, after=0)
    s(
        doc,
        "Brief Marking",
        font=HEAD_FONT,
        size=10,
        bold=True,
        color=ACCENT,
        before=480,
        after=0,
        align="center",
        border="box",
    )
    # The date column holds the longest date with a time ("September 30, 2026, 09:30").
    s(doc, "Brief Chronology", font=BODY_FONT, size=10, after=80, indent=(2520, 0), hanging=2520)
    _table_style(doc)
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    core = doc.core_properties
    core.title, core.author, core.comments = "Casefile brief", "Casefile", "Brief template"
    return doc


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else template_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    build_template().save(str(target))
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
