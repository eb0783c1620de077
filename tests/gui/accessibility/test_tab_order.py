"""Tab goes through the main window as the page reads: on a list, the filter at the top,
the buttons under it, the list, then the selected record's details; on the case list,
the filter, New case, Open, then the cases."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from app.gui.window.main_window import MainWindow


def _tab_cycle(start: QWidget, most: int = 40) -> list[str]:
    """The accessible names Tab visits from ``start`` until it comes back to it."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    names: list[str] = []
    for _ in range(most):
        widget = QApplication.focusWidget()
        assert widget is not None
        spoken = QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)
        name = spoken or type(widget).__name__
        if names and widget is start:
            return names
        if not names or names[-1] != name:  # links inside the details are one stop here
            names.append(name)
        QTest.keyClick(widget, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never came back: {names}")


def _in_order(names: list[str], expected: list[str]) -> bool:
    positions = [names.index(name) for name in expected]
    return positions == sorted(positions)


def test_tab_reads_a_list_section_top_to_bottom(
    window: MainWindow, qtbot: Any, sample_case_id: int
) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.open_case(sample_case_id)
    window.show_section("statements")
    names = _tab_cycle(window.case_view.sidebar)
    expected = [
        "Sections",
        "Filter statements",
        "New statement",
        "Edit",
        "Delete",
        "Statements",
        "The selected statement",
    ]
    assert _in_order(names, expected), names


def test_tab_reads_the_case_list_top_to_bottom(window: MainWindow, qtbot: Any) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    names = _tab_cycle(window.case_list.filter)
    assert _in_order(names, ["Filter cases", "New case", "Open", "Cases"]), names
