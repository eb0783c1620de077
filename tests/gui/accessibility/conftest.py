"""Fixtures for the accessibility tests: the main window on the sample case, and an
application whose palette, style and text size are put back after each test."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from app.context import AppContext
from app.core.storage.workspace import open_workspace
from app.gui.settings import QSettingsMapping
from app.gui.widgets import edges
from app.gui.window import theme, zoom
from app.gui.window.main_window import MainWindow


@pytest.fixture
def clean_look(qapp: QApplication) -> Iterator[QApplication]:
    """The application's palette, style and font as they were, after the test."""
    palette, style_name, font = QPalette(qapp.palette()), qapp.style().name(), qapp.font()
    yield qapp
    zoom.apply_zoom(1.0, qapp)
    keeper = theme.themes(qapp)
    keeper.theme = "system"
    if qapp.style().objectName() == edges.NAME or qapp.style().name() != style_name:
        qapp.setStyle(style_name)
    qapp.setPalette(palette)
    qapp.setFont(font)


@pytest.fixture
def window(qtbot: Any, ctx: AppContext, qsettings: Any, clean_look: Any) -> MainWindow:
    ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    win = MainWindow(ctx, workspace_opener=lambda t: open_workspace(t))
    win.resize(1280, 760)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win
