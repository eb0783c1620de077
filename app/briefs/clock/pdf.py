"""The speedy-trial exhibit as PDF, laid out with the brief's fonts, styles and tables,
and the period table both the exhibit and the case brief print (:func:`period_table_flowable`)."""

from __future__ import annotations

import os

from reportlab.lib.pagesizes import LETTER
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer, Table

from app.briefs.clock.model import ClockExhibit, PeriodTable
from app.briefs.pdf.canvas import draw_page_number, page_counting_canvas
from app.briefs.pdf.lines import plain_runs
from app.briefs.pdf.parts import CELL_PADDING, MUTED, RULE, SPLIT_IN_ROW, para, styles
from app.briefs.pdf.tables import table, table_style
from app.version import app_version

MARGIN = 0.9 * inch
WIDTH = LETTER[0] - 2 * MARGIN  # the case brief's text width too
# From, To, then the figures as wide as their headings, the reason taking what is left.
DATE_W = 0.95 * inch
FIGURE_SLACK = 3 * CELL_PADDING + 4  # the figures' wider right padding, and air


def period_widths(periods: PeriodTable, width: float = WIDTH) -> list[float]:
    f = styles().fonts
    figures = [
        stringWidth(periods.header[i], f.sans_bold, styles().head.fontSize) + FIGURE_SLACK
        for i in sorted(periods.numeric)
    ]
    fixed = [DATE_W, DATE_W, *figures]
    return [*fixed, width - sum(fixed)]


def period_table_flowable(periods: PeriodTable, width: float = WIDTH) -> Flowable:
    """The period table (the exhibit's and the case brief's): figures right-aligned,
    the totals row bold under a rule, the header repeated on every page."""
    return table(
        periods.header,
        periods.rows,
        period_widths(periods, width),
        right=periods.numeric,
        bold_last=True,
    )


def labelled_table(
    rows: list[tuple[str, str]], label_width: float = 1.6 * inch, width: float = WIDTH
) -> Table:
    """Label / value lines as a two-column table without a header."""
    s = styles()
    data = [[para(label, s.label), para(value, s.body)] for label, value in rows]
    return Table(
        data,
        colWidths=[label_width, width - label_width],
        splitInRow=SPLIT_IN_ROW,
        style=table_style(False),
    )


def story(exhibit: ClockExhibit) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [
        para(exhibit.title, s.h1),
        labelled_table(exhibit.facts()),
        Spacer(1, 8),
        para("Periods", s.h2),
        period_table_flowable(exhibit.periods),
        Spacer(1, 8),
        para("Totals", s.h2),
        labelled_table(exhibit.totals(), 2.3 * inch),
    ]
    notes = exhibit.notes()
    if notes:
        out.append(para("Notes", s.h2))
        out += [plain_runs([(n, "")], s.bullet, bullet="\u2022") for n in notes]
    out += [Spacer(1, 10), para(exhibit.disclaimer(), s.note)]
    return out


def write_pdf(exhibit: ClockExhibit, target: str | os.PathLike[str]) -> int:
    """Write the exhibit to ``target``; the number of pages."""
    f = styles().fonts
    footer = exhibit.footer()

    def furniture(canv: Canvas, _doc: object) -> None:
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN, 0.6 * inch, LETTER[0] - MARGIN, 0.6 * inch)
        canv.setFillColor(MUTED)
        canv.setFont(f.sans, 7.5)
        canv.drawString(MARGIN, 0.45 * inch, footer[:110])
        canv.restoreState()

    def page_count(canv: Canvas, total: int) -> None:
        draw_page_number(canv, LETTER[0] - MARGIN, 0.45 * inch, total)

    doc = SimpleDocTemplate(
        os.fspath(target), pagesize=LETTER, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=0.8 * inch, bottomMargin=0.9 * inch, title=exhibit.title,
        subject=exhibit.caption, author="Casefile", creator=f"Casefile {app_version()}",
    )  # fmt: skip
    doc.build(
        story(exhibit),
        onFirstPage=furniture,
        onLaterPages=furniture,
        canvasmaker=page_counting_canvas(page_count),
    )
    return doc.page
