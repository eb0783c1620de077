"""The dialog that takes pasted text (an article, an email, interview notes) to read."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from app.gui.dialogs.base import Buttons, Dialog


class PasteTextDialog(Dialog):
    """Paste an article, an email or interview notes to draw statements from."""

    default_size = (760, 560)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, title="Statements from Pasted Text")
        self.source = QLineEdit()
        self.source.setPlaceholderText("e.g. Gothamist article, August 2020")
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Text to find statements in")
        self.text.setPlaceholderText("Paste the text here. Each paragraph on its own line.")
        form = QFormLayout()
        form.addRow("&Source name:", self.source)
        buttons = self.button_box(Buttons.Ok | Buttons.Cancel)
        buttons.button(Buttons.Ok).setText("&Find Statements")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
