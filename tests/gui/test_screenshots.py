"""Screenshots of the case list and every section of the sample case, at 1366x768.

They land in the test run's temporary folder, and also in test-output/screenshots
when CASEFILE_SCREENSHOTS is set (for a person to look at; the folder is gitignored).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from app.context import AppContext
from app.gui.case_view import SECTION_NAMES
from app.gui.sections.list_section import ListSection
from app.gui.settings import QSettingsMapping
from app.gui.window.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]
SIZE = (1366, 768)


@pytest.fixture(scope="module")
def shot_dirs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folders = [tmp_path_factory.mktemp("screenshots")]
    if os.environ.get("CASEFILE_SCREENSHOTS"):
        extra = REPO / "test-output" / "screenshots"
        extra.mkdir(parents=True, exist_ok=True)
        folders.append(extra)
    return folders


def _save(window: MainWindow, name: str, folders: list[Path]) -> list[Path]:
    QApplication.processEvents()  # let pending layouts settle, as they would on screen
    image = window.grab().toImage()
    assert (image.width(), image.height()) == SIZE
    paths = []
    for folder in folders:
        path = folder / f"{name}.png"
        assert image.save(str(path))
        paths.append(path)
    return paths


def _not_blank(path: Path) -> bool:
    image = QImage(str(path))
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, 400, 23)}
    return len(colours) > 3


def test_screenshots_of_every_page(
    qtbot: Any,
    ctx: AppContext,
    qsettings: Any,
    sample_case_id: int,
    shot_dirs: list[Path],
) -> None:
    ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(*SIZE)
    window.show()
    qtbot.waitExposed(window)
    window.show_case_list()
    saved = _save(window, "00-case-list", shot_dirs)
    window.open_case(sample_case_id)
    for number, name in enumerate(SECTION_NAMES, start=1):
        window.show_section(name)
        section = window.case_view.current_section()
        if isinstance(section, ListSection) and section.model.rowCount() > 1:
            section.table.select_row(1)  # show a filled detail pane
        saved += _save(window, f"{number:02d}-{name}", shot_dirs)
    assert len(saved) == len(shot_dirs) * (1 + len(SECTION_NAMES))
    assert all(_not_blank(path) for path in saved)


def test_screenshot_of_an_empty_workspace(
    qtbot: Any, empty_ctx: AppContext, qsettings: Any, shot_dirs: list[Path]
) -> None:
    empty_ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    window = MainWindow(empty_ctx)
    qtbot.addWidget(window)
    window.resize(*SIZE)
    window.show()
    qtbot.waitExposed(window)
    assert window.case_list.is_empty_workspace()
    _save(window, "00-empty-workspace", shot_dirs)
