"""The brief's timeline section: vector in the PDF, a print-resolution picture in Word,
a sentence when nothing has a date, and only in the briefs whose sections hold it."""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import docx
import pypdf
import pytest
from docx.shared import Twips
from PIL import Image

from app.briefs.build import build_brief
from app.briefs.docx import TEXT_WIDTH
from app.briefs.export import export_brief
from app.briefs.profiles import CLIENT, FULL, parse_sections, with_sections
from app.briefs.timeline import NOTHING_DATED
from app.briefs.timeline_docx import picture_pixel_width
from app.cli import main
from app.core.services import cases
from app.core.storage.workspace import Workspace
from app.core.timeline.layout import lay_out
from app.core.timeline.marks import Timeline, gather
from app.core.timeline.writers import png_bytes
from tests.briefs.conftest import TODAY, SmallCase
from tests.briefs.helpers import docx_text, pdf_pages, squash

LANES = ("Events", "Statements")
SOFFICE = shutil.which("libreoffice") or shutil.which("soffice")


def _export(ws: Workspace, case_id: int, path: Path, **kw) -> Path:  # type: ignore[no-untyped-def]
    export_brief(ws, case_id, path, today=TODAY, **kw)
    return path


def _page_with(pages: list[str], heading: str) -> str:
    found = [page for page in pages if f"\n{heading}\n" in f"\n{page}\n"]
    assert found, f"no page has the heading {heading!r}"
    return found[0]


def test_the_pdf_brief_draws_the_timeline_as_text_and_shapes(
    small_case: SmallCase, tmp_path: Path
) -> None:
    pages = pdf_pages(_export(small_case.ws, small_case.case_id, tmp_path / "brief.pdf"))
    page = _page_with(pages, "Timeline")
    # Vector text: the lane names and a mark's label are text on the page, not pixels.
    for lane in LANES:
        assert lane in page, lane
    assert squash("Hearing on motions") in squash(page)
    assert "dated record" in page  # the caption
    text = "\n".join(pages)
    assert text.index("\nChronology") < text.index("\nTimeline") < text.index("\nStatements")


