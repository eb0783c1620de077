"""The Word brief: a :class:`Brief` written into the styled template with lxml.

Paragraphs are appended as WordprocessingML elements directly: python-docx's
``add_paragraph`` looks for the section properties on every call, which gets
slow on a 500-page body. Everything is styled by name from the template
(``resources/templates/brief.docx``), so restyling the template restyles briefs.

"Page N of M" uses PAGE and NUMPAGES fields; the table of contents is a TOC
field whose cached entries are written out (no page numbers) and which Word
refreshes on opening (``updateFields`` in settings.xml).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from typing import IO

import docx
from docx.document import Document
from docx.oxml.ns import qn
from lxml import etree

from app.briefs import text as t
from app.briefs.clock.docx import labelled_element, period_table_element
from app.briefs.model import Brief
from app.briefs.tables import (
    CHARGE_COLUMNS,
    COURT_DATE_COLUMNS,
    DEADLINE_COLUMNS,
    DOCUMENT_COLUMNS,
    charge_rows,
    court_date_rows,
    cover_rows,
    deadline_rows,
    document_rows,
    glance_counts,
)
from app.briefs.template import load_template_bytes
from app.briefs.timeline import caption, nothing_dated
from app.briefs.timeline_docx import timeline_picture_element
from app.briefs.wordml import (
    PPR,
    PSTYLE,
    VAL,
    XML_SPACE,
    P,
    R,
    add_run,
    fits_hanging_indent,
    table_element,
)

Progress = Callable[[int, int], None]

NONE_RECORDED = "None recorded."
TOC_MAX_ENTRIES = 32
TEXT_WIDTH = 9360  # twips: 6.5 inches between the template's 1-inch margins

Run = tuple[str, str]  # (text, "" | "b" | "i" | "bi")


class _Writer:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.ids: dict[str, str] = {s.name: s.style_id for s in doc.styles}
        self.out: list[etree._Element] = []
        self.headings: list[tuple[int, str]] = []
        self._mark = 0

    def style_id(self, name: str) -> str:
        return self.ids.get(name, name.replace(" ", ""))

    # -- paragraphs ---------------------------------------------------------------

    def p(self, style: str | None, *runs: Run | str, keep_next: bool = False) -> etree._Element:
        para = etree.Element(P)
        if style or keep_next:
            ppr = etree.SubElement(para, PPR)
            if style:
                etree.SubElement(ppr, PSTYLE).set(VAL, self.style_id(style))
            if keep_next:
                etree.SubElement(ppr, qn("w:keepNext"))
        for run in runs:
            text, fmt = (run, "") if isinstance(run, str) else run
            if text:
                add_run(para, text, fmt)
        self.out.append(para)
        return para

    def heading(self, level: int, text: str) -> None:
        self.p(f"Heading {level}", text)
        self.headings.append((level, text))

    def page_break(self) -> None:
        para = etree.Element(P)
        etree.SubElement(etree.SubElement(para, R), qn("w:br")).set(qn("w:type"), "page")
        self.out.append(para)

    def bullets(self, items: list[str]) -> None:
        for item in items:
            self.p("List Bullet", item)

    # -- tables -----------------------------------------------------------------

    def table(
        self,
        header: list[str] | None,
        rows: list[list[str]],
        widths: list[int],
        label_col: bool = False,
        whole_rows: bool = False,
    ) -> None:
        """A table; its header row repeats on every page (``tblHeader``); ``whole_rows``
        keeps each row on one page."""
        self.out.append(
            table_element(
                self.style_id, header, rows, widths, label_col=label_col, whole_rows=whole_rows
            )
        )
        self.p(None)  # Word needs a paragraph between two tables, and it gives air

    def element(self, element: etree._Element) -> None:
        """A ready-made element (a table from :mod:`app.briefs.clock.docx`), then air."""
        self.out.append(element)
        self.p(None)


def _field_runs(para: etree._Element, instruction: str, shown: str) -> None:
    """A complex field (PAGE, NUMPAGES) with ``shown`` as its cached result."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None)):
        run = etree.SubElement(para, R)
        if kind == "instr":
            node = etree.SubElement(run, qn("w:instrText"))
            node.text = text
            node.set(XML_SPACE, "preserve")
        else:
            etree.SubElement(run, qn("w:fldChar")).set(qn("w:fldCharType"), kind)
    add_run(para, shown)
    etree.SubElement(etree.SubElement(para, R), qn("w:fldChar")).set(qn("w:fldCharType"), "end")


