"""A statement's source opened at its pin cite with its quote found and marked, for
each form of cite: a page, a range of pages, a paragraph, none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor

from app.context import AppContext
from app.core.services import documents, statements
from app.gui.viewer import ViewerWindow, open_statement_source
from app.gui.viewer.pdf_pages import PdfPages, box_rects
from app.gui.viewer.quotes import find_quote, words_of
from app.gui.viewer.window import SCREEN_DPI
from tests.gui.forms import fixtures as forms_fixtures
from tests.gui.forms.fixtures import SmallCase
from tests.gui.viewer import transcript as t

form_ctx = forms_fixtures.form_ctx
small_case = forms_fixtures.small_case


def _source_at(
    ctx: AppContext, case: SmallCase, tmp_path: Path, quote: str, cite: str
) -> ViewerWindow:
    path = tmp_path / "transcript.pdf"
    if not path.exists():
        path.write_bytes(t.transcript_pdf())
    document_id = documents.add_document(
        ctx.workspace, case.case_id, file=path, allow_duplicate=True
    )
    statements.update_statement(
        ctx.workspace, case.statement, text=quote, source_document_id=document_id, pin_cite=cite
    )
    viewer = open_statement_source(ctx, case.statement)
    assert viewer is not None
    return viewer


def _near(value: float, wanted: float, slack: float = 6.0) -> bool:
    return abs(value - wanted) <= slack


def _marked_pixels(viewer: ViewerWindow, boxes: Any) -> int:
    """Pixels of the shown page inside ``boxes`` tinted with the mark's yellow."""
    image = viewer.page_label.pixmap().toImage()
    _, height = viewer.pdf.page_size(viewer.current)
    count = 0
    for rect in box_rects(boxes, height, SCREEN_DPI * viewer.zoom / 72):
        for x in range(int(rect.left()) + 1, int(rect.right()) - 1, 2):
            for y in range(int(rect.top()) + 1, int(rect.bottom()) - 1, 2):
                colour = QColor(image.pixel(x, y))
                if colour.red() > 200 and colour.green() > 180 and colour.blue() < 190:
                    count += 1
    return count


def test_words_are_compared_across_breaks_hyphens_quotes_and_spaces() -> None:
    page = "A. I was never at the well\x02known store on “Main  Street”\r\nthat night."
    quote = 'I was never at the well-known store on "Main Street" that night.'
    assert [w.text for w in words_of(quote)] == [w.text for w in words_of(page)][1:]
    assert [w.text for w in words_of("well-\r\nknown; don’t — well - known")] == [
        "wellknown",
        "dont",
        "well",
        "known",
    ]
    first = words_of(page)[1]
    assert page[first.start : first.end] == "I"


def test_a_page_cite_opens_the_page_with_the_broken_quote_marked(
    qtbot: Any, tmp_path: Path, form_ctx: AppContext, small_case: SmallCase
) -> None:
    viewer = _source_at(form_ctx, small_case, tmp_path, t.BROKEN_QUOTE, "p. 3")
    qtbot.addWidget(viewer)
    assert viewer.current == 2
    assert viewer.quote is not None and list(viewer.quote.boxes) == [2]
    first, second = viewer.quote.boxes[2]  # one box a line
    (y1, line1), (y2, line2) = t.BROKEN
    assert _near(first[0], t.LEFT + t.width_of("A. ")) and _near(first[1], y1)
    assert _near(first[2], t.LEFT + t.width_of(line1))
    assert _near(second[0], t.LEFT) and _near(second[1], y2)
    assert _near(second[2], t.LEFT + t.width_of(line2[:-1]))  # up to "night", not the stop
    assert _marked_pixels(viewer, viewer.quote.boxes[2]) > 100
    assert "not where" not in viewer.status.text()


