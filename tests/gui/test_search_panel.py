"""The search panel: debounced search as you type, grouped results, activation signal."""

from __future__ import annotations

from app.context import AppContext
from app.core.services import cases, notes
from app.core.workspace import Workspace
from app.gui.search_panel import HIT_ROLE, HTML_ROLE, SearchPanel


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
    assert "<b>megaphone</b>" in item.data(HTML_ROLE)
    assert "&lt;" in item.data(HTML_ROLE) and "&amp;" in item.data(HTML_ROLE)
    assert item.data(HIT_ROLE).id == note
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
