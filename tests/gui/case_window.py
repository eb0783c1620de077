"""A main window shown at 1280x800 on a case, at one of its sections: what the tests of
a section's layout and behaviour start from."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication

from app.context import AppContext
from app.core.storage.workspace import open_workspace
from app.gui.window.main_window import MainWindow


def case_window(qtbot: Any, ctx: AppContext, case_id: int, section: str) -> MainWindow:
    win = MainWindow(ctx, workspace_opener=lambda target: open_workspace(target))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.open_case(case_id)
    win.show_section(section)
    QApplication.processEvents()
    return win
