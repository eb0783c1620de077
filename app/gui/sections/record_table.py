"""The table every record list is shown in, and how its columns share the width.

Each column is as wide as what it typically holds: a date as a date, a name as the
names in the list's first rows (a sample, never all 50,000 rows), a vocabulary as its
labels in those rows. The list's main text (a quote, a description, a title: the
column marked ``fill``) takes the width that is left, and keeps it as the window is
resized. When the room is short the other columns give way first, down to their
headers, so the main text stays readable. Once the person resizes a column, their
widths are kept (and saved by the section).

Lists whose layout asks for it (``two_lines``) show two lines of each row where the
view is tall enough: every row then has two lines, so rows keep one fixed height and
scrolling 50,000 rows stays as fast as with one.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QTableView, QWidget

from app.core.lists.columns import Column
from app.gui import style
from app.gui.models.record_list import RecordListModel

CELL_PADDING = 14  # the cell's text margins and a little air
HEADER_PADDING = 30  # the header's margins and its sort indicator
SAMPLE_ROWS = 30  # the first rows, about the first screen's: what a column is sized to
TYPICAL_SHARE = 0.8  # a free-text column fits this share of its sampled rows
MAX_CHARS = 26  # no column but the main text grows past this many average characters
FLOOR_CHARS = 8  # ... nor gives way below this many (or its header)
FILL_SHARE = 0.5  # the main text's share of the width it is given before others give way
FILL_MIN_CHARS = 30  # narrower than this, columns at the right hide to make room for it
TWO_LINE_ROWS = 8  # two-line rows once this many of them fit in the view
TWO_LINE_CHARS = 70  # ... and the main text is narrower than this many average characters
# What a column of a known shape holds at its widest, for kinds the sample need not tell.
SHAPES: dict[str, tuple[str, ...]] = {
    "date": ("September 30, 2020",),
    "time": ("09:30",),
    "int": ("9,999",),
    "size": ("999.9 KB",),
    "flag": ("Yes",),
    "stamp": ("Sep 30, 2020 14:30",),
}
# Kinds whose width follows the longest cell (short and bounded), not a typical one.
BOUNDED = frozenset(SHAPES)


def typical_width(metrics: QFontMetrics, column: Column, texts: list[str]) -> int:
    """How wide ``column``'s text typically is, from a sample of its cells."""
    measured: dict[str, int] = {}  # names, dates and labels repeat: measure each once
    widths = sorted(
        measured.setdefault(text, metrics.horizontalAdvance(text))
        if text not in measured
        else measured[text]
        for text in texts
        if text
    )
    if column.kind == "date":
        widths = [width + metrics.averageCharWidth() for width in widths]  # italic "about"
    shapes = [metrics.horizontalAdvance(text) for text in SHAPES.get(column.kind, ())]
    if column.kind in BOUNDED or (column.kind in {"vocab", "roles"} and widths):
        return max(widths + shapes, default=0)  # short labels: the longest seen
    if not widths:
        labels = (column.vocabulary or {}).values()
        return max((metrics.horizontalAdvance(text) for text in labels), default=0)
    return widths[min(len(widths) - 1, int(len(widths) * TYPICAL_SHARE))]


def share_width(natural: list[int], floors: list[int], room: int) -> list[int]:
    """Shrink ``natural`` widths towards their ``floors``, all in the same proportion,
    until they fit in ``room`` (or every one is at its floor)."""
    excess = sum(natural) - room
    slack = sum(n - f for n, f in zip(natural, floors, strict=True))
    if excess <= 0 or slack <= 0:
        return list(natural)
    share = min(1.0, excess / slack)
    return [round(n - (n - f) * share) for n, f in zip(natural, floors, strict=True)]


