"""Help › User Guide (F1): the bundled guide, its contents beside it and a find bar.

The guide is Markdown (``guide.md`` beside this module, package data of the wheel and
of the packaged app). The contents list is read from the guide's own headings, so a
section added to the text appears there without code. Ctrl+F finds in the page; Enter
goes to the next match, Shift+Enter to the one before. The dialog is not modal: it
stays open beside the window while the person works.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.gui import style
from app.gui.dialogs.base import Buttons, Dialog

GUIDE_FILE = "guide.md"
MISSING = "# User guide\n\nThe user guide is not in this build of Casefile."


def guide_text() -> str:
    """The guide's Markdown (a short note if this build lacks the file)."""
    try:
        return resources.files("app.gui.guide").joinpath(GUIDE_FILE).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return MISSING


class FindField(QLineEdit):
    """The guide's find box: Enter finds the next match, Shift+Enter the one before,
    Escape clears the box (and, when it is empty, closes the guide)."""

    def __init__(self, guide: GuideDialog) -> None:
        super().__init__(guide)
        self.guide = guide
        self.setPlaceholderText("Find in the guide  (Ctrl+F)")
        self.setClearButtonEnabled(True)
        self.setAccessibleName("Find in the guide")
        self.setAccessibleDescription("Enter finds the next match, Shift+Enter the one before")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            backward = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.guide.find(self.text(), backward=backward)
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class GuideDialog(Dialog):
    """The user guide: contents on the left, the text on the right, a find bar above."""

    dialog_name = "UserGuide"
    default_size = (920, 640)

    def __init__(self, parent: QWidget | None = None, **kwargs: Any) -> None:
        super().__init__(parent, title="Casefile User Guide", **kwargs)
        self.setModal(False)
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName("User guide")
        self.browser.setOpenExternalLinks(True)
        self.browser.document().setDocumentMargin(style.MARGIN * 1.5)
        self.browser.setMarkdown(guide_text())
        self.contents = QListWidget(self)
        self.contents.setAccessibleName("Contents")
        self.contents.setAccessibleDescription("The guide's sections; Enter goes to one")
        for title, position in self._headings():
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, position)
            self.contents.addItem(item)
        self.contents.currentItemChanged.connect(self._go_to_item)
        self.contents.setSpacing(2)
        self.contents.setMinimumWidth(self.contents.sizeHintForColumn(0) + 2 * style.MARGIN)

        self.find_field = FindField(self)
        self.previous_button = QPushButton("Previous", self)
        self.previous_button.setAccessibleName("Find the previous match")
        self.previous_button.clicked.connect(lambda: self.find(self.find_field.text(), True))
        self.next_button = QPushButton("Next", self)
        self.next_button.setAccessibleName("Find the next match")
        self.next_button.clicked.connect(lambda: self.find(self.find_field.text()))
        self.find_status = style.muted(QLabel(self))
        self.find_status.setAccessibleName("Find result")
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.focus_find)

        find_row = QHBoxLayout()
        find_row.setSpacing(style.SPACING)
        find_row.addWidget(self.find_field, 1)
        find_row.addWidget(self.previous_button)
        find_row.addWidget(self.next_button)
        find_row.addWidget(self.find_status)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([self.contents.minimumWidth(), 700])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(find_row)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.button_box(Buttons.Close))
        # Tab order: find, its buttons, the contents, the text, Close.
        self.setTabOrder(self.find_field, self.previous_button)
        self.setTabOrder(self.previous_button, self.next_button)
        self.setTabOrder(self.next_button, self.contents)
        self.setTabOrder(self.contents, self.browser)
        self.browser.setFocus()

    def _headings(self) -> list[tuple[str, int]]:
        """The guide's section headings (level 2) and where each starts."""
        found = []
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() == 2:
                found.append((block.text().strip(), block.position()))
            block = block.next()
        return found

    def headings(self) -> list[str]:
        return [self.contents.item(i).text() for i in range(self.contents.count())]

    def _go_to_item(self, item: QListWidgetItem | None, _previous: Any = None) -> None:
        if item is not None:
            self.go_to(int(item.data(Qt.ItemDataRole.UserRole)))

    def go_to(self, position: int) -> None:
        """Put the text at ``position`` at the top of the view."""
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(position)
        self.browser.setTextCursor(cursor)
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.maximum())  # then back: the heading ends up at the top
        self.browser.ensureCursorVisible()

    def show_section(self, title: str) -> bool:
        """Show the section called ``title`` (True if the guide has it)."""
        for row in range(self.contents.count()):
            if self.contents.item(row).text() == title:
                self.contents.setCurrentRow(row)
                return True
        return False

    def focus_find(self) -> None:
        self.find_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_field.selectAll()

    def find(self, text: str, backward: bool = False) -> bool:
        """Select the next (or previous) match of ``text``, going round at the end."""
        text = text.strip()
        if not text:
            self.find_status.setText("")
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self.browser.find(text, flags)
        if not found:  # go round: from the other end
            cursor = self.browser.textCursor()
            end = QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
            cursor.movePosition(end)
            self.browser.setTextCursor(cursor)
            found = self.browser.find(text, flags)
        self.find_status.setText("" if found else f"No “{text}” in the guide")
        return found


def show_guide(window: Any, section: str = "") -> GuideDialog:
    """Open the guide beside ``window`` (one per window: shown again if open), at
    ``section`` if given."""
    dialog = getattr(window, "guide_dialog", None)
    if not isinstance(dialog, GuideDialog):
        dialog = GuideDialog(window, settings=window.settings, interaction=window.interaction)
        window.guide_dialog = dialog
    if section:
        dialog.show_section(section)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
