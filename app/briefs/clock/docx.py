"""The speedy-trial exhibit as a Word document, on the brief's styled template, and
the period table both the exhibit and the case brief print (:func:`period_table_element`).

The styles are the brief's ("Title", "Heading 2", "Brief Table", "Brief Cell",
"Brief Label"), so restyling the template restyles the exhibit too.
"""

from __future__ import annotations

import io
import os

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

from app.briefs.clock.model import ClockExhibit, PeriodTable
from app.briefs.template import load_template_bytes
from app.briefs.wordml import StyleId, table_element

TEXT_WIDTH = 9360  # twips: 6.5 inches between the template's margins
INCH = 1440
# From, To, Days, Chargeable, (Arguable,) Reason: the figures narrow, the reason
# taking what is left.
DATE_W, DAYS_W, CHARGE_W, ARGUE_W = 1300, 620, 1080, 960


def period_widths(table: PeriodTable) -> list[int]:
    fixed = [DATE_W, DATE_W, DAYS_W, CHARGE_W] + ([ARGUE_W] if table.shows_arguable else [])
    return [*fixed, TEXT_WIDTH - sum(fixed)]


def period_table_element(table: PeriodTable, style_id: StyleId) -> etree._Element:
    """The period table as a ``w:tbl``: figures right-aligned, the totals row bold."""
    return table_element(
        style_id,
        table.header,
        table.rows,
        period_widths(table),
        right=table.numeric,
        bold_last=True,
        whole_rows=True,
    )


def labelled_element(
    rows: list[tuple[str, str]], style_id: StyleId, label_width: int
) -> etree._Element:
    """Label / value lines as a two-column table without a header."""
    widths = [label_width, TEXT_WIDTH - label_width]
    return table_element(style_id, None, [list(pair) for pair in rows], widths, label_col=True)


def _append(doc: Document, element: etree._Element) -> None:
    """``element`` at the end of the body (before its section properties), then air."""
    body = doc.element.body
    sect = body.find(qn("w:sectPr"))
    if sect is not None:
        sect.addprevious(element)
    else:
        body.append(element)
    doc.add_paragraph()


def write_docx(exhibit: ClockExhibit, target: str | os.PathLike[str]) -> None:
    doc = docx.Document(io.BytesIO(load_template_bytes()))
    ids = {s.name: s.style_id for s in doc.styles}

    def style_id(name: str) -> str:
        return ids.get(name, name.replace(" ", ""))

    doc.add_paragraph(exhibit.title, style="Heading 1")
    _append(doc, labelled_element(exhibit.facts(), style_id, int(1.7 * INCH)))
    doc.add_paragraph("Periods", style="Heading 2")
    _append(doc, period_table_element(exhibit.periods, style_id))
    doc.add_paragraph("Totals", style="Heading 2")
    _append(doc, labelled_element(exhibit.totals(), style_id, int(2.4 * INCH)))
    notes = exhibit.notes()
    if notes:
        doc.add_paragraph("Notes", style="Heading 2")
        for note in notes:
            doc.add_paragraph(note, style="List Bullet")
    doc.add_paragraph(exhibit.disclaimer(), style="Brief Note")
    section = doc.sections[0]
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    footer.add_run(exhibit.footer()).font.size = Pt(8)
    core = doc.core_properties
    core.title = exhibit.title
    core.subject = exhibit.caption[:250]
    core.author = "Casefile"
    core.comments = f"Computed as of {exhibit.clock.as_of.isoformat()}"
    doc.save(os.fspath(target))
