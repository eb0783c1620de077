"""The PDF contents page: laid out in the one layout pass, right numbers, working links."""

from __future__ import annotations

import dataclasses
import io
import re

import pypdf
import pytest
from reportlab.lib.pagesizes import LETTER
from reportlab.platypus import PageBreak, SimpleDocTemplate

from app.briefs.model import Brief, StatementEntry, StatementGroup
from app.briefs.pdf.canvas import page_counting_canvas
from app.briefs.pdf.contents import Contents, Entry
from app.briefs.pdf.document import BriefDocTemplate, write_pdf
from app.briefs.pdf.parts import para, styles
from tests.briefs.test_nasty_text import brief_of

SENTENCE = "The officer asked me where I was going and I told him I was going home. "
LEADER = re.compile(r"^(?P<title>.*?)\s*(?:\.\s*){3,}(?P<page>\d+)$")


def _entries(text: str) -> list[tuple[str, int]]:
    """(title, page) per contents line: text extraction may put an entry's title and
    its dot leader with the number on separate lines."""
    found, title = [], ""
    for line in (x.strip() for x in text.splitlines()):
        match = LEADER.match(line)
        if match:
            found.append((match["title"] or title, int(match["page"])))
            title = ""
        elif line:
            title = line
    return found


def _grouped_brief() -> Brief:
    """A brief of some twenty pages whose speakers' groups land on different pages."""
    statement = StatementEntry("Statement, June 2026", "", [SENTENCE * 20] * 3, "", [])
    groups = [StatementGroup(f"Speaker {n}", [statement] * 4) for n in range(1, 7)]
    return dataclasses.replace(brief_of("Marker"), statement_groups=groups, toc=True)


def _write(brief: Brief) -> pypdf.PdfReader:
    out = io.BytesIO()
    write_pdf(brief, out)
    return pypdf.PdfReader(io.BytesIO(out.getvalue()))


def _contents(reader: pypdf.PdfReader) -> dict[str, int]:
    """Title -> page number, as printed on the contents page."""
    text = reader.pages[1].extract_text()
    assert "Contents" in text
    return dict(_entries(text))


def _outline(reader: pypdf.PdfReader) -> dict[str, int]:
    pages: dict[str, int] = {}

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                pages[item.title] = reader.get_destination_page_number(item) + 1

    walk(reader.outline)
    return pages


def test_contents_give_the_page_each_heading_is_on() -> None:
    reader = _write(_grouped_brief())
    contents, outline = _contents(reader), _outline(reader)
    assert {"Statements", "Speaker 1", "Speaker 6", "Notes and to-dos"} <= contents.keys()
    assert len(set(contents[f"Speaker {n}"] for n in range(1, 7))) > 3  # spread over pages
    for title, page in contents.items():
        assert outline[title] == page, title
        if title != "Cover":  # the cover's bookmark sits on "CASE BRIEF"
            assert title in reader.pages[page - 1].extract_text(), title


def test_each_contents_entry_links_to_its_heading() -> None:
    reader = _write(_grouped_brief())
    printed = [page for _, page in _entries(reader.pages[1].extract_text())]
    links = [a.get_object() for a in reader.pages[1].get("/Annots", [])]
    targets = [reader.get_page_number(link["/Dest"][0]) + 1 for link in links]
    assert len(printed) > 15 and targets == printed


def test_a_contents_page_costs_no_second_layout_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    handled = {"count": 0}
    original = BriefDocTemplate.handle_flowable

    def counting(self: BriefDocTemplate, flowables: list) -> None:  # type: ignore[type-arg]
        handled["count"] += 1
        original(self, flowables)

    monkeypatch.setattr(BriefDocTemplate, "handle_flowable", counting)
    counts = {}
    for toc in (False, True):
        handled["count"] = 0
        _write(dataclasses.replace(_grouped_brief(), toc=toc))
        counts[toc] = handled["count"]
    assert counts[False] > 100
    assert counts[True] <= counts[False] + 10  # the contents' own few flowables


def test_contents_longer_than_a_page_continue_on_the_next() -> None:
    s = styles()
    titles = [f"Heading {n}" + " with a long title" * (n % 4) for n in range(1, 121)]
    entries = [Entry(n % 2, title, f"h{n}") for n, title in enumerate(titles)]
    pages: dict[str, int] = {}

    class Doc(SimpleDocTemplate):
        def afterFlowable(self, flowable):  # type: ignore[no-untyped-def]
            key = getattr(flowable, "_key", None)
            if key:
                self.canv.bookmarkPage(key)
                pages[key] = self.page

    story = [Contents(entries, [s.toc1, s.toc2], pages), PageBreak()]
    for entry in entries:
        heading = para(entry.title, s.h2)
        heading._key = entry.key  # type: ignore[attr-defined]
        story += [heading, PageBreak()] if int(entry.key[1:]) % 3 == 0 else [heading]
    out = io.BytesIO()
    Doc(out, pagesize=LETTER).build(story, canvasmaker=page_counting_canvas(lambda c, n: None))
    reader = pypdf.PdfReader(io.BytesIO(out.getvalue()))
    contents_text = "".join(reader.pages[n].extract_text() for n in range(3))
    assert all(title.split(" with")[0] in contents_text for title in titles)
    first_heading = min(pages.values())
    assert first_heading > 2  # the contents took more than one page
    lines = "\n".join(reader.pages[n].extract_text() for n in range(first_heading - 1))
    printed = [page for _, page in _entries(lines)]
    assert printed == [pages[e.key] for e in entries]


def test_a_heading_never_laid_out_gets_no_number_or_link() -> None:
    s = styles()
    pages = {"kept": 2}
    story = [Contents([Entry(0, "Kept", "kept"), Entry(0, "Lost", "lost")], [s.toc1], pages)]
    out = io.BytesIO()

    class Doc(SimpleDocTemplate):
        def afterFlowable(self, flowable):  # type: ignore[no-untyped-def]
            self.canv.bookmarkPage("kept")

    Doc(out).build(story, canvasmaker=page_counting_canvas(lambda c, n: None))
    reader = pypdf.PdfReader(io.BytesIO(out.getvalue()))
    text = reader.pages[0].extract_text()
    assert _entries(text) == [("Kept", 2)] and "Lost" in text
    assert len(reader.pages[0]["/Annots"]) == 1


def test_bookmarks_open_the_page_their_heading_is_on() -> None:
    reader = _write(dataclasses.replace(_grouped_brief(), toc=False))
    outline = _outline(reader)
    assert len(set(outline.values())) > 8
    for title, page in outline.items():
        if title != "Cover":
            assert title in reader.pages[page - 1].extract_text(), title
