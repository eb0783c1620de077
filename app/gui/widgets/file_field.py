"""The file attached to a document: its name and size, and a button to choose one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from app.gui.interaction import Interaction
from app.gui.widgets.style import muted_color, set_label_color


def human_size(size: int | None) -> str:
    if size is None:
        return ""
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return ""


class FileField(QWidget):
    """``value()`` is the newly chosen path, or None to keep what is attached.
    The file chooser is the ``interaction``'s (the form's)."""

    changed = Signal()

    def __init__(self, interaction: Interaction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.interaction = interaction
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.button = QPushButton("Choose file…", self)
        self.button.clicked.connect(self._choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self._attached: tuple[str, int | None] | None = None
        self._path: Path | None = None
        self.setFocusProxy(self.button)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._refresh()

    def show_attached(self, name: str | None, size: int | None) -> None:
        self._attached = (name, size) if name else None
        self._refresh()

    def _choose(self) -> None:
        name = self.interaction.open_file(self, "Attach a file")
        if name:
            self.set_value(Path(name))

    def _refresh(self) -> None:
        if self._path is not None:
            size = self._path.stat().st_size if self._path.exists() else None
            self.label.setText(f"{self._path.name}  ·  {human_size(size)}  (attached on save)")
            set_label_color(self.label, self.palette().windowText().color())
            self.button.setText("Choose another…")
        elif self._attached is not None:
            name, size = self._attached
            self.label.setText(f"{name}  ·  {human_size(size)}")
            set_label_color(self.label, self.palette().windowText().color())
            self.button.setText("Replace…")
        else:
            self.label.setText("No file attached")
            set_label_color(self.label, muted_color(self.palette()))
            self.button.setText("Choose file…")

    def value(self) -> Path | None:
        return self._path

    def set_value(self, value: Any) -> None:
        self._path = Path(value) if value else None
        self._refresh()
        self.changed.emit()

    def error_target(self) -> QWidget:
        return self.label