def write_docx(
    brief: Brief, target: str | os.PathLike[str] | IO[bytes], progress: Progress | None = None
) -> None:
    """Render ``brief`` as a Word document to ``target``."""
    doc = docx.Document(io.BytesIO(load_template_bytes()))
    w = _Writer(doc)
    toc_at = None
    steps = len(brief.sections) + 1
    for step, key in enumerate(brief.sections):
        if progress is not None:
            progress(step, steps)
        if key == "cover":
            _cover(w, brief)
            toc_at = len(w.out)
            continue
        if toc_at is None:
            toc_at = len(w.out)
        w.heading(1, brief.section_title(key))
        SECTION_WRITERS[key](w, brief)
    if brief.toc:
        w.out[toc_at or 0 : toc_at or 0] = _toc(w)
    body = doc.element.body
    sect = body.find(qn("w:sectPr"))
    for child in list(body):
        if child is not sect:
            body.remove(child)
    if sect is not None:
        sect.addprevious(etree.Element(P))  # anchor, replaced below
        anchor = sect.getprevious()
        for element in w.out:
            anchor.addprevious(element)
        body.remove(anchor)
    else:
        body.extend(w.out)
    _header_footer(doc, brief)
    _properties(doc, brief)
    doc.save(os.fspath(target) if isinstance(target, str | os.PathLike) else target)
    if progress is not None:
        progress(steps, steps)


def _toc(w: _Writer) -> list[etree._Element]:
    entries = w.headings
    if len(entries) > TOC_MAX_ENTRIES:
        entries = [(level, text) for level, text in entries if level == 1]
    levels = max((level for level, _ in entries), default=1)
    saved, w.out = w.out, []
    w.p("TOC Heading", "Contents")
    paras = [w.p(f"toc {level}", text) for level, text in entries] or [w.p(None)]
    first, last = paras[0], paras[-1]
    begin = []
    for kind, instr in (
        ("begin", None),
        ("instr", f' TOC \\o "1-{levels}" \\h \\z \\u '),
        ("separate", None),
    ):
        run = etree.Element(R)
        if instr:
            node = etree.SubElement(run, qn("w:instrText"))
            node.text = instr
            node.set(XML_SPACE, "preserve")
        else:
            etree.SubElement(run, qn("w:fldChar")).set(qn("w:fldCharType"), kind)
        begin.append(run)
    ppr = first.find(PPR)
    at = list(first).index(ppr) + 1 if ppr is not None else 0
    for offset, run in enumerate(begin):
        first.insert(at + offset, run)
    etree.SubElement(etree.SubElement(last, R), qn("w:fldChar")).set(qn("w:fldCharType"), "end")
    w.page_break()
    toc, w.out = w.out, saved
    return toc


def _header_footer(doc: Document, brief: Brief) -> None:
    section = doc.sections[0]
    header = section.header
    header.is_linked_to_previous = False
    para = header.paragraphs[0]
    para.style = doc.styles["Header"]
    _right_tab_only(para._p)
    add_run(para._p, t.shorten(brief.caption, 60))
    etree.SubElement(etree.SubElement(para._p, R), qn("w:tab"))
    add_run(para._p, t.shorten(brief.marking, 60), "b")
    footer = section.footer
    footer.is_linked_to_previous = False
    para = footer.paragraphs[0]
    para.style = doc.styles["Footer"]
    _right_tab_only(para._p)
    add_run(para._p, t.shorten(f"Prepared {brief.prepared} \u00b7 {brief.subject}", 80))
    etree.SubElement(etree.SubElement(para._p, R), qn("w:tab"))
    add_run(para._p, "Page ")
    _field_runs(para._p, " PAGE ", "1")
    add_run(para._p, " of ")
    _field_runs(para._p, " NUMPAGES ", "1")


