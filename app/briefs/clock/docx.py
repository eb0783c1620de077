"""The speedy-trial exhibit as a Word document, on the brief's styled template.

Small (a page or two), so it is written with python-docx's own calls; the styles
are the brief's ("Title", "Heading 2", "Brief Table", "Brief Cell", "Brief Label"),
so restyling the template restyles the exhibit too.
"""

from __future__ import annotations

import io
import os

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt

from app.briefs.clock.model import ClockExhibit
from app.briefs.template import load_template_bytes

TEXT_WIDTH = 6.5  # inches between the template's margins
NUMBER_COLUMNS = {"Days", "Chargeable", "Arguable"}


def _widths(exhibit: ClockExhibit) -> list[float]:
    fixed = [1.0, 1.0, 0.5, 0.85] + ([0.75] if exhibit.show_arguable else [])
    return [*fixed, TEXT_WIDTH - sum(fixed)]


def _table(
    doc: Document, header: list[str] | None, rows: list[list[str]], widths: list[float]
) -> None:
    table = doc.add_table(rows=0, cols=len(widths))
    table.style = doc.styles["Brief Table"]
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Inches(width)  # the grid, which Word and LibreOffice lay out by
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        table._tbl.tblPr.append(look)
    # Only a table with a header shades its first row (the brief's tables do the same).
    look.set(qn("w:val"), "0020" if header else "0000")
    look.set(qn("w:firstRow"), "1" if header else "0")
    look.set(qn("w:noHBand"), "1")
    look.set(qn("w:noVBand"), "1")
    numeric = [name in NUMBER_COLUMNS for name in header] if header else [False] * len(widths)
    for index, values in enumerate(([header] if header else []) + rows):
        cells = table.add_row().cells
        for col, (cell, value, width) in enumerate(zip(cells, values, widths, strict=True)):
            cell.width = Inches(width)
            para = cell.paragraphs[0]
            label = header is None and col == 0
            para.style = doc.styles["Brief Label" if label else "Brief Cell"]
            if numeric[col]:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = para.add_run(value)
            is_total = header is not None and index == len(rows) and values[0] == "Total"
            run.bold = (header is not None and index == 0) or is_total
    if header:
        # The header row repeats on every page, as the brief's tables do.
        row = table.rows[0]._tr
        row.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    doc.add_paragraph()


def write_docx(exhibit: ClockExhibit, target: str | os.PathLike[str]) -> None:
    doc = docx.Document(io.BytesIO(load_template_bytes()))
    doc.add_paragraph(exhibit.title, style="Heading 1")
    _table(doc, None, [list(pair) for pair in exhibit.facts()], [1.7, TEXT_WIDTH - 1.7])
    doc.add_paragraph("Periods", style="Heading 2")
    _table(doc, exhibit.header(), exhibit.rows(), _widths(exhibit))
    doc.add_paragraph("Totals", style="Heading 2")
    _table(doc, None, [list(pair) for pair in exhibit.totals()], [2.4, TEXT_WIDTH - 2.4])
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