class RowHeights(QHeaderView):
    """The rows' (hidden) header: every row one height, of ``lines`` lines of text.

    A height given to it is one line's, whoever gives it (the table, or a font zoom that
    sizes every table's rows to the new font): it adds the spacing of the other lines."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.lines = 1
        self.line_spacing = 0

    def setDefaultSectionSize(self, size: int) -> None:
        super().setDefaultSectionSize(size + (self.lines - 1) * self.line_spacing)


class RecordTable(QTableView):
    """A read-only table with fixed row heights; Enter or a double-click opens the row."""

    row_activated = Signal(int)
    lines_changed = Signal(int)  # rows now show this many lines

    def __init__(self, model: RecordListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setTabKeyNavigation(False)  # Tab leaves the table, as in native lists
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.lines = 1
        vertical = RowHeights(self)
        self.setVerticalHeader(vertical)
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(style.row_height(self))
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setStretchLastSection(model.spec.fill_column is None)
        header.setSortIndicator(model.sort_column(), Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        header.setMinimumSectionSize(style.row_height(self))
        scale = max(1.0, self.fontMetrics().averageCharWidth() / 7.0)
        for section, column in enumerate(model.spec.columns):
            header.resizeSection(section, int(column.width * scale))
        self.setSortingEnabled(True)
        self._custom = False  # see columns_fitted
        self._fitting = False
        self._natural: list[int] | None = None  # the columns' typical widths, once sampled
        self._floors: list[int] = []  # ... and how far each gives way when room is short
        self._sampled: tuple[Any, bool] | None = None  # (case, had rows) of that sample
        header.sectionResized.connect(self._section_resized)
        model.modelReset.connect(self._model_reset)
        self.doubleClicked.connect(lambda index: self.row_activated.emit(index.row()))

    def list_model(self) -> RecordListModel:
        model = self.model()
        assert isinstance(model, RecordListModel)
        return model

    # -- sizing ---------------------------------------------------------------

    def row_height(self, lines: int) -> int:
        return self.fontMetrics().lineSpacing() * (lines - 1) + style.row_height(self)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._follow_size()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._follow_size()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._natural = None
            self.set_lines(self.lines, force=True)
            self._follow_size()

    def _follow_size(self) -> None:
        if not self.isVisible() or self.viewport().width() <= 100:
            return
        if not self.columns_fitted:
            self.fit_columns()
        self._choose_lines()

    def _model_reset(self) -> None:
        if self.columns_fitted or not self.isVisible():
            return
        model = self.list_model()
        if self._sampled != (model.case_id, model.total > 0):
            self._natural = None  # another case (or the first rows): sample again
            self.fit_columns()

    def _section_resized(self, logical: int, _old: int, _new: int) -> None:
        # Only the person resizes with the mouse: a drag (or a double-click) on the header.
        # The view's own fitting, and Qt's share of a stretched column, do not count.
        dragging = QApplication.mouseButtons() & Qt.MouseButton.LeftButton
        fill = self.list_model().spec.fill_column
        if dragging and not self._fitting and logical != fill and self.isVisible():
            self.keep_widths()

    @property
    def columns_fitted(self) -> bool:
        """True once the widths are the person's (resized by hand, or restored): from
        then on the table no longer fits its columns to the width."""
        return self._custom

    @columns_fitted.setter
    def columns_fitted(self, custom: bool) -> None:
        if custom:
            self.keep_widths()
        else:
            self._custom = False

    def keep_widths(self) -> None:
        """From now on the widths are the person's: no more fitting, and no column hidden
        for want of room (the person could not bring it back)."""
        self._custom = True
        header = self.horizontalHeader()
        self._fitting = True
        try:
            for section in range(header.count()):
                if header.isSectionHidden(section):
                    header.showSection(section)
        finally:
            self._fitting = False

    def natural_widths(self) -> list[int]:
        """Each column's typical width (sampled once per case), at least its header's."""
        model = self.list_model()
        if self._natural is None:
            metrics = self.fontMetrics()
            header = self.horizontalHeader().fontMetrics()
            cap = MAX_CHARS * metrics.averageCharWidth()
            natural, floors = [], []
            least = FLOOR_CHARS * metrics.averageCharWidth()
            for index, column in enumerate(model.spec.columns):
                heading = header.horizontalAdvance(column.header) + HEADER_PADDING
                if index == model.spec.fill_column:
                    # Long text: its length in average characters is near enough.
                    lengths = sorted(len(text) for text in model.sample_texts(index, SAMPLE_ROWS))
                    typical = lengths[int(len(lengths) * TYPICAL_SHARE)] if lengths else MAX_CHARS
                    natural.append(typical * metrics.averageCharWidth() + CELL_PADDING)
                    floors.append(heading)
                    continue
                content = typical_width(metrics, column, model.sample_texts(index, SAMPLE_ROWS))
                icon = model.total and model.index(0, index).data(Qt.ItemDataRole.DecorationRole)
                if icon:
                    content += self.iconSize().width() or metrics.height()
                    content += CELL_PADDING // 2
                width = max(heading, min(content + CELL_PADDING, cap))
                natural.append(width)
                # Free text and labels give way when room is short (down to their header);
                # dates, numbers, codes and a column with icons keep what they need.
                gives_way = column.kind in {"text", "roles", "vocab"} and not icon
                floors.append(min(width, max(heading, least)) if gives_way else width)
            self._natural, self._floors = natural, floors
            self._sampled = (model.case_id, model.total > 0)
        return self._natural

    def _natural_fill(self) -> int:
        fill = self.list_model().spec.fill_column
        return 0 if fill is None else self.natural_widths()[fill]

    def fit_columns(self) -> None:
        """Size every column to its typical content and give the main text the rest.

        Where that leaves the main text less than its share of the width, the other
        free-text columns give way (dates, numbers and codes keep what they need)."""
        model = self.list_model()
        columns = model.spec.columns
        fill = model.spec.fill_column
        header = self.horizontalHeader()
        natural = self.natural_widths()
        room = self.viewport().width()
        if self.verticalScrollBar().isHidden() and model.total * self.row_height(self.lines) > (
            self.viewport().height()
        ):
            room -= self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        widths = list(natural)
        if fill is not None:
            others = [i for i in range(len(columns)) if i != fill]
            fitted = share_width(
                [natural[i] for i in others],
                [self._floors[i] for i in others],
                room - min(int(room * FILL_SHARE), natural[fill]),
            )
            for i, width in zip(others, fitted, strict=True):
                widths[i] = width
            hidden = self._columns_to_hide(widths, fill, room)
        else:
            hidden = set()
        self._fitting = True
        try:
            header.setStretchLastSection(fill is None)
            for section, width in enumerate(widths):
                mode = QHeaderView.ResizeMode.Stretch if section == fill else None
                header.setSectionResizeMode(section, mode or QHeaderView.ResizeMode.Interactive)
                if section in hidden:
                    header.hideSection(section)
                    continue
                header.showSection(section)
                if section != fill:
                    header.resizeSection(section, width)
            self.updateGeometries()  # scroll bars follow now, not on a later layout pass
        finally:
            self._fitting = False

    def _columns_to_hide(self, widths: list[int], fill: int, room: int) -> set[int]:
        """On a narrow list, the columns (from the right; never the first, nor the main
        text) that hide so the main text keeps a readable width."""
        least = min(FILL_MIN_CHARS * self.fontMetrics().averageCharWidth(), self._natural_fill())
        hidden: set[int] = set()
        shown = sum(width for i, width in enumerate(widths) if i != fill)
        for section in range(len(widths) - 1, 0, -1):
            if room - shown >= least:
                break
            if section != fill:
                hidden.add(section)
                shown -= widths[section]
        return hidden

    def _choose_lines(self) -> None:
        """Two lines a row where the list has them, its main text is narrow (a wide one
        shows enough on one line, and more rows fit) and the view is tall enough."""
        spec = self.list_model().spec
        fill = spec.fill_column
        if not spec.two_lines or fill is None:
            self.set_lines(1)
            return
        width = self.horizontalHeader().sectionSize(fill)
        # Once two lines, a little more width before one: a scroll bar that comes or goes
        # with the rows' height must not flip the choice back and forth.
        chars = TWO_LINE_CHARS + (4 if self.lines == 2 else 0)
        narrow = width < chars * self.fontMetrics().averageCharWidth()
        tall = self.viewport().height() >= TWO_LINE_ROWS * self.row_height(2)
        self.set_lines(2 if narrow and tall else 1)

    def set_lines(self, lines: int, force: bool = False) -> None:
        """Show ``lines`` lines of text in every row (all rows one height)."""
        if lines == self.lines and not force:
            return
        self.lines = lines
        self.setWordWrap(lines > 1)
        rows = self.verticalHeader()
        assert isinstance(rows, RowHeights)
        rows.lines, rows.line_spacing = lines, self.fontMetrics().lineSpacing()
        rows.setDefaultSectionSize(style.row_height(self))
        if self.currentIndex().isValid():
            self.scrollTo(self.currentIndex())
        self.lines_changed.emit(lines)

    # -- keys and selection -----------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.row_activated.emit(self.currentIndex().row())
            event.accept()
            return
        super().keyPressEvent(event)

    def current_key(self) -> dict[str, Any] | None:
        rows = self.selectionModel().selectedRows() if self.selectionModel() else []
        if not rows:
            return None
        return self.list_model().key_at(rows[0].row())

    def select_row(self, row: int) -> None:
        index = self.model().index(row, 0)
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def select_key(self, key: dict[str, Any]) -> bool:
        row = self.list_model().find_row(key)
        if row is None:
            return False
        self.select_row(row)
        return True
