"""The Case menu: intake work on the open case (statements from a text, conflict check)
and case archives.

The window makes one :class:`CaseMenu` (``window.case_menu``); each intake tool is loaded
only when used. Questions, warnings and file choosers go through the context's
:class:`~app.gui.interaction.Interaction`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
    QMainWindow,
    QMenu,
)

from app.gui.dialogs.paste_text import PasteTextDialog
from app.gui.window.menus import WindowMenu, menu_action, menu_titled

if TYPE_CHECKING:
    from app.gui.dialogs.progress import ProgressDialog
    from app.gui.tasks import TaskControl
    from app.gui.window.host import WindowHost

ARCHIVES = "Case archives (*.zip)"
# The names of the Case menu's tasks on the runner (app/gui/tasks.py).
IMPORT_TASK, EXPORT_TASK, CHECK_TASK, READ_TASK = (
    "archive-import",
    "archive-export",
    "conflict-check",
    "statements-reading",
)


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
        self.imported: list[int] = []  # the cases imported, in order (tests, a report)
        bar = window.menuBar()
        help_menu = menu_titled(window, "Help")
        if help_menu is not None:
            bar.insertMenu(help_menu.menuAction(), self.menu)
        else:
            bar.addMenu(self.menu)

    def _enable(self) -> None:
        has_case = self.window.current_case_id() is not None
        running = self.window.ctx.tasks.running() if self.window.has_workspace else []
        reading = READ_TASK in running
        self.from_file_action.setEnabled(has_case and not reading)
        self.pasted_action.setEnabled(has_case and not reading)
        self.import_action.setEnabled(self.window.has_workspace and IMPORT_TASK not in running)
        self.export_action.setEnabled(has_case and EXPORT_TASK not in running)

    # -- statements --------------------------------------------------------------------

    def _find_statements(self, source: Path | str, source_name: str) -> ProgressDialog | None:
        """Read ``source`` (a file, or the pasted text) and find its statements off the
        window's thread, with a progress bar and Cancel (which changes nothing); the
        review dialog opens after."""
        from app.gui.dialogs.extract import Found, read_and_find, review_extraction

        window = self.window
        case_id = window.current_case_id()
        if case_id is None:
            return None
        if isinstance(source, str) and not source.strip():
            self._talk.inform(self._parent, "Nothing to read", "The text is empty.")
            return None

        def found(result: Found) -> None:
            if result.text is None:
                self._talk.warn(self._parent, "Cannot read the file", result.note)
            elif not result.text.strip():
                self._talk.inform(self._parent, "Nothing to read", "The text is empty.")
            else:
                review_extraction(
                    window.ctx, window.undo, case_id, result.text, source_name,
                    self._parent, result.proposals,
                )  # fmt: skip

        from app.gui.dialogs.progress import run_with_progress  # not needed at start-up

        return run_with_progress(
            window.ctx,
            self._parent,
            READ_TASK,
            f"Reading {source_name} and finding its statements\u2026",
            lambda control: read_and_find(source, control.progress),
            on_done=found,
            failure="Cannot read the text",
            title="Statements from a Text",
            on_cancelled=lambda: self._say(f"Reading {source_name} was stopped."),
        )

    def statements_from_file(self) -> ProgressDialog | None:
        name = self._talk.open_file(
            self._parent,
            "Statements from a File",
            Path.home(),
            "Texts (*.txt *.md *.docx *.pdf *.eml);;All files (*)",
        )
        if not name:
            return None
        return self._find_statements(Path(name), Path(name).name)

    def statements_from_paste(self) -> ProgressDialog | None:
        dialog = PasteTextDialog(self._parent)
        started = None
        if self._talk.run_dialog(dialog) == QDialog.DialogCode.Accepted:
            source = dialog.source.text().strip() or "Pasted text"
            started = self._find_statements(dialog.text.toPlainText(), source)
        dialog.deleteLater()
        return started

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

    def import_case_archive(
        self, path: Path | None = None, passphrase: str | None = None
    ) -> ProgressDialog | None:
        """Import a case archive in one transaction, off the window's thread with a
        progress bar and Cancel (which adds nothing); then check its parties for
        conflicts. The passphrase of an encrypted archive is asked for here, on the
        window's thread, and the import started again with it."""
        from app.core.archive.transfer import import_archive

        if path is None:
            name = self._talk.open_file(self._parent, "Import Case Archive", Path.home(), ARCHIVES)
            if not name:
                return None
            path = Path(name)
        chosen = path
        workspace = self.window.ctx.workspace

        def work(control: TaskControl) -> int:
            worker = workspace.for_worker()  # its connections are made, used and closed there
            try:
                return import_archive(
                    worker, chosen, passphrase=passphrase, progress=control.progress
                )
            finally:
                worker.close()

        def needs_passphrase(error: BaseException) -> bool:
            from app.core.storage.crypto import PassphraseRequired, WrongPassphrase

            if not isinstance(error, PassphraseRequired | WrongPassphrase):
                return False
            if isinstance(error, WrongPassphrase):
                self._talk.warn(self._parent, "Wrong passphrase", str(error))
            secret = self._ask_archive_passphrase()
            if secret is not None:
                self.import_case_archive(chosen, secret)
            return True

        from app.gui.dialogs.progress import run_with_progress  # not needed at start-up

        return run_with_progress(
            self.window.ctx,
            self._parent,
            IMPORT_TASK,
            f"Importing {chosen.name}\u2026",
            work,
            on_done=lambda case_id: self._imported(chosen, case_id),
            failure="Cannot import the archive",
            title="Import Case Archive",
            on_cancelled=lambda: self._say(
                f"The import of {chosen.name} was stopped; nothing was added."
            ),
            on_error=needs_passphrase,
        )

    def _imported(self, path: Path, case_id: int) -> None:
        """The case is in: show it, then check its people against every other case."""
        window = self.window
        window.case_list.refresh()
        window.open_case(case_id)
        self._say(f"Imported {path.name}")
        self.imported.append(case_id)
        self.check_imported_case(case_id)

    def check_imported_case(self, case_id: int) -> ProgressDialog:
        """The conflict check of an imported case's parties, in the background: one
        look-up per person, seconds for a case of thousands."""
        from app.core.intake.conflicts import check_case
        from app.gui.window.conflict_badge import report

        workspace = self.window.ctx.workspace

        def work(control: TaskControl) -> list[Any]:
            worker = workspace.for_worker()
            try:
                return check_case(worker, case_id, progress=control.progress)
            finally:
                worker.close()

        def done(found: list[Any]) -> None:
            # The badge says what was found; the dock opens only for a possible conflict.
            report(self._main_window(), [hit for _name, hit in found], "the imported case")

        from app.gui.dialogs.progress import run_with_progress  # not needed at start-up

        return run_with_progress(
            self.window.ctx,
            self._parent,
            CHECK_TASK,
            "Checking the imported case\u2019s people against every other case\u2026",
            work,
            on_done=done,
            failure="The conflict check could not run",
            title="Conflict Check",
            on_cancelled=lambda: self._say(
                "The conflict check of the imported case was stopped: check its people "
                "with Case \u203a Conflict Check\u2026",
                15000,
            ),
        )

    def export_case_archive(self, path: Path | None = None) -> ProgressDialog | None:
        """Write the open case to an archive, off the window's thread with a progress
        bar and Cancel. The archive is written under a temporary name in the chosen
        folder and renamed at the end: a stopped or failed export leaves no file."""
        from app.core.archive.transfer import export_case

        case_id = self.window.current_case_id()
        if case_id is None:
            return None
        if path is None:
            name = self._talk.save_file(
                self._parent, "Export Case Archive", Path.home() / "case.zip", ARCHIVES
            )
            if not name:
                return None
            path = Path(name)
        target = path
        workspace = self.window.ctx.workspace

        def work(control: TaskControl) -> Path:
            worker = workspace.for_worker()
            try:
                return export_case(worker, case_id, target, progress=control.progress)
            finally:
                worker.close()

        from app.gui.dialogs.progress import run_with_progress  # not needed at start-up

        return run_with_progress(
            self.window.ctx,
            self._parent,
            EXPORT_TASK,
            f"Writing the case archive {target.name}\u2026",
            work,
            on_done=lambda _path: self._say(f"Exported to {target}"),
            failure="Cannot export the case",
            title="Export Case Archive",
            on_cancelled=lambda: self._say(
                f"The export was stopped; {target.name} was not written."
            ),
        )

    def _say(self, message: str, timeout: int = 5000) -> None:
        self.window.statusBar().showMessage(message, timeout)
