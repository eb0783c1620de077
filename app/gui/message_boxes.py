"""Message boxes shared by the window's actions and dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_destructive(
    parent: QWidget | None, title: str, text: str, detail: str, action: str
) -> bool:
    """A warning asking to confirm ``action`` (deleting, replacing); True if confirmed.
    Cancel is the default button: Enter must never destroy a client's file by accident."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(detail)
    ok = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is ok
