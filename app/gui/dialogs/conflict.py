"""The question asked when someone else saved a record after its form was opened."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

RELOAD, OVERWRITE, KEEP_EDITING = "reload", "overwrite", "keep"


class ConflictBox(QMessageBox):
    """Say who changed the record and when; offer Reload, Overwrite or Keep Editing.

    Shown through ``Interaction.run_dialog``; :meth:`choice` is the answer."""

    def __init__(self, parent: QWidget | None, error: Exception) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle("Changed by someone else")
        self.setText(f"Not saved: {error}.")
        self.setInformativeText(
            "Reload shows their version (your changes in this form are dropped). "
            "Overwrite saves this form over their change; the history keeps both."
        )
        self.reload = self.addButton("&Reload", QMessageBox.ButtonRole.DestructiveRole)
        self.overwrite = self.addButton("&Overwrite", QMessageBox.ButtonRole.AcceptRole)
        self.keep = self.addButton("&Keep Editing", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.reload)

    def choice(self) -> str:
        clicked = self.clickedButton()
        if clicked is self.reload:
            return RELOAD
        return OVERWRITE if clicked is self.overwrite else KEEP_EDITING
