"""The safety dialogs: choosing a backup to restore, and the report of a workspace check.

Neither changes anything itself. The restore dialog only says which backup the
person chose, after they confirmed; the window closes its workspace, restores
and reopens it (``app.gui.window.safety_menu``). Questions and file choosers go
through the dialog's :class:`~app.gui.interaction.Interaction` (given, or the
parent window's), so tests answer them from a script.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import CasefileError
from app.core.safety import backup
from app.core.safety.check import CheckReport
from app.gui import style
from app.gui.dialogs.base import Buttons, Dialog
from app.gui.interaction import Interaction
from app.gui.models.record_list import format_size

SET_ASIDE = (
    "The workspace as it is now, with its attachments, is set aside in the same folder, "
    "not deleted: its name gets “before-restore” and the date and time."
)


@dataclass
class BackupInfo:
    """One backup as the list shows it (read from its manifest)."""

    path: Path
    made: str
    size: str
    contents: str
    problems: list[str]
    readable: bool


def describe_backup(path: Path) -> BackupInfo:
    size = format_size(path.stat().st_size) if path.exists() else ""
    try:
        manifest = backup.read_manifest(path)
    except CasefileError as exc:
        made = dt.datetime.fromtimestamp(path.stat().st_mtime) if path.exists() else None
        when = made.strftime("%b %d, %Y %H:%M") if made else ""
        return BackupInfo(path, when, size, f"Cannot be read: {exc}", [], False)
    try:
        made_at = dt.datetime.fromisoformat(str(manifest.get("created_at")))
        when = made_at.astimezone().strftime("%b %d, %Y %H:%M")
    except ValueError:
        when = str(manifest.get("created_at") or "")
    files = len(manifest.get("attachments") or {})
    server = manifest.get("backend") == "postgresql"
    contents = (
        f"{'Office server dump' if server else 'Workspace database'} and "
        f"{files:,} attached file{'' if files == 1 else 's'}"
    )
    problems = [str(p) for p in manifest.get("problems") or []]
    return BackupInfo(path, when, size, contents, problems, not server)


class BackupDialog(Dialog):
    """The workspace's backups, newest first; Restore… asks, then accepts with ``chosen``."""

    default_size = (860, 460)
    help_text = (
        "Pick a backup and press Restore… to put the workspace back as it was when that "
        "backup was made. Everything changed since then is not in the restored workspace, "
        f"but nothing is lost for good: {SET_ASIDE}\n\n"
        "Choose Another File… restores a backup kept elsewhere, e.g. on a USB drive."
    )

    def __init__(
        self,
        workspace_file: Path,
        parent: QWidget | None = None,
        *,
        interaction: Interaction | None = None,
    ) -> None:
        super().__init__(parent, title="Restore from Backup — Casefile", interaction=interaction)
        self.workspace_file = workspace_file
        self.chosen: Path | None = None
        heading = style.heading("Restore from Backup", 1.2)
        folder = backup.backups_dir(workspace_file)
        intro = QLabel(
            f"Backups of {workspace_file}, newest first. Casefile makes one each day the "
            "workspace is opened and keeps the newest of the last 7 days, 4 weeks and 6 "
            f"months, in {folder}."
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)  # a path is never markup
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.list = QTreeWidget(self)
        self.list.setHeaderLabels(["Made", "Size", "What is inside", "File"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAccessibleName("Backups")
        header = self.list.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((150, 80, 330)):
            self.list.setColumnWidth(column, width)
        self.empty = style.muted(QLabel("No backups yet. Use File › Back Up Now to make one."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        note = style.muted(
            QLabel(
                f"Restoring replaces the workspace with the backup. {SET_ASIDE} Casefile closes "
                "the workspace, restores the backup and opens it again."
            )
        )
        note.setWordWrap(True)

        # Restore… is the accepting button, but it only asks: it accepts once confirmed.
        buttons = self.button_box(Buttons.Close, on_accept=self._restore_selected)
        self.other_button = QPushButton("Choose &Another File…")
        self.other_button.setToolTip("A backup copied elsewhere, e.g. to a USB drive")
        self.restore_button = QPushButton("&Restore…")
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.other_button.clicked.connect(self._choose_file)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(lambda *_: self._restore_selected())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        self.infos = [describe_backup(p) for p in backup.list_backups(self.workspace_file)]
        for info in self.infos:
            contents = info.contents
            if info.problems:
                contents += (
                    f" ({len(info.problems)} problem{'s' if len(info.problems) > 1 else ''})"
                )
            item = QTreeWidgetItem([info.made, info.size, contents, info.path.name])
            item.setData(0, Qt.ItemDataRole.UserRole, str(info.path))
            item.setSizeHint(0, QSize(0, style.row_height(self.list)))
            tip = "\n".join([str(info.path), *info.problems])
            for column in range(4):
                item.setToolTip(column, tip)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if not info.readable:
                item.setForeground(2, self.palette().color(QPalette.ColorRole.PlaceholderText))
            self.list.addTopLevelItem(item)
        self.list.setVisible(bool(self.infos))
        self.empty.setVisible(not self.infos)
        if self.infos:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self._update_buttons()

    def _selected(self) -> BackupInfo | None:
        item = self.list.currentItem()
        if item is None or not item.isSelected():
            return None
        path = Path(str(item.data(0, Qt.ItemDataRole.UserRole)))
        return next((i for i in self.infos if i.path == path), None)

    def _update_buttons(self) -> None:
        info = self._selected()
        self.restore_button.setEnabled(info is not None and info.readable)

    def _restore_selected(self) -> None:
        info = self._selected()
        if info is not None and info.readable:
            self.ask_and_accept(info)

    def _choose_file(self) -> None:
        name = self.interaction.open_file(
            self, "Choose a Backup", Path.home(), "Casefile backups (*.zip);;All files (*)"
        )
        if not name:
            return
        info = describe_backup(Path(name))
        if not info.readable:
            self.interaction.warn(self, "Not a backup to restore", info.contents)
            return
        self.ask_and_accept(info)

    def ask_and_accept(self, info: BackupInfo) -> bool:
        detail = f"{SET_ASIDE}\n\nCasefile will close the workspace, restore, and open it again."
        if info.problems:
            detail += "\n\nThis backup noted problems when it was made:\n" + "\n".join(
                f"• {p}" for p in info.problems[:5]
            )
        if not self.interaction.confirm_destructive(
            self,
            "Restore from Backup",
            f"Replace the workspace with the backup made {info.made}?",
            detail,
            "Restore",
        ):
            return False
        self.chosen = info.path
        self.accept()
        return True


class CheckReportDialog(Dialog):
    """What ``casefile check`` found, and when there is damage, the way out."""

    restore_requested = Signal()
    default_size = (760, 440)

    def __init__(self, report: CheckReport, parent: QWidget | None = None) -> None:
        super().__init__(parent, title="Check Workspace — Casefile")
        self.report = report
        if report.damaged:
            title = "The workspace is damaged"
        elif report.problems:
            title = "No damage found"
        else:
            title = "The workspace is whole"
        heading = style.heading(title, 1.2)
        checked = report.attachments_checked
        summary = QLabel(
            f"Checked {report.workspace}: the database and "
            f"{checked:,} attached file{'' if checked == 1 else 's'}, each read again and "
            "matched against its fingerprint. Nothing was changed."
        )
        summary.setTextFormat(Qt.TextFormat.PlainText)
        summary.setWordWrap(True)
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QTextBrowser(self)
        self.details.setHtml(self._problems_html())
        self.details.setVisible(bool(report.problems))

        buttons = self.button_box(Buttons.Close)
        self.restore_button: QPushButton | None = None
        if report.damaged and report.way_out:
            self.restore_button = QPushButton("&Restore from Backup…")
            buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
            self.restore_button.clicked.connect(self._restore)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING)
        layout.addWidget(heading)
        layout.addWidget(summary)
        if report.damaged and report.way_out:
            way_out = QLabel(
                f"<b>The way out:</b> {html.escape(report.way_out)}<br><br>"
                "<b>Restore from Backup…</b> below does this here: it lists the backups, "
                "newest first, and sets the damaged workspace aside rather than deleting it."
            )
            way_out.setTextFormat(Qt.TextFormat.RichText)
            way_out.setWordWrap(True)
            way_out.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(way_out)
        layout.addWidget(self.details, 1)
        if not report.problems:
            layout.addStretch(1)
        layout.addWidget(buttons)

    def _problems_html(self) -> str:
        items = []
        for problem in self.report.problems:
            kind = "<b>Damage:</b> " if problem.damage else "Note: "
            items.append(f"<li>{kind}{html.escape(problem.message)}</li>")
        return f"<ul>{''.join(items)}</ul>" if items else ""

    def _restore(self) -> None:
        self.restore_requested.emit()
        self.accept()


def show_report(report: CheckReport, parent: QWidget | None) -> CheckReportDialog:
    dialog = CheckReportDialog(report, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
