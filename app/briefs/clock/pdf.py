"""The speedy-trial exhibit as PDF, laid out with the brief's fonts, styles and tables."""

from __future__ import annotations

import os

from reportlab.lib.pagesizes import LETTER
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer, Table, TableStyle

from app.briefs.clock.model import ClockExhibit
from app.briefs.pdf.canvas import page_counting_canvas
from app.briefs.pdf.parts import INK, MUTED, RULE, para, styles
from app.briefs.pdf.tables import table, table_style
from app.version import app_version

MARGIN = 0.9 * inch
WIDTH = LETTER[0] - 2 * MARGIN
# From, To, Days, Chargeable, (Arguable,) Reason: the dates and figures narrow, the
# reason taking what is left.
DATE_W, DAYS_W, CHARGE_W, ARGUE_W = 1.0 * inch, 0.45 * inch, 0.9 * inch, 0.8 * inch


def _widths(exhibit: ClockExhibit) -> list[float]:
    fixed = [DATE_W, DATE_W, DAYS_W, CHARGE_W] + ([ARGUE_W] if exhibit.show_arguable else [])
    return [*fixed, WIDTH - sum(fixed)]


def _labelled(rows: list[tuple[str, str]], label_width: float = 1.6 * inch) -> Table:
    s = styles()
    data = [[para(label, s.label), para(value, s.body)] for label, value in rows]
    return Table(data, colWidths=[label_width, WIDTH - label_width], style=table_style(False))


def _periods(exhibit: ClockExhibit) -> Flowable:
    header = exhibit.header()
    flowable = table(header, exhibit.rows(), _widths(exhibit))
    if isinstance(flowable, Table):  # a short table: figures right-aligned, totals bold
        numbers = [i for i, name in enumerate(header) if name in ("Days", "Chargeable", "Arguable")]
        flowable.setStyle(
            TableStyle([
                ("ALIGN", (numbers[0], 1), (numbers[-1], -1), "RIGHT"),
                ("FONT", (0, -1), (-1, -1), styles().fonts.sans_bold, styles().cell.fontSize),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
            ])
        )  # fmt: skip
    return flowable


def story(exhibit: ClockExhibit) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [
        para(exhibit.title, s.h1),
        _labelled(exhibit.facts()),
        Spacer(1, 8),
        para("Periods", s.h2),
        _periods(exhibit),
        Spacer(1, 8),
        para("Totals", s.h2),
        _labelled(exhibit.totals(), 2.3 * inch),
    ]
    notes = exhibit.notes()
    if notes:
        out.append(para("Notes", s.h2))
        out += [para(n, s.bullet) for n in notes]
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
        canv.saveState()
        canv.setFillColor(INK)
        canv.setFont(f.sans_bold, 8)
        canv.drawRightString(
            LETTER[0] - MARGIN, 0.45 * inch, f"Page {canv.getPageNumber()} of {total}"
        )
        canv.restoreState()

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
