"""A person's statements across cases as PDF, with the brief's fonts and styles.

Every page carries the person's name and the confidentiality marking at the top, and
the date prepared with "Page N of M" at the bottom, as a brief's pages do.
"""

from __future__ import annotations

import os

from reportlab.lib.pagesizes import LETTER
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, SimpleDocTemplate, Spacer

from app.briefs import text as t
from app.briefs.clock.pdf import labelled_table
from app.briefs.pdf.canvas import draw_page_heads, draw_page_number, page_counting_canvas
from app.briefs.pdf.lines import plain, plain_runs
from app.briefs.pdf.parts import para, styles
from app.briefs.person_report import NO_STATEMENTS, PersonReport
from app.version import app_version

MARGIN = 0.9 * inch
TOP = 1.0 * inch
BOTTOM = 0.85 * inch


def story(report: PersonReport) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [para(report.title, s.h1), labelled_table(report.facts), Spacer(1, 6)]
    for group in report.cases:
        out += [CondPageBreak(1.4 * inch), para(group.heading, s.h2)]
        if group.part:
            out.append(plain(group.part, s.meta))
        if not group.statements:
            out.append(para(NO_STATEMENTS, s.body))
        for entry in group.statements:
            out += [CondPageBreak(0.8 * inch), plain(entry.meta, s.meta)]
            for paragraph in entry.paragraphs:
                out += [plain(chunk, s.quote, ruled=True) for chunk in t.chunks(paragraph)]
            if entry.source:
                out.append(plain(entry.source, s.source, bold_prefix="Source:"))
    if report.near:
        out += [CondPageBreak(1.0 * inch), para("Near matches (not included above)", s.h2)]
        out += [plain_runs([(n, "")], s.bullet, bullet="\u2022") for n in report.near]
    return out


def _fit(text: str, font: str, size: float, room: float) -> str:
    while text and stringWidth(text, font, size) > room:
        text = text[:-2] + "\u2026"
    return text


def write_pdf(report: PersonReport, target: str | os.PathLike[str]) -> int:
    """Write the report to ``target``; the number of pages."""
    f = styles().fonts
    width, height = LETTER
    line = width - 2 * MARGIN
    marking = _fit(report.marking, f.sans_bold, 7.5, line * 0.6)
    person = _fit(report.person, f.sans, 8, line - stringWidth(marking, f.sans_bold, 7.5) - 18)
    footer = _fit(report.footer(), f.sans, 7.5, line - 90)
    top = height - TOP + 0.3 * inch
    bottom = BOTTOM - 0.4 * inch

    def furniture(canv: Canvas, _doc: object) -> None:
        draw_page_heads(
            canv,
            left=MARGIN,
            right=width - MARGIN,
            top=top,
            bottom=bottom,
            marking=marking,
            caption=person,
            footer=footer,
        )

    def page_count(canv: Canvas, total: int) -> None:
        draw_page_number(canv, width - MARGIN, bottom, total)

    doc = SimpleDocTemplate(
        os.fspath(target), pagesize=LETTER, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=TOP, bottomMargin=BOTTOM, title=report.title, subject=report.person,
        author="Casefile", creator=f"Casefile {app_version()}", keywords=[report.marking],
    )  # fmt: skip
    doc.build(
        story(report),
        onFirstPage=furniture,
        onLaterPages=furniture,
        canvasmaker=page_counting_canvas(page_count),
    )
    return doc.page
