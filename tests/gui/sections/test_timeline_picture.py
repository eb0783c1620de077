"""The timeline canvas on thousands of marks: a few scene items whatever the number of
marks, kept across zooms; the index finds exactly the shapes a rectangle meets; what is
painted, pointed at and clicked is the mark the layout put there."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from app.core.dates import PartialDate
from app.core.timeline.layout import tip
from app.core.timeline.marks import Mark, Timeline, span_of
from app.gui.sections.timeline_canvas import TimelineCanvas
from app.gui.sections.timeline_picture import ShapeIndex

MANY = 3000


def _timeline(count: int = MANY) -> Timeline:
    """``count`` statements a day apart from 2015 (every tenth a month band), two lanes."""
    marks = []
    for n in range(count):
        day = dt.date(2015, 1, 1) + dt.timedelta(days=n // 3)
        date = PartialDate(day.year, day.month) if n % 10 == 9 else PartialDate.from_date(day)
        start, end = span_of(date)
        lane = "Statements" if n % 2 else "Events"
        kind = "statement" if n % 2 else "event"
        issues = (1,) if n % 3 == 0 else ()
        marks.append(Mark(kind, n + 1, f"record {n + 1}", lane, issues, date, start, end))
    marks.sort(key=lambda mark: (mark.start, mark.end, mark.kind, mark.record_id))
    first, last = marks[0].start, marks[-1].end
    assert first is not None and last is not None
    return Timeline(
        "Timeline \u2014 Many", marks, [], ["Events", "Statements"], {1: "Alibi"}, first, last
    )


@pytest.fixture
def canvas(qtbot: Any) -> TimelineCanvas:
    view = TimelineCanvas()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    view.set_timeline(_timeline())
    QApplication.processEvents()
    return view


def test_thousands_of_marks_are_a_few_items_kept_across_zooms(canvas: TimelineCanvas) -> None:
    items = set(canvas.scene().items())
    fitted = canvas.drawing
    assert canvas.mark_count() == MANY
    assert len(items) <= 4  # the picture, the lanes' names, the focus box
    canvas.zoom_in()
    canvas.zoom_in()
    assert canvas.drawing is not None and canvas.drawing is not fitted
    assert canvas.mark_count() == MANY
    assert set(canvas.scene().items()) == items  # zoom hands new shapes to the same items
    canvas.fit()
    assert canvas.drawing is fitted  # a width laid out a moment ago is not laid out again


def _meets(box: tuple[float, float, float, float], rect: QRectF) -> bool:
    left, top, right, bottom = box
    return (
        left <= rect.right()
        and right >= rect.left()
        and top <= rect.bottom()
        and (bottom >= rect.top())
    )


def test_the_index_finds_every_shape_a_rectangle_meets_in_drawing_order() -> None:
    rng = random.Random(7)
    boxes = []
    for _ in range(4000):
        left, top = rng.uniform(0, 20000), rng.uniform(0, 3000)
        width = rng.choice((0.0, 3.0, 10.0, 40.0, 700.0, 15000.0))
        height = rng.choice((0.0, 10.0, 600.0))
        boxes.append((left, top, left + width, top + height))
    index = ShapeIndex(boxes)
    for _ in range(200):
        rect = QRectF(rng.uniform(-100, 20000), rng.uniform(-100, 3000), 900, 500)
        found = index.meeting(rect)
        assert found == sorted(set(found))
        assert {i for i, box in enumerate(boxes) if _meets(box, rect)} <= set(found)
        # What it adds beyond the exact answer is only what sits close by (its class's
        # widest reach), not the whole picture.
        assert len(found) < len(boxes) / 4


def _pixel(canvas: TimelineCanvas, at: QPoint) -> QColor:
    return canvas.viewport().grab().toImage().pixelColor(at)


def test_a_mark_is_painted_where_the_layout_put_it(canvas: TimelineCanvas) -> None:
    canvas.zoom_in()
    canvas.zoom_in()
    canvas.horizontalScrollBar().setValue(canvas.horizontalScrollBar().maximum() // 2)
    QApplication.processEvents()
    shown = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    index = next(
        i
        for i in range(canvas.mark_count())
        if shown.contains(canvas.mark_rect(i))
        and canvas.picture.shapes[canvas.mark_shapes[i]].form == "circle"
        and canvas.mark_at(canvas.scene_point(i).toPoint()) == i
    )
    shape = canvas.picture.shapes[canvas.mark_shapes[index]]
    painted = _pixel(canvas, canvas.scene_point(index).toPoint())
    assert painted.name() == QColor(shape.fill).name()


def test_pointing_at_a_band_tells_its_record(canvas: TimelineCanvas, qtbot: Any) -> None:
    index = next(
        i
        for i in range(canvas.mark_count())
        if canvas.picture.shapes[canvas.mark_shapes[i]].form == "rect"
        and canvas.mark_at(canvas.scene_point(i).toPoint()) == i
    )
    canvas.ensureVisible(canvas.mark_rect(index))
    point = canvas.scene_point(index).toPoint()
    assert canvas.mark_at(point) == index
    words = canvas.mark_tip(index)
    mark = next(
        m for m in canvas.timeline.marks if (m.kind, m.record_id) == canvas.mark_keys()[index]
    )
    assert words == tip(canvas.timeline, mark) != ""
    event = QHelpEvent(QEvent.Type.ToolTip, point, canvas.viewport().mapToGlobal(point))
    QApplication.sendEvent(canvas.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == words
    assert canvas.mark_at(QPoint(2, 2)) == -1  # the top left corner holds the title only


def test_the_lanes_names_are_painted_and_follow_the_view(canvas: TimelineCanvas) -> None:
    assert canvas.lane_names() == ["Events", "Statements"]
    for _ in range(3):
        canvas.zoom_in()
    bar = canvas.horizontalScrollBar()
    bar.setValue(bar.maximum())
    QApplication.processEvents()
    shown = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    rect = canvas.lane_name_rects()[0]
    assert shown.contains(rect)
    # The name's backdrop hides the marks: its letters are dark on a pale ground.
    corner = canvas.mapFromScene(QPointF(rect.left() - 2, rect.center().y()))
    assert _pixel(canvas, corner).lightness() > 200
    assert canvas.mapFromScene(rect.topLeft()).x() < 60  # at the view's left edge


def test_keyboard_walks_marks_in_date_order(canvas: TimelineCanvas, qtbot: Any) -> None:
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_End)
    assert canvas.current == MANY - 1
    shown = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    assert shown.intersects(canvas.mark_rect(MANY - 1))
    qtbot.keyClick(canvas, Qt.Key.Key_Left)
    assert canvas.current == MANY - 2
    assert canvas.accessibleDescription() == canvas.mark_tip(MANY - 2)


def test_a_long_lane_name_is_shortened_to_its_column(qtbot: Any) -> None:
    from app.core.timeline.layout import LANE_LABEL_WIDTH, MARGIN

    long_name = "Unnamed spokesperson of the Police Department (statement to a newspaper)"
    timeline = _timeline(40)
    marks = [dataclasses.replace(mark, lane=long_name) for mark in timeline.marks]
    view = TimelineCanvas()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.set_timeline(dataclasses.replace(timeline, marks=marks, lanes=[long_name]))
    assert view.lane_names() == [long_name]
    drawn = view.lane_names_item.shapes[0].text
    assert drawn.endswith("\u2026") and long_name.startswith(drawn[:-1])
    assert view.lane_name_rects()[0].right() <= MARGIN + LANE_LABEL_WIDTH


def test_a_resize_lays_out_again_with_the_same_moment_in_the_middle(
    canvas: TimelineCanvas, qtbot: Any
) -> None:
    canvas.zoom_in()
    canvas.zoom_in()
    bar = canvas.horizontalScrollBar()
    bar.setValue(bar.maximum() // 3)
    share = canvas.middle_share()
    canvas.resize(1300, 600)
    qtbot.waitUntil(lambda: canvas.drawing.width == pytest.approx(canvas.drawing_width()))
    assert canvas.drawing.width > 1300 * 2
    assert canvas.middle_share() == pytest.approx(share, abs=0.002)
