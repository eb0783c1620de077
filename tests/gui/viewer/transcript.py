"""A small transcript PDF whose words are where the viewer tests expect them."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

FONT, SIZE = "Helvetica", 14
LEFT = 72
# Page 3 (1-based): a quote broken over two lines, hyphenated, with curly quotes.
BROKEN = ((480, "A. I was never at the well-"), (462, "known store on “Main Street” that night."))
BROKEN_QUOTE = 'I was never at the well-known store on "Main Street" that night.'
# The foot of page 3 runs onto the head of page 4.
RUNNING_FOOT = (100, "A. I told them the car was")
RUNNING_HEAD = (700, "not mine,   and I left.")
RUNNING_QUOTE = "I told them the car was not mine, and I left."
# Page 5: a numbered paragraph, cited as "¶ 4".
PARAGRAPH = (600, "4. The officer said he saw nothing at all.")
PARAGRAPH_QUOTE = "The officer said he saw nothing at all."
# Page 6: numbered transcript lines, the numbers between the quote's words.
NUMBERED = ((500, "12     Q. Did you see the"), (482, "13     red car that night?"))
NUMBERED_QUOTE = "Did you see the red car that night?"


def transcript_pdf(pages: int = 6) -> bytes:
    out = io.BytesIO()
    drawing = canvas.Canvas(out, pagesize=letter)
    for number in range(1, pages + 1):
        drawing.setFont(FONT, SIZE)
        drawing.drawString(LEFT, 730, f"Transcript page {number}")
        lines: tuple[tuple[int, str], ...] = ()
        if number == 3:
            lines = (*BROKEN, RUNNING_FOOT)
        elif number == 4:
            lines = (RUNNING_HEAD,)
        elif number == 5:
            lines = (PARAGRAPH,)
        elif number == 6:
            lines = NUMBERED
        for y, line in lines:
            drawing.drawString(LEFT, y, line)
        drawing.showPage()
    drawing.save()
    return out.getvalue()


def width_of(text: str) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, FONT, SIZE)
