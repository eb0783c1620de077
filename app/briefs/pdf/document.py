"""The PDF brief: a ``BaseDocTemplate`` subclass that lays out a :class:`Brief`.

Every page carries the caption and the confidentiality marking at the top and
"Page N of M" with the date prepared at the bottom. Each section and group is a
PDF outline entry (bookmark) and, when the brief asks for one, an entry in the table
of contents, which is laid out in the same single pass (:mod:`app.briefs.pdf.contents`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import IO, Any

from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
)

from app.briefs import text as t
from app.briefs.collector import cycle_collector_paused
from app.briefs.model import Brief
from app.briefs.pdf.canvas import draw_page_heads, draw_page_number, page_counting_canvas
from app.briefs.pdf.chronology import entry_flowable
from app.briefs.pdf.contents import Contents, Entry
from app.briefs.pdf.court import clock_flowables, dates_flowables
from app.briefs.pdf.lines import plain, plain_runs
from app.briefs.pdf.parts import ACCENT, RULE, SPLIT_IN_ROW, para, styles
from app.briefs.pdf.tables import table
from app.briefs.pdf.timeline import timeline_flowables, timeline_room
from app.briefs.tables import (
    CHARGE_COLUMNS,
    DOCUMENT_COLUMNS,
    charge_rows,
    cover_rows,
    document_rows,
    glance_counts,
)
from app.version import app_version

Progress = Callable[[int, int], None]

MARGIN_X = 0.9 * inch
MARGIN_TOP = 1.0 * inch
MARGIN_BOTTOM = 0.85 * inch
NONE_RECORDED = "None recorded."
TOC_MAX_ENTRIES = 32
FRAME_WIDTH = LETTER[0] - 2 * MARGIN_X


class BriefDocTemplate(BaseDocTemplate):
    """Letter pages with a running header and footer, bookmarks and an optional TOC."""

    def __init__(self, target: str | IO[bytes], brief: Brief, progress: Progress | None = None):
        super().__init__(
            target,
            pagesize=LETTER,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=brief.title,
            subject=brief.subject,
            author=brief.cover.staff or "Casefile",
            creator=f"Casefile {app_version()}",
            keywords=[brief.marking, brief.profile_label],
        )
        self.brief = brief
        self.progress = progress
        self._story_size = 0
        # Each bookmark's page, filled in as the headings are laid out; the contents
        # draw their page numbers from it once the last page is done.
        self.bookmark_pages: dict[str, int] = {}
        self._heads: tuple[str, str, str] | None = None
        self._furniture: tuple[Canvas, str] | None = None
        frame = Frame(
            self.leftMargin, self.bottomMargin, self.width, self.height, 0, 0, 0, 0, id="body"
        )
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._decorate)])

    # -- page furniture ----------------------------------------------------------

    def _decorate(self, canv: Canvas, _doc: Any) -> None:
        # Every page's header and footer are the same operators: the first page's
        # are kept and written again as they are (per canvas: each layout pass of
        # a brief with a contents page has its own document and font subsets).
        if self._furniture is not None and self._furniture[0] is canv:
            canv.addLiteral(self._furniture[1])
            return
        start = len(canv._code)
        self._draw_furniture(canv)
        self._furniture = (canv, "\n".join(canv._code[start:]))

    def _draw_furniture(self, canv: Canvas) -> None:
        f = styles().fonts
        width, height = self.pagesize
        line = width - 2 * MARGIN_X
        top = height - MARGIN_TOP + 0.3 * inch
        if self._heads is None:  # fitted once, drawn on every page
            marking = _fit(self.brief.marking, f.sans_bold, 7.5, line * 0.6)
            caption = _fit(
                self.brief.caption, f.sans, 8, line - stringWidth(marking, f.sans_bold, 7.5) - 18
            )
            footer = f"Prepared {self.brief.prepared} \u00b7 {self.brief.subject}"
            self._heads = (marking, caption, _fit(footer, f.sans, 7.5, line - 90))
        marking, caption, footer = self._heads
        draw_page_heads(
            canv,
            left=MARGIN_X,
            right=width - MARGIN_X,
            top=top,
            bottom=MARGIN_BOTTOM - 0.4 * inch,
            marking=marking,
            caption=caption,
            footer=footer,
        )

    def draw_page_count(self, canv: Canvas, total: int) -> None:
        width, _ = self.pagesize
        draw_page_number(canv, width - MARGIN_X, MARGIN_BOTTOM - 0.4 * inch, total)

    # -- bookmarks, TOC entries, progress -----------------------------------------

    def afterFlowable(self, flowable: Flowable) -> None:
        mark = getattr(flowable, "_bookmark", None)
        if mark is None:
            return
        level, title, key = mark
        if key == "b1":
            self.canv.showOutline()  # open the bookmarks pane in the viewer
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(title, key, level=level, closed=level > 0)
        self.bookmark_pages[key] = self.page

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        if self.progress is not None and len(flowables) % 50 == 0:
            self.progress(self._story_size - len(flowables), self._story_size)
        first = flowables[0]
        super().handle_flowable(flowables)
        mark = getattr(first, "_bookmark", None)
        if mark and flowables and flowables[0] is not first and mark[2] not in self.bookmark_pages:
            # A heading too long for the room left was split: its first part carries
            # the bookmark (and the contents entry) in its place.
            if getattr(flowables[0], "_bookmark", None) is None:
                flowables[0]._bookmark = mark

    def build_brief(self, story: list[Flowable]) -> None:
        self._story_size = len(story)
        self.build(story, canvasmaker=page_counting_canvas(self.draw_page_count))


def _paras(texts: Iterable[str], style: ParagraphStyle) -> list[Flowable]:
    """Free text as paragraphs, long ones in pieces: reportlab lays out one giant
    paragraph superlinearly (a pasted 30-page note would take minutes)."""
    return [plain(piece, style) for text in texts for piece in t.chunks(text)]


def _prefixed(texts: Iterable[str], style: ParagraphStyle, prefix: str) -> list[Flowable]:
    """Like :func:`_paras`, with ``prefix`` in bold before each text's first piece."""
    out: list[Flowable] = []
    for text in texts:
        first, *rest = t.chunks(text) or [""]
        out.append(plain(first, style, bold_prefix=prefix))
        out += [plain(piece, style) for piece in rest]
    return out


