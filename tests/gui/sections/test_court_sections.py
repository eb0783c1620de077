"""The Court, Filings and Deadlines sections of a case in the main window, with the real
forms and undo stack: a court appearance added, edited, undone, redone and deleted from
the keyboard; the rows' text; the detail pane's cross-links; the overview's counts; the
View menu and its shortcuts."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from app.context import AppContext
from app.core.services import appearances, cases
from app.core.storage.models import Appearance
from app.gui.sections import SECTION_NAMES, details
from app.gui.sections.list_section import ListSection
from app.gui.settings import QSettingsMapping
from app.gui.window.main_window import MainWindow
from tests.gui.court_records import CourtRecords, add_court_records
from tests.gui.recording import RecordingInteraction

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def talk(ctx: AppContext) -> RecordingInteraction:
    ctx.interaction = RecordingInteraction()
    return ctx.interaction


@pytest.fixture
def court(ctx: AppContext, sample_case_id: int) -> CourtRecords:
    return add_court_records(ctx.workspace, sample_case_id)


@pytest.fixture
def window(
    qtbot: Any, ctx: AppContext, talk: RecordingInteraction, qsettings: Any, sample_case_id: int
) -> MainWindow:
    from app.gui import actions

    ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    win = MainWindow(ctx, actions=actions)
    win.resize(1366, 768)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.open_case(sample_case_id)
    return win


def _section(window: MainWindow, name: str) -> ListSection:
    section = window.case_view.sections[name]
    assert isinstance(section, ListSection)
    return section


def _texts(section: ListSection) -> list[list[str]]:
    model = section.model
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def _appearances(ctx: AppContext) -> int:
    with ctx.workspace.reader() as session:
        return int(session.scalar(select(func.count()).select_from(Appearance)))


def test_ctrl_9_shows_the_court_and_the_view_menu_lists_every_section(
    window: MainWindow, qtbot: Any, court: CourtRecords
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_9, CTRL)
    assert window.case_view.current_section_name() == "court"
    assert SECTION_NAMES[-5:] == ("court", "filings", "deadlines", "clock", "timeline")
    texts = [action.text() for action in window.section_actions]
    assert texts[8:] == ["&9 Court", "&Filings", "&Deadlines", "&Clock", "&Timeline"]
    shortcuts = [action.shortcut().toString() for action in window.section_actions]
    assert shortcuts == [f"Ctrl+{n}" for n in range(1, 10)] + ["", "", "", ""]
    window.section_actions[10].trigger()
    assert window.case_view.current_section_name() == "deadlines"
    sidebar = window.case_view.sidebar
    assert [sidebar.item(r).text() for r in range(8, 11)] == ["Court", "Filings", "Deadlines"]
    # A screen reader names each list and its filter, which have no visible label.
    court = _section(window, "court")
    assert court.table.accessibleName() == "Court appearances"
    assert court.filter.accessibleName() == "Filter court appearances"
    assert _section(window, "deadlines").table.accessibleName() == "Deadlines"
    assert court.detail.accessibleName() == "The selected court appearance"


def test_the_lists_show_each_record_in_words(
    window: MainWindow, court: CourtRecords, sample_case_id: int
) -> None:
    window.show_section("court")
    section = _section(window, "court")
    headers = [
        section.model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(section.model.columnCount())
    ]
    assert headers == [
        "Date",
        "Time",
        "Purpose",
        "Part",
        "Judge",
        "Adjourned to",
        "Asked by",
        "People ready",
        "Excludable",
    ]
    assert _texts(section) == [
        [
            "August 6, 2020",
            "09:30",
            "Arraignment",
            "AR-3",
            "Hon. Kevin McGrath",
            "September 24, 2020",
            "The People",
            "Not ready, asked 7 days",
            "",
        ],
        [
            "September 24, 2020",
            "",
            "Conference",
            "AP-7",
            "Hon. Rosa Diaz",
            "November 5, 2020",
            "The defense",
            "",
            "Defense request",
        ],
        [
            "November 5, 2020",
            "",
            "Motion argument",
            "AP-7",
            "Hon. Rosa Diaz",
            "",
            "The court",
            "Ready",
            "Motions (arguable)",
        ],
    ]
    window.show_section("filings")
    assert _texts(_section(window, "filings")) == [
        [
            "October 15, 2020",
            "Statement of readiness",
            "Yes",
            "Statement of readiness and certificate of compliance",
        ],
        ["October 30, 2020", "Motion filed", "", ""],
    ]
    window.show_section("deadlines")
    assert _texts(_section(window, "deadlines")) == [
        [
            "October 30, 2020",
            "17:00",
            "Omnibus motion due",
            "Motion due",
            "Met",
            "October 30, 2020",
        ],
        ["December 1, 2020", "", "Reply to the People's response", "Response due", "Overdue", ""],
    ]


def test_the_detail_pane_links_an_appearance_to_the_next_and_the_one_before(
    window: MainWindow, court: CourtRecords
) -> None:
    window.show_section("court")
    section = _section(window, "court")
    section.select_key({"id": court.conference})
    text = section.detail.toPlainText()
    assert "Speedy-trial (CPL 30.30)" in text
    assert "Adjournment at the defense's request (30.30(4)(b))" in text
    html = section.detail.toHtml()
    assert f"casefile:court/{court.motion}" in html  # adjourned to
    assert f"casefile:court/{court.arraignment}" in html  # adjourned from
    section.navigate.emit("court", {"id": court.motion})
    assert section.current_key() == {"id": court.motion}
    assert "Exclusion arguable" in section.detail.toPlainText()


def test_the_overview_counts_and_links_the_court_records(
    window: MainWindow, ctx: AppContext, court: CourtRecords, sample_case_id: int
) -> None:
    overview = window.case_view.overview
    overview.refresh()
    assert overview.fields["custody"].text() == "Not recorded"
    assert overview.fields["commenced_on"].text() == "Not recorded (the arraignment counts)"
    cases.update_case(ctx.workspace, sample_case_id, custody="in", commenced_on="2020-08-05")
    overview.refresh()
    assert overview.fields["custody"].text() == "In custody"
    assert overview.fields["commenced_on"].text() == "August 5, 2020"
    contents = overview.contents.text()
    assert 'href="casefile:court">3 court appearances' in contents
    assert 'href="casefile:filings">2 filings' in contents
    assert 'href="casefile:deadlines">2 deadlines' in contents


def test_an_appearance_added_edited_undone_redone_and_deleted_from_the_keyboard(
    window: MainWindow, qtbot: Any, ctx: AppContext, talk: RecordingInteraction
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_9, CTRL)
    section = _section(window, "court")
    assert section.model.total == 0
    assert section.stack.currentWidget() is section.empty
    assert "The speedy-trial clock counts from these." in section.empty.text.text()

    def fill(dialog: Any) -> None:
        # Typed as at the bench: the date has the focus, Tab goes on to the time.
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        date = dialog.fields["date"].edit
        assert QApplication.focusWidget() is date
        date.selectAll()
        qtbot.keyClicks(date, "March 2, 2026")
        qtbot.keyClick(date, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.fields["time"]
        qtbot.keyClicks(dialog.fields["time"], "09:30")
        dialog.fields["purpose"].set_value("conference")
        dialog.fields["judge"].set_value("Hon. Rosa Diaz")
        dialog.fields["adjourned_to"].set_value("April 1, 2026")
        dialog.fields["requested_by"].set_value("people")
        dialog.fields["people_ready"].set_value(False)
        dialog.fields["people_asked_days"].set_value("7")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)

    talk.dialogs.append(lambda dialog: (fill(dialog), int(dialog.result()))[1])
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert section.model.total == 1
    added = section.current_key()
    assert added is not None
    saved = appearances.get_appearance(ctx.workspace, added["id"])
    assert (saved["date"].iso(), saved["time"], saved["people_asked_days"]) == (
        "2026-03-02",
        "09:30",
        7,
    )
    assert _texts(section)[0][:3] == ["March 2, 2026", "09:30", "Conference"]
    assert window.undo_action.text() == "&Undo Add court appearance of March 2, 2026 (conference)"

    def adjourn_later(dialog: Any) -> int:
        dialog.fields["adjourned_to"].set_value("April 8, 2026")
        dialog.try_save()
        return int(dialog.result())

    talk.dialogs.append(adjourn_later)
    window.activateWindow()  # the form was the active window
    qtbot.waitUntil(window.isActiveWindow)
    section.table.setFocus()
    qtbot.keyClick(section.table, Qt.Key.Key_F2)
    assert not talk.dialogs
    assert _texts(section)[0][5] == "April 8, 2026"

    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # the edit
    assert _texts(section)[0][5] == "April 1, 2026"
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # the add
    assert section.model.total == 0 and _appearances(ctx) == 0
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert section.model.total == 1
    assert _texts(section)[0][5] == "April 8, 2026"

    talk.confirm.append(True)
    section.table.select_row(0)
    section.table.setFocus()
    qtbot.keyClick(section.table, Qt.Key.Key_Delete)
    assert section.model.total == 0 and _appearances(ctx) == 0
    asked = talk.of_kind("confirm")[-1]
    assert asked.title == "Delete court appearance"
    assert asked.text == "Delete court appearance of March 2, 2026 (conference)?"
    # The status bar says what went and how to get it back.
    assert window.statusBar().currentMessage() == (
        "Delete court appearance of March 2, 2026 (conference): done. "
        "Edit ▸ Undo (Ctrl+Z) brings it back."
    )
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert section.model.total == 1 and _appearances(ctx) == 1


def test_a_court_record_listed_in_the_chronology_is_edited_and_shown_as_itself(
    window: MainWindow, court: CourtRecords
) -> None:
    # The chronology may list court dates too: a row's record says what it is.
    chronology = _section(window, "chronology")
    key = {"record": "appearance", "id": court.conference}
    assert chronology.record_kind(key) == "appearance"
    assert chronology.record_kind({"record": "statement", "id": 1}) == "statement"
    assert chronology.record_kind(None) == "event"
    muted = "#777777"
    html = details.render(window.ctx, "chronology", key, muted)
    assert "Speedy-trial (CPL 30.30)" in html and "Conference" in html
