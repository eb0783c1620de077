"""The Case menu: intake work on the open case (statements from a text, conflict check).

Kept apart from the main window so each intake tool is loaded only when used.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from app.gui.window.main_window import MainWindow


class PasteTextDialog(QDialog):
    """Paste an article, an email or interview notes to draw statements from."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Statements from Pasted Text")
        self.resize(760, 560)
        self.source = QLineEdit()
        self.source.setPlaceholderText("e.g. Gothamist article, August 2020")
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("Paste the text here. Each paragraph on its own line.")
        form = QFormLayout()
        form.addRow("&Source name:", self.source)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Find Statements")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)


def install(window: MainWindow) -> QMenu:
    """Add the Case menu to ``window``'s menu bar, before Help."""
    menu = QMenu("&Case", window)
    from_file = QAction("Statements from a &File…", window)
    from_file.triggered.connect(lambda: statements_from_file(window))
    pasted = QAction("Statements from &Pasted Text…", window)
    pasted.triggered.connect(lambda: statements_from_paste(window))
    conflicts = QAction("&Conflict Check…", window)
    conflicts.setShortcut(QKeySequence("Ctrl+Shift+K"))
    conflicts.triggered.connect(lambda: conflict_check(window))
    import_archive = QAction("&Import Case Archive…", window)
    import_archive.triggered.connect(lambda: import_case_archive(window))
    export_archive = QAction("E&xport Case Archive…", window)
    export_archive.triggered.connect(lambda: export_case_archive(window))
    menu.addActions([from_file, pasted])
    menu.addSeparator()
    menu.addAction(conflicts)
    menu.addSeparator()
    menu.addActions([import_archive, export_archive])

    def enable() -> None:
        has_case = window.current_case_id() is not None
        from_file.setEnabled(has_case)
        pasted.setEnabled(has_case)
        export_archive.setEnabled(has_case)

    menu.aboutToShow.connect(enable)
    help_action = next(
        (a for a in window.menuBar().actions() if a.text().replace("&", "") == "Help"), None
    )
    if help_action is not None:
        window.menuBar().insertMenu(help_action, menu)
    else:
        window.menuBar().addMenu(menu)
    return menu


def _review(window: MainWindow, text: str, source_name: str) -> None:
    from app.gui.dialogs.extract import review_extraction

    case_id = window.current_case_id()
    if case_id is None:
        return
    if not text.strip():
        QMessageBox.information(window, "Nothing to read", "The text is empty.")
        return
    review_extraction(window.ctx, window.undo, case_id, text, source_name, window)


def statements_from_file(window: MainWindow) -> None:
    from app.core.textextract import extract_text

    name, _ = QFileDialog.getOpenFileName(
        window,
        "Statements from a File",
        str(Path.home()),
        "Texts (*.txt *.md *.docx *.pdf *.eml);;All files (*)",
    )
    if not name:
        return
    text, note = extract_text(Path(name))
    if text is None:
        QMessageBox.warning(window, "Cannot read the file", note or "No text found.")
        return
    _review(window, text, Path(name).name)


def statements_from_paste(window: MainWindow) -> None:
    dialog = PasteTextDialog(window)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        _review(window, dialog.text.toPlainText(), dialog.source.text().strip() or "Pasted text")
    dialog.deleteLater()


def conflict_check(window: MainWindow) -> None:
    from app.core.intake.conflicts import check_person
    from app.gui.conflict_panel import show_hits

    name, ok = QInputDialog.getText(window, "Conflict Check", "Name to check against all cases:")
    if ok and name.strip():
        hits = check_person(window.ctx.workspace, name.strip(), roles=("client",))
        show_hits(window, hits, name.strip())


def _ask_archive_passphrase(window: QWidget) -> str | None:
    secret, ok = QInputDialog.getText(
        window,
        "Encrypted Case Archive",
        "This case archive is protected. Its passphrase:",
        QLineEdit.EchoMode.Password,
    )
    return secret if ok and secret else None


def import_case_archive(window: MainWindow, path: Path | None = None) -> int | None:
    """Import a case archive in one transaction, then run the conflict check on its parties."""
    from app.core.archive.transfer import import_archive
    from app.core.errors import CasefileError
    from app.core.intake.conflicts import check_case
    from app.core.storage.crypto import PassphraseRequired, WrongPassphrase
    from app.gui.conflict_panel import show_hits

    if path is None:
        name, _ = QFileDialog.getOpenFileName(
            window, "Import Case Archive", str(Path.home()), "Case archives (*.zip)"
        )
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
                QMessageBox.warning(window, "Wrong passphrase", str(exc))
            passphrase = _ask_archive_passphrase(window)
            if passphrase is None:
                return None
        except CasefileError as exc:
            QMessageBox.warning(window, "Cannot import the archive", str(exc))
            return None
    window.open_case(case_id)
    found = check_case(window.ctx.workspace, case_id)
    if found:
        show_hits(window, [hit for _name, hit in found], "the imported case")
    window.statusBar().showMessage(f"Imported {path.name}", 5000)
    return case_id


def export_case_archive(window: MainWindow, path: Path | None = None) -> bool:
    from app.core.archive.transfer import export_case
    from app.core.errors import CasefileError

    case_id = window.current_case_id()
    if case_id is None:
        return False
    if path is None:
        name, _ = QFileDialog.getSaveFileName(
            window, "Export Case Archive", str(Path.home() / "case.zip"), "Case archives (*.zip)"
        )
        if not name:
            return False
        path = Path(name)
    try:
        export_case(window.ctx.workspace, case_id, path)
    except CasefileError as exc:
        QMessageBox.warning(window, "Cannot export the case", str(exc))
        return False
    window.statusBar().showMessage(f"Exported to {path}", 5000)
    return True
