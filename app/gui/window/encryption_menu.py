"""Encrypted workspaces from the window (app/core/storage/crypto.py and encryption.py).

The window makes one :class:`EncryptionMenu` (``window.encryption_menu``), which adds
to the File menu, after New Workspace…:

* New Encrypted Workspace…: asks where and for a passphrase (twice), creates the
  workspace and opens it in the window;
* Change Passphrase…: for the open encrypted workspace (disabled otherwise).

Opening an encrypted workspace asks for its passphrase (app/gui/dialogs/workspace.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.core.errors import CasefileError
from app.gui.dialogs.workspace import ask_new_workspace
from app.gui.window.menus import WindowMenu, insert_after, menu_action, menu_titled

if TYPE_CHECKING:
    from app.gui.interaction import Interaction
    from app.gui.window.host import WindowHost

PASSPHRASE_TASK = "passphrase"  # its name on the task runner


def ask_new_passphrase(parent: QWidget | None, title: str, interaction: Interaction) -> str | None:
    """A new passphrase, typed twice; None if cancelled."""
    while True:
        first = interaction.ask_text(
            parent, title, "New passphrase (without it nobody can open the data):", secret=True
        )
        if not first:
            return None
        if interaction.ask_text(parent, title, "The new passphrase again:", secret=True) == first:
            return first
        interaction.warn(parent, title, "The two passphrases differ. Try again.")


class EncryptionMenu(WindowMenu):
    """New Encrypted Workspace… and Change Passphrase…, in the window's File menu."""

    def __init__(self, window: WindowHost) -> None:
        self.window = window
        parent = window.window()
        self.new_encrypted_action = menu_action(
            parent, "New &Encrypted Workspace…", self.new_encrypted_workspace
        )
        self.change_action = menu_action(parent, "Change &Passphrase…", self.change_passphrase)
        file_menu = menu_titled(window, "File")
        if file_menu is not None:
            actions = (self.new_encrypted_action, self.change_action)
            insert_after(file_menu, window.new_workspace_action, actions)
            file_menu.aboutToShow.connect(self._enable)

    def _enable(self) -> None:
        window = self.window
        self.change_action.setEnabled(window.has_workspace and window.ctx.workspace.key is not None)

    def new_encrypted_workspace(self) -> None:
        from pathlib import Path

        from app.core.storage.encryption import create_encrypted_workspace

        talk = self.window.interaction
        target = ask_new_workspace(self._parent, self.window.workspace_part.folder(), talk)
        if not target:
            return
        if Path(target).exists():
            self.window.workspace_part.switch_to(target)  # an existing one is opened, not replaced
            return
        title = "New Encrypted Workspace"
        secret = ask_new_passphrase(self._parent, title, talk)
        if secret is None:
            return
        try:
            create_encrypted_workspace(target, secret).close()
        except CasefileError as exc:
            talk.warn(self._parent, title, str(exc))
            return
        self.window.workspace_part.switch_to(target)  # asks for the passphrase: a last check

    def change_passphrase(self) -> None:
        from app.core.storage import encryption
        from app.gui.dialogs.progress import run_with_progress

        talk = self.window.interaction
        ws = self.window.ctx.workspace
        title = "Change Passphrase"
        if ws.key is None:
            talk.inform(self._parent, title, "This workspace is not encrypted.")
            return
        old = talk.ask_text(self._parent, title, "The current passphrase:", secret=True)
        if not old:
            return
        new = ask_new_passphrase(self._parent, title, talk)
        if new is None:
            return
        # Re-keying rewrites every page of the database: seconds for a big workspace, off
        # the window's thread; the window-modal dialog keeps hands off the workspace.
        run_with_progress(
            self.window.ctx, self._parent, PASSPHRASE_TASK,
            "Changing the passphrase: every page of the workspace is encrypted again. "
            "This cannot be stopped once begun.",
            lambda _control: encryption.change_passphrase(ws, old, new),
            on_done=lambda _none: talk.inform(
                self._parent, title,
                "The passphrase is changed. Backups made before still open with the old one.",
            ),
            on_error=lambda exc: self._not_changed(title, exc),
            failure=title, title=title, cancellable=False,
        )  # fmt: skip

    def _not_changed(self, title: str, error: BaseException) -> bool:
        from app.gui.dialogs.progress import failure_text

        self.window.interaction.warn(
            self._parent, title, f"The passphrase was not changed: {failure_text(error)}"
        )
        return True
