"""The main window's actions, menu bar and toolbar, made once when the window is built.

They live apart from :mod:`app.gui.window.main_window` so the window class holds
behaviour, not a long list of labels and shortcuts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar, QToolButton

from app.gui import style
from app.gui.sections import SECTION_NAMES

# The window is typed loosely: it imports this module, and its attributes are set here.
MainWindow = Any


def _action(
    window: MainWindow,
    text: str,
    slot: Callable[[], Any],
    shortcut: QKeySequence | str | list[QKeySequence] | None = None,
    icon_name: str | None = None,
    short: str = "",
) -> QAction:
    """An action; ``short`` is its word on the toolbar."""
    action = QAction(text, window)
    if icon_name:
        action.setIcon(style.icon(icon_name))
    if isinstance(shortcut, list):
        action.setShortcuts(shortcut)
    elif shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if short:
        action.setIconText(short)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)  # shortcuts work even when the toolbar is hidden
    return action


def make_actions(window: MainWindow) -> None:
    """The window's actions, each kept as an attribute (menus and tests reach them)."""
    K = QKeySequence.StandardKey
    records, place = window.records, window.workspace_part
    window.new_case_action = _action(
        window, "New &Case…", lambda: records.add("case"), "Ctrl+Shift+N", "new"
    )
    window.open_workspace_action = _action(
        window, "&Open Workspace…", place.choose, K.Open, "folder"
    )
    window.new_workspace_action = _action(window, "New &Workspace…", place.create)
    window.export_action = _action(
        window, "&Export Brief…", lambda: window.brief("export"), "Ctrl+E", "export", "Export"
    )
    window.print_preview_action = _action(
        window, "Print Pre&view…", lambda: window.brief("print_preview"), "Ctrl+Shift+P"
    )
    window.print_action = _action(
        window, "&Print…", lambda: window.brief("print"), K.Print, "print", "Print"
    )
    window.quit_action = _action(window, "&Quit", window.close, K.Quit)

    window.undo_action = window.undo.createUndoAction(window, "&Undo")
    window.undo_action.setIcon(style.icon("undo"))
    window.undo_action.setIconText("Undo")
    window.undo_action.setShortcuts([QKeySequence(K.Undo)])
    window.redo_action = window.undo.createRedoAction(window, "&Redo")
    window.redo_action.setIcon(style.icon("redo"))
    window.redo_action.setIconText("Redo")
    window.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    window.addActions([window.undo_action, window.redo_action])

    window.new_action = _action(window, "&New", records.new, K.New, "new", "New")
    window.edit_action = _action(window, "&Edit…", records.edit_selected, "F2", "edit", "Edit")
    window.delete_action = _action(
        window, "&Delete…", records.delete_selected, K.Delete, "delete", "Delete"
    )
    window.add_files_action = _action(
        window,
        "Add &Files…",
        records.choose_document_files,
        "Ctrl+Shift+A",
        "document",
        "Add Files",
    )
    window.open_file_action = _action(
        window, "&Open File", records.open_selected_document, "Ctrl+Shift+O", "open", "Open File"
    )
    # Ctrl+F finds anything (in the case on screen, or every case); the list's own
    # filter, a narrower tool, is Ctrl+L, as a browser's Ctrl+L goes to its bar.
    window.filter_action = _action(window, "&Filter List", window.focus_filter, "Ctrl+L", "filter")
    window.search_action = _action(
        window,
        "&Search…",
        lambda: window.search_part.open(),
        [QKeySequence(K.Find), QKeySequence("Ctrl+Shift+F")],
        "search",
        "Search",
    )

    # Ctrl+0 is Actual Size (View › Zoom), as in browsers; Alt+Left goes back.
    window.case_list_action = _action(
        window, "All &Cases", window.show_case_list, [QKeySequence(K.Back)]
    )
    window.section_actions: list[QAction] = []
    for number, name in enumerate(SECTION_NAMES, start=1):
        # Ctrl+1 to Ctrl+9 show the first nine sections; later ones have a menu letter.
        text, keys = (f"&{number} ", f"Ctrl+{number}") if number <= 9 else ("&", None)
        action = _action(
            window, text + name.capitalize(), lambda n=name: window.show_section(n), keys
        )
        window.section_actions.append(action)
    window.about_action = _action(window, "&About Casefile", window.show_about)
    window.guide_action = _action(window, "&User Guide", lambda: _show_guide(window), "F1")
    window.whats_this_action = _action(window, "What's &This?", _whats_this, "Shift+F1")


