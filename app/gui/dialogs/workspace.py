"""Asking about workspaces: which one to open, where a new one goes, an encrypted one's
passphrase, and what to do instead when one cannot be opened.

The start of the app (``app/gui/app.py``) and the window's File menu use these. Every
question goes through an :class:`~app.gui.interaction.Interaction` (the choice offered
after a failure, a message with a button for each way out, is run by its
``run_dialog``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.core.storage.paths import WORKSPACE_SUFFIX, default_workspace_path

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from app.core.storage.workspace import Workspace
    from app.gui.interaction import Interaction

WORKSPACE_FILTER = f"Casefile workspaces (*{WORKSPACE_SUFFIX})"


def open_asking_passphrase(
    target: str, parent: QWidget | None, interaction: Interaction, *, exclusive: bool = True
) -> Workspace:
    """``open_workspace``, asking for the passphrase when the workspace is encrypted
    (again after a wrong one). Cancelling raises the "give its passphrase" error."""
    from app.core.safety.on_open import install_hooks
    from app.core.storage.crypto import PassphraseRequired, WrongPassphrase
    from app.core.storage.workspace import open_workspace

    install_hooks()  # quick-checked on open, backed up once a day in the background
    try:
        return open_workspace(target, exclusive=exclusive)
    except PassphraseRequired as exc:
        refused: BaseException = exc
    problem = ""
    while True:
        secret = ask_passphrase(parent, target, interaction, problem)
        if secret is None:
            raise refused
        try:
            return open_workspace(target, secret, exclusive=exclusive)
        except WrongPassphrase as exc:
            problem = "Wrong passphrase. Try again."
            refused = exc


def ask_passphrase(
    parent: QWidget | None, target: str, interaction: Interaction, problem: str = ""
) -> str | None:
    """The passphrase typed into a password field (None if cancelled or left empty)."""
    label = f"{problem}\n\n" if problem else ""
    text = interaction.ask_text(
        parent,
        "Encrypted Workspace",
        f"{label}{Path(target).name} is encrypted. Passphrase:",
        secret=True,
    )
    return text or None


def ask_after_failure(
    target: str, error: Exception, parent: QWidget | None, interaction: Interaction
) -> str | None:
    """A message naming the workspace and the reason, with buttons for each way out;
    the workspace to try next, or None to quit."""
    from PySide6.QtWidgets import QMessageBox

    default = str(default_workspace_path())
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Cannot open workspace")
    box.setText("Casefile could not open the workspace")
    box.setInformativeText(
        f"{target}\n\n{error}\n\n"
        "You can open another workspace, start a new one, or quit. Nothing has been changed."
    )
    open_other = box.addButton("Open Another…", QMessageBox.ButtonRole.AcceptRole)
    new_one = box.addButton("New Workspace…", QMessageBox.ButtonRole.ActionRole)
    use_default = None
    if "://" in target or Path(target).expanduser().resolve() != Path(default):
        use_default = box.addButton("Use Default Workspace", QMessageBox.ButtonRole.ActionRole)
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_other)
    interaction.run_dialog(box)
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is quit_button or clicked is None:
        return None
    if use_default is not None and clicked is use_default:
        return default
    folder = Path(default).parent
    ask = ask_new_workspace if clicked is new_one else ask_workspace
    name = ask(parent, folder, interaction)
    # Cancelling the file dialog brings the question back rather than quitting.
    return name or target


def ask_workspace(parent: QWidget | None, folder: Path, interaction: Interaction) -> str | None:
    """Ask which workspace file to open."""
    return interaction.open_file(
        parent, "Open Workspace", folder, f"{WORKSPACE_FILTER};;All files (*)"
    )


def ask_new_workspace(parent: QWidget | None, folder: Path, interaction: Interaction) -> str | None:
    """Ask where a new workspace goes; an existing one is offered for opening instead."""
    name = interaction.save_file(
        parent,
        "New Workspace",
        folder / f"cases{WORKSPACE_SUFFIX}",
        WORKSPACE_FILTER,
        confirm_overwrite=False,  # a workspace is never overwritten; we ask below
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix != WORKSPACE_SUFFIX:
        path = path.with_name(path.name + WORKSPACE_SUFFIX)
    if path.exists() and not interaction.ask_yes_no(
        parent, "Workspace exists", f"{path} is already a workspace. Open it instead?"
    ):
        return None
    return str(path)