def write_pdf(
    brief: Brief, target: str | os.PathLike[str] | IO[bytes], progress: Progress | None = None
) -> int:
    """Render ``brief`` as PDF to ``target``; returns the number of pages."""
    dest = os.fspath(target) if isinstance(target, str | os.PathLike) else target
    doc = BriefDocTemplate(dest, brief, progress)
    with cycle_collector_paused():
        flowables = story(brief, doc.bookmark_pages)
        doc.build_brief(flowables)
    if progress is not None:
        progress(1, 1)
    return doc.page


def _fit(text: str, font: str, size: float, room: float) -> str:
    """``text`` shortened with an ellipsis until it fits ``room`` points (running heads)."""
    while len(text) > 4 and stringWidth(text, font, size) > room:
        text = t.shorten(text, int(len(text) * 0.85))
    return text


# -- the story ---------------------------------------------------------------------


class _Keys:
    def __init__(self) -> None:
        self.n = 0

    def mark(self, flowable: Flowable, level: int, title: str) -> Flowable:
        self.n += 1
        flowable._bookmark = (level, title, f"b{self.n}")  # type: ignore[attr-defined]
        return flowable


def story(brief: Brief, bookmark_pages: dict[str, int] | None = None) -> list[Flowable]:
    """The brief's flowables; with a contents page when ``brief.toc`` (its page numbers
    come from ``bookmark_pages``, which the document fills during layout)."""
    keys = _Keys()
    out: list[Flowable] = []
    entries: list[Entry] = []  # filled below, once every heading is marked
    for key in brief.sections:
        if key == "cover":
            out += _cover(brief, keys)
            if brief.toc:
                out += _toc(entries, bookmark_pages)
            continue
        if brief.toc and "cover" not in brief.sections and not out:
            out += _toc(entries, bookmark_pages)
        title = brief.section_title(key)
        room = timeline_room(brief, FRAME_WIDTH) if key == "timeline" else 2.2 * inch
        out.append(CondPageBreak(room))
        out.append(keys.mark(para(title, styles().h1), 0, title))
        out += SECTION_WRITERS[key](brief, keys)
    marks = [f._bookmark for f in out if getattr(f, "_bookmark", None)]  # type: ignore[attr-defined]
    # Groups (speakers, roles, issues) go into the contents while it fits a page.
    subentries = len(marks) <= TOC_MAX_ENTRIES
    entries += [Entry(level, title, key) for level, title, key in marks if level == 0 or subentries]
    return out


