"""The Case menu: intake work on the open case (statements from a text, conflict check)
and case archives.

The window makes one :class:`CaseMenu` (``window.case_menu``); each intake tool is loaded
only when used. Questions, warnings and file choosers go through the context's
:class:`~app.gui.interaction.Interaction`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QMainWindow,
    QMenu,
)

from app.gui.dialogs.paste_text import PasteTextDialog
from app.gui.window.menus import WindowMenu, menu_action, menu_titled

if TYPE_CHECKING:
    from app.gui.window.host import WindowHost

ARCHIVES = "Case archives (*.zip)"


class CaseMenu(WindowMenu):
    """The Case menu of ``window``, before Help, and what its actions do."""

    def __init__(self, window: WindowHost) -> None:
        self.window = window
        parent = window.window()
        self.menu = QMenu("&Case", parent)
        self.from_file_action = menu_action(
            parent, "Statements from a &File…", self.statements_from_file
        )
        self.pasted_action = menu_action(
            parent, "Statements from &Pasted Text…", self.statements_from_paste
        )
        self.conflict_action = menu_action(
            parent, "&Conflict Check…", self.conflict_check, "Ctrl+Shift+K"
        )
        self.import_action = menu_action(parent, "&Import Case Archive…", self.import_case_archive)
        self.export_action = menu_action(parent, "E&xport Case Archive…", self.export_case_archive)
        self.menu.addActions([self.from_file_action, self.pasted_action])
        self.menu.addSeparator()
        self.menu.addAction(self.conflict_action)
        self.menu.addSeparator()
        self.menu.addActions([self.import_action, self.export_action])
        self.menu.aboutToShow.connect(self._enable)
        bar = window.menuBar()
        help_menu = menu_titled(window, "Help")
        if help_menu is not None:
            bar.insertMenu(help_menu.menuAction(), self.menu)
        else:
            bar.addMenu(self.menu)

    def _enable(self) -> None:
        has_case = self.window.current_case_id() is not None
        self.from_file_action.setEnabled(has_case)
        self.pasted_action.setEnabled(has_case)
        self.export_action.setEnabled(has_case)

    # -- statements --------------------------------------------------------------------

    def _review(self, text: str, source_name: str) -> None:
        from app.gui.dialogs.extract import review_extraction

        case_id = self.window.current_case_id()
        if case_id is None:
            return
        if not text.strip():
            self._talk.inform(self._parent, "Nothing to read", "The text is empty.")
            return
        window = self.window
        review_extraction(window.ctx, window.undo, case_id, text, source_name, self._parent)

    def statements_from_file(self) -> None:
        from app.core.textextract import extract_text

        name = self._talk.open_file(
            self._parent,
            "Statements from a File",
            Path.home(),
            "Texts (*.txt *.md *.docx *.pdf *.eml);;All files (*)",
        )
        if not name:
            return
        text, note = extract_text(Path(name))
        if text is None:
            self._talk.warn(self._parent, "Cannot read the file", note or "No text found.")
            return
        self._review(text, Path(name).name)

    def statements_from_paste(self) -> None:
        dialog = PasteTextDialog(self._parent)
        if self._talk.run_dialog(dialog) == QDialog.DialogCode.Accepted:
            source = dialog.source.text().strip() or "Pasted text"
            self._review(dialog.text.toPlainText(), source)
        dialog.deleteLater()

    # -- conflicts ---------------------------------------------------------------------

    def conflict_check(self) -> None:
        from app.core.intake.conflicts import check_person
        from app.gui.conflict_panel import show_hits

        name = self._talk.ask_text(
            self._parent, "Conflict Check", "Name to check against all cases:"
        )
        if name and name.strip():
            hits = check_person(self.window.ctx.workspace, name.strip(), roles=("client",))
            show_hits(self._main_window(), hits, name.strip())

    def _main_window(self) -> QMainWindow:
        window = self._parent
        assert isinstance(window, QMainWindow)
        return window

    # -- case archives -----------------------------------------------------------------

    def _ask_archive_passphrase(self) -> str | None:
        secret = self._talk.ask_text(
            self._parent,
            "Encrypted Case Archive",
            "This case archive is protected. Its passphrase:",
            secret=True,
        )
        return secret or None

    def import_case_archive(self, path: Path | None = None) -> int | None:
        """Import a case archive in one transaction, then run the conflict check on its
        parties."""
        from app.core.archive.transfer import import_archive
        from app.core.errors import CasefileError
        from app.core.intake.conflicts import check_case
        from app.core.storage.crypto import PassphraseRequired, WrongPassphrase
        from app.gui.window.conflict_badge import report

        window = self.window
        if path is None:
            name = self._talk.open_file(self._parent, "Import Case Archive", Path.home(), ARCHIVES)
            if not name:
                return None
            path = Path(name)
        passphrase: str | None = None
        while True:
            try:
                case_id = import_archive(window.ctx.workspace, path, passphrase=passphrase)
                break
            except (PassphraseRequired, WrongPassphrase) as exc:
                if isinstance(exc, WrongPassphrase):
                    self._talk.warn(self._parent, "Wrong passphrase", str(exc))
                passphrase = self._ask_archive_passphrase()
                if passphrase is None:
                    return None
            except CasefileError as exc:
                self._talk.warn(self._parent, "Cannot import the archive", str(exc))
                return None
        window.open_case(case_id)
        found = check_case(window.ctx.workspace, case_id)
        # The badge says what was found; the dock opens only for a possible conflict.
        report(self._main_window(), [hit for _name, hit in found], "the imported case")
        window.statusBar().showMessage(f"Imported {path.name}", 5000)
        return case_id

    def export_case_archive(self, path: Path | None = None) -> bool:
        from app.core.archive.transfer import export_case
        from app.core.errors import CasefileError

        window = self.window
        case_id = window.current_case_id()
        if case_id is None:
            return False
        if path is None:
            name = self._talk.save_file(
                self._parent, "Export Case Archive", Path.home() / "case.zip", ARCHIVES
            )
            if not name:
                return False
            path = Path(name)
        try:
            export_case(window.ctx.workspace, case_id, path)
        except CasefileError as exc:
            self._talk.warn(self._parent, "Cannot export the case", str(exc))
            return False
        window.statusBar().showMessage(f"Exported to {path}", 5000)
        return True
