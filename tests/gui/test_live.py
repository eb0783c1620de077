"""Live colleagues in the window, on a real PostgreSQL 15: two windows on one server, a
save in one shows in the other's case list and open case, a form open on the record says
it changed, closing stops the listener, and a SQLite window listens to nothing."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.context import AppContext
from app.core.server.teams import set_wall
from app.core.services import cases, notes
from app.core.storage.notify import Change
from app.gui.actions import open_form
from app.gui.window.live import BANNER_NAME, banner_text
from app.gui.window.main_window import MainWindow
from tests.core.server.conftest import Office, module_pg, office  # noqa: F401 (fixtures)
from tests.gui.recording import RecordingInteraction

WAIT_MS = 2000


def shown_texts(window: MainWindow) -> set[str]:
    model = window.case_list.table.model()
    return {
        str(model.index(row, column).data(Qt.ItemDataRole.DisplayRole))
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    }


@pytest.fixture
def windows(office: Office, qtbot: Any) -> Iterator[Callable[[str], MainWindow]]:  # noqa: F811
    made: list[MainWindow] = []

    def make(login: str) -> MainWindow:
        ctx = AppContext(office.open_as(login), interaction=RecordingInteraction())
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()


def test_a_save_in_one_window_shows_in_the_others_list(
    office: Office,  # noqa: F811
    windows: Callable[[str], MainWindow],
    qtbot: Any,
) -> None:
    bea, cy = windows("bea"), windows("cy")
    assert bea.live.listener is not None and cy.live.listener is not None
    cases.update_case(cy.ctx.workspace, office.open_case, caption="People v. Renamed Live")
    qtbot.waitUntil(lambda: "People v. Renamed Live" in shown_texts(bea), timeout=WAIT_MS)
    # A new case of a colleague's appears too (policy "open"), a walled one never.
    added = cases.add_case(cy.ctx.workspace, caption="People v. Brand New", docket_number="N-1")
    qtbot.waitUntil(lambda: "People v. Brand New" in shown_texts(bea), timeout=WAIT_MS)
    assert office.walled.case_id not in {added}
    assert not any("Ingram" in text for text in shown_texts(cy))


def test_the_open_case_and_an_open_form_show_a_colleagues_save(
    office: Office,  # noqa: F811
    windows: Callable[[str], MainWindow],
    qtbot: Any,
) -> None:
    bea, cy = windows("bea"), windows("cy")
    note = notes.add_note(cy.ctx.workspace, office.open_case, body="Subpoena the video")
    bea.open_case(office.open_case)
    bea.show_section("notes")
    section = bea.case_view.sections["notes"]
    qtbot.waitUntil(lambda: section.model.rowCount() >= 1, timeout=WAIT_MS)
    form = open_form(bea.ctx, "note", None, note, bea)
    qtbot.addWidget(form)
    form.show()
    notes.update_note(cy.ctx.workspace, note, body="Subpoena the store's video")

    def banner() -> QLabel | None:
        found = form.findChild(QLabel, BANNER_NAME)
        return found if found is not None and found.isVisible() else None

    qtbot.waitUntil(lambda: banner() is not None, timeout=WAIT_MS)
    shown = banner()
    assert shown is not None
    assert shown.text().startswith("Changed by cy at ") and "will be refused" in shown.text()
    assert shown.accessibleName() == "Changed by a colleague"
    # The notes list re-read: it shows the new text.
    bodies = {
        str(section.model.index(row, column).data(Qt.ItemDataRole.DisplayRole))
        for row in range(section.model.rowCount())
        for column in range(section.model.columnCount())
    }
    assert any("store's video" in body for body in bodies)
    form.close()


def test_closing_the_window_stops_the_listener(
    office: Office,  # noqa: F811
    windows: Callable[[str], MainWindow],
) -> None:
    window = windows("pat")
    listener = window.live.listener
    assert listener is not None and listener.running
    window.close()
    assert window.live.listener is None and not listener.running
    assert not [t for t in threading.enumerate() if t.name == "casefile-live"]


def test_a_case_walled_off_leaves_a_colleagues_list(
    office: Office,  # noqa: F811
    windows: Callable[[str], MainWindow],
    qtbot: Any,
) -> None:
    bea = windows("bea")
    caption = cases.get_case(bea.ctx.workspace, office.open_case)["caption"]
    assert caption in shown_texts(bea)
    ada = office.open_as("ada")
    set_wall(ada, str(office.open_case), True, reason="a witness works here")
    try:
        qtbot.waitUntil(lambda: caption not in shown_texts(bea), timeout=WAIT_MS)
    finally:
        set_wall(ada, str(office.open_case), False)
    qtbot.waitUntil(lambda: caption in shown_texts(bea), timeout=WAIT_MS)


def test_a_sqlite_window_listens_to_nothing(ctx: AppContext, qtbot: Any) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.live.listener is None
    window.close()


def test_the_banner_says_who_and_when() -> None:
    at = dt.datetime(2026, 12, 7, 14, 32, tzinfo=dt.UTC)
    changed = Change("notes", "update", 1, {5: 2}, frozenset({2}), by="bea", at=at)
    local = at.astimezone().strftime("%H:%M")
    assert banner_text(changed).startswith(f"Changed by bea at {local}.")
    deleted = Change("notes", "delete", 1, {5: 2}, frozenset({2}), at=at)
    assert (
        banner_text(deleted)
        == f"Deleted by a colleague at {local}. Saving this form will be refused."
    )


def test_the_window_says_while_it_is_not_connected_and_catches_up_after(
    office: Office,  # noqa: F811
    windows: Callable[[str], MainWindow],
    qtbot: Any,
) -> None:
    """The server drops the listening connection: a notice stays in the status bar until
    the listener is back, and then the window re-reads what it shows."""
    import psycopg

    from app.gui.window.live import NOTICE_NAME

    cy = windows("cy")
    listener = cy.live.listener
    assert listener is not None
    pid = listener._connection.info.backend_pid
    with qtbot.waitSignal(cy.live.status, timeout=WAIT_MS * 5) as lost:
        with psycopg.connect(office.server.conninfo("office"), autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    assert lost.args == [False]
    qtbot.waitUntil(lambda: cy.findChild(QLabel, NOTICE_NAME) is not None, timeout=WAIT_MS)
    notice = cy.findChild(QLabel, NOTICE_NAME)
    assert notice.isVisible() and "connection lost" in notice.text()
    assert "do not show until it is back" in notice.toolTip() and notice.accessibleName()
    qtbot.waitUntil(lambda: cy.findChild(QLabel, NOTICE_NAME) is None, timeout=WAIT_MS * 5)
    assert listener.connected
    note_id = notes.add_note(office.open_as("bea"), office.open_case, body="Seen again")
    assert note_id


def test_the_team_sees_at_once_an_admin_who_added_themselves(
    office: Office,  # noqa: F811
    windows: Callable[[str], MainWindow],
    qtbot: Any,
) -> None:
    from app.core.server.teams import add_to_team, remove_from_team

    bea = windows("bea")
    walled = str(office.walled.case_id)
    ada = office.open_as("ada")
    add_to_team(ada, walled, "ada")
    try:
        wanted = f"ada added themselves to case {walled}'s team"
        qtbot.waitUntil(
            lambda: bea.statusBar().currentMessage().startswith(wanted), timeout=WAIT_MS
        )
    finally:
        remove_from_team(ada, walled, "ada")