def _right_tab_only(para: etree._Element) -> None:
    """One right-aligned tab stop at the margin (the template's centre stop cleared)."""
    ppr = para.find(PPR)
    if ppr is None:
        ppr = etree.SubElement(para, PPR)
        para.insert(0, ppr)
    tabs = etree.Element(qn("w:tabs"))
    for kind, pos in (("clear", 4680), ("right", TEXT_WIDTH)):
        tab = etree.SubElement(tabs, qn("w:tab"))
        tab.set(VAL, kind)
        tab.set(qn("w:pos"), str(pos))
    style = ppr.find(PSTYLE)
    if style is not None:
        style.addnext(tabs)
    else:
        ppr.insert(0, tabs)


_SETTINGS_AFTER_UPDATE = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
    "listSeparator",
)  # fmt: skip


def _properties(doc: Document, brief: Brief) -> None:
    core = doc.core_properties
    # Core properties are limited to 255 characters each.
    core.title = t.shorten(brief.title, 250)
    core.subject = t.shorten(brief.subject, 250)
    core.author = t.shorten(brief.cover.staff or "Casefile", 250)
    core.keywords = t.shorten(brief.marking, 250)
    comments = f"{brief.profile_label} brief prepared {brief.prepared} by Casefile"
    core.comments = t.shorten(comments, 250)
    if brief.toc:
        settings = doc.settings.element
        update = etree.Element(qn("w:updateFields"))
        update.set(VAL, "true")
        for name in _SETTINGS_AFTER_UPDATE:
            successor = settings.find(qn(f"w:{name}"))
            if successor is not None:
                successor.addprevious(update)
                break
        else:
            settings.append(update)


# -- sections ------------------------------------------------------------------------


def _cover(w: _Writer, brief: Brief) -> None:
    c = brief.cover
    for _ in range(3):
        w.p(None)
    w.p("Subtitle", "CASE BRIEF")
    w.p("Title", c.caption)
    rows = cover_rows(brief)
    w.table(None, [[k, v] for k, v in rows], [2600, 6760], label_col=True)
    w.p("Brief Marking", c.marking)
    w.page_break()


def _glance(w: _Writer, brief: Brief) -> None:
    g = brief.glance
    if g is None:
        w.p(None, NONE_RECORDED)
        return
    for para in g.summary:
        w.p(None, para)
    charges = [
        " \u2014 ".join(x for x in (c.label, c.offense_class, c.status) if x) for c in g.charges
    ]
    people = [f"{role}: {', '.join(names)}" for role, names in g.key_people]
    counts = glance_counts(g)
    for label, items in (
        ("Next court date", [g.next_court_date]),
        *([("Speedy-trial clock", [g.speedy_trial])] if g.speedy_trial else []),
        ("Charges", charges),
        ("Key people", people),
        ("Open legal issues", g.open_issues),
        ("In the file", [counts]),
    ):
        w.p("Heading 3", label)
        if len(items) == 1:
            w.p(None, items[0])
        else:
            w.bullets(items or [NONE_RECORDED])
    w.page_break()


def _charges(w: _Writer, brief: Brief) -> None:
    if not brief.charges:
        w.p(None, NONE_RECORDED)
        return
    header, rows = list(CHARGE_COLUMNS), charge_rows(brief)
    w.table(header, rows, [760, 1400, 2600, 1500, 1050, 2050])
    for c in brief.charges:
        if c.notes:
            w.p("Brief Note", (f"Count {c.count}, internal note: ", "b"), c.notes)


def _clock(w: _Writer, brief: Brief) -> None:
    c = brief.clock
    if c is None:
        w.p(None, NONE_RECORDED)
        return
    w.p(None, (c.headline, "b"), keep_next=True)
    if c.beside:
        w.p(None, c.beside, keep_next=True)
    w.element(labelled_element(c.facts, w.style_id, 2200))
    if c.notes:
        w.p("Heading 3", "Notes")
        w.bullets(c.notes)
    if c.periods is not None:
        w.p("Heading 3", "Periods", keep_next=True)
        w.element(period_table_element(c.periods, w.style_id))


def _dates(w: _Writer, brief: Brief) -> None:
    w.p("Heading 3", "Upcoming court dates", keep_next=True)
    # Rows of a few lines each: a row is never split, so no page starts with the tail of
    # one under the repeated header ("custody)").
    if brief.dates and brief.dates.court_dates:
        rows = court_date_rows(brief)
        w.table(list(COURT_DATE_COLUMNS), rows, [2000, 720, 4240, 2400], whole_rows=True)
    else:
        w.p(None, "No upcoming court date is recorded.")
    w.p("Heading 3", "Deadlines", keep_next=True)
    if brief.dates and brief.dates.deadlines:
        rows = deadline_rows(brief)
        w.table(list(DEADLINE_COLUMNS), rows, [2000, 2800, 1700, 2860], whole_rows=True)
    else:
        w.p(None, NONE_RECORDED)


