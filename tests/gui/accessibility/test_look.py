"""What a person with low vision depends on: text at 4.5:1 on its background in every
theme (WCAG 1.4.3), the text size following Ctrl++ / Ctrl+- / Ctrl+0 everywhere
(1.4.4), and a visible outline on whatever has the keyboard focus (2.4.7)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from app.context import AppContext
from app.gui.forms.statement import StatementForm
from app.gui.sections.list_section import ListSection
from app.gui.widgets import focus_ring
from app.gui.widgets.style import MIN_CONTRAST, contrast, error_color, muted_color
from app.gui.window import theme, zoom
from app.gui.window.main_window import MainWindow

Role = QPalette.ColorRole
PAIRS = [
    (Role.WindowText, Role.Window),
    (Role.Text, Role.Base),
    (Role.ButtonText, Role.Button),
    (Role.PlaceholderText, Role.Base),
    (Role.PlaceholderText, Role.Window),  # secondary labels (style.muted) use it
    (Role.HighlightedText, Role.Highlight),
    (Role.ToolTipText, Role.ToolTipBase),
    (Role.Link, Role.Base),
]


def _too_faint(palette: QPalette) -> list[str]:
    faint = []
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for text, background in PAIRS:
            ratio = contrast(palette.color(group, text), palette.color(group, background))
            if ratio < MIN_CONTRAST:
                faint.append(f"{group.name} {text.name} on {background.name}: {ratio:.2f}:1")
        for name, colour in (
            ("secondary grey", muted_color(palette)),
            ("red", error_color(palette)),
        ):
            for background in (Role.Window, Role.Base):
                ratio = contrast(colour, palette.color(group, background))
                if ratio < MIN_CONTRAST:
                    faint.append(f"{name} on {background.name}: {ratio:.2f}:1")
    return faint


def test_the_contrast_arithmetic_is_wcags() -> None:
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#767676"), QColor("#ffffff")) == pytest.approx(4.54, abs=0.01)
    assert contrast(QColor("#ffffff"), QColor("#ffffff")) == pytest.approx(1.0)


@pytest.mark.parametrize("name", ["system", "light", "dark", "high-contrast"])
def test_every_text_colour_reaches_4_5_to_1_in_every_theme(clean_look: Any, name: str) -> None:
    theme.themes().apply(name)
    palette = QApplication.palette()
    assert _too_faint(palette) == []
    if name in ("dark", "high-contrast"):
        assert palette.color(Role.Window).lightness() < 60
    if name == "light":
        assert palette.color(Role.Window).lightness() > 200


def test_the_system_palettes_faint_placeholder_grey_is_made_readable(clean_look: Any) -> None:
    # Fusion's placeholder grey is the text colour at half opacity: 3.9:1 on white.
    raw = QPalette(QApplication.palette())
    raw.setColor(Role.PlaceholderText, QColor(0, 0, 0, 128))
    raw.setColor(Role.Base, QColor("#ffffff"))
    assert contrast(raw.color(Role.PlaceholderText), raw.color(Role.Base)) < MIN_CONTRAST
    fixed = theme.readable_palette(raw)
    assert contrast(fixed.color(Role.PlaceholderText), fixed.color(Role.Base)) >= MIN_CONTRAST


def test_secondary_labels_follow_a_theme_switch(window: MainWindow, sample_case_id: int) -> None:
    window.open_case(sample_case_id)
    window.show_section("statements")
    section = window.case_view.current_list()
    assert isinstance(section, ListSection)
    count = section.count_label
    theme.choose_theme(window, "dark")
    shown = count.palette().color(count.foregroundRole())
    assert contrast(shown, count.palette().color(Role.Window)) >= MIN_CONTRAST
    assert window.settings[theme.SETTING] == "dark"
    assert window.theme_actions["dark"].isChecked()
    theme.choose_theme(window, "system")


# -- zoom -----------------------------------------------------------------------------


def _label_size(form: QWidget) -> float:
    labels = [label for label in form.findChildren(QLabel) if label.text().endswith(":")]
    return labels[0].font().pointSizeF()


def test_ctrl_plus_grows_the_text_everywhere_and_ctrl_0_restores_it(
    window: MainWindow, qtbot: Any, ctx: AppContext, sample_case_id: int
) -> None:
    window.open_case(sample_case_id)
    window.show_section("statements")
    section = window.case_view.current_list()
    assert isinstance(section, ListSection)
    table = section.table
    rows_before = table.rowHeight(0)
    heading_before = section.findChildren(QLabel)[0].font().pointSizeF()
    form = StatementForm(ctx, sample_case_id, None, window)
    label_before = _label_size(form)
    form.deleteLater()

    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window, Qt.Key.Key_Plus, ctrl)
    qtbot.keyClick(window, Qt.Key.Key_Plus, ctrl)
    assert zoom.current_zoom() == pytest.approx(1.25)
    assert table.rowHeight(0) > rows_before
    bigger = StatementForm(ctx, sample_case_id, None, window)
    assert _label_size(bigger) > label_before
    bigger.deleteLater()
    assert section.findChildren(QLabel)[0].font().pointSizeF() >= heading_before
    assert float(window.settings[zoom.SETTING]) == pytest.approx(1.25)

    qtbot.keyClick(window, Qt.Key.Key_Minus, ctrl)
    assert zoom.current_zoom() == pytest.approx(1.1)

    qtbot.keyClick(window, Qt.Key.Key_0, ctrl)
    assert zoom.current_zoom() == pytest.approx(1.0)
    assert table.rowHeight(0) == rows_before
    again = StatementForm(ctx, sample_case_id, None, window)
    assert _label_size(again) == pytest.approx(label_before)
    again.deleteLater()
    assert float(window.settings[zoom.SETTING]) == pytest.approx(1.0)


def test_headings_keep_their_proportion_when_zoomed(window: MainWindow, clean_look: Any) -> None:
    heading = window.case_list.heading
    ratio = heading.font().pointSizeF() / QApplication.font().pointSizeF()
    zoom.apply_zoom(1.5)
    assert heading.font().pointSizeF() / QApplication.font().pointSizeF() == pytest.approx(ratio)
    assert heading.font().pointSizeF() > 0


# -- focus ------------------------------------------------------------------------------


def _edges(window: QWidget, widget: QWidget) -> list[list[QColor]]:
    """For points along ``widget``'s top and left edges, the colours of the three pixels
    just outside it, as painted."""
    image = window.grab().toImage()
    origin = widget.mapTo(window, QPoint(0, 0))
    bands = [
        [image.pixelColor(origin.x() + dx, origin.y() - k) for k in (1, 2, 3)]
        for dx in range(8, widget.width() - 8, 5)
    ]
    bands += [
        [image.pixelColor(origin.x() - k, origin.y() + dy) for k in (1, 2, 3)]
        for dy in range(6, widget.height() - 6, 3)
    ]
    return bands


def _ringed(band: list[QColor]) -> bool:
    ring = QApplication.palette().color(Role.Highlight)
    return any(
        abs(c.red() - ring.red()) + abs(c.green() - ring.green()) + abs(c.blue() - ring.blue()) < 60
        for c in band
    )


def _share_ringed(window: QWidget, widget: QWidget) -> float:
    bands = _edges(window, widget)
    return sum(map(_ringed, bands)) / len(bands)


@pytest.mark.parametrize("which", ["line edit", "list"])
def test_the_focused_field_or_list_has_a_visible_outline(
    window: MainWindow,
    qtbot: Any,
    ctx: AppContext,
    sample_case_id: int,
    which: str,
    request: pytest.FixtureRequest,
) -> None:
    focus_ring.install()
    request.addfinalizer(focus_ring.uninstall)
    window.activateWindow()
    if which == "list":
        window.open_case(sample_case_id)
        window.show_section("statements")
        section = window.case_view.current_list()
        assert isinstance(section, ListSection)
        host, target, elsewhere = window, section.table, section.filter
    else:
        form = StatementForm(ctx, sample_case_id, None, window)
        qtbot.addWidget(form)
        form.show()
        qtbot.waitExposed(form)
        form.activateWindow()
        host, target, elsewhere = form, form.fields["date"], form.save_button
        while target.focusProxy() is not None:
            target = target.focusProxy()
    elsewhere.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is elsewhere)
    before = _share_ringed(host, target)
    target.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is target)
    assert _share_ringed(host, target) >= 0.9, "no outline around the focused widget"
    assert before < 0.5


# -- the desktop's wishes ----------------------------------------------------------------


@pytest.mark.parametrize("wish", ["dark", "high-contrast"])
def test_the_system_theme_follows_a_dark_or_high_contrast_desktop(
    clean_look: Any, monkeypatch: pytest.MonkeyPatch, wish: str
) -> None:
    keeper = theme.themes()
    keeper.apply("system")
    assert QApplication.palette().color(Role.Window).lightness() > 200  # offscreen: light
    monkeypatch.setattr(theme, "desktop_wish", lambda: wish)
    keeper.follow_desktop()  # what the style hints' signals call
    palette = QApplication.palette()
    assert palette.color(Role.Window).lightness() < 60
    if wish == "high-contrast":
        assert contrast(palette.color(Role.WindowText), palette.color(Role.Window)) >= 15
    assert _too_faint(palette) == []
    keeper.apply("light")  # a theme chosen in View › Theme wins over the desktop
    assert QApplication.palette().color(Role.Window).lightness() > 200


def test_a_desktop_back_to_light_brings_the_light_palette_back(
    clean_look: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    keeper = theme.themes()
    keeper.apply("system")
    monkeypatch.setattr(theme, "desktop_wish", lambda: "dark")
    keeper.follow_desktop()
    monkeypatch.setattr(theme, "desktop_wish", lambda: "")
    keeper.follow_desktop()
    assert QApplication.palette().color(Role.Window).lightness() > 200


@pytest.mark.parametrize("name", ["dark", "high-contrast"])
def test_a_fields_edge_shows_on_a_dark_window(qtbot: Any, clean_look: Any, name: str) -> None:
    # Fusion's frame is the window a shade darker: on black, black (1.4.11 asks 3:1).
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout

    theme.themes().apply(name)
    holder = QWidget()
    QVBoxLayout(holder).addWidget(field := QLineEdit())
    qtbot.addWidget(holder)
    holder.show()
    qtbot.waitExposed(holder)
    image = holder.grab().toImage()
    corner = field.mapTo(holder, QPoint(0, 0))
    middle = corner.y() + field.height() // 2
    window = QApplication.palette().color(Role.Window)
    best = max(contrast(image.pixelColor(corner.x() + dx, middle), window) for dx in range(3))
    assert best >= 3.0


def test_the_app_starts_in_the_remembered_theme_and_text_size(clean_look: Any) -> None:
    from app.gui.app import apply_view_settings

    apply_view_settings(QApplication.instance(), {theme.SETTING: "dark", zoom.SETTING: "1.25"})
    try:
        assert QApplication.palette().color(Role.Window).lightness() < 60
        assert zoom.current_zoom() == pytest.approx(1.25)
        assert QApplication.instance().findChild(focus_ring.FocusRings) is not None
    finally:
        focus_ring.uninstall()


def test_the_theme_knows_the_edged_style_by_its_own_name() -> None:
    """The theme asks whether the edged style is in use without importing it at start-up."""
    from app.gui.widgets import edges
    from app.gui.window import theme

    assert theme.EDGED_STYLE == edges.NAME
