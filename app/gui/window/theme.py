"""The window's colours: the system's (light, dark or high contrast, as the desktop
says), or one chosen in View › Theme (Light, Dark, High contrast), remembered in the
person's settings.

Every text colour of the palette in use reaches 4.5:1 on its background (WCAG 2.1 AA):
a system palette whose placeholder or secondary grey is fainter is darkened (or
lightened) just enough. Nothing in the app hard-codes a light colour: widgets take
theirs from this palette, so a theme switch repaints everything, icons included.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMenu

from app.gui import style
from app.gui.widgets.style import is_dark, readable

SETTING = "view/theme"
THEMES = {
    "system": "&System",
    "light": "&Light",
    "dark": "&Dark",
    "high-contrast": "&High Contrast",
}

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

# Each theme's colours: (role, active and inactive, disabled). Disabled text is exempt
# from the contrast minimum (WCAG 1.4.3) but is kept legible all the same.
_LIGHT = {
    Role.Window: ("#f3f3f3", None),
    Role.WindowText: ("#1b1b1b", "#767676"),
    Role.Base: ("#ffffff", "#f3f3f3"),
    Role.AlternateBase: ("#f6f6f6", None),
    Role.Text: ("#1b1b1b", "#767676"),
    Role.Button: ("#ececec", None),
    Role.ButtonText: ("#1b1b1b", "#767676"),
    Role.BrightText: ("#ffffff", None),
    Role.PlaceholderText: ("#5e5e5e", None),
    Role.Highlight: ("#0b5cad", "#c4c4c4"),
    Role.HighlightedText: ("#ffffff", "#1b1b1b"),
    Role.Link: ("#0b57d0", None),
    Role.LinkVisited: ("#6a1b9a", None),
    Role.ToolTipBase: ("#ffffe1", None),
    Role.ToolTipText: ("#1b1b1b", None),
    Role.Light: ("#ffffff", None),
    Role.Midlight: ("#f7f7f7", None),
    Role.Mid: ("#b8b8b8", None),
    Role.Dark: ("#9a9a9a", None),
    Role.Shadow: ("#6e6e6e", None),
}
_DARK = {
    Role.Window: ("#202124", None),
    Role.WindowText: ("#e8eaed", "#8a8c90"),
    Role.Base: ("#17181a", "#202124"),
    Role.AlternateBase: ("#1f2023", None),
    Role.Text: ("#e8eaed", "#8a8c90"),
    Role.Button: ("#2d2e32", None),
    Role.ButtonText: ("#e8eaed", "#8a8c90"),
    Role.BrightText: ("#ffffff", None),
    Role.PlaceholderText: ("#a9abb0", None),
    Role.Highlight: ("#2f6fd6", "#3c3d41"),
    Role.HighlightedText: ("#ffffff", "#e8eaed"),
    Role.Link: ("#8ab4f8", None),
    Role.LinkVisited: ("#c58af9", None),
    Role.ToolTipBase: ("#2d2e32", None),
    Role.ToolTipText: ("#e8eaed", None),
    Role.Light: ("#4a4b50", None),
    Role.Midlight: ("#3a3b3f", None),
    Role.Mid: ("#5f6368", None),
    Role.Dark: ("#101113", None),
    Role.Shadow: ("#000000", None),
}
# Black and white with yellow for selection and links, as desktop high-contrast themes
# do; frames are white so every field's edge shows.
_HIGH_CONTRAST = {
    Role.Window: ("#000000", None),
    Role.WindowText: ("#ffffff", "#a0a0a0"),
    Role.Base: ("#000000", None),
    Role.AlternateBase: ("#0d0d0d", None),
    Role.Text: ("#ffffff", "#a0a0a0"),
    Role.Button: ("#000000", None),
    Role.ButtonText: ("#ffffff", "#a0a0a0"),
    Role.BrightText: ("#ffffff", None),
    Role.PlaceholderText: ("#e0e0e0", None),
    Role.Highlight: ("#ffff00", "#a0a0a0"),
    Role.HighlightedText: ("#000000", "#000000"),
    Role.Link: ("#ffff00", None),
    Role.LinkVisited: ("#ffd27f", None),
    Role.ToolTipBase: ("#000000", None),
    Role.ToolTipText: ("#ffffff", None),
    Role.Light: ("#ffffff", None),
    Role.Midlight: ("#ffffff", None),
    Role.Mid: ("#ffffff", None),
    Role.Dark: ("#ffffff", None),
    Role.Shadow: ("#ffffff", None),
}
_COLOURS = {"light": _LIGHT, "dark": _DARK, "high-contrast": _HIGH_CONTRAST}

# Text roles and the background each is read on.
TEXT_ON = {
    Role.WindowText: Role.Window,
    Role.Text: Role.Base,
    Role.ButtonText: Role.Button,
    Role.PlaceholderText: Role.Base,
    Role.HighlightedText: Role.Highlight,
    Role.ToolTipText: Role.ToolTipBase,
    Role.Link: Role.Base,
}


def desktop_wish() -> str:
    """What the desktop asks for: "high-contrast", "dark", or "" (nothing in particular)."""
    hints = QGuiApplication.styleHints()
    if hints.accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast:
        return "high-contrast"
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else ""


def built_palette(theme: str) -> QPalette:
    """The palette of one of Casefile's own themes ("light", "dark", "high-contrast")."""
    palette = QPalette()
    for role, (normal, disabled) in _COLOURS[theme].items():
        for group in (Group.Active, Group.Inactive):
            palette.setColor(group, role, QColor(normal))
        palette.setColor(Group.Disabled, role, QColor(disabled or normal))
    return palette


