"""Every control a person can operate has a name a screen reader reads: the main window
(the case list, and a case open on each section), every record form and every dialog.

The walk goes through the QAccessible tree, as a screen reader does, so a label's
buddy, a button's text and an explicit accessible name all count. A failure names the
widget's class, its objectName and the window or form it is in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from app.context import AppContext
from app.gui.actions import FORMS
from app.gui.settings import QSettingsMapping
from app.gui.window.main_window import MainWindow
from tests.gui.accessibility.walk import Unnamed, unnamed_controls


def _report(found: list[Unnamed]) -> str:
    return "controls without an accessible name:\n  " + "\n  ".join(map(str, found))


def _check(widget: QWidget, where: str) -> list[Unnamed]:
    return unnamed_controls(widget, where)


def test_the_main_window_names_every_control(
    window: MainWindow, qtbot: Any, sample_case_id: int
) -> None:
    found = _check(window, "main window, case list")
    window.open_case(sample_case_id)
    for name in list(window.case_view.sections):
        window.show_section(name)
        qtbot.wait(1)
        found += _check(window, f"main window, case open on {name}")
    window.search_part.open()
    found += _check(window, "main window, search panel open")
    unique = {item.path: item for item in reversed(found)}  # each control once, first seen
    assert not unique, _report(list(unique.values())[::-1])


@pytest.mark.parametrize("kind", sorted(FORMS))
def test_every_form_names_every_control(
    qtbot: Any, ctx: AppContext, sample_case_id: int, kind: str
) -> None:
    case_id = None if kind == "case" else sample_case_id
    form = FORMS[kind](ctx, case_id, None, None)
    qtbot.addWidget(form)
    form.show()
    found = _check(form, f"{type(form).__name__} (new {kind})")
    assert not found, _report(found)


def _dialogs(ctx: AppContext, case_id: int, article: str) -> list[QWidget]:
    from app.gui.calendar.panel import CalendarWindow
    from app.gui.calendar.today import TodayView
    from app.gui.dialogs.about import AboutDialog
    from app.gui.dialogs.backup import BackupDialog
    from app.gui.dialogs.brief import ExportBriefDialog
    from app.gui.dialogs.calendar_export import CalendarExportDialog
    from app.gui.dialogs.conflict import ConflictBox
    from app.gui.dialogs.extract import ExtractDialog
    from app.gui.dialogs.paste_text import PasteTextDialog
    from app.gui.dialogs.reminders import PreferencesDialog
    from app.gui.history_view import HistoryDialog, case_scope

    path = ctx.workspace.path
    assert isinstance(path, Path)
    return [
        AboutDialog(),
        BackupDialog(path, interaction=ctx.interaction),
        ExportBriefDialog(ctx, case_id),
        CalendarExportDialog(ctx),
        ConflictBox(None, RuntimeError("changed")),
        ExtractDialog(ctx, case_id, article, "article.txt"),
        PasteTextDialog(),
        PreferencesDialog(ctx),
        HistoryDialog(ctx, case_scope(ctx, case_id)),
        CalendarWindow(ctx),
        TodayView(ctx),
    ]


def test_every_dialog_names_every_control(
    qtbot: Any, ctx: AppContext, qsettings: Any, sample_case_id: int, article_text: str
) -> None:
    ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    found: list[Unnamed] = []
    for dialog in _dialogs(ctx, sample_case_id, article_text):
        qtbot.addWidget(dialog)
        dialog.show()
        found += _check(dialog, f"{type(dialog).__name__} “{dialog.windowTitle()}”")
    assert not found, _report(found)
