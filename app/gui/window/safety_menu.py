"""Keeping a workspace safe, from the window: history, backups, restore and the check.

``install(window)`` adds:

* Case › History… (Ctrl+H): the audit trail of the open (or selected) case;
* Edit › History of Selected Record… (Ctrl+Shift+H), and the "History of this
  record…" link at the foot of every detail pane;
* File › Back Up Now, Restore from Backup… and Check Workspace….

A backup and the check run on worker threads (the check on its own database
connection) so the window stays usable; a backup is joined by the workspace when
it closes, like the automatic one. Restoring is refused by the core while this
app holds the workspace, so the window closes its workspace, restores and opens
it again, in one go with nothing else running in between.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMenu, QMessageBox

from app.core.errors import CasefileError
from app.gui import style

if TYPE_CHECKING:
    from app.core.safety import backup
    from app.core.storage.workspace import Workspace
    from app.gui.case_view import CaseView
    from app.gui.dialogs.backup import BackupDialog
    from app.gui.history_view import HistoryDialog
    from app.gui.window.main_window import MainWindow

SERVER_RESTORE = (
    "This workspace is on an office PostgreSQL server. Restoring it is done on the server "
    "with pg_restore, by whoever runs it."
)


# -- hooks (tests replace these) ---------------------------------------------------


def run_dialog(dialog: QDialog) -> int:
    return dialog.exec()


def inform(parent: Any, title: str, text: str, detail: str = "", warning: bool = False) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setText(text)
    if detail:
        box.setInformativeText(detail)
    box.exec()


# -- running work off the window's thread ------------------------------------------


class Relay(QObject):
    """Carries a worker thread's outcome back to the window's thread (queued)."""

    done = Signal(object, object)  # result, error (an Exception or None)


def run_in_thread(
    window: MainWindow, work: Callable[[], Any], on_done: Callable[[Any, Any], None], name: str
) -> threading.Thread:
    relay = Relay(window)

    def finished(result: Any, error: Any) -> None:
        relay.deleteLater()
        on_done(result, error)

    relay.done.connect(finished)

    def run() -> None:
        try:
            result = work()
        except Exception as exc:  # shown to the person; the thread must not die silently
            relay.done.emit(None, exc)
        else:
            relay.done.emit(result, None)

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    return thread


# -- the menus -----------------------------------------------------------------------


def _menu(window: MainWindow, title: str) -> QMenu | None:
    for action in window.menuBar().actions():
        if action.text().replace("&", "") == title and isinstance(action.menu(), QMenu):
            return action.menu()  # type: ignore[return-value]
    return None


def install(window: MainWindow) -> None:
    """Add the history, backup, restore and check actions to ``window``'s menus."""
    history = QAction("&History…", window)
    history.setShortcut(QKeySequence("Ctrl+H"))
    history.triggered.connect(lambda: show_case_history(window))
    record_history = QAction("History of Selected &Record…", window)
    record_history.setShortcut(QKeySequence("Ctrl+Shift+H"))
    record_history.triggered.connect(lambda: show_selected_history(window))
    back_up = QAction("&Back Up Now", window)
    back_up.triggered.connect(lambda: back_up_now(window))
    restore = QAction("&Restore from Backup…", window)
    restore.triggered.connect(lambda: restore_from_backup(window))
    check = QAction("Check &Workspace…", window)
    check.triggered.connect(lambda: check_workspace(window))
    window.addActions([history, record_history])  # shortcuts work with the menus closed
    window.history_action = history  # type: ignore[attr-defined]
    window.record_history_action = record_history  # type: ignore[attr-defined]
    window.backup_action = back_up  # type: ignore[attr-defined]
    window.restore_action = restore  # type: ignore[attr-defined]
    window.check_action = check  # type: ignore[attr-defined]

    case_menu = _menu(window, "Case")
    if case_menu is not None:
        case_menu.addSeparator()
        case_menu.addAction(history)
    edit_menu = _menu(window, "Edit")
    if edit_menu is not None:
        edit_menu.insertAction(_after(edit_menu, window.delete_action), record_history)

        def name_record() -> None:
            selected = window.selected_record()
            noun = _noun(selected[0]) if selected else "Record"
            record_history.setText(f"History of Selected {noun}…")
            record_history.setEnabled(selected is not None)

        edit_menu.aboutToShow.connect(name_record)
    file_menu = _menu(window, "File")
    if file_menu is not None:
        file_menu.insertActions(window.quit_action, [back_up, restore, check])
        file_menu.insertSeparator(window.quit_action)

        def enable() -> None:
            if not window.has_workspace:
                return  # still opening: attach() enables the actions
            restore.setEnabled(window.ctx.workspace.path is not None)
            restore.setToolTip("" if window.ctx.workspace.path is not None else SERVER_RESTORE)

        file_menu.aboutToShow.connect(enable)

    # The "History of this record…" link at the foot of each detail pane.
    from app.gui.sections.list_section import ListSection

    def follow_link(name: str, key: dict[str, Any]) -> None:
        if name == "history" and "record" in key:
            show_record_history(window, str(key["record"]), int(key["id"]))

    def follow_links(view: CaseView) -> None:  # made when a case is first opened
        for section in view.sections.values():
            if isinstance(section, ListSection):
                section.navigate.connect(follow_link)

    window.with_case_view(follow_links)
    _BackupTip(window)


