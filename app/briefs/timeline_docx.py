"""The Word brief's timeline picture: a PNG at print resolution in a paragraph of its own.

Word has no vector format python-docx can write, so the picture laid out for the page
(:func:`app.briefs.timeline.picture`) is rendered by the timeline's own PNG writer at
:data:`~app.briefs.timeline.PRINT_DPI` for the text width and inserted inline.
"""

from __future__ import annotations

import io

from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Twips
from lxml import etree

from app.briefs.timeline import POINTS_PER_UNIT, PRINT_DPI, picture
from app.briefs.wordml import PPR, P, R
from app.core.timeline.marks import Timeline
from app.core.timeline.writers import png_bytes

# The tallest picture in points: a letter page's text height less a heading and caption.
MAX_HEIGHT_POINTS = 8.0 * 72


def picture_pixel_width(text_width_twips: int) -> int:
    """The PNG's width in pixels for a picture ``text_width_twips`` wide."""
    return round(text_width_twips / 1440 * PRINT_DPI)


def timeline_picture_element(
    doc: Document, timeline: Timeline, text_width_twips: int
) -> etree._Element:
    """A centred paragraph holding the timeline as an inline picture the text's width."""
    width_points = text_width_twips / 20
    drawing = picture(timeline, width_points, MAX_HEIGHT_POINTS)
    pixels_per_unit = picture_pixel_width(text_width_twips) / drawing.width
    data = png_bytes(drawing, scale=pixels_per_unit, dpi=PRINT_DPI)
    height_twips = round(drawing.height * POINTS_PER_UNIT * 20)
    inline = doc.part.new_pic_inline(
        io.BytesIO(data), width=Twips(text_width_twips), height=Twips(height_twips)
    )
    para = etree.Element(P)
    ppr = etree.SubElement(para, PPR)
    etree.SubElement(ppr, qn("w:keepNext"))  # the caption follows on the same page
    etree.SubElement(ppr, qn("w:jc")).set(qn("w:val"), "center")
    etree.SubElement(etree.SubElement(para, R), qn("w:drawing")).append(inline)
    return para