def test_a_range_of_pages_marks_a_quote_running_onto_the_next_page(
    qtbot: Any, tmp_path: Path, form_ctx: AppContext, small_case: SmallCase
) -> None:
    viewer = _source_at(form_ctx, small_case, tmp_path, t.RUNNING_QUOTE, "pp. 3-4")
    qtbot.addWidget(viewer)
    assert viewer.current == 2
    assert viewer.quote is not None and sorted(viewer.quote.boxes) == [2, 3]
    ((left, bottom, right, _top),) = viewer.quote.boxes[2]
    assert _near(left, t.LEFT + t.width_of("A. ")) and _near(bottom, t.RUNNING_FOOT[0])
    ((left, bottom, right, _top),) = viewer.quote.boxes[3]
    assert _near(left, t.LEFT) and _near(bottom, t.RUNNING_HEAD[0])
    assert _near(right, t.LEFT + t.width_of(t.RUNNING_HEAD[1][:-1]))
    assert _marked_pixels(viewer, viewer.quote.boxes[2]) > 30
    viewer.next_page()
    assert _marked_pixels(viewer, viewer.quote.boxes[3]) > 30


@pytest.mark.parametrize("cite", ["¶ 4", ""])
def test_a_paragraph_or_no_cite_opens_the_first_page_with_the_quote(
    cite: str, qtbot: Any, tmp_path: Path, form_ctx: AppContext, small_case: SmallCase
) -> None:
    viewer = _source_at(form_ctx, small_case, tmp_path, t.PARAGRAPH_QUOTE, cite)
    qtbot.addWidget(viewer)
    assert viewer.current == 4
    assert viewer.quote is not None and list(viewer.quote.boxes) == [4]
    ((left, bottom, right, _top),) = viewer.quote.boxes[4]
    assert _near(left, t.LEFT + t.width_of("4. ")) and _near(bottom, t.PARAGRAPH[0])
    assert _near(right, t.LEFT + t.width_of(t.PARAGRAPH[1][:-1]))
    assert _marked_pixels(viewer, viewer.quote.boxes[4]) > 50


def test_a_wrong_page_cite_still_finds_the_quote_and_says_so(
    qtbot: Any, tmp_path: Path, form_ctx: AppContext, small_case: SmallCase
) -> None:
    viewer = _source_at(form_ctx, small_case, tmp_path, t.PARAGRAPH_QUOTE, "p. 2")
    qtbot.addWidget(viewer)
    assert viewer.current == 4
    assert "page 5, not where the pin cite says" in viewer.status.text()


def test_words_that_are_nowhere_open_the_cited_page_unmarked(
    qtbot: Any, tmp_path: Path, form_ctx: AppContext, small_case: SmallCase
) -> None:
    viewer = _source_at(form_ctx, small_case, tmp_path, "Words on no page at all", "p. 2")
    qtbot.addWidget(viewer)
    assert viewer.current == 1 and viewer.quote is None
    assert "not in this document's text" in viewer.status.text()


def test_a_transcript_s_line_numbers_do_not_part_the_quote() -> None:
    pdf = PdfPages(t.transcript_pdf())
    found = find_quote(pdf, t.NUMBERED_QUOTE, (6, 6))
    assert found is not None and found.page == 5
    first, second = found.boxes[5]
    assert _near(first[1], t.NUMBERED[0][0]) and _near(second[1], t.NUMBERED[1][0])
    assert _near(second[0], t.LEFT + t.width_of("13     "))  # the line number unmarked
    pdf.close()


def test_only_the_pages_needed_are_read() -> None:
    pdf = PdfPages(t.transcript_pdf(pages=300))
    read: list[int] = []
    chars = pdf.chars

    def counted(index: int) -> str:
        read.append(index)
        return chars(index)

    pdf.chars = counted  # type: ignore[method-assign]
    found = find_quote(pdf, t.BROKEN_QUOTE, (3, 3))
    assert found is not None and found.page == 2
    assert set(read) == {2}  # the cited page, and no other
    pdf.close()


def test_an_editor_s_brackets_and_an_ellipsis_still_find_the_words() -> None:
    pdf = PdfPages(t.transcript_pdf())
    bracketed = find_quote(pdf, "The officer [sic] said he saw nothing at all.", None)
    assert bracketed is not None and bracketed.page == 4
    cut = find_quote(pdf, "I was never at the well-known store . . . that night", (3, 3))
    assert cut is not None and cut.page == 2
    ((left, bottom, right, _top), *_rest) = cut.boxes[2]  # the longer piece, marked
    assert _near(left, t.LEFT + t.width_of("A. ")) and _near(bottom, t.BROKEN[0][0])
    assert find_quote(pdf, "[sic] …", None) is None
    pdf.close()
