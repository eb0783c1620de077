"""A person's statements across cases as a Word document, on the brief's template.

The styles are the brief's ("Heading 1", "Brief Meta", "Quote", "Brief Source"), so
restyling the template restyles this report too. The header of every page holds the
person's name and the confidentiality marking; the footer the date prepared and
"Page N of M" (PAGE and NUMPAGES fields).
"""

from __future__ import annotations

import io
import os

import docx
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Twips
from lxml import etree

from app.briefs import text as t
from app.briefs.clock.docx import labelled_element
from app.briefs.person_report import NO_STATEMENTS, PersonReport
from app.briefs.template import load_template_bytes
from app.briefs.wordml import XML_SPACE, R, add_run

TEXT_WIDTH = 9360  # twips: 6.5 inches between the template's margins


def _field(para: etree._Element, instruction: str, shown: str) -> None:
    """A complex field (PAGE, NUMPAGES) with ``shown`` as its cached result."""
    for kind in ("begin", "instr", "separate"):
        run = etree.SubElement(para, R)
        if kind == "instr":
            node = etree.SubElement(run, qn("w:instrText"))
            node.text = f" {instruction} "
            node.set(XML_SPACE, "preserve")
        else:
            etree.SubElement(run, qn("w:fldChar")).set(qn("w:fldCharType"), kind)
    add_run(para, shown)
    etree.SubElement(etree.SubElement(para, R), qn("w:fldChar")).set(qn("w:fldCharType"), "end")


def _running_line(paragraph: docx.text.paragraph.Paragraph) -> None:
    """Left text, then one right-aligned tab stop at the margin for the right text."""
    stops = paragraph.paragraph_format.tab_stops
    stops.clear_all()
    stops.add_tab_stop(Twips(TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT)


def write_docx(report: PersonReport, target: str | os.PathLike[str]) -> None:
    doc = docx.Document(io.BytesIO(load_template_bytes()))
    ids = {s.name: s.style_id for s in doc.styles}

    def style_id(name: str) -> str:
        return ids.get(name, name.replace(" ", ""))

    body = doc.element.body
    for child in list(body):  # the template's sample paragraphs, if any
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    doc.add_paragraph(report.title, style="Heading 1")
    facts = labelled_element(report.facts, style_id, 1900)
    sect = body.find(qn("w:sectPr"))
    if sect is not None:
        sect.addprevious(facts)
    else:
        body.append(facts)
    doc.add_paragraph()
    for group in report.cases:
        doc.add_paragraph(group.heading, style="Heading 2")
        if group.part:
            doc.add_paragraph(group.part, style="Brief Meta")
        if not group.statements:
            doc.add_paragraph(NO_STATEMENTS)
        for entry in group.statements:
            doc.add_paragraph(entry.meta, style="Brief Meta")
            for paragraph in entry.paragraphs:
                doc.add_paragraph(paragraph, style="Quote")
            if entry.source:
                source = doc.add_paragraph(style="Brief Source")
                source.add_run("Source: ").bold = True
                source.add_run(entry.source)
    if report.near:
        doc.add_paragraph("Near matches (not included above)", style="Heading 2")
        for near in report.near:
            doc.add_paragraph(near, style="List Bullet")

    section = doc.sections[0]
    header = section.header
    header.is_linked_to_previous = False
    head = header.paragraphs[0]
    head.style = doc.styles["Header"]
    _running_line(head)
    add_run(head._p, t.shorten(report.person, 60))
    etree.SubElement(etree.SubElement(head._p, R), qn("w:tab"))
    add_run(head._p, t.shorten(report.marking, 60), "b")
    footer = section.footer
    footer.is_linked_to_previous = False
    foot = footer.paragraphs[0]
    foot.style = doc.styles["Footer"]
    _running_line(foot)
    add_run(foot._p, t.shorten(report.footer(), 80))
    etree.SubElement(etree.SubElement(foot._p, R), qn("w:tab"))
    add_run(foot._p, "Page ")
    _field(foot._p, "PAGE", "1")
    add_run(foot._p, " of ")
    _field(foot._p, "NUMPAGES", "1")

    core = doc.core_properties
    core.title = t.shorten(report.title, 250)
    core.subject = t.shorten(report.person, 250)
    core.author = "Casefile"
    core.keywords = t.shorten(report.marking, 250)
    doc.save(os.fspath(target))
