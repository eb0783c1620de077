"""How the app asks, warns and lets the person choose files: one object on the AppContext.

Every question, warning, notice and file chooser goes through an :class:`Interaction`,
never through ``QMessageBox`` or ``QFileDialog`` directly. The desktop app hands its
windows a :class:`QtInteraction`; tests hand them a recording stand-in
(``tests/gui/recording.py``) that answers from a script and keeps what was said, so
no test patches a module global or blocks on a modal ``exec()``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

TITLE = "Casefile"

# The answers to "Save the changes to this record?"
SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


class Interaction(Protocol):
    """What the app may ask of, or tell, the person at the screen."""

    def confirm_destructive(
        self, parent: QWidget | None, title: str, text: str, detail: str, action: str
    ) -> bool:
        """Ask to confirm ``action`` (deleting, replacing); True if confirmed."""
        ...

    def ask_yes_no(self, parent: QWidget | None, title: str, text: str, detail: str = "") -> bool:
        """A plain question; True for Yes. No is the default answer."""
        ...

    def ask_unsaved_changes(self, parent: QWidget | None, what: str) -> str:
        """Save the changes to this ``what``? :data:`SAVE`, :data:`DISCARD` or :data:`CANCEL`."""
        ...

    def inform(self, parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
        """Tell the person something that went as expected, or needs no decision."""
        ...

    def warn(self, parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
        """Tell the person something did not happen, and why."""
        ...

    def ask_text(
        self, parent: QWidget | None, title: str, label: str, *, secret: bool = False
    ) -> str | None:
        """One line of text (a passphrase when ``secret``); None when cancelled."""
        ...

    def open_file(
        self, parent: QWidget | None, title: str, folder: str | Path = "", filter: str = ""
    ) -> str | None:
        """The path of one existing file, or None when cancelled."""
        ...

    def open_files(
        self, parent: QWidget | None, title: str, folder: str | Path = "", filter: str = ""
    ) -> list[str]:
        """The paths of existing files; empty when cancelled."""
        ...

    def save_file(
        self,
        parent: QWidget | None,
        title: str,
        path: str | Path = "",
        filter: str = "",
        *,
        confirm_overwrite: bool = True,
    ) -> str | None:
        """Where to write a new file, or None when cancelled. Without
        ``confirm_overwrite`` the chooser does not ask about an existing file (the
        caller asks its own question)."""
        ...

    def run_dialog(self, dialog: QDialog) -> int:
        """Show a modal dialog and return its result code (``QDialog.DialogCode``)."""
        ...


class QtInteraction:
    """The real thing: Qt's message boxes, input dialogs and file choosers."""

    def confirm_destructive(
        self, parent: QWidget | None, title: str, text: str, detail: str, action: str
    ) -> bool:
        # Cancel is the default button: Enter must never destroy a client's file by accident.
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

    def ask_yes_no(self, parent: QWidget | None, title: str, text: str, detail: str = "") -> bool:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(title)
        box.setText(text)
        if detail:
            box.setInformativeText(detail)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def ask_unsaved_changes(self, parent: QWidget | None, what: str) -> str:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Unsaved changes")
        box.setText(f"Save the changes to this {what}?")
        box.setInformativeText("If you don't save, what you typed here is lost.")
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return SAVE
        if answer == QMessageBox.StandardButton.Discard:
            return DISCARD
        return CANCEL

    def inform(self, parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
        self._show(QMessageBox.Icon.Information, parent, title, text, detail)

    def warn(self, parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
        self._show(QMessageBox.Icon.Warning, parent, title, text, detail)

    def ask_text(
        self, parent: QWidget | None, title: str, label: str, *, secret: bool = False
    ) -> str | None:
        mode = QLineEdit.EchoMode.Password if secret else QLineEdit.EchoMode.Normal
        value, ok = QInputDialog.getText(parent, title, label, mode)
        return value if ok else None

    def open_file(
        self, parent: QWidget | None, title: str, folder: str | Path = "", filter: str = ""
    ) -> str | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, str(folder), filter)
        return name or None

    def open_files(
        self, parent: QWidget | None, title: str, folder: str | Path = "", filter: str = ""
    ) -> list[str]:
        names, _ = QFileDialog.getOpenFileNames(parent, title, str(folder), filter)
        return list(names)

    def save_file(
        self,
        parent: QWidget | None,
        title: str,
        path: str | Path = "",
        filter: str = "",
        *,
        confirm_overwrite: bool = True,
    ) -> str | None:
        options = QFileDialog.Option(0)
        if not confirm_overwrite:
            options |= QFileDialog.Option.DontConfirmOverwrite
        name, _ = QFileDialog.getSaveFileName(parent, title, str(path), filter, options=options)
        return name or None

    def run_dialog(self, dialog: QDialog) -> int:
        return dialog.exec()

    @staticmethod
    def _show(
        icon: QMessageBox.Icon, parent: QWidget | None, title: str, text: str, detail: str
    ) -> None:
        box = QMessageBox(parent)
        box.setIcon(icon)
        box.setWindowTitle(title or TITLE)
        box.setText(text)
        if detail:
            box.setInformativeText(detail)
        box.exec()
