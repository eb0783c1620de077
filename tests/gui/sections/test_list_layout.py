"""How the record lists use the window's width: columns sized to their content with the
main text taking the rest, two-line rows where there is room, the detail pane folding
under the list on a narrow window, and a window usable down to 640 px wide."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QTextLayout
from PySide6.QtWidgets import QApplication, QHeaderView

from app.context import AppContext
from app.gui.case_view import PageArea
from app.gui.sections.list_section import ListSection
from app.gui.sections.record_table import RecordTable
from app.gui.settings import QSettingsMapping
from app.gui.window.main_window import MainWindow
from tests.gui.case_window import case_window

QUOTE = 3  # the Statements list's quote column


@pytest.fixture
def window(qtbot: Any, ctx: AppContext, qsettings: Any, sample_case_id: int) -> MainWindow:
    ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    return case_window(qtbot, ctx, sample_case_id, "statements")


def _statements(window: MainWindow) -> ListSection:
    section = window.case_view.sections["statements"]
    assert isinstance(section, ListSection)
    return section


def _resize(window: MainWindow, width: int, height: int) -> None:
    window.resize(width, height)
    for _ in range(3):  # the layouts settle over a few passes, as they would on screen
        QApplication.processEvents()


def _visible_characters(table: RecordTable, row: int, column: int) -> int:
    """How many characters of a cell show: its text laid out in the column's width, over
    as many lines as the rows have."""
    text = table.model().index(row, column).data()
    width = table.horizontalHeader().sectionSize(column) - 8  # the cell's text margins
    layout = QTextLayout(text, table.font())
    layout.beginLayout()
    shown = 0
    for _ in range(table.lines):
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        shown += line.textLength()
    layout.endLayout()
    return shown


def _longest_quote_row(table: RecordTable) -> int:
    model = table.model()
    return max(range(model.rowCount()), key=lambda row: len(model.index(row, QUOTE).data()))


def _column_on_screen(table: RecordTable, column: int) -> QRect:
    header = table.horizontalHeader()
    return QRect(header.sectionViewportPosition(column), 0, header.sectionSize(column), 1)


def test_the_quote_takes_most_of_the_width_and_shows_sixty_characters(window: MainWindow) -> None:
    table = _statements(window).table
    header = table.horizontalHeader()
    widths = [header.sectionSize(i) for i in range(header.count())]
    assert widths[QUOTE] == max(widths)
    assert widths[QUOTE] >= 0.4 * table.viewport().width()
    assert _visible_characters(table, _longest_quote_row(table), QUOTE) >= 60
    # The other columns hold what they typically show: a date is as wide as a date.
    date = table.model().index(0, 0).data()
    assert table.fontMetrics().horizontalAdvance(date) < widths[0] < 3 * widths[QUOTE] / 2
    # The quote keeps the rest as the window narrows (it stretches, the others stay).
    assert header.sectionResizeMode(QUOTE) == QHeaderView.ResizeMode.Stretch


def test_columns_are_sized_from_the_first_rows_not_the_whole_list(window: MainWindow) -> None:
    table = _statements(window).table
    model = table.list_model()
    assert model.key_reads == 0  # no list of every row's key was read to size a column
    assert model.page_reads == 1


def test_rows_show_two_lines_where_the_list_is_tall_enough(window: MainWindow) -> None:
    table = _statements(window).table
    rows = table.verticalHeader()
    assert table.lines == 2 and table.wordWrap()
    assert rows.sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed  # all rows one height
    one_line = table.fontMetrics().height()
    assert rows.sectionSize(0) == rows.sectionSize(table.model().rowCount() - 1) > 2 * one_line
    _resize(window, 900, 600)
    assert table.lines == 1 and not table.wordWrap()
    assert rows.sectionSize(0) < 2 * one_line
    _resize(window, 1280, 800)
    assert table.lines == 2


def test_the_detail_pane_folds_under_the_list_on_a_narrow_window(window: MainWindow) -> None:
    section = _statements(window)
    splitter = section.splitter
    assert splitter.orientation() == Qt.Orientation.Horizontal
    assert section.detail.geometry().left() >= section.stack.geometry().right()
    _resize(window, 900, 600)
    assert splitter.orientation() == Qt.Orientation.Vertical
    assert section.detail.geometry().top() >= section.stack.geometry().bottom()
    assert section.detail.height() > 100 and section.stack.height() > 100
    _resize(window, 1280, 800)
    assert splitter.orientation() == Qt.Orientation.Horizontal
    assert section.detail.geometry().left() >= section.stack.geometry().right()
    # The court dates' nine columns never share the width: their detail stays below.
    court = window.case_view.sections["court"]
    assert isinstance(court, ListSection)
    assert court.splitter.orientation() == Qt.Orientation.Vertical


def test_at_900_by_600_the_statement_text_is_on_screen(window: MainWindow) -> None:
    _resize(window, 900, 600)
    assert window.size().toTuple() == (900, 600)
    table = _statements(window).table
    viewport = table.viewport()
    quote = _column_on_screen(table, QUOTE)
    assert quote.left() >= 0 and quote.right() < viewport.width()
    assert quote.width() >= 35 * table.fontMetrics().averageCharWidth()
    # ... and the table itself is inside the window, not scrolled off its right edge.
    top_left = viewport.mapTo(window, viewport.rect().topLeft())
    bottom_right = viewport.mapTo(window, viewport.rect().bottomRight())
    assert window.rect().contains(top_left) and window.rect().contains(bottom_right)


def test_the_window_is_usable_at_640_pixels_wide(window: MainWindow) -> None:
    assert window.minimumSizeHint().width() <= 640
    _resize(window, 640, 480)
    assert window.width() == 640
    case_view = window.case_view
    assert case_view.compact  # the sections show as icons, named for screen readers
    item = case_view.sidebar.item(2)
    assert item.text() == "" and item.data(Qt.ItemDataRole.AccessibleTextRole) == "Statements"
    for name in ("statements", "documents", "chronology", "notes"):
        window.show_section(name)
        QApplication.processEvents()
        area = case_view.stack.currentWidget()
        assert isinstance(area, PageArea)
        assert not area.horizontalScrollBar().isVisible(), name  # the page fits the width
        section = case_view.sections[name]
        assert isinstance(section, ListSection)
        if name == "documents":  # its five buttons show as icons, still named
            assert section.edit_button.text() == ""
            assert section.edit_button.accessibleName() == "Edit"
        table = section.table
        fill = table.list_model().spec.fill_column
        assert fill is not None
        text = _column_on_screen(table, fill)
        assert text.right() < table.viewport().width(), name
        assert text.width() >= 25 * table.fontMetrics().averageCharWidth(), name
    _resize(window, 1280, 800)
    assert not case_view.compact and case_view.sidebar.item(2).text() == "Statements"
    assert _statements(window).add_button.text() == "New statement"


def test_every_section_fits_a_640_pixel_window_without_scrolling_sideways(
    window: MainWindow,
) -> None:
    _resize(window, 640, 480)
    case_view = window.case_view
    for name in case_view.sections:
        window.show_section(name)
        QApplication.processEvents()
        area = case_view.stack.currentWidget()
        assert isinstance(area, PageArea)
        assert not area.horizontalScrollBar().isVisible(), name


def _drag_column_edge(qtbot: Any, table: RecordTable, column: int, by: int) -> None:
    header = table.horizontalHeader()
    edge = header.sectionViewportPosition(column) + header.sectionSize(column) - 1
    y = header.height() // 2
    qtbot.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge, y))
    qtbot.mouseMove(header.viewport(), QPoint(edge + by // 2, y))
    qtbot.mouseMove(header.viewport(), QPoint(edge + by, y))
    qtbot.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge + by, y))


def test_widths_the_person_set_are_kept_and_saved(
    window: MainWindow, qtbot: Any, qsettings: Any
) -> None:
    section = _statements(window)
    header = section.table.horizontalHeader()
    settings = QSettingsMapping(qsettings)
    section.save_state(settings)
    assert str(settings["sections/statements/columns_custom"]) in {"0", "false"}
    before = header.sectionSize(1)
    _drag_column_edge(qtbot, section.table, 1, 40)
    assert section.table.columns_fitted  # the person's widths from now on
    chosen = header.sectionSize(1)
    assert chosen > before
    _resize(window, 1100, 700)
    assert header.sectionSize(1) == chosen  # not fitted again
    section.save_state(settings)
    again = ListSection(
        window.ctx, "statements", "Statements", "statement", "statement", "statements"
    )
    try:
        again.restore_state(settings)
        assert again.table.columns_fitted
        assert again.table.horizontalHeader().sectionSize(1) == chosen
    finally:
        again.deleteLater()


def test_a_split_the_person_dragged_comes_back_after_a_restart_and_a_fold(
    window: MainWindow, qsettings: Any
) -> None:
    section = _statements(window)
    splitter = section.splitter
    total = sum(splitter.sizes())
    splitter.moveSplitter(int(total * 0.8), 1)  # as a drag of the handle does
    QApplication.processEvents()
    share = splitter.sizes()[0] / sum(splitter.sizes())
    assert share > 0.75
    settings = QSettingsMapping(qsettings)
    section.save_state(settings)
    again = ListSection(
        window.ctx, "statements", "Statements", "statement", "statement", "statements"
    )
    try:
        again.restore_state(settings)
        again.resize(1100, 700)
        again.show()
        QApplication.processEvents()
        assert again.splitter.orientation() == Qt.Orientation.Horizontal
        assert abs(again.splitter.sizes()[0] / sum(again.splitter.sizes()) - share) < 0.03
        again.resize(600, 700)  # folded under the list, then wide again: the same split
        QApplication.processEvents()
        assert again.splitter.orientation() == Qt.Orientation.Vertical
        again.resize(1100, 700)
        QApplication.processEvents()
        assert abs(again.splitter.sizes()[0] / sum(again.splitter.sizes()) - share) < 0.03
    finally:
        again.close()
        again.deleteLater()


def test_resizing_at_the_end_of_a_list_reads_nothing_again(
    qtbot: Any, ctx: AppContext, sample_case_id: int
) -> None:
    """Fitting the columns to a new width uses the widths sampled once: at the end of a
    long list (its first page long gone from the cache) a resize reads no rows."""
    from app.gui.models.record_list import RecordListModel

    model = RecordListModel(ctx, "statements", sample_case_id, page_size=5, cached_pages=4)
    table = RecordTable(model)
    qtbot.addWidget(table)
    table.resize(900, 300)
    table.show()
    qtbot.waitExposed(table)
    table.scrollToBottom()
    QApplication.processEvents()
    reads = model.page_reads
    for width in (700, 1000, 500):
        table.resize(width, 300)
        QApplication.processEvents()
    assert model.page_reads == reads


def test_a_larger_font_makes_rows_taller_and_columns_wider(window: MainWindow) -> None:
    table = _statements(window).table
    rows, header = table.verticalHeader(), table.horizontalHeader()
    one_line, date_width = table.row_height(1), header.sectionSize(0)
    font = table.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    table.setFont(font)  # as zooming the window's font does
    QApplication.processEvents()
    assert table.row_height(1) > one_line
    assert rows.defaultSectionSize() == table.row_height(table.lines)  # tall enough still?
    assert header.sectionSize(0) > date_width
    date = table.model().index(0, 0).data()
    assert header.sectionSize(0) > table.fontMetrics().horizontalAdvance(date)


def test_a_wide_quote_column_keeps_one_line_rows(
    qtbot: Any, ctx: AppContext, sample_case_id: int
) -> None:
    """A second line helps a narrow quote; a wide one shows enough on one line, and more
    rows fit."""
    from app.gui.models.record_list import RecordListModel

    table = RecordTable(RecordListModel(ctx, "statements", sample_case_id))
    qtbot.addWidget(table)
    table.resize(1200, 800)
    table.show()
    qtbot.waitExposed(table)
    QApplication.processEvents()
    assert table.lines == 1
    table.resize(650, 800)
    QApplication.processEvents()
    assert table.lines == 2
    assert _visible_characters(table, _longest_quote_row(table), QUOTE) >= 60