def _after(menu: QMenu, action: QAction) -> QAction | None:
    actions = menu.actions()
    index = actions.index(action) if action in actions else -1
    return actions[index + 1] if 0 <= index < len(actions) - 1 else None


def _noun(kind: str) -> str:
    from app.gui.window.main_window import KIND_NOUNS

    return KIND_NOUNS.get(kind, "Record")


# -- history ---------------------------------------------------------------------------


def _show_history(window: MainWindow, dialog: HistoryDialog) -> HistoryDialog:
    # Non-modal: people read the trail while they look at the case. It follows edits.
    window.undo.indexChanged.connect(dialog.reload)

    def stop_following(_result: int) -> None:
        with contextlib.suppress(RuntimeError):
            window.undo.indexChanged.disconnect(dialog.reload)

    dialog.finished.connect(stop_following)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.raise_()
    return dialog


def show_case_history(window: MainWindow) -> HistoryDialog | None:
    from app.gui.history_view import HistoryDialog, case_scope

    case_id = window.current_case_id()
    if case_id is None and window.pages.currentWidget() is window.case_list:
        case_id = window.case_list.current_case_id()
    if case_id is None:
        window.statusBar().showMessage("Open or select a case to see its history.", 5000)
        return None
    return _show_history(window, HistoryDialog(window.ctx, case_scope(window.ctx, case_id), window))


def show_selected_history(window: MainWindow) -> HistoryDialog | None:
    selected = window.selected_record()
    if selected is None:
        window.statusBar().showMessage("Select a record to see its history.", 5000)
        return None
    return show_record_history(window, *selected)


def show_record_history(window: MainWindow, kind: str, record_id: int) -> HistoryDialog:
    from app.gui.history_view import HistoryDialog, record_scope

    scope = record_scope(window.ctx, kind, record_id)
    return _show_history(window, HistoryDialog(window.ctx, scope, window))


# -- backups ---------------------------------------------------------------------------


def back_up_now(window: MainWindow) -> threading.Thread | None:
    """Make a backup on a worker thread; the workspace waits for it before it closes."""
    from app.core.safety import backup

    ws = window.ctx.workspace
    dest: Path | None = None
    if ws.path is None:
        name, _ = QFileDialog.getSaveFileName(
            window, "Back Up the Office Server", str(Path.home() / "casefile-server-backup.zip"),
            "Casefile backups (*.zip)",
        )  # fmt: skip
        if not name:
            return None
        dest = Path(name)
    action: QAction = window.backup_action  # type: ignore[attr-defined]
    action.setEnabled(False)
    window.statusBar().showMessage("Backing up the workspace…")
    earlier = ws.backup_thread

    def work() -> backup.BackupResult:
        if earlier is not None:
            earlier.join()  # today's automatic backup first; never two at once
        result = backup.make_backup(ws, dest)
        if dest is None and ws.path is not None:
            backup.rotate(ws.path)
        return result

    def done(result: backup.BackupResult | None, error: Exception | None) -> None:
        action.setEnabled(True)
        window.statusBar().clearMessage()
        if error is not None or result is None:
            inform(window, "Back Up Now", "The backup was not made.", str(error), warning=True)
            return
        window.statusBar().showMessage(f"Backed up to {result.path}", 8000)
        if result.problems:
            inform(
                window, "Back Up Now", f"The backup was made ({result.path.name}), with problems:",
                "\n".join(result.problems[:10]), warning=True,
            )  # fmt: skip

    thread = run_in_thread(window, work, done, "casefile-backup-now")
    ws.backup_thread = thread  # closing the workspace joins it: a half-written backup is none
    return thread