def _toc(entries: list[Entry], bookmark_pages: dict[str, int] | None) -> list[Flowable]:
    s = styles()
    pages = bookmark_pages if bookmark_pages is not None else {}
    return [para("Contents", s.h1), Contents(entries, [s.toc1, s.toc2], pages), PageBreak()]


def _cover(brief: Brief, keys: _Keys) -> list[Flowable]:
    s, c = styles(), brief.cover
    rows = cover_rows(brief)
    facts = Table(
        [[para(label, s.label), para(value, s.body)] for label, value in rows],
        colWidths=[1.8 * inch, 4.2 * inch],
        splitInRow=SPLIT_IN_ROW,
        style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE)],
    )
    marking = Table(
        [[para(c.marking, s.marking)]],
        colWidths=[6 * inch],
        splitInRow=SPLIT_IN_ROW,
        style=[("BOX", (0, 0), (-1, -1), 1.2, ACCENT), ("TOPPADDING", (0, 0), (-1, -1), 8)],
    )
    return [
        Spacer(1, 1.2 * inch),
        keys.mark(para("CASE BRIEF", s.subtitle), 0, "Cover"),
        para(c.caption, s.title),
        Spacer(1, 0.35 * inch),
        facts,
        Spacer(1, 0.6 * inch),
        marking,
        PageBreak(),
    ]


def _glance(brief: Brief, keys: _Keys) -> list[Flowable]:
    s, g = styles(), brief.glance
    if g is None:
        return [para(NONE_RECORDED, s.body)]
    out: list[Flowable] = _paras(g.summary, s.body)

    def cell(lines: list[str]) -> list[Flowable]:
        return [para(x, s.body) for x in lines] or [para(NONE_RECORDED, s.body)]

    charges = [
        " \u2014 ".join(x for x in (c.label, c.offense_class, c.status) if x) for c in g.charges
    ]
    people = [f"{role}: {', '.join(names)}" for role, names in g.key_people]
    counts = glance_counts(g)
    rows = [
        ("Next court date", cell([g.next_court_date])),
        *([("Speedy-trial clock", cell([g.speedy_trial]))] if g.speedy_trial else []),
        ("Charges", cell(charges)),
        ("Key people", cell(people)),
        ("Open legal issues", cell(g.open_issues)),
        ("In the file", cell([counts])),
    ]
    out.append(
        Table(
            [[para(label, s.label), value] for label, value in rows],
            colWidths=[1.6 * inch, None],
            splitInRow=SPLIT_IN_ROW,
            style=[
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
            ],
        )
    )
    out.append(PageBreak())
    return out


def _charges(brief: Brief, keys: _Keys) -> list[Flowable]:
    s = styles()
    if not brief.charges:
        return [para(NONE_RECORDED, s.body)]
    header, rows = list(CHARGE_COLUMNS), charge_rows(brief)
    widths = [x * inch for x in (0.55, 1.0, 1.85, 1.1, 0.75, 1.45)]
    out = [table(header, rows, widths)]
    for c in brief.charges:
        if c.notes:
            out.append(plain(c.notes, s.note, bold_prefix=f"Count {c.count}, internal note:"))
    return out


