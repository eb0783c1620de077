"""WordprocessingML building blocks shared by the Word brief and the speedy-trial exhibit.

Both write their body as lxml elements (python-docx's own calls look for the section
properties on every paragraph, which is slow on a long brief). A table here is one
``w:tbl`` element, styled by name from the brief's template ("Brief Table",
"Brief Cell", "Brief Label"), with a header row that repeats on every page.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from docx.oxml.ns import qn
from lxml import etree

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
P, R, T, PPR, RPR = qn("w:p"), qn("w:r"), qn("w:t"), qn("w:pPr"), qn("w:rPr")
PSTYLE, VAL, B, I_ = qn("w:pStyle"), qn("w:val"), qn("w:b"), qn("w:i")
TBL, TR, TC = qn("w:tbl"), qn("w:tr"), qn("w:tc")

StyleId = Callable[[str], str]  # a style's name -> its id in the document


def add_run(para: etree._Element, text: str, fmt: str = "") -> None:
    """A run of ``text`` at the end of ``para``; ``fmt`` holds "b" and/or "i"."""
    run = etree.SubElement(para, R)
    if fmt:
        rpr = etree.SubElement(run, RPR)
        if "b" in fmt:
            etree.SubElement(rpr, B)
        if "i" in fmt:
            etree.SubElement(rpr, I_)
    node = etree.SubElement(run, T)
    node.text = text
    if text[:1].isspace() or text[-1:].isspace():
        node.set(XML_SPACE, "preserve")


def table_element(
    style_id: StyleId,
    header: list[str] | None,
    rows: list[list[str]],
    widths: list[int],
    *,
    label_col: bool = False,
    right: Collection[int] = (),
    bold_last: bool = False,
    whole_rows: bool = False,
) -> etree._Element:
    """A table of literal text, ``widths`` in twips. A header row is shaded, bold and
    repeated on every page (``tblHeader``); ``label_col`` sets the first column as
    labels; the columns in ``right`` are right-aligned (figures); ``bold_last`` sets
    the last row in bold (totals); ``whole_rows`` keeps each row on one page
    (``cantSplit``: for tables of short rows, such as the clock's periods)."""
    tbl = etree.Element(TBL)
    tblpr = etree.SubElement(tbl, qn("w:tblPr"))
    etree.SubElement(tblpr, qn("w:tblStyle")).set(VAL, style_id("Brief Table"))
    width = etree.SubElement(tblpr, qn("w:tblW"))
    width.set(qn("w:w"), str(sum(widths)))
    width.set(qn("w:type"), "dxa")
    # A fixed layout: Word and LibreOffice keep the grid instead of fitting the text.
    etree.SubElement(tblpr, qn("w:tblLayout")).set(qn("w:type"), "fixed")
    look = etree.SubElement(tblpr, qn("w:tblLook"))
    # Only a table with a header shades its first row.
    look.set(VAL, "0020" if header else "0000")
    look.set(qn("w:firstRow"), "1" if header else "0")
    look.set(qn("w:noHBand"), "1")
    look.set(qn("w:noVBand"), "1")
    grid = etree.SubElement(tbl, qn("w:tblGrid"))
    for w in widths:
        etree.SubElement(grid, qn("w:gridCol")).set(qn("w:w"), str(w))
    cell_style, label_style = style_id("Brief Cell"), style_id("Brief Label")
    all_rows = ([header] if header else []) + rows
    last = len(all_rows) - 1
    for index, row in enumerate(all_rows):
        tr = etree.SubElement(tbl, TR)
        is_head = bool(header) and index == 0
        if is_head or whole_rows:
            trpr = etree.SubElement(tr, qn("w:trPr"))
            if whole_rows:
                etree.SubElement(trpr, qn("w:cantSplit"))
            if is_head:
                etree.SubElement(trpr, qn("w:tblHeader"))
        bold = is_head or (bold_last and index == last)
        for col, (value, w) in enumerate(zip(row, widths, strict=True)):
            tc = etree.SubElement(tr, TC)
            tcw = etree.SubElement(etree.SubElement(tc, qn("w:tcPr")), qn("w:tcW"))
            tcw.set(qn("w:w"), str(w))
            tcw.set(qn("w:type"), "dxa")
            para = etree.SubElement(tc, P)
            ppr = etree.SubElement(para, PPR)
            style = label_style if label_col and col == 0 else cell_style
            etree.SubElement(ppr, PSTYLE).set(VAL, style)
            if col in right:
                etree.SubElement(ppr, qn("w:jc")).set(VAL, "right")
            if value:
                add_run(para, value, "b" if bold else "")
    return tbl


# Faces whose bold is about as narrow as Times; anything else is measured as Helvetica,
# the wider estimate, so a date judged to fit does fit.
_SERIF_FACES = ("times", "serif", "georgia", "cambria", "garamond", "book antiqua")
HANGING_GUTTER = 7.2  # points (0.1 inch) kept free before the hanging indent's tab stop


def fits_hanging_indent(doc: Any, style_name: str) -> Callable[[str], bool]:
    """Whether a bold text fits before the hanging indent of the template's paragraph
    style ``style_name``, with a gutter to spare: a text that reaches the tab stop runs
    into what follows it ("December 1, 2026, 09:30Arraignment")."""
    from reportlab.pdfbase.pdfmetrics import stringWidth  # measured once per write

    try:
        style = doc.styles[style_name]
    except KeyError:
        return lambda _text: True
    indent = style.paragraph_format.first_line_indent
    room = -indent.pt - HANGING_GUTTER if indent is not None else 0.0
    name = (style.font.name or "Times New Roman").lower()
    face = "Times-Bold" if any(f in name for f in _SERIF_FACES) else "Helvetica-Bold"
    size = style.font.size.pt if style.font.size is not None else 10.0
    return lambda text: stringWidth(text, face, size) <= room