def restore_from_backup(window: MainWindow) -> bool:
    from app.gui.dialogs.backup import BackupDialog

    path = window.ctx.workspace.path
    if path is None:
        inform(window, "Restore from Backup", SERVER_RESTORE)
        return False
    dialog: BackupDialog = BackupDialog(path, window)
    try:
        if run_dialog(dialog) != QDialog.DialogCode.Accepted or dialog.chosen is None:
            return False
        chosen = dialog.chosen
    finally:
        dialog.deleteLater()
    return restore_into_window(window, chosen)


def restore_into_window(window: MainWindow, chosen: Path) -> bool:
    """Close the workspace, restore ``chosen`` over it, open it again. True if restored."""
    from app.core.safety import backup

    old = window.ctx.workspace
    path, target = old.path, old.describe()
    if path is None:
        return False
    QApplication.setOverrideCursor(style.busy_cursor())
    window.statusBar().showMessage("Restoring… every file of the backup is checked first.")
    result: backup.RestoreResult | None = None
    error: Exception | None = None
    try:
        window.save_state()
        old.close()  # waits for a running backup; lets go of the workspace's lock
        try:
            result = backup.restore_backup(chosen, path)
        except (CasefileError, OSError) as exc:
            error = exc
        try:
            reopened = window.workspace_opener(target)
        except CasefileError as exc:
            QApplication.restoreOverrideCursor()
            inform(
                window, "Restore from Backup",
                "The workspace could not be opened again." if result is None
                else "The backup was restored, but the workspace could not be opened.",
                f"{exc}\n\nOpen a workspace with File › Open Workspace….", warning=True,
            )  # fmt: skip
            return result is not None
        window.adopt_workspace(reopened)
    finally:
        if QApplication.overrideCursor() is not None:
            QApplication.restoreOverrideCursor()
        window.statusBar().clearMessage()
    if result is None:
        inform(
            window, "Restore from Backup", "The backup was not restored; nothing was changed.",
            str(error), warning=True,
        )  # fmt: skip
        return False
    kept = "\n".join(str(p) for p in result.moved_aside) or "(there was nothing to set aside)"
    detail = f"The workspace as it was before is kept at:\n{kept}"
    if result.problems:
        detail += "\n\nProblems found in the backup:\n" + "\n".join(result.problems[:10])
    inform(window, "Restore from Backup", f"Restored {chosen.name}.", detail)
    window.statusBar().showMessage(f"Restored {chosen.name}", 8000)
    return True


# -- the check -------------------------------------------------------------------------


def check_workspace(window: MainWindow) -> threading.Thread:
    """Run the full check on a worker thread (its own connection); then show the report."""
    from app.core.safety.check import check_workspace as full_check

    ws = window.ctx.workspace
    url, store_root = ws.url, ws.store.root
    action: QAction = window.check_action  # type: ignore[attr-defined]
    action.setEnabled(False)
    window.statusBar().showMessage("Checking the workspace and every attached file…")

    def done(report: Any, error: Exception | None) -> None:
        from app.gui.dialogs.backup import show_report

        action.setEnabled(True)
        window.statusBar().clearMessage()
        if error is not None or report is None:
            inform(window, "Check Workspace", "The check could not run.", str(error), warning=True)
            return
        dialog = show_report(report, window)
        window.check_report = dialog  # type: ignore[attr-defined]
        dialog.restore_requested.connect(lambda: restore_from_backup(window))

    return run_in_thread(
        window, lambda: full_check(url, store_root=store_root), done, "casefile-check"
    )


# -- the status bar ------------------------------------------------------------------------


class _BackupTip(QObject):
    """The workspace label's tooltip names the last backup, worked out when it is shown."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        window.workspace_label.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.window.has_workspace:
            self.window.workspace_label.setToolTip(backup_tip(self.window.ctx.workspace))
        return False


def backup_tip(ws: Workspace) -> str:
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
