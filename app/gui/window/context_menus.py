"""The right-click menus of the record lists and the case list.

A right click on a row (or the Menu key, or Shift+F10, on the selected row) opens a
menu of what applies to that row: Edit, New, Delete and what only that kind of record
has (a document's file, a statement's quote with its cite, a new statement by a
person; a case's Open and Export Brief). The menus hold the window's own actions
(``chrome.py``), so their words, shortcuts and enabled state are the Edit menu's;
what no window action does yet is made here. The window owns one
:class:`ContextMenus` (``window.context_menus``); it reaches the lists by walking
them, so the list widgets know nothing of it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QUrl
from PySide6.QtGui import QAction, QContextMenuEvent, QDesktopServices, QGuiApplication, QShortcut
from PySide6.QtWidgets import QMenu, QTableView, QWidget

from app.gui.sections.list_section import ListSection

if TYPE_CHECKING:
    from app.core.storage.workspace import Workspace
    from app.gui.case_view import CaseView

# The window is typed loosely: it imports this module (see chrome.py).
MainWindow = Any
MenuBuilder = Callable[[QMenu, "int | None"], None]
KEYBOARD_MENU_KEYS = "Shift+F10"  # the Menu key comes as a context-menu event


def quote_with_cite(ws: Workspace, statement_id: int) -> str:
    """A statement as a brief quotes it: the words, then who, how, when and where from,
    e.g. “I never touched him” (Derrick Ingram, police interview, June 14, 2020;
    Arrest report, p. 3)."""
    from app.core import vocab
    from app.core.services import documents, statements
    from app.core.services.operations import party_name

    statement = statements.get_statement(ws, statement_id)
    who = [
        party_name(ws, statement.get("speaker_id")),
        vocab.STATEMENT_SETTINGS.get(statement.get("setting") or "", "").lower(),
        statement["date"].display() if statement.get("date") is not None else "",
    ]
    source = []
    if statement.get("source_document_id") is not None:
        source.append(str(documents.get_document(ws, statement["source_document_id"])["title"]))
    source.append(str(statement.get("pin_cite") or ""))
    cite = "; ".join(
        part for part in (", ".join(w for w in who if w), ", ".join(s for s in source if s)) if part
    )
    words = " ".join(str(statement.get("text") or "").split())
    return f"“{words}” ({cite})" if cite else f"“{words}”"


class _KeyboardMenu(QObject):
    """Turns the Menu key's context-menu event on a list into its menu for the
    selected row (a mouse click's comes as customContextMenuRequested)."""

    def __init__(self, view: QTableView, show: Callable[[], None]) -> None:
        super().__init__(view)
        self._show = show

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (
            event.type() == QEvent.Type.ContextMenu
            and isinstance(event, QContextMenuEvent)
            and event.reason() == QContextMenuEvent.Reason.Keyboard
        ):
            self._show()
            return True
        return False


class ContextMenus:
    """Puts a context menu on the case list and on every record list of the case view."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.open_url: Callable[[QUrl], Any] = QDesktopServices.openUrl  # tests replace it
        self.last_menu: QMenu | None = None  # the menu last shown (tests read it)
        parent = window.window()
        # Enter opens the row in the list; the menu only says so (as a shortcut of its
        # own it would take the Return that picks the menu's highlighted entry).
        self.open_case_action = QAction("&Open Case\tEnter", parent)
        self.open_case_action.triggered.connect(self._open_selected_case)
        self.export_case_action = QAction("&Export Brief…", parent)
        self.export_case_action.triggered.connect(self._export_selected_case)
        self.copy_quote_action = QAction("&Copy Quote with Cite", parent)
        self.copy_quote_action.triggered.connect(self._copy_quote)
        self.new_statement_action = QAction("New &Statement by This Person…", parent)
        self.new_statement_action.triggered.connect(self._new_statement_by_person)
        self.view_action = QAction("&View", parent)
        self.view_action.triggered.connect(self._view_document)
        self.view_source_action = QAction("Open Source at &Pin Cite", parent)
        self.view_source_action.triggered.connect(self._view_source)
        self.statements_action = QAction("S&tatements from This Document…", parent)
        self.statements_action.triggered.connect(self._statements_from_document)
        self.show_folder_action = QAction("Show &Attachments Folder", parent)
        self.show_folder_action.triggered.connect(self._show_attachments_folder)
        from app.gui.dialogs.person_statements import other_cases_action

        self.other_cases_action = other_cases_action(window)  # a person's other cases
        self.hook(window.case_list.table, self.fill_case_menu)
        window.with_case_view(self._hook_case_view)

    def _hook_case_view(self, view: CaseView) -> None:
        for section in view.sections.values():
            if isinstance(section, ListSection):
                self.hook(
                    section.table,
                    lambda menu, row, s=section: self.fill_record_menu(menu, row, s),
                )

    def hook(self, view: QTableView, fill: MenuBuilder) -> None:
        """Give ``view`` a context menu that ``fill`` fills for a row (None: no row)."""
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(lambda pos: self.popup(view, fill, pos))
        view.installEventFilter(_KeyboardMenu(view, lambda: self.popup(view, fill, None)))
        keys = QShortcut(KEYBOARD_MENU_KEYS, view, context=Qt.ShortcutContext.WidgetShortcut)
        keys.activated.connect(lambda: self.popup(view, fill, None))

    # -- building and showing ---------------------------------------------------------

    def menu_for(self, view: QTableView, fill: MenuBuilder, pos: QPoint | None) -> QMenu:
        """The menu for the row under ``pos`` (viewport coordinates; None: the selected
        row), selecting that row first so the window's actions are about it."""
        if pos is not None:
            row = view.indexAt(pos).row()
            if row >= 0 and row != view.currentIndex().row():
                view.selectRow(row)
        else:
            row = view.currentIndex().row() if view.selectionModel().hasSelection() else -1
        menu = QMenu(view)
        menu.setAccessibleName("Actions for the row")
        fill(menu, row if row >= 0 else None)
        return menu

    def popup(self, view: QTableView, fill: MenuBuilder, pos: QPoint | None) -> QMenu:
        menu = self.menu_for(view, fill, pos)
        if pos is None:  # from the keyboard: at the selected row, else the list's corner
            index = view.currentIndex()
            rect = view.visualRect(index) if index.isValid() else view.viewport().rect()
            pos = QPoint(rect.left() + 12, rect.bottom() if index.isValid() else 12)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if self.last_menu is not None and self.last_menu is not menu:
            self.last_menu.close()
        self.last_menu = menu
        menu.popup(view.viewport().mapToGlobal(pos))
        return menu

    def fill_case_menu(self, menu: QMenu, row: int | None) -> None:
        window = self.window
        if row is not None:
            menu.addActions([self.open_case_action, window.edit_action, self.export_case_action])
            menu.addSeparator()
        menu.addAction(window.new_action)  # "New Case…" on the case list
        if row is not None:
            menu.addSeparator()
            menu.addAction(window.delete_action)

    def fill_record_menu(self, menu: QMenu, row: int | None, section: ListSection) -> None:
        window = self.window
        name = section.name
        if row is not None:
            menu.addAction(window.edit_action)
            if name == "documents":
                menu.addAction(self.view_action)
                menu.addAction(window.open_file_action)
                menu.addAction(self.statements_action)
            elif name == "statements":
                menu.addAction(self.copy_quote_action)
                menu.addAction(self.view_source_action)
            elif name == "people":
                menu.addActions([self.new_statement_action, self.other_cases_action])
            menu.addSeparator()
        menu.addAction(window.new_action)
        if name == "documents":
            menu.addAction(window.add_files_action)
            self.show_folder_action.setEnabled(self._attachments_folder() is not None)
            menu.addAction(self.show_folder_action)
        if row is not None:
            menu.addSeparator()
            menu.addAction(window.delete_action)

    # -- what no window action does -----------------------------------------------------

    def _selected(self, kind: str) -> int | None:
        selected = self.window.selected_record()
        return selected[1] if selected is not None and selected[0] == kind else None

    def _view_document(self) -> None:
        from app.gui.viewer import open_document_viewer

        document_id = self._selected("document")
        if document_id is not None:
            open_document_viewer(self.window.ctx, document_id, parent=self.window.window())

    def _statements_from_document(self) -> None:
        document_id = self._selected("document")
        if document_id is not None:
            from app.gui.dialogs.extract_document import statements_from_document

            window = self.window
            statements_from_document(window.ctx, window.undo, document_id, window.window())

    def _view_source(self) -> None:
        """The statement's source document in the viewer, at the pin cite's page."""
        from app.gui.viewer import open_statement_source

        statement_id = self._selected("statement")
        if statement_id is not None:
            open_statement_source(self.window.ctx, statement_id, parent=self.window.window())

    def _open_selected_case(self) -> None:
        case_id = self.window.case_list.current_case_id()
        if case_id is not None:
            self.window.open_case(case_id)

    def _export_selected_case(self) -> None:
        window = self.window
        case_id = window.case_list.current_case_id() if window.on_case_list() else None
        if case_id is None:
            return
        try:
            from app.gui.dialogs import brief
        except ImportError:
            window.not_in_build(window.export_action)
            return
        brief.export_brief_dialog(window.ctx, case_id, window.window())

    def _copy_quote(self) -> None:
        statement_id = self._selected("statement")
        if statement_id is None:
            return
        from app.core.errors import CasefileError

        try:
            text = quote_with_cite(self.window.ctx.workspace, statement_id)
        except CasefileError as exc:
            self.window.interaction.warn(self.window.window(), "Casefile", str(exc))
            return
        QGuiApplication.clipboard().setText(text)
        self.window.statusBar().showMessage("Copied the quote with its cite.", 5000)

    def _new_statement_by_person(self) -> None:
        party_id = self._selected("party")
        if party_id is None:
            return

        def as_speaker(form: Any) -> None:
            form.fields["speaker_id"].set_value(party_id)
            form.mark_clean()  # a form opened this way is not yet an unsaved change

        self.window.records.add("statement", prepare=as_speaker)

    def _attachments_folder(self) -> Any:
        window = self.window
        if not window.has_workspace:
            return None
        store = window.ctx.workspace.store
        # An encrypted store's files are unreadable there: nothing to show.
        # A server's files are in its database (``root`` holds only temporary copies).
        shown = store.root.is_dir() and not store.encrypted and not store.in_database
        return store.root if shown else None

    def _show_attachments_folder(self) -> None:
        folder = self._attachments_folder()
        if folder is not None:
            if not self.open_url(QUrl.fromLocalFile(str(folder))):
                self.window.interaction.warn(
                    self.window.window(),
                    "No file manager",
                    f"No program on this computer shows folders. The attachments are in:\n{folder}",
                )


def menu_texts(menu: QWidget) -> list[str]:
    """The words of a menu's entries, without & marks ("" for a separator)."""
    return [action.text().split("\t")[0].replace("&", "") for action in menu.actions()]
