"""The timeline laid out as one list of primitive shapes, in drawing units from the top left.

Everything the picture holds is decided here, once: the time scale, the ticks (decades,
years, months, days or hours, chosen by the span shown), one lane per key, bands for
spans and markers for points, the title, the legend and the confidentiality marking.
The writers (:mod:`~app.core.timeline.writers`) only translate shapes, so an SVG, a
PDF and a PNG of the same timeline cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from app.core.timeline.marks import Mark, Timeline

INK = "#1a1a1a"
MUTED = "#666666"
GRID = "#d9d9d9"
LANE_SHADE = "#f4f4f4"
MARKING = "#7a1f1f"
NO_ISSUE = "#8c8c8c"
# Okabe-Ito: told apart with the common colour-vision deficiencies.
ISSUE_COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#56b4e9", "#f0e442")
FONT_SIZE = 11.0
MARGIN = 24.0
LANE_LABEL_WIDTH = 150.0
ROW_HEIGHT = 18.0
MAX_LABELED = 80  # past this many marks, labels would only hide each other
MAX_ROWS = 24  # rows in one lane before marks are let overlap
MAX_UNDATED = 60  # chips in the undated strip; the rest are counted


@dataclass(frozen=True)
class Shape:
    """One thing to draw. ``kind``/``record_id``/``tip`` are set on record marks only."""

    form: str  # "rect", "circle", "line" or "text"
    x: float
    y: float
    w: float = 0.0  # rect: width; line: x2; circle: radius
    h: float = 0.0  # rect: height; line: y2
    fill: str | None = None
    stroke: str | None = None
    text: str = ""
    size: float = FONT_SIZE
    bold: bool = False
    anchor: str = "start"  # text: start, middle or end
    kind: str = ""
    record_id: int = 0
    tip: str = ""
    undated: bool = False  # a mark in the strip of records without a date
    lane: str = ""  # the lane a mark or a lane's label belongs to


@dataclass
class Drawing:
    width: float
    height: float
    title: str
    shapes: list[Shape]


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """A writer-independent estimate of a line's width (DejaVu Sans averages ~0.56 em)."""
    return len(text) * size * 0.56


def _fit(text: str, width: float, size: float = FONT_SIZE) -> str:
    if text_width(text, size) <= width:
        return text
    keep = max(int(width / (size * 0.56)) - 1, 1)
    return text[:keep] + "\u2026"


# -- time scale and ticks ---------------------------------------------------------

_HOUR = dt.timedelta(hours=1)
_DAY = dt.timedelta(days=1)
# (unit, step) from finest to coarsest; the first that gives at most ~10 ticks wins.
_STEPS = (
    ("hour", 1), ("hour", 3), ("hour", 6), ("hour", 12),
    ("day", 1), ("day", 2), ("day", 7), ("day", 14),
    ("month", 1), ("month", 2), ("month", 3), ("month", 6),
    ("year", 1), ("year", 2), ("year", 5), ("year", 10), ("year", 20), ("year", 50),
    ("year", 100), ("year", 250), ("year", 500), ("year", 1000),
)  # fmt: skip
_APPROX_SPAN = {"hour": _HOUR, "day": _DAY, "month": 30.44 * _DAY, "year": 365.25 * _DAY}


def choose_step(span: dt.timedelta, max_ticks: int = 10) -> tuple[str, int]:
    for unit, step in _STEPS:
        if span / (_APPROX_SPAN[unit] * step) <= max_ticks:
            return unit, step
    return _STEPS[-1]


def ticks(
    start: dt.datetime, end: dt.datetime, max_ticks: int = 10
) -> list[tuple[dt.datetime, str]]:
    """Tick moments inside ``[start, end]`` with their labels, at a step fit for the span."""
    unit, step = choose_step(end - start, max_ticks)
    out: list[tuple[dt.datetime, str]] = []
    if unit in ("hour", "day"):
        moment = dt.datetime(start.year, start.month, start.day)
        delta = _HOUR * step if unit == "hour" else _DAY * step
        while moment < start:
            moment += delta
        while moment <= end:
            if unit == "hour":
                out.append((moment, f"{moment:%b} {moment.day} {moment:%H:%M}"))
            else:
                out.append((moment, f"{moment:%b} {moment.day}, {moment.year}"))
            moment += delta
        return out
    if unit == "month":
        index = start.year * 12 + start.month - 1
        index += (-index) % step
        while True:
            year, month = divmod(index, 12)
            if year > 9999:
                break
            moment = dt.datetime(year, month + 1, 1)
            if moment > end:
                break
            if moment >= start:
                out.append((moment, moment.strftime("%b %Y")))
            index += step
        return out
    year = start.year + (-start.year) % step
    while year <= min(end.year, 9999):
        moment = dt.datetime(year, 1, 1)
        if moment >= start:
            out.append((moment, f"{year}s" if step >= 10 and year % 10 == 0 else str(year)))
        year += step
    return out


