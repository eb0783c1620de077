"""Write the .docx and .pdf copies of a few evaluation transcripts from their .txt text.

The copies hold exactly the text of the .txt (one line of text per line of the page, the title
block on its own first page, a page break at each form feed), so the .txt key holds for them.
Run from the repository root after changing a copied text: `python -m tests.intake.make_copies`.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Pt
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

TEXTS = Path(__file__).parent / "texts"
PDF_COPIES = ("hearing_suppression_varga", "trial_assault_okonjo")
DOCX_COPIES = ("deposition_pell_v_city",)
PAGE_HEADER = re.compile(r"\bPage\s+\d+\b|^\s{20,}\d+\s*$")


def pages_of(text: str) -> list[list[str]]:
    """The text's pages: the title block, then one page per form feed-separated part."""
    pages: list[list[str]] = [[]]
    for line in text.split("\n"):  # splitlines() would swallow the form feeds
        if line == "\f":
            pages.append([])
        elif pages[-1] or line.strip() or len(pages) == 1:
            pages[-1].append(line)
    # The title block ends at the first page header; give it a page of its own.
    first = pages[0]
    for i, line in enumerate(first):
        if i and PAGE_HEADER.search(line):
            return [first[:i], first[i:], *pages[1:]]
    return pages


def write_pdf(stem: str) -> Path:
    target = TEXTS / f"{stem}.pdf"
    canvas = Canvas(str(target), pagesize=letter, invariant=1)
    canvas.setTitle(stem)
    for page in pages_of((TEXTS / f"{stem}.txt").read_text(encoding="utf-8")):
        text = canvas.beginText(54, 740)
        text.setFont("Courier", 9.5)
        text.setLeading(26)  # transcripts are double-spaced: 25 lines fill the page
        for line in page:
            text.textLine(line)
        canvas.drawText(text)
        canvas.showPage()
    canvas.save()
    return target


def write_docx(stem: str) -> Path:
    target = TEXTS / f"{stem}.docx"
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Courier New"
    style.font.size = Pt(10)
    style.paragraph_format.space_after = Pt(0)
    pages = pages_of((TEXTS / f"{stem}.txt").read_text(encoding="utf-8"))
    for number, page in enumerate(pages):
        for line in page:
            document.add_paragraph(line)
        if number < len(pages) - 1:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.core_properties.title = stem
    document.save(str(target))
    return target


if __name__ == "__main__":
    for name in PDF_COPIES:
        print(write_pdf(name))
    for name in DOCX_COPIES:
        print(write_docx(name))
