"""Keeping a workspace safe, from the window: history, backups, restore and the check.

The window makes one :class:`SafetyMenu` (``window.safety_menu``), which adds:

* Case › History… (Ctrl+H): the audit trail of the open (or selected) case;
* Edit › History of Selected Record… (Ctrl+Shift+H), and the "History of this
  record…" link at the foot of every detail pane;
* File › Back Up Now, Restore from Backup… and Check Workspace….

A backup, a restore and the check run on the context's task runner (``ctx.tasks``)
so the window keeps painting; the check and a backup use their own database
connections. A backup is joined by the workspace when it closes, like the automatic
one. Restoring is refused by the core while this app holds the workspace, so the
window closes its workspace, restores and opens it again, with the window disabled
in between so nothing else runs on the closed workspace.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QDialog

from app.core.errors import CasefileError
from app.gui import style
from app.gui.window.menus import WindowMenu, insert_after, menu_action, menu_titled

if TYPE_CHECKING:
    from app.core.safety import backup
    from app.core.storage.workspace import Workspace
    from app.gui.case_view import CaseView
    from app.gui.dialogs.backup import CheckReportDialog
    from app.gui.dialogs.progress import ProgressDialog
    from app.gui.history_view import HistoryDialog
    from app.gui.tasks import TaskControl
    from app.gui.window.host import WindowHost

SERVER_RESTORE = (
    "This workspace is on an office PostgreSQL server. Restoring it is done on the server "
    "with pg_restore, by whoever runs it."
)


class SafetyMenu(WindowMenu, QObject):
    """The history, backup, restore and check actions in ``window``'s menus; ``nouns``
    name each record kind (the Edit menu's "History of Selected Person…")."""

    restore_finished = Signal(bool)  # True once a backup was restored and reopened

    def __init__(self, window: WindowHost, nouns: Mapping[str, str]) -> None:
        super().__init__(window.window())
        self.window = window
        self.nouns = nouns
        self.check_report: CheckReportDialog | None = None  # the last check's report
        parent = window.window()
        self.history_action = menu_action(parent, "&History…", self.show_case_history, "Ctrl+H")
        self.record_history_action = menu_action(
            parent, "History of Selected &Record…", self.show_selected_history, "Ctrl+Shift+H"
        )
        self.backup_action = menu_action(parent, "&Back Up Now", self.back_up_now)
        self.restore_action = menu_action(parent, "&Restore from Backup…", self.restore_from_backup)
        self.check_action = menu_action(parent, "Check &Workspace…", self.check_workspace)
        # Shortcuts work with the menus closed.
        window.addActions([self.history_action, self.record_history_action])
        self._add_to_menus()
        window.with_case_view(self._follow_links)  # made when a case is first opened
        window.workspace_label.installEventFilter(self)

    def _add_to_menus(self) -> None:
        window = self.window
        case_menu = menu_titled(window, "Case")
        if case_menu is not None:
            case_menu.addSeparator()
            case_menu.addAction(self.history_action)
        edit_menu = menu_titled(window, "Edit")
        if edit_menu is not None:
            insert_after(edit_menu, window.delete_action, [self.record_history_action])
            edit_menu.aboutToShow.connect(self._name_record)
        file_menu = menu_titled(window, "File")
        if file_menu is not None:
            file_menu.insertActions(
                window.quit_action, [self.backup_action, self.restore_action, self.check_action]
            )
            file_menu.insertSeparator(window.quit_action)
            file_menu.aboutToShow.connect(self._enable_restore)

    def _name_record(self) -> None:
        selected = self.window.selected_record()
        noun = self.nouns.get(selected[0], "Record") if selected else "Record"
        self.record_history_action.setText(f"History of Selected {noun}…")
        self.record_history_action.setEnabled(selected is not None)

    def _enable_restore(self) -> None:
        if not self.window.has_workspace:
            return  # still opening: attach() enables the actions
        on_file = self.window.ctx.workspace.path is not None
        self.restore_action.setEnabled(on_file)
        self.restore_action.setToolTip("" if on_file else SERVER_RESTORE)

    def _follow_links(self, view: CaseView) -> None:
        """The "History of this record…" link at the foot of each detail pane."""
        from app.gui.sections.list_section import ListSection

        for section in view.sections.values():
            if isinstance(section, ListSection):
                section.navigate.connect(self._follow_link)

    def _follow_link(self, name: str, key: dict[str, Any]) -> None:
        if name == "history" and "record" in key:
            self.show_record_history(str(key["record"]), int(key["id"]))

    # -- the status bar ------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The workspace label's tooltip names the last backup, worked out when shown."""
        if event.type() == QEvent.Type.ToolTip and self.window.has_workspace:
            self.window.workspace_label.setToolTip(backup_tip(self.window.ctx.workspace))
        return False

    # -- history ---------------------------------------------------------------------------

    def _show_history(self, dialog: HistoryDialog) -> HistoryDialog:
        # Non-modal: people read the trail while they look at the case. It follows edits.
        undo = self.window.undo
        undo.indexChanged.connect(dialog.reload)

        def stop_following(_result: int) -> None:
            with contextlib.suppress(RuntimeError):
                undo.indexChanged.disconnect(dialog.reload)

        dialog.finished.connect(stop_following)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        dialog.raise_()
        return dialog

    def show_case_history(self) -> HistoryDialog | None:
        from app.gui.history_view import HistoryDialog, case_scope

        window = self.window
        case_id = window.current_case_id()
        if case_id is None and window.on_case_list():
            case_id = window.case_list.current_case_id()
        if case_id is None:
            window.statusBar().showMessage("Open or select a case to see its history.", 5000)
            return None
        scope = case_scope(window.ctx, case_id)
        return self._show_history(HistoryDialog(window.ctx, scope, self._parent))

    def show_selected_history(self) -> HistoryDialog | None:
        selected = self.window.selected_record()
        if selected is None:
            self.window.statusBar().showMessage("Select a record to see its history.", 5000)
            return None
        return self.show_record_history(*selected)

    def show_record_history(self, kind: str, record_id: int) -> HistoryDialog:
        from app.gui.history_view import HistoryDialog, record_scope

        scope = record_scope(self.window.ctx, kind, record_id)
        return self._show_history(HistoryDialog(self.window.ctx, scope, self._parent))

    # -- backups ---------------------------------------------------------------------------

    def back_up_now(self) -> TaskControl | None:
        """Make a backup off the window's thread, with a progress bar and Cancel (a
        stopped backup leaves no file); the workspace waits for it before it closes
        (its ``backup_thread``, as for the automatic one)."""
        from app.core.safety import backup
        from app.gui.dialogs.progress import failure_text, run_with_progress

        window = self.window
        ws = window.ctx.workspace
        dest: Path | None = None
        if ws.path is None:
            name = self._talk.save_file(
                self._parent, "Back Up the Office Server",
                Path.home() / "casefile-server-backup.zip", "Casefile backups (*.zip)",
            )  # fmt: skip
            if not name:
                return None
            dest = Path(name)
        self.backup_action.setEnabled(False)
        window.statusBar().showMessage("Backing up the workspace…")
        earlier = ws.backup_thread
        begun = threading.Event()

        def work(control: TaskControl) -> backup.BackupResult:
            ws.backup_thread = threading.current_thread()  # closing joins it: half a backup is none
            begun.set()
            if earlier is not None:
                earlier.join()  # today's automatic backup first; never two at once
            worker = ws.for_worker()
            try:
                result = backup.make_backup(worker, dest, progress=control.progress)
            finally:
                worker.close()
            if dest is None and ws.path is not None:
                backup.rotate(ws.path)
            return result

        def done(result: backup.BackupResult) -> None:
            self.backup_action.setEnabled(True)
            window.statusBar().clearMessage()
            window.statusBar().showMessage(f"Backed up to {result.path}", 8000)
            if result.problems:
                self._talk.warn(
                    self._parent, "Back Up Now",
                    f"The backup was made ({result.path.name}), with problems:",
                    "\n".join(result.problems[:10]),
                )  # fmt: skip

        def stopped() -> None:
            self.backup_action.setEnabled(True)
            window.statusBar().clearMessage()
            window.statusBar().showMessage("The backup was stopped; no backup was made.", 8000)

        def failed(error: BaseException) -> bool:
            self.backup_action.setEnabled(True)
            window.statusBar().clearMessage()
            self._talk.warn(
                self._parent, "Back Up Now", "The backup was not made.", failure_text(error)
            )
            return True

        dialog = run_with_progress(
            window.ctx, self._parent, "backup", "Backing up the workspace…", work,
            on_done=done, failure="Back Up Now", on_cancelled=stopped, on_error=failed,
            title="Back Up Now",
        )  # fmt: skip
        begun.wait()  # the workspace knows of the backup before anything can close it
        return dialog.control

    def restore_from_backup(self) -> bool:
        """Ask which backup to restore, then restore it (on the task runner); True once
        the restore has started, False if none was chosen."""
        from app.gui.dialogs.backup import BackupDialog

        path = self.window.ctx.workspace.path
        if path is None:
            self._talk.inform(self._parent, "Restore from Backup", SERVER_RESTORE)
            return False
        dialog = BackupDialog(path, self._parent)
        try:
            accepted = self._talk.run_dialog(dialog) == QDialog.DialogCode.Accepted
            chosen = dialog.chosen if accepted else None
        finally:
            dialog.deleteLater()
        return chosen is not None and self.restore_into_window(chosen)

    def restore_into_window(self, chosen: Path) -> bool:
        """Close the workspace, restore ``chosen`` over it (off the window's thread),
        open it again. False if it was not started; :attr:`restore_finished` says
        whether the backup was restored."""
        from app.core.safety import backup

        window = self.window
        old = window.ctx.workspace
        path, target = old.path, old.describe()
        if path is None:
            return False
        QApplication.setOverrideCursor(style.busy_cursor())
        window.statusBar().showMessage("Restoring… every file of the backup is checked first.")
        window.save_state()
        old.close()  # waits for a running backup; lets go of the workspace's lock
        window.window().setEnabled(False)  # nothing may use the closed workspace meanwhile

        def work(_control: TaskControl) -> backup.RestoreResult:
            return backup.restore_backup(chosen, path)

        def failed(error: BaseException) -> None:
            self._reopened(target, None, chosen, error)
            if not isinstance(error, (CasefileError, OSError)):
                raise error  # a defect, not a damaged backup: the workspace is open again

        window.ctx.tasks.start(
            "restore", work, on_done=lambda r: self._reopened(target, r, chosen), on_failed=failed
        )
        return True

    def _reopened(
        self,
        target: str,
        result: backup.RestoreResult | None,
        chosen: Path,
        error: BaseException | None = None,
    ) -> None:
        """After the restore: open the workspace again and say what happened."""
        window = self.window
        try:
            try:
                reopened = window.workspace_part.opener(target)
            except CasefileError as exc:
                QApplication.restoreOverrideCursor()
                self._talk.warn(
                    self._parent, "Restore from Backup",
                    "The workspace could not be opened again." if result is None
                    else "The backup was restored, but the workspace could not be opened.",
                    f"{exc}\n\nOpen a workspace with File › Open Workspace….",
                )  # fmt: skip
                self.restore_finished.emit(result is not None)
                return
            window.workspace_part.adopt(reopened)
        finally:
            window.window().setEnabled(True)
            if QApplication.overrideCursor() is not None:
                QApplication.restoreOverrideCursor()
            window.statusBar().clearMessage()
        if result is None:
            self._talk.warn(
                self._parent, "Restore from Backup",
                "The backup was not restored; nothing was changed.", str(error),
            )  # fmt: skip
            self.restore_finished.emit(False)
            return
        kept = "\n".join(str(p) for p in result.moved_aside) or "(there was nothing to set aside)"
        detail = f"The workspace as it was before is kept at:\n{kept}"
        if result.problems:
            detail += "\n\nProblems found in the backup:\n" + "\n".join(result.problems[:10])
        self._talk.inform(self._parent, "Restore from Backup", f"Restored {chosen.name}.", detail)
        window.statusBar().showMessage(f"Restored {chosen.name}", 8000)
        self.restore_finished.emit(True)

    # -- the check -------------------------------------------------------------------------

    def check_workspace(self) -> ProgressDialog:
        """Run the full check off the window's thread (on its own connection), with a
        progress bar and Cancel (it only reads: stopping it changes nothing); then show
        the report."""
        from app.core.safety.check import check_workspace as full_check
        from app.gui.dialogs.progress import run_with_progress

        window = self.window
        ws = window.ctx.workspace
        url, store_root = ws.url, ws.store.root
        self.check_action.setEnabled(False)

        def done(report: Any) -> None:
            from app.gui.dialogs.backup import show_report

            self.check_action.setEnabled(True)
            dialog = show_report(report, self._parent)
            self.check_report = dialog
            dialog.restore_requested.connect(lambda: self.restore_from_backup())

        def failed(error: BaseException) -> bool:
            self.check_action.setEnabled(True)
            self._talk.warn(self._parent, "Check Workspace", "The check could not run.", str(error))
            return True

        def stopped() -> None:
            self.check_action.setEnabled(True)
            window.statusBar().showMessage("The check was stopped before it finished.", 5000)

        return run_with_progress(
            window.ctx, self._parent, "check",
            "Checking the workspace and every attached file\u2026",
            lambda control: full_check(url, store_root=store_root, progress=control.progress),
            on_done=done, on_error=failed, on_cancelled=stopped,
            failure="Check Workspace", title="Check Workspace",
        )  # fmt: skip


def backup_tip(ws: Workspace) -> str:
    """The workspace label's tooltip: its name and when it was last backed up."""
    import datetime as dt

    from app.core.safety import backup

    name = ws.describe()
    if ws.path is None:
        return f"{name}\nBackups of an office server are made on the server."
    if ws.backup_thread is not None and ws.backup_thread.is_alive():
        return f"{name}\nBacking up now…"
    latest = backup.latest_backup(ws.path)
    if latest is None:
        return f"{name}\nNo backup yet (File › Back Up Now makes one)."
    made = dt.datetime.fromtimestamp(latest.stat().st_mtime)
    return f"{name}\nLast backup: {made.strftime('%b %d, %Y %H:%M')} ({latest.name})"