def make_menus(window: MainWindow) -> None:
    """The menu bar: File, Edit, View, Help (other parts add theirs)."""
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([window.new_case_action])
    file_menu.addSeparator()
    file_menu.addActions([window.open_workspace_action, window.new_workspace_action])
    window.recent_menu = file_menu.addMenu("Open &Recent")
    window.recent_menu.aboutToShow.connect(window.workspace_part.fill_recent_menu)
    file_menu.addSeparator()
    file_menu.addActions([window.export_action, window.print_preview_action, window.print_action])
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)

    edit_menu = bar.addMenu("&Edit")
    edit_menu.addActions([window.undo_action, window.redo_action])
    edit_menu.addSeparator()
    edit_menu.addActions([window.new_action, window.edit_action, window.delete_action])
    edit_menu.addSeparator()
    edit_menu.addActions([window.add_files_action, window.open_file_action])
    edit_menu.addSeparator()
    edit_menu.addActions([window.filter_action, window.search_action])

    view_menu = bar.addMenu("&View")
    view_menu.addAction(window.case_list_action)
    view_menu.addSeparator()
    view_menu.addActions(window.section_actions)
    window.view_menu = view_menu
    view_menu.addSeparator()  # View › Zoom and Theme follow: add_view_choices

    help_menu = bar.addMenu("&Help")
    help_menu.addActions([window.guide_action, window.whats_this_action])
    help_menu.addSeparator()
    help_menu.addAction(window.about_action)


def add_view_choices(window: MainWindow) -> None:
    """View › Zoom and View › Theme, at the end of the View menu, and what Undo covers
    in its tooltip. Made just after the first frame (``MainWindow.finish_setup``): that
    frame shows none of them, and their modules are ones the start can do without."""
    from app.gui.window import theme, undo_scope, zoom

    undo_scope.explain_undo(window)  # what Undo covers, in its tooltip and status tip
    zoom.add_zoom_actions(window, window.view_menu.addMenu("&Zoom"))
    theme.add_theme_menu(window, window.view_menu)


def _whats_this() -> None:
    from PySide6.QtWidgets import QWhatsThis

    QWhatsThis.enterWhatsThisMode()


def _show_guide(window: MainWindow) -> None:
    from app.gui.guide.dialog import show_guide  # loaded when first asked for

    show_guide(window)


def make_toolbar(window: MainWindow) -> None:
    """The main toolbar, which View can hide."""
    bar = QToolBar("Main toolbar", window)
    bar.setObjectName("main_toolbar")
    bar.setMovable(False)
    bar.setIconSize(style.toolbar_icon_size())
    bar.setToolButtonStyle(style.toolbar_button_style())
    bar.addActions([window.new_action, window.edit_action, window.delete_action])
    bar.addSeparator()
    bar.addActions([window.undo_action, window.redo_action])
    bar.addSeparator()
    bar.addActions([window.add_files_action, window.open_file_action])
    bar.addSeparator()
    bar.addActions([window.search_action, window.export_action, window.print_action])
    window.addToolBar(bar)
    more = bar.findChild(QToolButton, "qt_toolbar_ext_button")  # shown on a narrow window
    if more is not None:
        more.setAccessibleName("More toolbar buttons")
    window.toolbar = bar
    window.view_menu.addSeparator()
    window.view_menu.addAction(bar.toggleViewAction())
