"""A new person in a case gets a quiet conflict-check badge; the dock opens only for a
possible conflict."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDockWidget, QMainWindow

from app.core.services import cases
from app.gui import actions
from app.gui.conflict_panel import DOCK_NAME
from app.gui.window.conflict_badge import BADGE_NAME, ConflictBadge
from tests.gui.forms import fixtures as forms_fixtures
from tests.gui.forms.fixtures import drive

form_ctx = forms_fixtures.form_ctx
small_case = forms_fixtures.small_case
undo_stack = forms_fixtures.undo_stack


def _add_person(
    form_ctx: Any, undo_stack: Any, window: QMainWindow, case_id: int, name: str, roles: list[str]
) -> None:
    def fill(dialog: Any) -> None:
        dialog.fields["name"].edit.setText(name)
        dialog.fields["roles"].set_value(roles)

    drive(form_ctx, fill)
    assert actions.add_record(form_ctx, undo_stack, "party", case_id, window) is not None


def _dock_shown(window: QMainWindow) -> bool:
    dock = window.findChild(QDockWidget, DOCK_NAME)
    return dock is not None and not dock.isHidden()


def test_nothing_to_see_is_a_badge_and_a_conflict_opens_the_dock(
    qtbot: Any, form_ctx: Any, small_case: Any, undo_stack: Any
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.statusBar()  # the real window has one from the start
    window.show()
    other = cases.add_case(form_ctx.workspace, caption="People v. Someone Else")

    _add_person(form_ctx, undo_stack, window, other, "Rosa Quintero", ["witness"])
    badge = window.findChild(ConflictBadge, BADGE_NAME)
    assert badge is not None and badge.isVisible()
    assert badge.text() == "Conflict check: Rosa Quintero — clear"
    assert not _dock_shown(window)  # no news takes no room

    # The sample's client, now a complaining witness in another case: a real conflict.
    _add_person(form_ctx, undo_stack, window, other, "Derrick Ingram", ["complainant"])
    assert "1 possible conflict" in badge.text()
    assert _dock_shown(window)


def test_matches_that_are_not_adverse_wait_behind_the_badge(
    qtbot: Any, form_ctx: Any, small_case: Any, undo_stack: Any
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.statusBar()  # the real window has one from the start
    window.show()
    other = cases.add_case(form_ctx.workspace, caption="People v. Someone Else")
    _add_person(form_ctx, undo_stack, window, other, "Kenneth Thomas", ["police_officer"])
    badge = window.findChild(ConflictBadge, BADGE_NAME)
    assert badge is not None and "1 match, no conflict" in badge.text()
    assert not _dock_shown(window)
    badge.click()
    assert _dock_shown(window)