def test_the_word_brief_holds_one_picture_at_print_resolution(
    small_case: SmallCase, tmp_path: Path
) -> None:
    path = _export(small_case.ws, small_case.case_id, tmp_path / "brief.docx")
    document = docx.Document(str(path))
    assert "Timeline" in [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert len(document.inline_shapes) == 1
    shape = document.inline_shapes[0]
    assert shape.width == Twips(TEXT_WIDTH)
    blob = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
    image = Image.open(io.BytesIO(document.part.related_parts[blob].blob))
    assert image.width == picture_pixel_width(TEXT_WIDTH) == 1950  # 300 dpi for 6.5 in
    assert shape.height == pytest.approx(shape.width * image.height / image.width, rel=0.01)
    assert "dated record" in docx_text(path)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_case_with_nothing_dated_gets_a_sentence_not_an_empty_picture(
    sqlite_workspace: Workspace, tmp_path: Path, fmt: str
) -> None:
    case_id = cases.add_case(sqlite_workspace, caption="People v. Nobody", docket_number="E-1")
    path = _export(sqlite_workspace, case_id, tmp_path / f"empty.{fmt}", sections="timeline")
    if fmt == "pdf":
        text = squash("\n".join(pdf_pages(path)))
        assert "Events" not in text
    else:
        text = squash(docx_text(path))
        assert len(docx.Document(str(path)).inline_shapes) == 0
    assert squash(NOTHING_DATED) in text


def test_the_section_is_chosen_like_any_other() -> None:
    assert "timeline" in FULL.sections and "timeline" in CLIENT.sections
    assert FULL.sections.index("timeline") == FULL.sections.index("chronology") + 1
    assert parse_sections("timeline,cover") == ("cover", "timeline")
    assert "timeline" not in with_sections(CLIENT, "cover,glance,chronology").sections


def test_a_brief_without_the_section_has_no_picture(small_case: SmallCase, tmp_path: Path) -> None:
    kw = {"profile": "client", "sections": "cover,chronology"}
    path = _export(small_case.ws, small_case.case_id, tmp_path / "client.docx", **kw)
    assert len(docx.Document(str(path)).inline_shapes) == 0
    assert "Timeline" not in docx_text(path).splitlines()
    pdf = "\n".join(pdf_pages(_export(small_case.ws, small_case.case_id, tmp_path / "c.pdf", **kw)))
    assert "\nTimeline\n" not in f"\n{pdf}\n"
    client = _export(small_case.ws, small_case.case_id, tmp_path / "all.docx", profile="client")
    assert len(docx.Document(str(client)).inline_shapes) == 1


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_shows_the_word_picture(small_case: SmallCase, tmp_path: Path) -> None:
    source = _export(small_case.ws, small_case.case_id, tmp_path / "t.docx", sections="timeline")
    result = subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr
    page = pypdf.PdfReader(str(tmp_path / "out" / "t.pdf")).pages[0]
    assert "Timeline" in page.extract_text()
    (image,) = page.images
    assert image.image.width == 1950


def test_the_command_line_accepts_the_section(small_case: SmallCase, tmp_path: Path) -> None:
    out = tmp_path / "t.pdf"
    args = ["--db", str(small_case.ws.path), "brief", "CR-2026-0117", "--today", "2026-06-01"]
    assert main([*args, "-o", str(out), "--sections", "timeline"]) == 0
    pages = pdf_pages(out)
    assert "Statements" in _page_with(pages, "Timeline")  # the lane
    assert "Chronology" not in "\n".join(pages)


def test_the_picture_renders_at_the_scale_asked(small_case: SmallCase) -> None:
    drawing = lay_out(gather(small_case.ws, small_case.case_id), width=800)
    once = Image.open(io.BytesIO(png_bytes(drawing)))
    twice = Image.open(io.BytesIO(png_bytes(drawing, scale=2.0, dpi=300)))
    assert twice.size == (once.width * 2, once.height * 2)
    assert round(twice.info["dpi"][0]) == 300


def test_the_brief_draws_its_timeline_from_the_records_it_has_read(
    small_case: SmallCase, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The brief has the whole case in hand: reading it again for the timeline doubled
    # the section's cost on a large case. The picture's marks are the ones gather finds.
    from app.core.timeline import marks

    expected = gather(small_case.ws, small_case.case_id)

    def read_again(*_args: object, **_kw: object) -> None:
        raise AssertionError("the brief read the case a second time for its timeline")

    monkeypatch.setattr(marks, "gather", read_again)
    brief = build_brief(small_case.ws, small_case.case_id, today=TODAY)
    assert brief.timeline == expected
    assert brief.timeline is not None and brief.timeline.marks


def test_the_pdf_picture_is_not_kept_once_its_brief_is_gone(small_case: SmallCase) -> None:
    # The heading and the body share one layout of the picture; after the brief is
    # written and let go, nothing of its timeline may stay in memory for the session.
    import gc
    import weakref

    from app.briefs.pdf import timeline as pdf_timeline
    from app.briefs.pdf.document import write_pdf

    brief = build_brief(small_case.ws, small_case.case_id, today=TODAY)
    write_pdf(brief, io.BytesIO())
    assert pdf_timeline._last is not None  # laid out once for the heading and the body
    gone = weakref.ref(brief.timeline)
    del brief
    gc.collect()
    assert gone() is None and pdf_timeline._last is None


def _dense(count: int) -> Timeline:
    """A timeline of ``count`` statements over a few days: too tall at its natural height."""
    import datetime as dt

    from app.core.dates import PartialDate
    from app.core.timeline.marks import Mark

    marks = []
    for i in range(count):
        when = dt.datetime(2020, 8, 1 + i % 5, 12)
        marks.append(
            Mark(
                "statement",
                i,
                f"S{i}",
                f"Person {i % 30}",
                (),
                PartialDate(2020, 8, 1 + i % 5),
                when,
                when,
            )
        )
    lanes = sorted({m.lane for m in marks})
    return Timeline(
        "Dense", marks, [], lanes, {}, dt.datetime(2020, 7, 31), dt.datetime(2020, 8, 7)
    )


@pytest.mark.parametrize("count", [3, 2000])
def test_the_section_picture_is_laid_out_once(count: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # A dense case's picture was laid out at its natural height, found too tall, and laid
    # out again squeezed: twice the section's cost. One pass now, the same picture.
    from app.briefs import timeline as section
    from app.briefs.timeline import POINTS_PER_UNIT, picture

    timeline = _dense(count)
    width, most = 468.0, 590.0
    wide = width / POINTS_PER_UNIT
    natural = lay_out(timeline, width=wide, tips=False)
    squeezed = natural.height * POINTS_PER_UNIT > most
    assert squeezed == (count > 3)
    expected = (
        lay_out(timeline, width=wide, height=most / POINTS_PER_UNIT, tips=False)
        if squeezed
        else natural
    )
    # Paper shows no hover text: the brief's picture is the on-screen one without it.
    on_screen = lay_out(timeline, width=wide, height=most / POINTS_PER_UNIT if squeezed else None)
    assert [replace(shape, tip="") for shape in on_screen.shapes] == expected.shapes
    assert any(shape.tip for shape in on_screen.shapes)
    calls: list[object] = []

    def counted(*args: object, **kw: object) -> object:
        calls.append(kw)
        return lay_out(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(section, "lay_out", counted)
    assert picture(timeline, width, most) == expected
    assert len(calls) == 1
