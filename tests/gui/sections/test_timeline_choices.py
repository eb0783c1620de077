"""The Timeline section's person filter and date range, and its choices and zoom kept
per case across restarts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from app.context import AppContext
from app.core.storage import models as m
from app.core.timeline.marks import gather
from app.gui.sections import timeline_prefs as prefs
from app.gui.sections.timeline import TimelineSection
from app.gui.settings import QSettingsMapping
from app.gui.window.main_window import MainWindow
from tests.gui.case_window import case_window
from tests.gui.recording import RecordingInteraction


def _window(qtbot: Any, ctx: AppContext, case_id: int) -> MainWindow:
    return case_window(qtbot, ctx, case_id, "timeline")


@pytest.fixture
def window(qtbot: Any, ctx: AppContext, qsettings: Any, sample_case_id: int) -> MainWindow:
    ctx.interaction = RecordingInteraction()
    ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    return _window(qtbot, ctx, sample_case_id)


def _section(window: MainWindow) -> TimelineSection:
    section = window.case_view.sections["timeline"]
    assert isinstance(section, TimelineSection)
    return section


def _drawn(section: TimelineSection) -> set[tuple[str, int]]:
    undated = {(mark.kind, mark.record_id) for mark in section.shown.undated}
    return set(section.canvas.mark_keys()) - undated


def _records_of(ctx: AppContext, case_id: int, name: str) -> set[tuple[str, int]]:
    """Read straight from the tables: what ``name`` said, and the events naming them."""
    with ctx.workspace.reader() as session:
        said = session.scalars(
            select(m.Statement.id)
            .join(m.Party, m.Party.id == m.Statement.speaker_id)
            .join(m.Person, m.Person.id == m.Party.person_id)
            .where(m.Statement.case_id == case_id, m.Statement.date.is_not(None))
            .where(m.Person.name == name)
        ).all()
        events = session.scalars(
            select(m.event_parties.c.event_id)
            .join(m.Event, m.Event.id == m.event_parties.c.event_id)
            .join(m.Party, m.Party.id == m.event_parties.c.party_id)
            .join(m.Person, m.Person.id == m.Party.person_id)
            .where(m.Event.case_id == case_id, m.Event.date.is_not(None))
            .where(m.Person.name == name)
        ).all()
    return {("statement", i) for i in said} | {("event", i) for i in events}


def test_the_person_filter_keeps_what_they_said_and_the_events_they_are_in(
    window: MainWindow, ctx: AppContext, sample_case_id: int
) -> None:
    section = _section(window)
    names = [section.person_filter.itemText(i) for i in range(1, section.person_filter.count())]
    assert "Derrick Ingram" in names and "Court" not in names
    checked = 0
    for name in names:
        section.person_filter.setCurrentIndex(section.person_filter.findData(name))
        expected = _records_of(ctx, sample_case_id, name)
        assert _drawn(section) == expected, name
        checked += bool(expected)
    assert checked >= 3
    # An event listing several people is kept for each of them, not only the first.
    section.person_filter.setCurrentIndex(
        section.person_filter.findData("New York City Police Department")
    )
    assert any(kind == "event" for kind, _ in _drawn(section))
    section.lanes.setCurrentIndex(section.lanes.findData("person"))  # kept across lanes
    assert section.person_filter.currentData() == "New York City Police Department"
    assert _drawn(section) == _records_of(ctx, sample_case_id, "New York City Police Department")


def test_the_date_range_keeps_what_touches_it_as_the_command_does(
    window: MainWindow, ctx: AppContext, sample_case_id: int
) -> None:
    section = _section(window)
    section.from_edit.setText("August 2020")
    section.from_edit.editingFinished.emit()
    section.to_edit.setText("8/7/2020")
    section.to_edit.editingFinished.emit()
    expected = gather(
        ctx.workspace, sample_case_id, start=dt.date(2020, 8, 1), end=dt.date(2020, 8, 7)
    )
    assert _drawn(section) == {(mark.kind, mark.record_id) for mark in expected.marks}
    assert 0 < len(expected.marks) < len(section.timeline.marks)
    assert section.shown.start == dt.datetime(2020, 8, 1)
    assert section.shown.end == dt.datetime(2020, 8, 8)  # the last day is shown whole
    assert section.canvas.drawing.shapes[1].text.startswith("August 1, 2020 to August 7, 2020")


def test_a_date_that_does_not_read_says_why_and_shows_every_date(window: MainWindow) -> None:
    section = _section(window)
    whole = _drawn(section)
    section.from_edit.setText("Agust 2020")
    section.from_edit.editingFinished.emit()
    assert "is not a date" in section.summary.text()
    assert section.from_edit.property("casefileInvalid") is True
    assert _drawn(section) == whole
    section.from_edit.setText("2021")
    section.to_edit.setText("2020")
    section.show_filtered()
    assert "ends before it starts" in section.summary.text()
    section.from_edit.clear()  # as its Clear button does: applied at once
    section.to_edit.clear()
    assert section.from_edit.property("casefileInvalid") is False
    assert "not a date" not in section.summary.text()


def test_choices_and_zoom_are_kept_per_case_across_restarts(
    window: MainWindow, ctx: AppContext, qtbot: Any, sample_case_id: int
) -> None:
    section = _section(window)
    section.lanes.setCurrentIndex(section.lanes.findData("person"))
    section.kind_filter.setCurrentIndex(section.kind_filter.findData("statement"))
    section.person_filter.setCurrentIndex(section.person_filter.findData("Derrick Ingram"))
    issue_id = next(iter(section.by_person.issues))
    section.issue_filter.setCurrentIndex(section.issue_filter.findData(issue_id))
    section.from_edit.setText("2020")
    section.from_edit.editingFinished.emit()
    section.zoom_in_button.click()
    section.zoom_in_button.click()
    zoom = section.canvas.zoom
    scrolled = section.canvas.horizontalScrollBar().value()
    kept = _drawn(section)
    window.close()

    again = _section(_window(qtbot, ctx, sample_case_id))
    assert again is not section
    assert again.lanes_by() == "person"
    assert again.kind_filter.currentData() == "statement"
    assert again.person_filter.currentData() == "Derrick Ingram"
    assert again.issue_filter.currentData() == issue_id
    assert again.from_edit.text() == "2020"
    assert zoom > 1 and again.canvas.zoom == pytest.approx(zoom)
    assert scrolled > 0
    canvas = again.canvas  # laid out again once the page has its size, the moment kept
    qtbot.waitUntil(lambda: canvas.drawing.width == pytest.approx(canvas.drawing_width()))
    assert abs(again.canvas.horizontalScrollBar().value() - scrolled) <= 2  # the same moment
    assert _drawn(again) == kept
    # Another case starts afresh.
    assert prefs.load(ctx.settings, ctx.workspace.describe(), sample_case_id + 1) == prefs.Kept()


def test_a_damaged_kept_view_opens_the_case_fitted(
    qtbot: Any, ctx: AppContext, qsettings: Any, sample_case_id: int
) -> None:
    ctx.interaction = RecordingInteraction()
    ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    ctx.settings[prefs.view_key(ctx.workspace.describe(), sample_case_id)] = "{not json"
    section = _section(_window(qtbot, ctx, sample_case_id))
    assert section.canvas.zoom == 1.0 and section.lanes_by() == "kind"
    assert _drawn(section)
    ctx.settings[prefs.view_key(ctx.workspace.describe(), sample_case_id)] = (
        '{"zoom": "big", "lanes": 3, "issue": true, "person": ["x"]}'
    )
    assert prefs.load(ctx.settings, ctx.workspace.describe(), sample_case_id) == prefs.Kept()
