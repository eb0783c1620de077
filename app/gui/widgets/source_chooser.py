"""Where we learned it: a document of the case and the pin cite within it."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from app.core.dates import PartialDate
from app.gui.widgets.basic import ChoiceCombo, LineEdit


def document_label(doc: dict[str, Any]) -> str:
    date = doc.get("date")
    if isinstance(date, PartialDate):
        return f"{doc['title']}  ({date.display()})"
    return str(doc["title"])


class SourceChooser(QWidget):
    """Two fields on one line: ``document`` (id or None) and ``pin`` (text)."""

    def __init__(self, documents: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = ChoiceCombo(
            ((d["id"], document_label(d)) for d in documents),
            none_label="(no source document)",
            min_chars=24,
        )
        self.document.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.pin = LineEdit("¶ 17, p. 3, 00:14:05")
        self.pin.setMaximumWidth(170)
        pin_label = QLabel("Pin cite")
        pin_label.setBuddy(self.pin)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.document, 1)
        layout.addSpacing(4)
        layout.addWidget(pin_label)
        layout.addWidget(self.pin)
        self.setFocusProxy(self.document)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
