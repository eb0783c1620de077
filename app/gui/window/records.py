"""The window's record actions: New, Edit, Delete, Add Files and Open File.

The window owns one :class:`RecordPart` (``window.records``). It decides which record
an action is about and hands the edit to ``app.gui.actions`` (forms and undo
commands), loaded on first use; tests hand the window a stand-in for that module.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStandardPaths

from app.core.errors import CasefileError
from app.core.kinds import KINDS
from app.gui.sections import SECTION_OF_KIND
from app.gui.sections.documents import DocumentsSection

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.gui.window.host import WindowHost

NOT_IN_BUILD = "not available in this build"
# The folder "Add Files…" last took files from; it opens there next time.
LAST_FILES_FOLDER = "documents/lastFolder"


def delete_text(noun: str) -> str:
    """The Edit menu's Delete for a record shown as ``noun``: a person in a case is
    removed from the case (they stay in the workspace), everything else deleted."""
    if noun.casefold() == KINDS["party"].shown_noun:
        return f"&Remove {noun} from Case…"
    return f"&Delete {noun}…"


def start_folder(settings: Any) -> str:
    """Where the file chooser opens: the folder used last, else the user's documents
    (never the program's own folder, which is what an empty folder gives)."""
    last = settings.get(LAST_FILES_FOLDER) if settings is not None else None
    if last and Path(str(last)).is_dir():
        return str(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return documents
    return str(Path.home())


class RecordPart:
    """Adding, editing and deleting the record on screen, through ``app.gui.actions``."""

    def __init__(self, window: WindowHost, actions: ModuleType | None = None) -> None:
        self.window = window
        self._actions = actions

    def _editing(self) -> ModuleType | None:
        if self._actions is None:
            try:
                from app.gui import actions
            except ImportError:
                self.window.statusBar().showMessage(f"Editing is {NOT_IN_BUILD}.", 5000)
                return None
            self._actions = actions
        return self._actions

    def _run(self, call: Callable[[ModuleType], Any]) -> Any:
        actions = self._editing()
        if actions is None:
            return None
        try:
            return call(actions)
        except CasefileError as exc:
            self.window.interaction.warn(self.window.window(), "Casefile", str(exc))
            return None

    def new(self) -> None:
        self.add(self.window.current_kind())

    def add(self, kind: str, prepare: Callable[[Any], None] | None = None) -> None:
        """A new ``kind`` record; ``prepare`` presets its form (e.g. the speaker)."""
        window = self.window
        case_id = None if kind == "case" else window.case_view.case_id
        parent = window.window()
        extra = {} if prepare is None else {"prepare": prepare}
        new_id = self._run(
            lambda a: a.add_record(window.ctx, window.undo, kind, case_id, parent, **extra)
        )
        if new_id is None:
            return
        if kind == "case":
            window.open_case(int(new_id))
            return
        section = window.case_view.current_list()
        if section is not None and section.record_kind() != kind:  # added from another list
            window.case_view.navigate_to(SECTION_OF_KIND[kind], {"id": new_id})
        elif section is not None:
            key = {"record": "event", "id": new_id} if section.name == "chronology" else None
            section.select_key(key or {"id": new_id})

    def add_client(self) -> None:
        """Overview's "Add the client": a new person in the case, the client role chosen."""
        window = self.window
        case_id = window.case_view.case_id
        if case_id is None:
            return
        parent = window.window()
        self._run(lambda a: a.add_client(window.ctx, window.undo, case_id, parent))

    def edit_selected(self) -> None:
        selected = self.window.selected_record()
        if selected is not None:
            self.edit(*selected)

    def edit(self, kind: str, record_id: int) -> None:
        window = self.window
        parent = window.window()
        self._run(lambda a: a.edit_record(window.ctx, window.undo, kind, record_id, parent))

    def delete_selected(self) -> None:
        selected = self.window.selected_record()
        if selected is not None:
            self.delete(*selected)

    def delete(self, kind: str, record_id: int) -> None:
        window = self.window
        parent = window.window()
        done = self._run(
            lambda a: a.delete_record(window.ctx, window.undo, kind, record_id, parent)
        )
        if done:  # say what went, and how to get it back
            window.statusBar().showMessage(
                f"{window.undo.undoText()}: done. Edit ▸ Undo (Ctrl+Z) brings it back.", 10000
            )

    def choose_document_files(self) -> None:
        window = self.window
        if window.on_case_list() or window.case_view.case_id is None:
            return
        settings = window.ctx.settings
        names = window.interaction.open_files(
            window.window(), "Add Files as Documents", start_folder(settings)
        )
        if names:
            settings[LAST_FILES_FOLDER] = str(Path(names[0]).parent)
            self.add_document_files([Path(name) for name in names])

    def add_document_files(self, paths: list[Path]) -> None:
        window = self.window
        case_id = window.case_view.case_id
        if case_id is None or not paths:
            return
        parent = window.window()
        ids = self._run(
            lambda a: a.add_document_files(window.ctx, window.undo, case_id, list(paths), parent)
        )
        if ids:
            window.case_view.navigate_to("documents", {"id": ids[0]})
            count = len(ids)
            window.statusBar().showMessage(
                f"Added {count} document{'s' if count != 1 else ''}.", 5000
            )

    def open_selected_document(self) -> None:
        if self.window.on_case_list():
            return
        documents = self.window.case_view.sections["documents"]
        if isinstance(documents, DocumentsSection):
            documents.open_current()