def _people(w: _Writer, brief: Brief) -> None:
    if not brief.people:
        w.p(None, NONE_RECORDED)
    for group in brief.people:
        w.heading(2, group.role)
        for person in group.people:
            dash = " \u2014 " if person.details else ""
            w.p(None, (person.name, "b"), dash + person.details)
            w.bullets(person.facts)
            for note in person.notes:
                w.p("Brief Note", note)


def _chronology(w: _Writer, brief: Brief) -> None:
    if not brief.chronology:
        w.p(None, NONE_RECORDED)
    fits = fits_hanging_indent(w.doc, "Brief Chronology")
    for e in brief.chronology:
        when = e.date + (f", {e.time}" if e.time else "")
        para = w.p("Brief Chronology", (when, "b"))
        # A date too long for its column takes the first line; the text starts below it.
        etree.SubElement(etree.SubElement(para, R), qn("w:tab" if fits(when) else "w:br"))
        add_run(para, e.title, "b")
        add_run(para, f" ({e.kind})")
        if e.detail:
            add_run(para, " " + e.detail)
        if e.source:
            add_run(para, f" Source: {e.source}", "i")


def _timeline(w: _Writer, brief: Brief) -> None:
    sentence = nothing_dated(brief.timeline)
    if sentence is not None or brief.timeline is None:
        w.p(None, sentence or "")
        return
    w.out.append(timeline_picture_element(w.doc, brief.timeline, TEXT_WIDTH))
    w.p("Caption" if "Caption" in w.ids else "Brief Note", caption(brief.timeline))


def _statements(w: _Writer, brief: Brief) -> None:
    if not brief.statement_groups:
        w.p(None, NONE_RECORDED)
    for group in brief.statement_groups:
        w.heading(2, group.title)
        for entry in group.statements:
            w.p("Brief Meta", entry.meta)
            for para in entry.paragraphs:
                w.p("Quote", para)
            if entry.source:
                w.p("Brief Source", ("Source: ", "b"), entry.source)
            for note in entry.notes:
                w.p("Brief Note", ("Internal note: ", "b"), note)


def _issues(w: _Writer, brief: Brief) -> None:
    if not brief.issues:
        w.p(None, NONE_RECORDED)
    for issue in brief.issues:
        w.heading(2, f"{issue.title} ({issue.status})")
        for para in issue.description:
            w.p(None, para)
        linked = False
        for label, items in (
            ("Statements", issue.statements),
            ("Events", issue.events),
            ("Documents", issue.documents),
        ):
            if items:
                linked = True
                w.p("Heading 3", label)
                w.bullets(items)
        if not linked:
            w.p(None, "Nothing is linked to this issue yet.")


def _documents(w: _Writer, brief: Brief) -> None:
    if brief.documents:
        header, rows = list(DOCUMENT_COLUMNS), document_rows(brief)
        w.table(header, rows, [3000, 1350, 1300, 1400, 650, 1660])
    else:
        w.p(None, NONE_RECORDED)
    if brief.withheld_documents:
        n = brief.withheld_documents
        w.p(None, f"{n} privileged document{'s are' if n > 1 else ' is'} not listed.")


def _notes(w: _Writer, brief: Brief) -> None:
    if brief.case_notes:
        w.p("Heading 3", "Case notes (internal)")
        for para in brief.case_notes:
            w.p(None, para)
    for note in brief.notes:
        first, *rest = note.paragraphs or [""]
        w.p(None, (note.label + ": ", "b"), first)
        for para in rest:
            w.p(None, para)
    if not brief.case_notes and not brief.notes:
        w.p(None, NONE_RECORDED)


SECTION_WRITERS: dict[str, Callable[[_Writer, Brief], None]] = {
    "glance": _glance,
    "charges": _charges,
    "clock": _clock,
    "dates": _dates,
    "people": _people,
    "chronology": _chronology,
    "timeline": _timeline,
    "statements": _statements,
    "issues": _issues,
    "documents": _documents,
    "notes": _notes,
}
