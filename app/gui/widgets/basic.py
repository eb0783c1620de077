"""Plain Qt editors with one interface: ``value()``, ``set_value()``, ``changed``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QMimeData, QSize, Signal
from PySide6.QtGui import QFontMetrics, QIntValidator, QTextBlockFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QTextEdit,
    QWidget,
)


class LineEdit(QLineEdit):
    changed = Signal()

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.textChanged.connect(self.changed)
        self.setClearButtonEnabled(False)

    def value(self) -> str:
        return self.text()

    def set_value(self, value: Any) -> None:
        self.setText("" if value is None else str(value))


class OptionalLineEdit(LineEdit):
    """Empty means None (a time of day, an optional code)."""

    def value(self) -> str | None:  # type: ignore[override]
        return self.text().strip() or None


class ListLineEdit(LineEdit):
    """A short list typed on one line, separated by commas (aliases)."""

    def value(self) -> list[str]:  # type: ignore[override]
        return [part.strip() for part in self.text().split(",") if part.strip()]

    def set_value(self, value: Any) -> None:
        self.setText(", ".join(value or []))


class PlainTextEdit(QPlainTextEdit):
    """Multi-line text; Tab moves to the next field so forms work from the keyboard.

    It asks for ``lines`` lines of room; with ``grow`` it also takes any spare
    height of the dialog (the main text of a note), otherwise it leaves that to
    fields that need it more (a statement's verbatim text).
    """

    changed = Signal()

    def __init__(
        self,
        placeholder: str = "",
        lines: int = 3,
        parent: QWidget | None = None,
        *,
        grow: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.textChanged.connect(self.changed)
        metrics = QFontMetrics(self.font())
        self._height = (
            metrics.lineSpacing() * lines
            + 2 * int(self.document().documentMargin())
            + 2 * self.frameWidth()
            + 6
        )
        self.setMinimumHeight(self._height)
        vertical = QSizePolicy.Policy.Expanding if grow else QSizePolicy.Policy.Preferred
        self.setSizePolicy(QSizePolicy.Policy.Expanding, vertical)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(super().sizeHint().width(), self._height)

    def value(self) -> str:
        return self.toPlainText()

    def set_value(self, value: Any) -> None:
        self.setPlainText("" if value is None else str(value))


class VerbatimEdit(QTextEdit):
    """The large editor for what someone said: proportional font, airy line height.

    A QTextEdit kept to plain text, because QPlainTextEdit's layout ignores line
    height and a long statement in tight lines is tiring to check word by word.
    """

    changed = Signal()
    LINE_HEIGHT = 140  # percent

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setPlaceholderText(placeholder)
        font = self.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() + 1)
            self.setProperty("casefileFontScale", 1 + 1 / max(1.0, font.pointSizeF() - 1))
        self.setFont(font)
        self.document().setDocumentMargin(10)
        self.textChanged.connect(self.changed)
        self.setMinimumHeight(QFontMetrics(font).lineSpacing() * 9)
        self._format_all()

    def _format_all(self) -> None:
        fmt = QTextBlockFormat()
        fmt.setLineHeight(self.LINE_HEIGHT, 1)  # 1 == QTextBlockFormat.ProportionalHeight
        fmt.setBottomMargin(4)
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(fmt)
        # The caret's format is what new text and new paragraphs inherit.
        self.textCursor().mergeBlockFormat(fmt)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt override)
        super().insertFromMimeData(source)
        self._format_all()

    def value(self) -> str:
        return self.toPlainText()

    def set_value(self, value: Any) -> None:
        self.blockSignals(True)
        self.setPlainText("" if value is None else str(value))
        self._format_all()
        self.document().clearUndoRedoStacks()
        self.blockSignals(False)
        self.changed.emit()


class CheckBox(QCheckBox):
    changed = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.toggled.connect(self.changed)

    def value(self) -> bool:
        return self.isChecked()

    def set_value(self, value: Any) -> None:
        self.setChecked(bool(value))


class SpinBox(QSpinBox):
    changed = Signal()

    def __init__(self, minimum: int = 1, maximum: int = 9999, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRange(minimum, maximum)
        self.valueChanged.connect(self.changed)
        self.setMaximumWidth(110)

    def value(self) -> int:  # type: ignore[override]
        return super().value()

    def set_value(self, value: Any) -> None:
        self.setValue(int(value or self.minimum()))


class ChoiceCombo(QComboBox):
    """A fixed list of choices: (data, label) pairs; ``value()`` is the data."""

    changed = Signal()

    def __init__(
        self,
        choices: Iterable[tuple[Any, str]] = (),
        none_label: str | None = None,
        parent: QWidget | None = None,
        *,
        min_chars: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._none_label = none_label
        self.set_choices(choices)
        self.currentIndexChanged.connect(self.changed)
        if min_chars is None:
            # Short fixed labels (a status): as wide as the longest, not the row.
            self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        else:
            # Titles and names of any length: a sensible width, the rest elided.
            self.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            self.setMinimumContentsLength(min_chars)

    def set_choices(self, choices: Iterable[tuple[Any, str]]) -> None:
        current = self.value() if self.count() else None
        self.blockSignals(True)
        self.clear()
        if self._none_label is not None:
            self.addItem(self._none_label, None)
        for data, label in choices:
            self.addItem(label, data)
        self.blockSignals(False)
        self.set_value(current)

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        index = self.findData(value)
        self.setCurrentIndex(max(index, 0))


class VocabCombo(ChoiceCombo):
    """Codes from ``app.core.vocab`` shown by their labels."""

    def __init__(self, vocabulary: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(vocabulary.items(), parent=parent)


class CountEdit(OptionalLineEdit):
    """A whole number of days or the like, or nothing (not said): digits only, narrow."""

    def __init__(self, placeholder: str = "", maximum: int = 9999, parent: QWidget | None = None):
        super().__init__(placeholder, parent)
        self.setValidator(QIntValidator(0, maximum, self))
        width = QFontMetrics(self.font()).horizontalAdvance("0" * (len(str(maximum)) + 3))
        self.setMaximumWidth(width + 24)
