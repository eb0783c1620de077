"""Timeline layout: ticks by span, marks at the right x, bands as wide as their dates."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core.dates import PartialDate
from app.core.timeline.layout import LANE_LABEL_WIDTH, MARGIN, Scale, choose_step, lay_out, ticks
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