class Scale:
    """Moments to x positions between ``left`` and ``right``."""

    def __init__(self, start: dt.datetime, end: dt.datetime, left: float, right: float) -> None:
        self.start, self.end, self.left, self.right = start, end, left, right
        self.per_second = (right - left) / max((end - start).total_seconds(), 1.0)

    def x(self, moment: dt.datetime) -> float:
        return self.left + (moment - self.start).total_seconds() * self.per_second

    def clamp(self, x: float) -> float:
        return min(max(x, self.left), self.right)


# -- the picture ---------------------------------------------------------------------


@cache
def tint(colour: str, strength: float = 0.4) -> str:
    """``colour`` mixed with white: a band's fill under its black label."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mixed = (round(255 - (255 - part) * strength) for part in (red, green, blue))
    return "#" + "".join(f"{part:02x}" for part in mixed)


def issue_colour(timeline: Timeline, mark: Mark) -> str:
    if not mark.issue_ids:
        return NO_ISSUE
    return _issue_colours(timeline)[mark.issue_ids[0]]


def _issue_colours(timeline: Timeline) -> defaultdict[int, str]:
    """Each issue's colour, by the issue's place in the case; an unknown issue the first."""
    colours: defaultdict[int, str] = defaultdict(lambda: ISSUE_COLOURS[0])
    for index, issue_id in enumerate(timeline.issues):
        colours[issue_id] = ISSUE_COLOURS[index % len(ISSUE_COLOURS)]
    return colours


def tip(timeline: Timeline, mark: Mark) -> str:
    """The words a record's mark carries: its date, its title and its issues."""
    issues = ", ".join(timeline.issues.get(i, f"issue {i}") for i in mark.issue_ids)
    return f"{mark.when} \u2014 {mark.title}" + (f" [{issues}]" if issues else "")


def _rows(
    marks: list[Mark], spans: list[tuple[float, float]], scale: Scale, labeled: bool
) -> list[int]:
    """Greedy rows inside one lane so marks (and their labels) do not overlap;
    ``spans`` are the marks' drawn ``(x start, x end)``.

    A lane grows to at most :data:`MAX_ROWS` rows; past that (thousands of statements
    in one month) a mark goes to the row that frees up first and overlaps its
    neighbours: a dense stretch reads as dense instead of making the picture miles tall."""
    ends: list[float] = []
    rows: list[int] = []
    edge = scale.right + MARGIN - 4
    for mark, (start_x, end_x) in zip(marks, spans, strict=True):
        left = start_x - 4 if mark.is_point else start_x
        right = max(end_x, left + 8)
        if labeled:
            label = text_width(_fit(mark.title, 220), 9)
            if left + 10 + label > edge:  # drawn to the mark's left
                left = start_x - 8 - label
            else:
                right = max(right, left + 10 + label)
        # The first row free by ``left``; when none is, a new row, or past the cap the
        # row that frees up first. A dense lane has no free row most of the time, and
        # ``min`` says so without walking the rows in Python.
        soonest = min(ends) if ends else left
        if soonest + 4 <= left:
            row = next(r for r, row_end in enumerate(ends) if row_end + 4 <= left)
        elif len(ends) < MAX_ROWS:
            row = len(ends)
            ends.append(right)
        else:
            row = ends.index(soonest)
        ends[row] = right
        rows.append(row)
    return rows


def _spans(marks: list[Mark], scale: Scale) -> list[tuple[float, float]]:
    """Each mark's ``(x start, x end)``, as :meth:`Scale.x` gives them (computed once)."""
    start, left, per_second = scale.start, scale.left, scale.per_second
    spans: list[tuple[float, float]] = []
    for mark in marks:
        assert mark.start is not None and mark.end is not None
        x0 = left + (mark.start - start).total_seconds() * per_second
        spans.append((x0, x0 if mark.end == mark.start else scale.x(mark.end)))
    return spans


