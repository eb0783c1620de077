"""The search panel: debounced search as you type, grouped results, activation signal,
its scope (the case on screen or every case), and how a hit is drawn."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QImage

from app.context import AppContext
from app.core.search.query import Hit
from app.core.services import cases, notes
from app.core.storage.workspace import Workspace
from app.gui.search_delegate import SNIPPET_LINES, snippet_layout
from app.gui.search_panel import HIT_ROLE, SearchPanel


def test_type_search_activate(qtbot, sqlite_workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    case = cases.add_case(sqlite_workspace, caption="People v. Rivera")
    note = notes.add_note(sqlite_workspace, case, body="Ask about the <megaphone> & bodycam")
    panel = SearchPanel(AppContext(sqlite_workspace))
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.timer.timeout, timeout=2000):
        qtbot.keyClicks(panel.field, "megaph")
    assert panel.model.rowCount() == 1
    group = panel.model.item(0)
    assert group.text() == "Notes (1)"
    item = group.child(0)
    hit = item.data(HIT_ROLE)
    assert hit.id == note
    assert hit.marked() == "Ask about the <**megaphone**> & bodycam"
    # Drawn from the plain snippet and its spans: markup in a note is text, not HTML.
    assert item.text().endswith("Ask about the <megaphone> & bodycam")
    with qtbot.waitSignal(panel.recordActivated) as blocker:
        panel.tree.activated.emit(item.index())
    assert blocker.args == ["note", case, note]


def test_nothing_found_and_case_filter(qtbot, sqlite_workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    a = cases.add_case(sqlite_workspace, caption="A")
    b = cases.add_case(sqlite_workspace, caption="B")
    notes.add_note(sqlite_workspace, a, body="lantern")
    panel = SearchPanel(AppContext(sqlite_workspace))
    qtbot.addWidget(panel)
    panel.field.setText('lantern "AND')
    panel.run_search()
    assert panel.status.text() == "No matches"
    panel.field.setText("lantern")
    panel.set_case(b)
    assert panel.model.rowCount() == 0
    panel.set_case(a)
    assert panel.model.rowCount() == 1


LONG = (
    "At the courthouse steps the wallet blocked a nervous avenue, as far as I could see. "
    "Officer Gonzales filmed the dashcam without saying a word, and the crowd waited by the "
    "megaphone until the van left the precinct at about seven o'clock that evening."
)


def _hit(snippet: str, spans: tuple[tuple[int, int], ...] = ()) -> Hit:
    return Hit("note", 1, 1, "People v. Rivera", "Note", snippet, 1.0, spans)


def test_a_snippet_wraps_to_the_width_and_stops_at_its_last_line(qapp) -> None:  # type: ignore[no-untyped-def]
    font = QFont()
    wide, more_wide = snippet_layout(_hit(LONG), font, 4000, SNIPPET_LINES)
    assert wide.lineCount() == 1 and not more_wide
    narrow, more = snippet_layout(_hit(LONG), font, 160, SNIPPET_LINES)
    assert narrow.lineCount() == SNIPPET_LINES and more
    last = narrow.lineAt(SNIPPET_LINES - 1)
    assert last.textStart() + last.textLength() < len(LONG)
    short, more_short = snippet_layout(_hit("a gazebo"), font, 160, SNIPPET_LINES)
    assert short.lineCount() == 1 and not more_short


def test_rows_are_as_tall_as_their_snippets_and_draw_them(
    qtbot, sqlite_workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    case = cases.add_case(sqlite_workspace, caption="People v. Rivera")
    notes.add_note(sqlite_workspace, case, body="lantern")
    notes.add_note(sqlite_workspace, case, body=LONG.replace("megaphone", "lantern megaphone"))
    panel = SearchPanel(AppContext(sqlite_workspace))
    qtbot.addWidget(panel)
    panel.resize(300, 500)
    panel.show()
    qtbot.waitExposed(panel)
    panel.field.setText("lantern")
    panel.run_search()
    group = panel.model.index(0, 0)
    rows = [panel.model.index(i, 0, group) for i in range(2)]
    heights = sorted(panel.tree.visualRect(row).height() for row in rows)
    line = panel.tree.fontMetrics().lineSpacing()
    # Title, case caption (every case is searched), then 1 or SNIPPET_LINES snippet lines.
    assert heights[1] - heights[0] == (SNIPPET_LINES - 1) * line
    image = panel.tree.viewport().grab().toImage()
    rect = panel.tree.visualRect(rows[0])
    assert _inked_rows(image, rect.top(), rect.bottom()) >= 3 * line // 2
    # Narrower: the long snippet needs its lines at any width, the short one stays short.
    panel.resize(220, 500)
    qtbot.waitUntil(lambda: panel.tree.visualRect(rows[0]).width() < rect.width())
    assert sorted(panel.tree.visualRect(row).height() for row in rows) == heights


def _inked_rows(image: QImage, top: int, bottom: int) -> int:
    """How many pixel rows between top and bottom have something drawn on them."""
    background = image.pixelColor(image.width() - 2, top)
    inked = 0
    for y in range(max(top, 0), min(bottom, image.height() - 1) + 1):
        if any(image.pixelColor(x, y) != background for x in range(0, image.width(), 2)):
            inked += 1
    return inked


def test_the_scope_follows_the_case_on_screen_and_the_choice_is_kept(
    qtbot, sqlite_workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    a = cases.add_case(sqlite_workspace, caption="A")
    b = cases.add_case(sqlite_workspace, caption="B")
    notes.add_note(sqlite_workspace, a, body="lantern in A")
    notes.add_note(sqlite_workspace, b, body="lantern in B")
    panel = SearchPanel(AppContext(sqlite_workspace))
    qtbot.addWidget(panel)
    panel.field.setText("lantern")
    panel.run_search()
    assert panel.scope.isHidden() and len(panel.hits) == 2
    panel.offer_case(a, "A")
    assert not panel.scope.isHidden() and panel.scope.currentText() == "This case: A"
    assert [hit.case_id for hit in panel.hits] == [a]
    panel.scope.activated.emit(0)  # the person picks "All cases"
    panel.scope.setCurrentIndex(0)
    assert len(panel.hits) == 2
    panel.offer_case(b, "B")  # another case: still every case, as chosen
    assert panel.scope.currentText() == "All cases" and len(panel.hits) == 2
    panel.scope.setCurrentIndex(1)
    panel.scope.activated.emit(1)
    assert [hit.case_id for hit in panel.hits] == [b]
    panel.offer_case(None)
    assert panel.scope.isHidden() and len(panel.hits) == 2


def test_down_in_the_field_goes_to_the_first_result(qtbot, sqlite_workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    case = cases.add_case(sqlite_workspace, caption="A")
    notes.add_note(sqlite_workspace, case, body="lantern")
    panel = SearchPanel(AppContext(sqlite_workspace))
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    panel.field.setFocus()
    panel.field.setText("lantern")
    panel.run_search()
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    assert panel.focusWidget() is panel.tree  # (the offscreen window is never active)
    assert panel.tree.currentIndex().data(HIT_ROLE).kind == "note"
    with qtbot.waitSignal(panel.recordActivated) as blocker:
        qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert blocker.args[0] == "note"


def test_a_kind_with_more_matches_than_shown_says_so(qtbot, sqlite_workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    from app.gui.search_panel import SHOWN

    case = cases.add_case(sqlite_workspace, caption="A")
    for i in range(SHOWN + 1):
        notes.add_note(sqlite_workspace, case, body=f"lantern {i}")
    notes.add_note(sqlite_workspace, case, body="a single gazebo")
    panel = SearchPanel(AppContext(sqlite_workspace))
    qtbot.addWidget(panel)
    panel.field.setText("lantern")
    panel.run_search()
    group = panel.model.item(0)
    assert group.text() == f"Notes ({SHOWN}+)" and group.rowCount() == SHOWN
    assert panel.status.text() == f"{SHOWN}+ found"
    panel.field.setText("gazebo")
    panel.run_search()
    assert panel.model.item(0).text() == "Notes (1)" and panel.status.text() == "1 found"


def test_a_typo_offers_the_index_s_spelling_and_searches_it(
    qtbot, sqlite_workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    case = cases.add_case(sqlite_workspace, caption="People v. Lopez")
    other = cases.add_case(sqlite_workspace, caption="People v. Other")
    note = notes.add_note(sqlite_workspace, case, body="She wore a red scarf.")
    notes.add_note(sqlite_workspace, other, body="The tarpaulin was blue.")
    panel = SearchPanel(AppContext(sqlite_workspace))
    qtbot.addWidget(panel)
    panel.show()
    panel.field.setText("scraf")
    panel.run_search()
    assert panel.status.text() == "No matches"
    button = panel.suggest_button
    assert button.isVisible() and button.text() == "Did you mean: scarf?"
    assert button.accessibleName().startswith("Did you mean: scarf?")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert panel.field.text() == "scarf"
    assert [(hit.kind, hit.id) for hit in panel.hits] == [("note", note)]
    assert not button.isVisible()
    # Scoped to one case, a word only another case holds is not offered.
    panel.set_case(case)
    panel.field.setText("tarpualin")
    panel.run_search()
    assert not panel.hits and not button.isVisible()
    panel.set_case(other)
    assert button.isVisible() and button.text() == "Did you mean: tarpaulin?"
    # The keyboard reaches it: Tab from the field, Space presses it.
    panel.field.setFocus()
    qtbot.keyClick(panel.field, Qt.Key.Key_Tab)
    assert panel.focusWidget() is button
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert panel.field.text() == "tarpaulin" and panel.hits
