"""A compact list of checkable tags (roles, legal issues, people involved).

A QListWidget laid out left-to-right in wrapping columns: one Tab stop for the
whole set, arrow keys to move, Space to tick. A row of separate buttons would
cost a Tab per tag, which wears on a keyboard-only intake.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QListWidgetItem, QWidget

_DATA = Qt.ItemDataRole.UserRole


class CheckList(QListWidget):
    changed = Signal()

    def __init__(
        self,
        choices: Iterable[tuple[Any, str]] = (),
        empty_text: str = "Nothing to choose from yet",
        max_rows: int = 5,
        columns: int = 1,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._empty_text = empty_text
        self._max_rows = max_rows
        self._columns = max(1, columns)
        if self._columns > 1:
            self.setFlow(QListView.Flow.LeftToRight)
            self.setWrapping(True)
            self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Ticks carry the value; a selection highlight would read as a second state.
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Signal to signal: no Python slot runs per tick.
        self.itemChanged.connect(self.changed)
        self.itemClicked.connect(self._toggle_on_click)
        self.set_choices(choices)

    def set_choices(self, choices: Iterable[tuple[Any, str]]) -> None:
        checked = set(self.value()) if self.count() else set()
        self.blockSignals(True)
        self.clear()
        for data, label in choices:
            item = QListWidgetItem(label, self)
            item.setData(_DATA, data)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsSelectable
            )
            item.setCheckState(
                Qt.CheckState.Checked if data in checked else Qt.CheckState.Unchecked
            )
            item.setToolTip(label)
        self.blockSignals(False)
        self._layout_items()
        if self.count() and self.currentRow() < 0:
            self.setCurrentRow(0)

    def _row_height(self) -> int:
        return QFontMetrics(self.font()).height() + 10

    def _layout_items(self) -> None:
        row = self._row_height()
        # Size hints are item changes to Qt; they are not changes of the value.
        blocked = self.blockSignals(True)
        if self._columns > 1:
            width = max(80, (self.viewport().width() - 4) // self._columns)
            size = QSize(width, row)
            self.setGridSize(size)
            for index in range(self.count()):
                self.item(index).setSizeHint(size)
        else:
            self.setSpacing(0)
            for index in range(self.count()):
                self.item(index).setSizeHint(QSize(10, row))
        self.blockSignals(blocked)
        needed = max(1, -(-self.count() // self._columns))
        rows = min(needed, self._max_rows)
        self.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if needed > rows
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        self.setFixedHeight(rows * row + 2 * self.frameWidth() + 6)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if self._columns > 1:
            self._layout_items()

    def paintEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        if self.count() == 0:
            from PySide6.QtGui import QPainter

            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.viewport().rect().adjusted(8, 0, -8, 0),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                self._empty_text,
            )

    def _toggle_on_click(self, item: QListWidgetItem) -> None:
        # A click anywhere on the tag ticks it, not only on the small box.
        pos = self.viewport().mapFromGlobal(self.cursor().pos())
        rect = self.visualItemRect(item)
        if pos.x() - rect.left() > 24:
            item.setCheckState(
                Qt.CheckState.Unchecked
                if item.checkState() == Qt.CheckState.Checked
                else Qt.CheckState.Checked
            )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select):
            item = self.currentItem()
            if item is not None:
                item.setCheckState(
                    Qt.CheckState.Unchecked
                    if item.checkState() == Qt.CheckState.Checked
                    else Qt.CheckState.Checked
                )
                return
        super().keyPressEvent(event)

    def value(self) -> list[Any]:
        return [
            self.item(row).data(_DATA)
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        ]

    def set_value(self, value: Any) -> None:
        wanted = list(value or [])
        self.blockSignals(True)
        for row in range(self.count()):
            item = self.item(row)
            item.setCheckState(
                Qt.CheckState.Checked if item.data(_DATA) in wanted else Qt.CheckState.Unchecked
            )
        self.blockSignals(False)
        self.changed.emit()

    def labels_checked(self) -> list[str]:
        return [
            self.item(row).text()
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        ]