def readable_palette(palette: QPalette) -> QPalette:
    """``palette`` with every text role at 4.5:1 or more on its background, and the
    placeholder grey (secondary labels use it) readable on the window too."""
    fixed = QPalette(palette)
    for group in (Group.Active, Group.Inactive):
        for text, background in TEXT_ON.items():
            behind = [fixed.color(group, background)]
            if text == Role.PlaceholderText:
                behind.append(fixed.color(group, Role.Window))
            fixed.setColor(group, text, readable(fixed.color(group, text), *behind))
    return fixed


def saved_theme(settings: MutableMapping[str, Any]) -> str:
    value = str(settings.get(SETTING) or "system")
    return value if value in THEMES else "system"


# The objectName of app.gui.widgets.edges.EdgedFusion (kept here so the usual start,
# on the system theme, need not import that module to ask whether it is in use).
EDGED_STYLE = "casefile-fusion"


class Themes(QObject):
    """Applies a theme to the application, and follows the desktop's colour scheme and
    contrast preference while the theme is "system"."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.theme = "system"
        self._system_palette = QPalette(app.palette())
        self._system_style = app.style().name()
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self.follow_desktop)
        hints.accessibility().contrastPreferenceChanged.connect(self.follow_desktop)

    def resolved(self) -> str:
        """What "system" means now: the desktop's high contrast or dark wish, else its
        own palette ("system")."""
        if self.theme != "system":
            return self.theme
        wish = desktop_wish()
        if wish == "high-contrast":
            return "high-contrast"
        if wish == "dark" and not is_dark(self._system_palette):
            return "dark"  # the desktop is dark but gave Qt a light palette
        return "system"

    def apply(self, theme: str) -> None:
        self.theme = theme if theme in THEMES else "system"
        shown = self.resolved()
        if shown == "system":
            palette = self._system_palette
            if self.app.style().objectName() == EDGED_STYLE:
                self.app.setStyle(self._system_style)
        else:
            # Imported here: the system theme, the usual start, has no need of it.
            from app.gui.widgets import edges

            palette = built_palette(shown)
            if self.app.style().objectName() != EDGED_STYLE:
                # Fusion paints with the palette given; this one also edges the fields.
                self.app.setStyle(edges.EdgedFusion())
        self.app.setPalette(readable_palette(palette))
        self.app.sendPostedEvents()  # widgets take the palette now (details render from it)
        style.clear_icon_cache()

    def follow_desktop(self, *_args: object) -> None:
        """The desktop's colours or contrast wish changed: follow them under "system"."""
        if self.theme == "system":
            self.app.setPalette(QPalette())  # back to the platform's, to read it afresh
            self._system_palette = QPalette(self.app.palette())
            self.apply("system")


def themes(app: QApplication | None = None) -> Themes:
    """The application's one theme keeper (made on first use)."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    keeper = app.findChild(Themes)
    return keeper if keeper is not None else Themes(app)


def add_theme_menu(window: Any, menu: QMenu) -> QMenu:
    """View › Theme: System, Light, Dark, High contrast; the choice is remembered."""
    keeper = themes()
    sub = menu.addMenu("&Theme")
    group = QActionGroup(sub)
    window.theme_actions = {}
    for key, text in THEMES.items():
        action = QAction(text, sub, checkable=True)
        action.setChecked(keeper.theme == key)
        action.triggered.connect(lambda _checked=False, k=key: choose_theme(window, k))
        group.addAction(action)
        sub.addAction(action)
        window.theme_actions[key] = action
    return sub


def choose_theme(window: Any, theme: str) -> None:
    themes().apply(theme)
    window.settings[SETTING] = theme
    if window.current_case_id() is not None:  # details are HTML in the old colours
        view = window.case_view
        view.refresh()  # the other sections, when next shown
        shown = view.current_list()
        if shown is not None:
            shown.refresh()
    window.theme_actions[theme].setChecked(True)
    window.statusBar().showMessage(f"Theme: {THEMES[theme].replace('&', '')}", 3000)
