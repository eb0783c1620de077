"""An in-place editor for a review table's choice columns: a combo box of labels
whose chosen code is what the model stores (the setting, verbatim or reported, the
party a speaker label is)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

Index = QModelIndex | QPersistentModelIndex
Choices = Callable[[Index], Iterable[tuple[Any, str]]]  # (code, label) for a cell


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a cell with a combo of ``choices(index)``; the model gets the code."""

    def __init__(self, choices: Choices, name: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.choices, self.name = choices, name

    def createEditor(  # noqa: N802 (Qt override)
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(self.name)
        for code, label in self.choices(index):
            combo.addItem(label, code)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        at = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(0, at))

    def setModelData(  # noqa: N802 (Qt override)
        self, editor: QWidget, model: QAbstractItemModel, index: Index
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
