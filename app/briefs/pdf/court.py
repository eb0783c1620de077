"""The PDF brief's court sections: the speedy-trial clock and the court dates and
deadlines. The clock's period table is the exhibit's own
(:func:`app.briefs.clock.pdf.period_table_flowable`)."""

from __future__ import annotations

from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from app.briefs.clock.pdf import labelled_table, period_table_flowable
from app.briefs.model import Brief
from app.briefs.pdf.lines import plain, plain_runs
from app.briefs.pdf.parts import para, styles
from app.briefs.pdf.tables import table
from app.briefs.tables import COURT_DATE_COLUMNS, DEADLINE_COLUMNS, court_date_rows, deadline_rows

NONE_RECORDED = "None recorded."
COURT_DATE_WIDTHS = [x * inch for x in (1.4, 0.5, 3.0, 1.8)]
DEADLINE_WIDTHS = [x * inch for x in (1.4, 2.0, 1.2, 2.1)]


def clock_flowables(brief: Brief) -> list[Flowable]:
    s = styles()
    c = brief.clock
    if c is None:
        return [para(NONE_RECORDED, s.body)]
    top: list[Flowable] = [plain(c.headline, s.headline)]
    if c.beside:
        top.append(plain(c.beside, s.body))
    out: list[Flowable] = [KeepTogether([*top, labelled_table(c.facts, 1.6 * inch)])]
    if c.notes:
        out += [para("Notes", s.h3)]
        out += [plain_runs([(n, "")], s.bullet, bullet="\u2022") for n in c.notes]
    if c.periods is not None:
        # The heading goes with at least the table's first rows.
        out += [CondPageBreak(1.4 * inch), para("Periods", s.h3)]
        out.append(period_table_flowable(c.periods))
    return out


def dates_flowables(brief: Brief) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [CondPageBreak(1.0 * inch), para("Upcoming court dates", s.h3)]
    rows = court_date_rows(brief)
    if rows:
        out.append(table(list(COURT_DATE_COLUMNS), rows, COURT_DATE_WIDTHS))
    else:
        out.append(para("No upcoming court date is recorded.", s.body))
    out += [Spacer(1, 4), CondPageBreak(1.0 * inch), para("Deadlines", s.h3)]
    rows = deadline_rows(brief)
    if rows:
        out.append(table(list(DEADLINE_COLUMNS), rows, DEADLINE_WIDTHS))
    else:
        out.append(para(NONE_RECORDED, s.body))
    return out
