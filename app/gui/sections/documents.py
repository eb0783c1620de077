"""The Documents section: a list section that also takes files and opens them.

Files come by the Add files button or dropped from the file manager (the main
window has the person confirm what each is, then turns them into documents); while
files are dragged over the list a frame says what a drop will do ("Drop to attach 2
files"), gone when they leave or are dropped. Open file hands a copy of the attached file (decrypted
if need be, in the workspace's private folder) to the system's viewer. A viewer never
says when it is done, so the copy is removed when Casefile closes, or by the next open
after a crash (``AttachmentStore.viewing_copy``). Problems are told through
``ctx.interaction``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDragLeaveEvent, QDropEvent
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from app.context import AppContext
from app.core.errors import CasefileError
from app.gui import style
from app.gui.sections.list_section import ListSection

if TYPE_CHECKING:
    from app.gui.widgets.drop_zone import DropZone


class DocumentsSection(ListSection):
    """Documents also take files: by the Add files button or dropped from the file manager."""

    files_dropped = Signal(list)  # list[Path]
    add_files_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "documents", "Documents", "document", "document", "documents", parent)
        self.open_url: Callable[[QUrl], Any] = QDesktopServices.openUrl  # tests replace it
        self.add_files_button = QPushButton(style.icon("folder"), "Add files…")
        self.add_files_button.setToolTip("Add files as documents (or drop them onto this list)")
        self.add_files_button.clicked.connect(self.add_files_requested)
        self.open_button = QPushButton(style.icon("open"), "Open file")
        self.open_button.setToolTip(
            "Open a copy of the attached file in its usual program (Ctrl+Shift+O); the copy is "
            "removed when Casefile closes"
        )
        self.open_button.clicked.connect(self.open_current)
        self.view_button = QPushButton(style.icon("document"), "View")
        self.view_button.setAccessibleName("View")
        self.view_button.setToolTip("Show the attached PDF, image or text inside Casefile")
        self.view_button.clicked.connect(self.view_current)
        self.statements_button = QPushButton(style.icon("statement"), "Statements…")
        self.statements_button.setAccessibleName("Statements from this document")
        self.statements_button.setToolTip(
            "Find the statements the attached file quotes and review them"
        )
        self.statements_button.clicked.connect(self.statements_from_current)
        self.buttons.insertWidget(2, self.statements_button)
        self.buttons.insertWidget(2, self.open_button)
        self.buttons.insertWidget(2, self.view_button)
        self.buttons.insertWidget(1, self.add_files_button)
        self.drop_hint = style.muted(QLabel("Drop files here to add them"))
        self.buttons.addWidget(self.drop_hint)
        self.setAcceptDrops(True)
        self._drop_zone: DropZone | None = None  # made on the first drag: not at start-up
        self.selection_changed.connect(self._update_open_button)
        self._update_open_button()

    def empty_hint(self) -> str:
        return "Drop files here from your file manager, or use Add files… to choose them."

    def open_file(self, document_id: int) -> None:
        """Hand the attached file, as kept in the store, to the system's viewer."""
        from app.core.services.documents import get_document

        talk = self.ctx.interaction
        try:
            document = get_document(self.ctx.workspace, document_id)
        except CasefileError as exc:
            talk.warn(self, "Casefile", str(exc))
            return
        sha = document.get("file_sha256")
        if not sha:
            talk.inform(self, "Casefile", "This document has no file attached.")
            return
        store = self.ctx.workspace.store
        if not store.has(sha):  # a server's store looks in its database
            if store.in_database:
                where, fix = "office server's database", "ask whoever runs the server to restore it"
            else:
                where, fix = f"attachment folder:\n{store.path_for(sha)}", "restore the folder"
            talk.warn(
                self,
                "File missing",
                f"The file of “{document['title']}” is not in the {where}\n\n"
                f"To get it back, {fix} from a backup, or attach the file again.",
            )
            return
        try:
            # Under its own name (the viewer needs the extension) and decrypted if need be.
            copy = self.ctx.workspace.store.viewing_copy(sha, document.get("file_name") or sha)
        except CasefileError as exc:
            talk.warn(self, "Casefile", str(exc))
            return
        if not self.open_url(QUrl.fromLocalFile(str(copy))):
            talk.warn(self, "No program to open it", no_program_text(copy.name))

    def current_has_file(self) -> bool:
        key = self.current_key()
        if key is None:
            return False
        row = self.model.find_row(key)
        return row is not None and bool(self.model.row_data(row).get("file_name"))

    def _update_open_button(self) -> None:
        self.open_button.setEnabled(self.current_has_file())
        self.view_button.setEnabled(self.current_has_file())
        self.statements_button.setEnabled(self.current_has_file())

    def statements_from_current(self) -> None:
        """The review dialog over the selected document's text (its statements cite it)."""
        key = self.current_key()
        if key is not None:
            from app.gui.dialogs.extract_document import statements_from_document

            window = self.window()
            statements_from_document(
                self.ctx, getattr(window, "undo", None), int(key["id"]), window
            )

    def view_current(self) -> None:
        """Show the selected document's file in the viewer window."""
        key = self.current_key()
        if key is not None:
            from app.gui.viewer import open_document_viewer

            open_document_viewer(self.ctx, int(key["id"]), parent=self.window())

    def _model_changed(self) -> None:
        super()._model_changed()
        if hasattr(self, "open_button"):
            self._update_open_button()

    def open_current(self) -> None:
        key = self.current_key()
        if key is not None:
            self.open_file(int(key["id"]))

    @property
    def drop_zone(self) -> DropZone:
        """The highlight shown while files are dragged over the list."""
        if self._drop_zone is None:
            from app.gui.widgets.drop_zone import DropZone  # not needed at start-up

            self._drop_zone = DropZone(self)
        return self._drop_zone

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        paths = _local_files(event)
        if paths:
            event.acceptProposedAction()
            self.drop_zone.show_for(len(paths))
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:
        if self._drop_zone is not None and self._drop_zone.isVisible():
            event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        if self._drop_zone is not None:
            self._drop_zone.clear()
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if self._drop_zone is not None:
            self._drop_zone.clear()
        paths = _local_files(event)
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)


def _local_files(event: Any) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [path for path in paths if path.is_file()]


def no_program_text(name: str) -> str:
    """What to do when the desktop has no program for a file (said in the window, never
    only on a terminal)."""
    kind = Path(name).suffix.lstrip(".").upper() or "this kind of"
    return (
        f"No program on this computer opens “{name}”. Install a program for {kind} files "
        "(your office's IT can help), then try Open File again."
    )
