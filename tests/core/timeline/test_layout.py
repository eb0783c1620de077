"""Timeline layout: ticks by span, marks at the right x, bands as wide as their dates."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from app.core.dates import PartialDate
from app.core.timeline.layout import (
    LANE_LABEL_WIDTH,
    MARGIN,
    MAX_ROWS,
    ROW_HEIGHT,
    Scale,
    choose_step,
    lay_out,
    ticks,
    tip,
)
from app.core.timeline.marks import Mark, Timeline, span_of

D = dt.datetime


@pytest.mark.parametrize(
    ("span", "unit"),
    [
        (dt.timedelta(hours=6), "hour"),
        (dt.timedelta(days=9), "day"),
        (dt.timedelta(days=200), "month"),
        (dt.timedelta(days=365 * 6), "year"),
        (dt.timedelta(days=365 * 60), "year"),
    ],
)
def test_the_tick_unit_follows_the_span(span: dt.timedelta, unit: str) -> None:
    assert choose_step(span)[0] == unit


def test_decades_are_labelled_as_decades() -> None:
    labels = [label for _, label in ticks(D(1965, 1, 1), D(2025, 1, 1))]
    assert labels == ["1970s", "1980s", "1990s", "2000s", "2010s", "2020s"]


def test_month_ticks_fall_on_the_first_of_the_month() -> None:
    found = ticks(D(2020, 6, 14), D(2020, 11, 2))
    assert [moment for moment, _ in found] == [D(2020, m, 1) for m in (7, 8, 9, 10, 11)]
    assert found[0][1] == "Jul 2020"


def test_hour_ticks_inside_one_day() -> None:
    found = ticks(D(2020, 8, 7, 9, 30), D(2020, 8, 7, 15))
    assert [moment.hour for moment, _ in found] == [10, 11, 12, 13, 14, 15]


def _mark(record_id: int, iso: str) -> Mark:
    date = PartialDate.from_iso(iso)
    start, end = span_of(date)
    return Mark("event", record_id, iso, "Events", (), date, start, end)


def test_marks_sit_at_their_dates_and_bands_are_as_wide_as_their_span() -> None:
    isos = ["2020-08-07", "2020-08", "2020", "2020-08-07~", "2020-08~", "2020~"]
    marks = [_mark(i, iso) for i, iso in enumerate(isos, start=1)]
    start, end = D(2018, 1, 1), D(2023, 1, 1)
    timeline = Timeline("T", marks, [], ["Events"], {}, start, end)
    drawing = lay_out(timeline, width=1200)
    scale = Scale(start, end, MARGIN + LANE_LABEL_WIDTH, 1200 - MARGIN)
    shapes = {shape.record_id: shape for shape in drawing.shapes if shape.kind}
    assert len(shapes) == len(isos)
    point = shapes[1]
    assert point.form == "circle"
    assert point.x == pytest.approx(scale.x(D(2020, 8, 7, 12)))
    for mark in marks[1:]:
        band = shapes[mark.record_id]
        assert band.form == "rect", mark.title
        assert band.x == pytest.approx(scale.x(mark.start))
        assert band.w == pytest.approx((mark.end - mark.start).total_seconds() * scale.per_second)
    # A month is about a twelfth of its year; "about 2020" three years.
    assert shapes[2].w * 12 == pytest.approx(shapes[3].w, rel=0.05)
    assert shapes[6].w == pytest.approx(3 * shapes[3].w, rel=0.01)


def test_a_band_reaching_past_the_range_is_cut_at_its_edge() -> None:
    mark = _mark(1, "2020~")
    start, end = D(2020, 6, 1), D(2020, 7, 1)
    drawing = lay_out(Timeline("T", [mark], [], ["Events"], {}, start, end), width=1000)
    band = next(shape for shape in drawing.shapes if shape.kind)
    assert band.x == pytest.approx(MARGIN + LANE_LABEL_WIDTH)
    assert band.x + band.w == pytest.approx(1000 - MARGIN)


def test_a_given_height_is_the_drawings_height() -> None:
    marks = [_mark(i, "2020-08-07") for i in range(1, 40)]
    timeline = Timeline("T", marks, [], ["Events"], {}, D(2020, 8, 1), D(2020, 9, 1))
    assert lay_out(timeline, width=800, height=600).height == 600


def test_a_long_legend_stays_above_the_bottom_marking() -> None:
    marks = [_mark(1, "2020-08-07")]
    issues = {i: f"Issue number {i} with a long title" for i in range(1, 31)}
    timeline = Timeline("T", marks, [], ["Events"], issues, D(2020, 8, 1), D(2020, 9, 1))
    drawing = lay_out(timeline, width=900, marking="CONFIDENTIAL")
    texts = [shape for shape in drawing.shapes if shape.form == "text"]
    bottom_marking = texts[-1]
    assert bottom_marking.text == "CONFIDENTIAL"
    legend = [shape for shape in texts if shape.text.startswith("Issue number")]
    assert len(legend) == 30
    assert max(shape.y for shape in legend) + 12 < bottom_marking.y <= drawing.height


def test_day_and_hour_ticks_are_labelled_without_leading_zeros() -> None:
    assert ticks(D(2020, 8, 1), D(2020, 8, 9))[0][1] == "Aug 1, 2020"
    assert ticks(D(2020, 8, 7, 9), D(2020, 8, 7, 12))[0][1] == "Aug 7 09:00"


def _crowded_lane(count: int) -> Timeline:
    """``count`` marks in one lane within a few days, with some issues: more than the
    rows a lane may grow, so marks share rows."""
    marks = []
    for n in range(count):
        iso = f"2021-03-{1 + n % 5:02d}" if n % 4 else "2021-03"
        mark = _mark(n + 1, iso)
        marks.append(dataclasses.replace(mark, issue_ids=(n % 3,) if n % 2 else ()))
    marks.sort(key=lambda mark: (mark.start, mark.end, mark.kind, mark.record_id))
    return Timeline(
        "T", marks, [], ["Events"], {1: "One", 2: "Two"}, D(2021, 2, 20), D(2021, 3, 20)
    )


def test_the_window_lays_out_without_words_and_makes_each_when_asked() -> None:
    timeline = _crowded_lane(300)
    whole = lay_out(timeline, width=1000)
    bare = lay_out(timeline, width=1000, tips=False)
    assert [dataclasses.replace(shape, tip="") for shape in whole.shapes] == bare.shapes
    by_id = {mark.record_id: mark for mark in timeline.marks}
    for shape in whole.shapes:
        if shape.kind:
            assert shape.tip == tip(timeline, by_id[shape.record_id]) != ""


def test_crowded_marks_take_the_first_free_row_else_the_one_free_soonest() -> None:
    """The rows as a plain walk over them gives (the layout finds them faster)."""
    timeline = _crowded_lane(400)
    scale = Scale(timeline.start, timeline.end, MARGIN + LANE_LABEL_WIDTH, 1000 - MARGIN)
    ends: list[float] = []
    expected = []
    for mark in timeline.marks:
        left = scale.x(mark.start) - (4 if mark.is_point else 0)
        right = max(scale.x(mark.end), left + 8)
        row = next((r for r, end in enumerate(ends) if end + 4 <= left), None)
        if row is None and len(ends) < MAX_ROWS:
            row = len(ends)
            ends.append(right)
        elif row is None:
            row = min(range(len(ends)), key=ends.__getitem__)
        ends[row] = right
        expected.append(row)
    drawing = lay_out(timeline, width=1000)
    marks = [shape for shape in drawing.shapes if shape.kind]
    top = min(shape.y - (shape.w if shape.form == "circle" else 0) for shape in marks)
    rows = [
        round(((shape.y if shape.form == "circle" else shape.y + shape.h / 2) - top) / ROW_HEIGHT)
        for shape in marks
    ]
    assert max(expected) == MAX_ROWS - 1
    assert rows == expected
