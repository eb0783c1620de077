"""The PDF brief's timeline section: the picture as vector shapes in a platypus flowable.

The shapes are drawn by :func:`app.core.timeline.writers.draw_on_canvas`, the same code
that writes ``casefile timeline --out x.pdf``, scaled to the frame's width: the text
stays text (searchable, selectable) and the lines stay sharp at any zoom.
"""

from __future__ import annotations

import weakref

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Spacer

from app.briefs.model import Brief
from app.briefs.pdf.lines import plain
from app.briefs.pdf.parts import para, styles
from app.briefs.timeline import POINTS_PER_UNIT, caption, nothing_dated, picture
from app.core.timeline.layout import Drawing
from app.core.timeline.marks import Timeline
from app.core.timeline.writers import draw_on_canvas

# The tallest picture: a letter page's frame less its heading, so it never splits.
MAX_HEIGHT = 8.2 * inch


class TimelinePicture(Flowable):
    """A laid-out timeline drawn at ``POINTS_PER_UNIT`` points per drawing unit."""

    def __init__(self, drawing: Drawing) -> None:
        super().__init__()
        self.drawing = drawing
        self.width = drawing.width * POINTS_PER_UNIT
        self.height = drawing.height * POINTS_PER_UNIT

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.scale(POINTS_PER_UNIT, POINTS_PER_UNIT)
        draw_on_canvas(canvas, self.drawing)
        canvas.restoreState()


# The last picture laid out, with (a weak reference to) the timeline and the width it
# was laid out for: the heading's room and the section's body ask for the same picture,
# one after the other. It goes with its timeline: a 50,000-record case's picture is not
# kept for the rest of the session once its brief is written.
_last: tuple[weakref.ref[Timeline], float, Drawing] | None = None


def _picture(timeline: Timeline, width: float) -> Drawing:
    global _last
    if _last is None or _last[0]() is not timeline or _last[1] != width:
        _last = (weakref.ref(timeline, _forget), width, picture(timeline, width, MAX_HEIGHT))
    return _last[2]


def _forget(gone: weakref.ref[Timeline]) -> None:
    global _last
    if _last is not None and _last[0] is gone:
        _last = None


def timeline_flowables(brief: Brief, width: float) -> list[Flowable]:
    """The section's body for a frame ``width`` points wide."""
    s = styles()
    sentence = nothing_dated(brief.timeline)
    if sentence is not None or brief.timeline is None:
        return [para(sentence or "", s.body)]
    drawing = _picture(brief.timeline, width)
    return [TimelinePicture(drawing), Spacer(1, 4), plain(caption(brief.timeline), s.meta)]


def timeline_room(brief: Brief, width: float) -> float:
    """The height the section's heading should find left on the page (so the
    heading does not stand alone at the foot of one page, the picture on the next)."""
    if brief.timeline is None or not brief.timeline.marks:
        return 2.2 * inch
    return _picture(brief.timeline, width).height * POINTS_PER_UNIT + 0.6 * inch
