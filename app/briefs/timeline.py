"""The brief's timeline section, as both writers need it: the picture laid out at the
width of the page's text, and the sentence written instead when nothing has a date.

The picture is the one :func:`app.core.timeline.layout.lay_out` makes for the
``casefile timeline`` command: the PDF brief draws its shapes as vector graphics
(:mod:`app.briefs.pdf.timeline`), the Word brief inserts them as a PNG at print
resolution (:mod:`app.briefs.docx`).
"""

from __future__ import annotations

from app.core.timeline.layout import Drawing, lay_out
from app.core.timeline.marks import Timeline

# Drawing units per point of page: the layout's 11-unit labels print at about 6.8 pt,
# small but readable, and its 150-unit lane column stays narrow beside the axis.
POINTS_PER_UNIT = 0.62
PRINT_DPI = 300
NOTHING_DATED = "No record in this case has a date yet, so there is nothing to place on a timeline."


def nothing_dated(timeline: Timeline | None) -> str | None:
    """The sentence to write instead of the picture, or None when there is a picture."""
    if timeline is not None and timeline.marks:
        return None
    undated = len(timeline.undated) if timeline is not None else 0
    if undated:
        records = f"{undated} record{'s' if undated != 1 else ''}"
        return f"{NOTHING_DATED} {records} without a date are listed in the chronology."
    return NOTHING_DATED


def picture(timeline: Timeline, width_points: float, max_height_points: float) -> Drawing:
    """The timeline laid out for ``width_points`` of page; rows are squeezed when the
    natural height would pass ``max_height_points`` (a picture never splits). One
    layout either way (a dense case's was laid out twice, at its natural height first),
    without the marks' hover text, which neither the PDF nor the Word picture shows."""
    return lay_out(
        timeline,
        width=width_points / POINTS_PER_UNIT,
        max_height=max_height_points / POINTS_PER_UNIT,
        tips=False,  # hover text: paper has none
    )


def caption(timeline: Timeline) -> str:
    n = len(timeline.marks)
    return (
        f"The case on a time axis: {n} dated record{'s' if n != 1 else ''}, "
        f"one lane per kind ({', '.join(timeline.lanes)})."
    )
