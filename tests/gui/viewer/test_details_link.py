"""The detail pane of a statement or an event opens its source at the pin cite."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from sqlalchemy import text

from app.context import AppContext
from app.core.services import documents, events, statements
from app.gui.sections.list_section import ListSection
from app.gui.settings import QSettingsMapping
from app.gui.viewer import ViewerWindow
from app.gui.window.main_window import MainWindow
from tests.gui.recording import RecordingInteraction
from tests.gui.viewer import transcript as t


@pytest.fixture
def window(qtbot: Any, ctx: AppContext, qsettings: Any, sample_case_id: int) -> MainWindow:
    from app.gui import actions

    ctx.interaction = RecordingInteraction()
    ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    win = MainWindow(ctx, actions=actions)
    win.resize(1280, 800)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.open_case(sample_case_id)
    return win


def _first_id(ctx: AppContext, table: str, case_id: int) -> int:
    with ctx.workspace.reader() as session:
        found = session.execute(
            text(f"SELECT min(id) FROM {table} WHERE case_id = :case"), {"case": case_id}
        ).scalar()
    assert found is not None
    return int(found)


def _open_from_detail(
    window: MainWindow, section_name: str, key: dict[str, Any], href: str
) -> ViewerWindow:
    window.show_section(section_name)
    section = window.case_view.sections[section_name]
    assert isinstance(section, ListSection)
    assert section.select_key(key)
    html = section.detail.toHtml()
    assert href in html and "Open source at pin cite" in section.detail.toPlainText()
    section.detail.anchorClicked.emit(QUrl(href))
    (viewer,) = window.findChildren(ViewerWindow)
    return viewer


def test_a_statement_s_detail_opens_its_source_with_the_quote_marked(
    qtbot: Any, tmp_path: Path, window: MainWindow, ctx: AppContext, sample_case_id: int
) -> None:
    path = tmp_path / "transcript.pdf"
    path.write_bytes(t.transcript_pdf())
    document_id = documents.add_document(ctx.workspace, sample_case_id, file=path)
    statement_id = _first_id(ctx, "statements", sample_case_id)
    statements.update_statement(
        ctx.workspace,
        statement_id,
        text=t.RUNNING_QUOTE,
        source_document_id=document_id,
        pin_cite="pp. 3-4",
    )
    viewer = _open_from_detail(
        window, "statements", {"id": statement_id}, f"casefile:source/statement/{statement_id}"
    )
    assert viewer.current == 2 and viewer.quote is not None
    assert sorted(viewer.quote.boxes) == [2, 3]
    viewer.close()


def test_an_event_s_detail_opens_its_source_at_the_page(
    qtbot: Any, tmp_path: Path, window: MainWindow, ctx: AppContext, sample_case_id: int
) -> None:
    path = tmp_path / "transcript.pdf"
    path.write_bytes(t.transcript_pdf())
    document_id = documents.add_document(ctx.workspace, sample_case_id, file=path)
    event_id = _first_id(ctx, "events", sample_case_id)
    events.update_event(ctx.workspace, event_id, source_document_id=document_id, pin_cite="p. 5")
    viewer = _open_from_detail(
        window,
        "chronology",
        {"record": "event", "id": event_id},
        f"casefile:source/event/{event_id}",
    )
    assert viewer.current == 4 and viewer.quote is None
    viewer.close()
