"""Encrypted workspaces from the window (app/core/storage/crypto.py and encryption.py).

``install(window)`` adds to the File menu, after New Workspace…:

* New Encrypted Workspace…: asks where and for a passphrase (twice), creates the
  workspace and opens it in the window;
* Change Passphrase…: for the open encrypted workspace (disabled otherwise).

Opening an encrypted workspace asks for its passphrase (app/gui/app.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from app.core.errors import CasefileError

if TYPE_CHECKING:
    from app.gui.window.main_window import MainWindow


def ask_secret(parent: QWidget | None, title: str, label: str) -> str | None:
    """One password field (tests replace this)."""
    text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Password)
    return text if ok and text else None


def ask_new_passphrase(parent: QWidget | None, title: str) -> str | None:
    """A new passphrase, typed twice; None if cancelled."""
    while True:
        first = ask_secret(parent, title, "New passphrase (without it nobody can open the data):")
        if first is None:
            return None
        if ask_secret(parent, title, "The new passphrase again:") == first:
            return first
        QMessageBox.warning(parent, title, "The two passphrases differ. Try again.")


def install(window: MainWindow) -> None:
    new_encrypted = QAction("New &Encrypted Workspace…", window)
    new_encrypted.triggered.connect(lambda: new_encrypted_workspace(window))
    change = QAction("Change &Passphrase…", window)
    change.triggered.connect(lambda: change_passphrase(window))
    for action in window.menuBar().actions():
        menu = action.menu()
        if menu is not None and action.text().replace("&", "") == "File":
            actions = menu.actions()
            anchor = window.new_workspace_action
            after = actions[actions.index(anchor) + 1] if anchor in actions[:-1] else None
            menu.insertActions(after, [new_encrypted, change])  # type: ignore[arg-type]
            menu.aboutToShow.connect(
                lambda: change.setEnabled(
                    window.has_workspace and window.ctx.workspace.key is not None
                )
            )
            break
    window.encryption_actions = (new_encrypted, change)  # type: ignore[attr-defined]


def new_encrypted_workspace(window: MainWindow) -> None:
    from app.core.storage.encryption import create_encrypted_workspace
    from app.gui.app import ask_new_workspace

    current = window.ctx.workspace.path
    folder = current.parent if current is not None else Path.home()
    target = ask_new_workspace(window, folder)
    if not target:
        return
    if Path(target).exists():
        window.switch_workspace(target)  # an existing one is opened, not replaced
        return
    title = "New Encrypted Workspace"
    secret = ask_new_passphrase(window, title)
    if secret is None:
        return
    try:
        create_encrypted_workspace(target, secret).close()
    except CasefileError as exc:
        QMessageBox.warning(window, title, str(exc))
        return
    window.switch_workspace(target)  # asks for the passphrase: a last check of it


def change_passphrase(window: MainWindow) -> None:
    from app.core.storage import encryption

    ws = window.ctx.workspace
    title = "Change Passphrase"
    if ws.key is None:
        QMessageBox.information(window, title, "This workspace is not encrypted.")
        return
    old = ask_secret(window, title, "The current passphrase:")
    if old is None:
        return
    new = ask_new_passphrase(window, title)
    if new is None:
        return
    try:
        encryption.change_passphrase(ws, old, new)
    except CasefileError as exc:
        QMessageBox.warning(window, title, f"The passphrase was not changed: {exc}")
        return
    QMessageBox.information(
        window,
        title,
        "The passphrase is changed. Backups made before still open with the old one.",
    )
