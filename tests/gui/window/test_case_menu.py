"""The Case menu (intake tools) and Help > About, driven through the real window."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QDockWidget, QMenu, QTextBrowser

from app import legal
from app.context import AppContext
from app.core.services import people
from app.core.storage.workspace import open_workspace
from app.gui.dialogs.about import AboutDialog
from app.gui.settings import QSettingsMapping
from app.gui.window.main_window import MainWindow
from tests.gui.recording import RecordingInteraction


@pytest.fixture
def talk(ctx: AppContext) -> RecordingInteraction:
    ctx.interaction = RecordingInteraction()
    return ctx.interaction


@pytest.fixture
def window(qtbot: Any, ctx: AppContext, qsettings: Any, talk: RecordingInteraction) -> MainWindow:
    ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    win = MainWindow(ctx, workspace_opener=lambda t: open_workspace(t))
    qtbot.addWidget(win)
    win.show()
    return win


def _menu(window: MainWindow, title: str) -> QMenu:
    for action in window.menuBar().actions():
        if action.text().replace("&", "") == title:
            menu = action.menu()
            assert isinstance(menu, QMenu)
            return menu
    raise AssertionError(f"no {title} menu")


def test_the_case_menu_sits_before_help(window: MainWindow) -> None:
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles.index("Case") == titles.index("Help") - 1
    entries = [a.text().replace("&", "") for a in _menu(window, "Case").actions() if a.text()]
    assert entries == [
        "Statements from a File…",
        "Statements from Pasted Text…",
        "Conflict Check…",
        "Import Case Archive…",
        "Export Case Archive…",
        "History…",  # added by app.gui.window.safety_menu
    ]


def test_conflict_check_from_the_menu_shows_an_adverse_hit(
    window: MainWindow, ctx: AppContext, sample_case_id: int, talk: RecordingInteraction
) -> None:
    # The sample's complainant is on the other side: checking a prospective
    # client by that name must be flagged as a conflict, in a dock that does not block.
    complainant = next(
        p for p in people.parties_of_case(ctx.workspace, sample_case_id) if "complainant" in p.roles
    )
    name = people.get_person(ctx.workspace, complainant.person_id)["name"]
    talk.texts.append(name)
    window.case_menu.conflict_action.trigger()
    assert talk.said("text", "Name to check against all cases")
    dock = next(d for d in window.findChildren(QDockWidget) if "onflict" in d.windowTitle())
    assert dock.isVisible()
    panel = dock.widget()
    assert any(hit.adverse and hit.case_id == sample_case_id for hit in panel.hits)


def test_about_shows_the_version_licence_and_notices(qtbot: Any) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    texts = " ".join(b.toPlainText() for b in dialog.findChildren(QTextBrowser))
    assert "WITHOUT ANY WARRANTY" in texts
    for name, licence, _purpose, _source in legal.THIRD_PARTY:
        assert name in texts and licence in texts


def test_export_then_import_a_case_archive_from_the_window(
    window: MainWindow, ctx: AppContext, sample_case_id: int, tmp_path: Any
) -> None:
    from app.core.services import cases

    window.open_case(sample_case_id)
    archive = tmp_path / "ingram.zip"
    assert window.case_menu.export_case_archive(archive) is not None
    assert ctx.tasks.wait(30)  # both run in the background (tests/gui/window/test_long_work.py)
    assert archive.stat().st_size > 0
    assert window.case_menu.import_case_archive(archive) is not None
    assert ctx.tasks.wait(30)  # the import, then the conflict check it starts
    [new_id] = window.case_menu.imported
    assert new_id != sample_case_id
    assert window.current_case_id() == new_id
    assert {c.id for c in cases.list_cases(ctx.workspace)} == {sample_case_id, new_id}
    # The same people now stand in two cases, in the same roles: the check ran, and with
    # no conflict among its matches it says so on the badge and leaves the dock closed.
    from app.gui.window.conflict_badge import BADGE_NAME, ConflictBadge

    badge = window.findChild(ConflictBadge, BADGE_NAME)
    assert badge is not None and badge.hits and "no conflict" in badge.text()
    docks = [d for d in window.findChildren(QDockWidget) if "onflict" in d.windowTitle()]
    assert not any(d.isVisible() for d in docks)


def test_a_broken_archive_is_refused_and_nothing_is_imported(
    window: MainWindow, ctx: AppContext, tmp_path: Any, talk: RecordingInteraction
) -> None:
    from app.core.services import cases

    before = len(cases.list_cases(ctx.workspace))
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip at all")
    talk.files.append(str(bad))  # chosen in the file chooser
    window.case_menu.import_action.trigger()
    assert ctx.tasks.wait(30)
    assert talk.said("open_file", "Import Case Archive")
    assert talk.said("warn", "Cannot import the archive")
    assert len(cases.list_cases(ctx.workspace)) == before
