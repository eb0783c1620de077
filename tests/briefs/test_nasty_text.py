"""Any text comes out literally: no crash, no invalid file, no markup run, no file read."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.briefs import text as t
from app.briefs.docx import write_docx
from app.briefs.model import (
    Brief,
    ChargeRow,
    ChronoEntry,
    Cover,
    DocumentRow,
    Glance,
    GlanceCharge,
    IssueEntry,
    NoteEntry,
    PeopleGroup,
    PersonEntry,
    StatementEntry,
    StatementGroup,
)
from app.briefs.pdf.document import write_pdf
from app.briefs.profiles import ALL_SECTIONS
from tests.briefs.helpers import squash

NASTY = [
    "Smith & Wesson <b>bold</b> a < b > c &amp; &lt; &#169; &nbsp;",
    '<img src="/etc/hosts"/> <img src="/etc/passwd" width="100" height="100"/>',
    "<font color=red size=40>RED</font> <para><br/></para> <a href='file:///etc/hosts'>x</a>",
    "<onDraw name='x'/> <seq id='a'/> <greek>a</greek> <u>u</u> <strike>s</strike>",
    "control \x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85 characters and \ud800 lone surrogate \ufffe",
    "emoji 😀👩‍⚖️🏳️‍🌈 and CJK 被告人 and Hangul 피고인",
    "right-to-left: עברית ומשפט and العربية والقانون",
    "x" * 200 + " " + "https://example.org/" + "a" * 180,
    "tabs\tand\r\nwindows\rline endings\n\n\nand blank lines",
    "",
    "   ",
    "%PDF-1.4 endobj stream trailer ]]> <![CDATA[ x ]]> <!-- c -->",
    'Smith & Jones <LLP> v. O\'Brien "quoted"',
    "\u202etxt.exe \u200b\u200d zero width \u00ad soft hyphen",
]


def brief_of(text: str, extra: list[str] | None = None, toc: bool = True) -> Brief:
    """A brief with ``text`` in every field a writer shows."""
    s = t.line(text)
    paras = t.paragraphs(text) or ["(no text)"]
    paras += extra or []
    return Brief(
        caption=s or "x",
        marking=s,
        prepared=s,
        profile_key="full",
        profile_label=s,
        sections=ALL_SECTIONS,
        cover=Cover(s or "x", s, s, s, [s], s, s, s, s),
        glance=Glance(
            paras,
            [GlanceCharge(s, s, s)],
            s,
            [(s, [s])],
            [s],
            {"statements": 1, "documents": 1, "events": 1},
        ),  # fmt: skip
        charges=[ChargeRow(s, s, s, s, s, s, s)],
        people=[PeopleGroup(s, [PersonEntry(s, s, paras)])],
        chronology=[ChronoEntry(s, s, s, s, s, time=s)],
        statement_groups=[StatementGroup(s, [StatementEntry(s, s, paras, s, paras)])],
        issues=[IssueEntry(s, s, paras, [s], [s], [s])],
        documents=[DocumentRow(s, s, s, s, True, s, s)],
        withheld_documents=1,
        case_notes=paras,
        notes=[NoteEntry(paras, s)],
        toc=toc,
    )


def render_both(brief: Brief) -> tuple[str, str]:
    pdf = io.BytesIO()
    write_pdf(brief, pdf)
    pdf_text = "\n".join(
        p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.getvalue())).pages
    )
    word = io.BytesIO()
    write_docx(brief, word)
    word.seek(0)
    doc = docx.Document(word)  # parses: the XML is valid
    word_text = "\n".join(p.text for p in doc.paragraphs)
    return pdf_text, word_text


CONTROL = NASTY[4]
# What a reader sees of each string: its words, runs of whitespace as one space,
# and every control character, lone surrogate and U+FFFE as U+FFFD (app/briefs/text.py).
SHOWN = {
    CONTROL: "control " + "\ufffd" * 9 + " characters and \ufffd lone surrogate \ufffd",
}
# The brief's PDF font (DejaVu) has no CJK, Hangul or emoji glyphs: those come out as
# boxes, so only the other words of such a string can be read back from the PDF.
NO_GLYPH = re.compile(r"[\u2e80-\U0010ffff]")
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Hebrew and Arabic are drawn right to left: read back, their letters run reversed.
RIGHT_TO_LEFT = re.compile(r"[\u0590-\u08ff]")


def shown(text: str) -> str:
    return SHOWN.get(text, " ".join(text.split()))


@pytest.mark.parametrize("text", NASTY)
def test_nasty_strings_come_out_literally(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    real_open = open

    def spy(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spy)
    pdf_text, word_text = render_both(brief_of(text))
    assert not [f for f in opened if "/etc/" in f]
    visible = shown(text)
    if not visible:
        # Nothing to show: the paragraphs say so instead of vanishing.
        assert "(no text)" in word_text and "(no text)" in pdf_text
    # Word keeps every character: tags as text, replaced characters as U+FFFD.
    assert visible in word_text
    assert not RAW_CONTROL.search(word_text)
    # The PDF shows every word it has glyphs for, wherever its lines happen to break.
    flat_pdf = squash(pdf_text)
    for word in visible.split():
        if NO_GLYPH.search(word):
            continue
        assert (word[::-1] if RIGHT_TO_LEFT.search(word) else word) in flat_pdf, word
    if "<b>bold</b>" in text:
        assert "<b>bold</b>" in pdf_text and "<b>bold</b>" in word_text
        assert "&amp;" in pdf_text and "&#169;" in word_text
    if "<img" in text:
        assert '<img src="/etc/hosts"/>' in pdf_text
    if "&" in text and "&amp;" not in text:  # never double-escaped (bullets, dates)
        assert "&amp;" not in pdf_text and "&amp;" not in word_text
    if "RED" in text:
        assert "<font color=red size=40>RED</font>" in pdf_text


def test_control_characters_are_replaced_visibly() -> None:
    assert t.clean("a\x00b\x1bc\ud800d") == "a\ufffdb\ufffdc\ufffdd"
    assert t.paragraphs("one\r\ntwo\rthree\t!") == ["one", "two", "three !"]


def test_a_thirty_page_statement_is_chunked_and_complete(tmp_path: Path) -> None:
    sentence = "The officer asked me where I was going and I told him I was going home. "
    huge = sentence * 2500  # one paragraph, about 30 pages
    nobreak = "y" * 20_000  # no spaces at all
    brief = brief_of("Long", extra=[huge.strip(), nobreak])
    pieces = t.chunks(huge.strip())
    assert len(pieces) > 50 and all(len(p) <= 1500 for p in pieces)
    assert " ".join(pieces) == huge.strip()
    assert "".join(t.chunks(nobreak)) == nobreak
    pdf = tmp_path / "long.pdf"
    pages = write_pdf(brief, pdf)
    assert pages > 30
    text = squash(pypdf.PdfReader(str(pdf)).pages[-3].extract_text())
    assert "whereIwasgoing" in text or "yyyy" in text


def test_long_words_wrap_inside_the_page(tmp_path: Path) -> None:
    word = "W" * 200
    pdf = tmp_path / "w.pdf"
    write_pdf(brief_of(word, toc=False), pdf)
    reader = pypdf.PdfReader(str(pdf))
    width = float(reader.pages[0].mediabox.width)
    runs: list[tuple[float, str, float]] = []

    def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
        if "WW" in text:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]  # text space to page space
            runs.append((x, text.strip(), size * tm[0] * cm[0]))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    # Broken across lines: no drawn run holds the whole word, and every run starts
    # inside the page and ends inside it (a W is about one em wide).
    assert runs and all(len(text) < 200 for _, text, _ in runs)
    outside = [(x, t, em) for x, t, em in runs if x < 0 or x + len(t) * em > width]
    assert not outside


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec=None), max_size=300))
def test_any_text_renders_in_both_formats(text: str) -> None:
    pdf_text, word_text = render_both(brief_of(text, toc=False))
    words = [w for w in t.line(text).split() if w.isascii() and w.isalnum() and len(w) > 2]
    for w in words[:3]:
        assert w in word_text
        assert w in pdf_text.replace("\n", "") or w in squash(pdf_text)


def test_docx_package_is_well_formed_xml() -> None:
    from lxml import etree

    word = io.BytesIO()
    write_docx(brief_of(" ".join(NASTY)), word)
    with zipfile.ZipFile(word) as z:
        parsed = {
            name: etree.fromstring(z.read(name))  # raises on XML that is not well formed
            for name in z.namelist()
            if name.endswith(".xml") or name.endswith(".rels")
        }
    assert {"[Content_Types].xml", "word/document.xml", "_rels/.rels"} <= parsed.keys()
    body = parsed["word/document.xml"]
    # The markup went in as text: read back it is literal, and made no elements.
    text = "".join(body.itertext())
    assert '<img src="/etc/hosts"/>' in text and "<b>bold</b>" in text
    assert "control " + "\ufffd" * 9 in text
    # Every element is Word's own (namespaced); a tag from the text would have none.
    assert all(etree.QName(e).namespace for e in body.iter(etree.Element))


def test_every_nasty_string_at_once_fits_the_pdf_tables(tmp_path: Path) -> None:
    # A table cell taller than a page stopped reportlab with a LayoutError; long
    # cells now continue in the rows below, with nothing left out.
    everything = " ".join(NASTY)
    pdf = tmp_path / "all.pdf"
    assert write_pdf(brief_of(everything), pdf) > 1
    text = squash(" ".join(p.extract_text() for p in pypdf.PdfReader(str(pdf)).pages))
    assert squash('<img src="/etc/hosts"/>') in text