def _people(brief: Brief, keys: _Keys) -> list[Flowable]:
    s = styles()
    if not brief.people:
        return [para(NONE_RECORDED, s.body)]
    out: list[Flowable] = []
    for group in brief.people:
        out += [CondPageBreak(1.2 * inch), keys.mark(para(group.role, s.h2), 1, group.role)]
        for person in group.people:
            prefix = person.name + (" \u2014" if person.details else "")
            out.append(plain(person.details, s.body, bold_prefix=prefix))
            out += _bullets(person.facts)
            out += _paras(person.notes, s.note)
    return out


def _chronology(brief: Brief, keys: _Keys) -> list[Flowable]:
    if not brief.chronology:
        return [para(NONE_RECORDED, styles().body)]
    return [entry_flowable(e) for e in brief.chronology]


def _statements(brief: Brief, keys: _Keys) -> list[Flowable]:
    s = styles()
    if not brief.statement_groups:
        return [para(NONE_RECORDED, s.body)]
    out: list[Flowable] = []
    for group in brief.statement_groups:
        out += [CondPageBreak(1.4 * inch), keys.mark(para(group.title, s.h2), 1, group.title)]
        for entry in group.statements:
            out += [CondPageBreak(0.8 * inch), plain(entry.meta, s.meta)]
            for paragraph in entry.paragraphs:
                out += [plain(chunk, s.quote, ruled=True) for chunk in t.chunks(paragraph)]
            if entry.source:
                out.append(plain(entry.source, s.source, bold_prefix="Source:"))
            out += _prefixed(entry.notes, s.note, "Internal note:")
    return out


def _bullets(items: list[str]) -> list[Flowable]:
    return [plain_runs([(x, "")], styles().bullet, bullet="\u2022") for x in items]


def _issues(brief: Brief, keys: _Keys) -> list[Flowable]:
    s = styles()
    if not brief.issues:
        return [para(NONE_RECORDED, s.body)]
    out: list[Flowable] = []
    for issue in brief.issues:
        heading = f"{issue.title} ({issue.status})"
        out += [CondPageBreak(1.4 * inch), keys.mark(para(heading, s.h2), 1, issue.title)]
        out += _paras(issue.description, s.body)
        linked = False
        for label, items in (
            ("Statements", issue.statements),
            ("Events", issue.events),
            ("Documents", issue.documents),
        ):
            if items:
                linked = True
                out += [para(label, s.h3), *_bullets(items)]
        if not linked:
            out.append(para("Nothing is linked to this issue yet.", s.small))
    return out


def _documents(brief: Brief, keys: _Keys) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = []
    if brief.documents:
        header, rows = list(DOCUMENT_COLUMNS), document_rows(brief)
        widths = [x * inch for x in (1.95, 1.0, 0.95, 1.25, 0.5, 1.05)]
        out.append(table(header, rows, widths))
    else:
        out.append(para(NONE_RECORDED, s.body))
    if brief.withheld_documents:
        n = brief.withheld_documents
        out.append(
            para(f"{n} privileged document{'s are' if n > 1 else ' is'} not listed.", s.small)
        )
    return out


def _notes(brief: Brief, keys: _Keys) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = []
    if brief.case_notes:
        out += [para("Case notes (internal)", s.h3)] + _paras(brief.case_notes, s.body)
    for note in brief.notes:
        first, *rest = note.paragraphs or [""]
        out.append(plain(first, s.body, bold_prefix=note.label + ":"))
        out += _paras(rest, s.body)
    return out or [para(NONE_RECORDED, s.body)]


SECTION_WRITERS: dict[str, Callable[[Brief, _Keys], list[Flowable]]] = {
    "glance": _glance,
    "charges": _charges,
    "clock": lambda brief, _keys: clock_flowables(brief),
    "dates": lambda brief, _keys: dates_flowables(brief),
    "people": _people,
    "chronology": _chronology,
    "timeline": lambda brief, _keys: timeline_flowables(brief, FRAME_WIDTH),
    "statements": _statements,
    "issues": _issues,
    "documents": _documents,
    "notes": _notes,
}
