"""The Timeline section: one mark per dated record of the sample case (as ``gather``
finds them), lanes by kind or person, zoom, opening a record by click and by keyboard,
and exporting the picture."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from app.context import AppContext
from app.core.timeline.marks import gather
from app.gui.sections.timeline import TimelineSection
from app.gui.settings import QSettingsMapping
from app.gui.window.main_window import MainWindow
from tests.gui.case_window import case_window
from tests.gui.recording import RecordingInteraction


@pytest.fixture
def talk(ctx: AppContext) -> RecordingInteraction:
    ctx.interaction = RecordingInteraction()
    return ctx.interaction


@pytest.fixture
def window(
    qtbot: Any, ctx: AppContext, qsettings: Any, sample_case_id: int, talk: RecordingInteraction
) -> MainWindow:
    ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    return case_window(qtbot, ctx, sample_case_id, "timeline")


def _section(window: MainWindow) -> TimelineSection:
    section = window.case_view.sections["timeline"]
    assert isinstance(section, TimelineSection)
    return section


def _dated(ctx: AppContext, case_id: int, lanes: str = "kind") -> list[tuple[str, int]]:
    timeline = gather(ctx.workspace, case_id, lanes=lanes)
    return [(mark.kind, mark.record_id) for mark in timeline.marks]


def _dated_marks(section: TimelineSection) -> list[tuple[str, int]]:
    undated = {(m.kind, m.record_id) for m in section.timeline.undated}
    return [key for key in section.canvas.mark_keys() if key not in undated]


def test_the_section_draws_one_mark_per_dated_record(
    window: MainWindow, ctx: AppContext, sample_case_id: int
) -> None:
    section = _section(window)
    expected = _dated(ctx, sample_case_id)
    assert expected, "the sample case has dated records"
    assert sorted(_dated_marks(section)) == sorted(expected)
    assert f"{len(expected)} dated record" in section.summary.text()
    window.grab().save("/work/shots/tlview-section.png")


def test_lanes_switch_to_people(window: MainWindow, ctx: AppContext, sample_case_id: int) -> None:
    section = _section(window)
    by_kind = list(section.timeline.lanes)
    section.lanes.setCurrentIndex(section.lanes.findData("person"))
    assert section.lanes_by() == "person"
    by_person = gather(ctx.workspace, sample_case_id, lanes="person").lanes
    assert section.timeline.lanes == by_person != by_kind
    assert set(section.canvas.lane_names()) == set(by_person)


def test_zoom_widens_the_drawing_and_fit_returns(window: MainWindow) -> None:
    section = _section(window)
    canvas = section.canvas
    fitted = canvas.drawing.width
    section.zoom_in_button.click()
    section.zoom_in_button.click()
    assert canvas.drawing.width == pytest.approx(fitted * 1.5 * 1.5)
    assert canvas.horizontalScrollBar().maximum() > 0  # now it pans
    section.zoom_out_button.click()
    assert canvas.drawing.width == pytest.approx(fitted * 1.5)
    section.fit_button.click()
    assert canvas.drawing.width == pytest.approx(fitted)


def test_ctrl_wheel_zooms(window: MainWindow, qtbot: Any) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    canvas = _section(window).canvas
    fitted = canvas.drawing.width
    middle = QPointF(canvas.viewport().rect().center())
    event = QWheelEvent(
        middle, canvas.viewport().mapToGlobal(middle), QPoint(), QPoint(0, 120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    with qtbot.waitSignal(canvas.zoom_changed):
        QApplication.sendEvent(canvas.viewport(), event)
    assert canvas.drawing.width == pytest.approx(fitted * 1.5)


def test_clicking_a_mark_opens_its_record(window: MainWindow, qtbot: Any) -> None:
    section = _section(window)
    canvas = section.canvas
    keys = canvas.mark_keys()
    index = next(i for i, (kind, _id) in enumerate(keys) if kind == "statement")
    canvas.ensureVisible(canvas.mark_rect(index))
    point = canvas.scene_point(index).toPoint()
    assert canvas.mark_at(point) == index
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.case_view.current_section_name() == "statements"
    statements = window.case_view.sections["statements"]
    assert statements.current_key()["id"] == keys[index][1]  # type: ignore[attr-defined]


def test_arrows_and_enter_open_a_record(window: MainWindow, qtbot: Any) -> None:
    section = _section(window)
    canvas = section.canvas
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Home)
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert canvas.current == 1
    assert section.chosen.text() == canvas.mark_tip(1) != ""
    assert canvas.accessibleDescription() == section.chosen.text()
    kind, record_id = canvas.mark_keys()[1]
    qtbot.keyClick(canvas, Qt.Key.Key_Return)
    expected = {"event": "chronology", "statement": "statements", "appearance": "court"}[kind]
    assert window.case_view.current_section_name() == expected


def test_export_writes_a_picture_that_parses(
    window: MainWindow, talk: RecordingInteraction, tmp_path: Path
) -> None:
    section = _section(window)
    target = tmp_path / "picture.svg"
    talk.saves.append(str(target))
    section.export_button.click()
    root = ElementTree.parse(target).getroot()
    assert root.tag.endswith("svg")
    assert talk.said("inform", str(target))
    png = tmp_path / "picture"  # no suffix: the first format, SVG
    talk.saves.append(str(png))
    section.export_button.click()
    assert (tmp_path / "picture.svg").exists()


def test_export_to_an_unknown_format_says_so(
    window: MainWindow, talk: RecordingInteraction, tmp_path: Path
) -> None:
    talk.saves.append(str(tmp_path / "picture.bmp"))
    _section(window).export_button.click()
    assert talk.said("warn")
    assert not (tmp_path / "picture.bmp").exists()


def test_filters_keep_one_kind_and_one_issue(
    window: MainWindow, ctx: AppContext, sample_case_id: int
) -> None:
    section = _section(window)
    whole = gather(ctx.workspace, sample_case_id)
    section.kind_filter.setCurrentIndex(section.kind_filter.findData("statement"))
    statements = [(m.kind, m.record_id) for m in whole.marks if m.kind == "statement"]
    assert sorted(_dated_marks(section)) == sorted(statements)
    assert section.shown is not None and section.shown.lanes == ["Statements"]
    issue_id = next(iter(whole.issues))
    section.kind_filter.setCurrentIndex(0)
    section.issue_filter.setCurrentIndex(section.issue_filter.findData(issue_id))
    about = [(m.kind, m.record_id) for m in whole.marks if issue_id in m.issue_ids]
    assert about and sorted(_dated_marks(section)) == sorted(about)
    section.refresh()  # a re-read keeps the issue chosen
    assert section.issue_filter.currentData() == issue_id


def test_lane_names_stay_in_view_when_zoomed_and_panned(window: MainWindow) -> None:
    canvas = _section(window).canvas
    section = _section(window)
    for _ in range(3):
        section.zoom_in_button.click()
    bar = canvas.horizontalScrollBar()
    bar.setValue(bar.maximum())
    visible = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    assert canvas.lane_name_rects()
    for rect in canvas.lane_name_rects():
        assert visible.contains(rect.topLeft())