def lay_out(
    timeline: Timeline,
    *,
    width: float = 1600,
    height: float | None = None,
    marking: str = "",
    max_height: float | None = None,
    tips: bool = True,
) -> Drawing:
    """The whole picture. ``height`` None fits the lanes; a given height squeezes rows.
    ``max_height`` fits the lanes up to that height and squeezes rows past it, in one
    pass (as laying out again at ``height=max_height`` would). ``tips`` False leaves
    the marks' words out: paper never shows them, and the window makes them when asked
    (at 50,000 marks, writing them all is most of the work)."""
    shapes: list[Shape] = []
    left, right = MARGIN + LANE_LABEL_WIDTH, width - MARGIN
    scale = Scale(timeline.start, timeline.end, left, right)
    labeled = len(timeline.marks) <= MAX_LABELED
    by_lane: dict[str, list[Mark]] = {lane: [] for lane in timeline.lanes}
    for mark in timeline.marks:
        by_lane.setdefault(mark.lane, []).append(mark)
    lane_spans = {lane: _spans(marks, scale) for lane, marks in by_lane.items()}
    lane_rows = {
        lane: _rows(marks, lane_spans[lane], scale, labeled) for lane, marks in by_lane.items()
    }
    row_counts = {lane: max(rows, default=0) + 1 for lane, rows in lane_rows.items()}

    top = MARGIN
    if marking:
        shapes.append(
            Shape(
                "text",
                width / 2,
                top + 10,
                text=marking,
                size=10,
                bold=True,
                fill=MARKING,
                anchor="middle",
            )
        )
        top += 20
    shapes.append(
        Shape("text", MARGIN, top + 16, text=timeline.title, size=16, bold=True, fill=INK)
    )
    top += 24
    # The view ends where the next day begins: name the last day it shows (no %-d: Windows).
    first, last = timeline.start.date(), (timeline.end - dt.timedelta(microseconds=1)).date()
    shapes.append(
        Shape(
            "text",
            MARGIN,
            top + 12,
            text=f"{first:%B} {first.day}, {first.year} to {last:%B} {last.day}, {last.year}",
            size=10,
            fill=MUTED,
        )
    )
    top += 26
    legend_height = _legend([], timeline, MARGIN, 0.0, right) + 12
    undated_height = 44.0 if timeline.undated else 0.0
    fixed = top + 24 + legend_height + undated_height + (24 if marking else 0) + MARGIN
    total_rows = sum(row_counts.values()) or 1
    row_height = ROW_HEIGHT
    natural = fixed + total_rows * row_height + 8 * len(by_lane)
    if height is None and max_height is not None and natural > max_height:
        height = max_height
    if height is not None:
        row_height = max(min((height - fixed) / total_rows, 40.0), 2.0)
    else:
        height = natural

    axis_top = top
    lanes_top = axis_top + 22
    y = lanes_top
    lane_tops: dict[str, float] = {}
    for index, lane in enumerate(by_lane):
        lane_height = row_counts[lane] * row_height + 8
        lane_tops[lane] = y
        if index % 2 == 0:
            shapes.append(Shape("rect", left, y, right - left, lane_height, fill=LANE_SHADE))
        shapes.append(
            Shape(
                "text",
                MARGIN,
                y + min(lane_height, row_height + 8) / 2 + 4,
                text=_fit(lane, LANE_LABEL_WIDTH - 8),
                lane=lane,
                bold=True,
                fill=INK,
            )
        )
        y += lane_height
    lanes_bottom = y
    for moment, label in ticks(timeline.start, timeline.end, max(int((right - left) / 110), 2)):
        x = scale.x(moment)
        shapes.append(Shape("line", x, axis_top + 16, x, lanes_bottom, stroke=GRID))
        if x + text_width(label, 9) / 2 <= width - 4:  # no label cut off at the right edge
            shapes.append(
                Shape("text", x, axis_top + 12, text=label, size=9, fill=MUTED, anchor="middle")
            )
    shapes.append(Shape("line", left, axis_top + 16, right, axis_top + 16, stroke=INK))

    colours = _issue_colours(timeline)
    radius = max(min(row_height / 2 - 1, 5.0), 1.5)
    band = max(row_height - 6, 1.5)
    with_labels = labeled and row_height >= 12
    add = shapes.append
    for lane, marks in by_lane.items():
        rows, spans, lane_top = lane_rows[lane], lane_spans[lane], lane_tops[lane] + 4
        for mark, row, (start_x, end_x) in zip(marks, rows, spans, strict=True):
            cy = lane_top + row * row_height + row_height / 2
            colour = colours[mark.issue_ids[0]] if mark.issue_ids else NO_ISSUE
            words = tip(timeline, mark) if tips else ""
            if mark.is_point:
                add(
                    Shape(
                        "circle",
                        start_x,
                        cy,
                        radius,
                        fill=colour,
                        stroke=INK,
                        kind=mark.kind,
                        record_id=mark.record_id,
                        tip=words,
                        lane=lane,
                    )
                )
                label_x = start_x + radius + 3
            else:
                x0, x1 = scale.clamp(start_x), scale.clamp(end_x)
                add(
                    Shape(
                        "rect",
                        x0,
                        cy - band / 2,
                        max(x1 - x0, 1.0),
                        band,
                        fill=tint(colour) if labeled else colour,  # labels stay legible
                        stroke=colour,
                        kind=mark.kind,
                        record_id=mark.record_id,
                        tip=words,
                        lane=lane,
                    )
                )
                label_x = x0 + 3
            if with_labels:
                label = _fit(mark.title, 220)
                anchor = "start"
                if label_x + text_width(label, 9) > width - 4:  # near the right edge: to the left
                    label_x, anchor = start_x - 8, "end"
                add(Shape("text", label_x, cy + 4, text=label, size=9, fill=INK, anchor=anchor))

    y = lanes_bottom + 12
    if timeline.undated:
        shapes.append(
            Shape(
                "text",
                MARGIN,
                y + 12,
                text=f"Date unknown ({len(timeline.undated)})",
                bold=True,
                fill=INK,
            )
        )
        x = left
        for mark in timeline.undated[:MAX_UNDATED]:
            if x + 14 > right:
                break
            shapes.append(
                Shape(
                    "rect",
                    x,
                    y + 2,
                    10,
                    12,
                    fill=issue_colour(timeline, mark),
                    stroke=INK,
                    kind=mark.kind,
                    record_id=mark.record_id,
                    tip=f"date unknown \u2014 {mark.title}",
                    undated=True,
                )
            )
            x += 14
        shown = sum(1 for s in shapes if s.undated)
        if shown < len(timeline.undated):
            shapes.append(
                Shape(
                    "text",
                    x + 4,
                    y + 12,
                    text=f"+ {len(timeline.undated) - shown} more",
                    size=9,
                    fill=MUTED,
                )
            )
        y += undated_height
    _legend(shapes, timeline, MARGIN, y, right)
    if marking:
        shapes.append(
            Shape(
                "text",
                width / 2,
                height - MARGIN + 10,
                text=marking,
                size=10,
                bold=True,
                fill=MARKING,
                anchor="middle",
            )
        )
    return Drawing(width, height, timeline.title, shapes)


