"""The dialog every Casefile dialog is built on (after Picard's ``PicardDialog``).

It owns the parts each dialog used to do by hand:

* geometry, remembered in the person's settings under ``dialogs/<name>/geometry``
  and restored the first time the dialog is shown (else it is fitted to the screen);
* the standard buttons (:meth:`Dialog.button_box`): accept and reject wired, plus a
  Help button when the dialog has help text;
* Escape (and the platform's Close key) cancels: :meth:`QDialog.reject`, which a
  dialog may override to ask first (the record forms' unsaved-changes prompt);
* help: :attr:`Dialog.help_text`, shown by the Help button or F1 through the
  context's :class:`~app.gui.interaction.Interaction`.

Settings and interaction come from the ``ctx`` given, else from the parent window's
context (the main window has one), so a dialog opened from the window remembers its
size without every caller threading the context through.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from app.gui.interaction import Interaction, QtInteraction
from app.gui.settings import bytes_setting, dialog_geometry_key

Buttons = QDialogButtonBox.StandardButton


def context_of(parent: QWidget | None) -> Any:
    """The AppContext of the window ``parent`` sits in, or None."""
    if parent is None:
        return None
    try:
        return getattr(parent.window(), "ctx", None) or getattr(parent, "ctx", None)
    except RuntimeError:  # the main window paints (Help works) before its workspace opens
        return None


class Dialog(QDialog):
    """A Casefile dialog: remembered geometry, standard buttons, Escape, help."""

    #: The name its geometry is remembered under; the class name when empty.
    dialog_name = ""
    #: The size it opens at the first time.
    default_size: tuple[int, int] | None = None
    #: Shown by the Help button (added by :meth:`button_box`) and F1; none when empty.
    help_text = ""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        title: str = "",
        ctx: Any = None,
        settings: MutableMapping[str, Any] | None = None,
        interaction: Interaction | None = None,
    ) -> None:
        super().__init__(parent)
        ctx = ctx if ctx is not None else context_of(parent)
        if settings is None and ctx is not None:
            settings = ctx.settings
        if interaction is None:
            interaction = ctx.interaction if ctx is not None else QtInteraction()
        self.settings = settings
        self.interaction: Interaction = interaction
        self.buttons: QDialogButtonBox | None = None
        self._geometry_restored = False
        self.setObjectName(self.name())
        if title:
            self.setWindowTitle(title)
        if self.default_size is not None:
            self.resize(*self.default_size)

    # -- buttons and help ------------------------------------------------------------

    def button_box(
        self,
        buttons: QDialogButtonBox.StandardButton,
        *,
        on_accept: Callable[[], Any] | None = None,
    ) -> QDialogButtonBox:
        """The row of standard buttons: accepting ones call ``on_accept`` (default
        :meth:`accept`), rejecting ones :meth:`reject`; Help shows :attr:`help_text`."""
        if self.help_text:
            buttons |= Buttons.Help
        box = QDialogButtonBox(buttons, self)
        box.accepted.connect(on_accept or self.accept)
        box.rejected.connect(self.reject)
        box.helpRequested.connect(self.show_help)
        self.buttons = box
        return box

    def show_help(self) -> None:
        if self.help_text:
            self.interaction.inform(self, f"Help — {self.windowTitle()}", self.help_text)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        # QDialog handles Escape; the platform's Close key (Ctrl+W) cancels the same way.
        if event.matches(QKeySequence.StandardKey.Close):
            self.reject()
            event.accept()
            return
        if self.help_text and (
            event.key() == Qt.Key.Key_F1 or event.matches(QKeySequence.StandardKey.HelpContents)
        ):
            self.show_help()
            event.accept()
            return
        super().keyPressEvent(event)

    # -- geometry --------------------------------------------------------------------

    def name(self) -> str:
        return self.dialog_name or type(self).__name__

    def geometry_key(self) -> str:
        return dialog_geometry_key(self.name())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        if not self._geometry_restored:
            self._geometry_restored = True
            settings = self.settings
            saved = bytes_setting(settings, self.geometry_key()) if settings is not None else None
            if saved is None or not self.restoreGeometry(saved):
                self._fit_to_screen()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        # Every way out (accept, reject, Escape, the title bar's close) hides the dialog.
        self.remember_geometry()
        super().hideEvent(event)

    def remember_geometry(self) -> None:
        if self.settings is not None and self._geometry_restored:
            self.settings[self.geometry_key()] = self.saveGeometry()

    def _fit_to_screen(self) -> None:
        parent = self.parentWidget()
        screen = self.screen() or (parent.screen() if parent is not None else None)
        if screen is None:
            return
        room = screen.availableGeometry()
        self.resize(min(self.width(), room.width() - 40), min(self.height(), room.height() - 60))
