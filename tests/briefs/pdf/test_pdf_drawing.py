"""The PDF brief's drawing shortcuts: page furniture, quote rules and the Sans fallback."""

from __future__ import annotations

import io

import pypdf
import pytest

from app.briefs.pdf.document import write_pdf
from app.briefs.pdf.parts import fonts, styles
from tests.briefs.test_nasty_text import brief_of

SENTENCE = "The officer asked me where I was going and I told him I was going home. "


def _long_brief(toc: bool):  # type: ignore[no-untyped-def]
    return brief_of("Marker", extra=[SENTENCE * 12] * 40, toc=toc)


@pytest.mark.parametrize("toc", [False, True])  # a contents page means two layout passes
def test_every_page_carries_the_same_header_and_footer(toc: bool) -> None:
    out = io.BytesIO()
    pages = write_pdf(_long_brief(toc), out)
    reader = pypdf.PdfReader(io.BytesIO(out.getvalue()))
    assert len(reader.pages) == pages > 8
    streams = [page.get_contents().get_data() for page in reader.pages]
    # The header and footer open each page's stream, the same bytes on every page.
    head = streams[0][: streams[0].index(b"Q") + 1]
    assert b"BT" in head and all(s.startswith(head) for s in streams)
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert "Marker" in text and "Prepared Marker" in text
        assert f"Page {number} of {pages}" in text


def test_each_quote_paragraph_has_its_rule() -> None:
    out = io.BytesIO()
    write_pdf(_long_brief(False), out)
    reader = pypdf.PdfReader(io.BytesIO(out.getvalue()))
    data = b"".join(page.get_contents().get_data() for page in reader.pages)
    rule = b"q\n.603922 .603922 .603922 RG\n1.6 w\nn 8 -2 m 8 "
    # "Marker" and the 40 extra paragraphs are quoted in the statements section;
    # a paragraph split across a page break is drawn (and ruled) in two parts.
    assert data.count(rule) >= 41
    assert data.count(rule) == data.count(b"1.6 w")


def test_sans_fallback_only_for_characters_serif_lacks() -> None:
    s = styles()
    if fonts().serif_chars is None:
        pytest.skip("DejaVu fonts are not installed")
    assert (
        s.for_text(s.body, "Plain ASCII & Latin-1: caf\u00e9 \u2014 \u201cquoted\u201d") is s.body
    )
    arabic = s.for_text(s.body, "right-to-left: \u0627\u0644\u0639\u0631\u0628\u064a\u0629")
    assert arabic is not s.body and arabic.fontName == fonts().sans
    assert s.for_text(s.body, "CJK only \u88ab\u544a") is s.body  # neither face has it
    assert (
        s.for_text(s.meta, "\u0627\u0644\u0639\u0631\u0628\u064a\u0629") is s.meta
    )  # already Sans


def _page_streams(text: str) -> list[bytes]:
    out = io.BytesIO()
    write_pdf(brief_of(text, extra=[SENTENCE * 12] * 6, toc=False), out)
    return [p.get_contents().get_data() for p in pypdf.PdfReader(io.BytesIO(out.getvalue())).pages]


def test_fast_text_encoding_writes_the_same_bytes_as_reportlab(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reportlab.pdfbase.ttfonts import TTFont

    from app.briefs.pdf.parts import BriefTTFont

    if fonts().serif_chars is None:
        pytest.skip("DejaVu fonts are not installed")
    # Over 256 distinct characters, so later text needs a second font subset, plus
    # no-break spaces, characters the face lacks and the nasty strings.
    many = "".join(chr(c) for c in range(0x100, 0x250) if c % 7)
    text = f"Caf\u00e9\u00a0au lait {many} \u88ab\u544a \U0001f600 " + SENTENCE
    fast = _page_streams(text)
    monkeypatch.setattr(BriefTTFont, "splitString", TTFont.splitString)
    assert _page_streams(text) == fast


def test_reportlab_uses_its_c_helpers() -> None:
    # pyproject asks for reportlab[accel]; without it a long brief is a fifth slower.
    from reportlab.lib import rl_accel

    assert {"instanceStringWidthTTF", "fp_str", "escapePDF"} <= set(rl_accel._c_funcs)


def test_the_cycle_collector_resumes_after_an_export_as_it_was() -> None:
    import gc

    from app.briefs.pdf import document as pdf

    seen: list[bool] = []
    real_build = pdf.BriefDocTemplate.build

    def build(self, story, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return real_build(self, story, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf.BriefDocTemplate, "build", build)
        assert gc.isenabled()
        write_pdf(brief_of("A short statement."), io.BytesIO())
        assert seen == [False] and gc.isenabled()

        def broken(self, story, **kwargs):  # type: ignore[no-untyped-def]
            raise OSError("disk full")

        patch.setattr(pdf.BriefDocTemplate, "build", broken)
        with pytest.raises(OSError):
            write_pdf(brief_of("A short statement."), io.BytesIO())
        assert gc.isenabled()
        gc.disable()
        try:
            patch.setattr(pdf.BriefDocTemplate, "build", build)
            write_pdf(brief_of("A short statement."), io.BytesIO())
            assert not gc.isenabled()  # someone else's pause is theirs to end
        finally:
            gc.enable()