def _legend(shapes: list[Shape], timeline: Timeline, x: float, y: float, right: float) -> float:
    """Add the legend's shapes at ``y``; the height it takes."""
    entries = [
        (ISSUE_COLOURS[i % len(ISSUE_COLOURS)], title)
        for i, title in enumerate(timeline.issues.values())
    ]
    entries.append((NO_ISSUE, "No issue"))
    shapes.append(Shape("text", x, y + 12, text="Legend:", bold=True, fill=INK))
    cursor = x + 60
    shapes.append(Shape("circle", cursor + 5, y + 8, 4, fill="#ffffff", stroke=INK))
    shapes.append(Shape("text", cursor + 13, y + 12, text="exact day", size=9, fill=INK))
    cursor += 80
    shapes.append(Shape("rect", cursor, y + 4, 18, 8, fill="#ffffff", stroke=INK))
    shapes.append(
        Shape("text", cursor + 22, y + 12, text="month, year or approximate", size=9, fill=INK)
    )
    cursor += 180
    line_y = y
    for colour, title in entries:
        label = _fit(title, 200, 9)
        needed = 16 + text_width(label, 9) + 14
        if cursor + needed > right:
            cursor, line_y = x + 60, line_y + 16
        shapes.append(Shape("rect", cursor, line_y + 4, 10, 10, fill=colour))
        shapes.append(Shape("text", cursor + 14, line_y + 12, text=label, size=9, fill=INK))
        cursor += needed
    return line_y - y + 18


__all__ = [
    "Drawing",
    "Scale",
    "Shape",
    "choose_step",
    "issue_colour",
    "lay_out",
    "text_width",
    "tint",
    "tip",
    "ticks",
]
