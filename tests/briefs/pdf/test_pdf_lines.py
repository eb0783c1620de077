"""PlainText: the PDF brief's fast text setter must break lines and pages like reportlab."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from app.briefs.pdf.lines import PlainText, break_lines, plain, plain_runs, words_of
from app.briefs.pdf.lines import _Measure as Measure
from app.briefs.pdf.parts import para, styles

ARTICLE = Path(__file__).resolve().parents[3] / "resources" / "sample" / "article.txt"


def _article_paragraphs() -> list[str]:
    text = ARTICLE.read_text(encoding="utf-8")
    return [p for p in (" ".join(x.split()) for x in text.split("\n\n")) if len(p) > 80]


def _reportlab_lines(text: str, style: ParagraphStyle, width: float) -> list[str]:
    p = para(text, style)
    p.wrap(width, 1e9)
    return [" ".join(words) for _, words in p.blPara.lines]


def _our_lines(text: str, style: ParagraphStyle, width: float) -> list[str]:
    flowable = plain(text, style)
    assert isinstance(flowable, PlainText)
    flowable.wrap(width, 1e9)
    return [" ".join(line) for line in flowable._lines]  # type: ignore[arg-type]


@pytest.mark.parametrize("width", [120.0, 250.0, 432.0])
def test_lines_break_where_reportlab_breaks_them(width: float) -> None:
    s = styles()
    paragraphs = _article_paragraphs()
    assert len(paragraphs) > 10
    long_words = "see https://example.org/" + "a" * 300 + " and then more words to follow it"
    paragraphs += [long_words, "W" * 200, "short " + "M" * 90 + " end"]
    for style in (s.body, s.quote, s.note, s.cell):
        for text in paragraphs:
            assert _our_lines(text, style, width) == _reportlab_lines(text, style, width)


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzWM.,'-", min_size=1), max_size=80),
    width=st.floats(min_value=30, max_value=500),
)
def test_every_word_kept_in_order_and_no_line_overflows(words: list[str], width: float) -> None:
    style = styles().body
    measure = Measure(style)
    lines = break_lines(list(words), measure, width, width)
    assert "".join(w for line in lines for w in line) == "".join(words)  # type: ignore[misc]
    space = measure.piece(" ", "")
    for line in lines:
        drawn = sum(measure.word(w) for w in line) + space * (len(line) - 1)
        shrink = 0.05 * space * (len(line) - 1)
        assert drawn <= width + shrink + 1e-6 or len(line) == 1 and len(line[0]) == 1


def test_a_word_longer_than_the_line_is_cut_to_fit() -> None:
    style = styles().cell
    measure = Measure(style)
    lines = break_lines(["short", "W" * 120, "end"], measure, 60, 60)
    assert [w for line in lines for w in line][0] == "short"
    assert "".join(w for line in lines for w in line) == "short" + "W" * 120 + "end"  # type: ignore[misc]
    assert all(measure.word(w) <= 60 for line in lines for w in line)


def test_runs_keep_their_looks_and_join_where_no_space_separates_them() -> None:
    words = words_of([("Source:", "b"), (" Grand jury", ""), ("transcript", "i"), (" p. 4", "")])
    assert words == [
        (("Source:", "b"),),
        (("Grand", ""),),
        (("jury", ""), ("transcript", "i")),
        (("p.", ""),),
        (("4", ""),),
    ]
    assert words_of([("plain text  here", "")]) == ["plain", "text", "here"]


def _draw(flowables: list) -> str:  # type: ignore[type-arg]
    out = io.BytesIO()
    SimpleDocTemplate(out).build(flowables)
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(out.getvalue())).pages)


def test_bold_label_bullet_and_text_are_drawn_in_order() -> None:
    s = styles()
    label = plain("said it was dark", s.body, bold_prefix="Officer Lee \u2014")
    dated = plain_runs([("Arrest", "b"), (" (Event)", "muted"), (" at home", "")], s.chrono,
                       bullet="June 14, 2020")  # fmt: skip
    assert isinstance(label, PlainText) and isinstance(dated, PlainText)
    text = _draw([label, dated])
    assert "Officer Lee \u2014 said it was dark" in text
    assert "June 14, 2020" in text and "Arrest (Event) at home" in text


def test_a_long_text_splits_over_pages_without_losing_a_word() -> None:
    s = styles()
    words = [f"w{n}" for n in range(6000)]
    text = _draw([plain(" ".join(words), s.quote, ruled=True)])
    assert text.split() == [w for w in text.split() if w.startswith("w")]
    assert [w for w in text.split() if w.startswith("w")] == words


def test_split_leaves_no_orphan_first_line() -> None:
    s = styles()
    flowable = plain(" ".join(["word"] * 400), s.body)
    flowable.wrap(300, 1e9)
    assert flowable.split(300, s.body.leading * 1.5) == []  # one line would be an orphan
    head, tail = flowable.split(300, s.body.leading * 3.2)
    assert head.wrap(300, 1e9)[1] == 3 * s.body.leading
    assert len(head.words) + len(tail.words) == 400


def test_text_it_cannot_set_the_same_way_stays_a_paragraph() -> None:
    s = styles()
    assert isinstance(plain("soft\u00adhyphen", s.body), Paragraph)
    assert isinstance(plain("", s.body), Paragraph)
    centred = ParagraphStyle("c", parent=s.body, alignment=1)
    assert isinstance(plain("centred", centred), Paragraph)
    if s.fonts.serif_chars is not None:  # DejaVu: Arabic is in Sans, not Serif
        assert isinstance(plain("\u0627\u0644\u0639\u0631\u0628\u064a\u0629", s.body), Paragraph)
