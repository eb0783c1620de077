"""The person form's fields by role: a group per kind of role, shown only while one of
its roles is ticked, with nothing else moving; saved to the person or the party as
they belong, undone whole, refused with a message under the field."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from app.core.dates import PartialDate
from app.core.services import people
from app.gui import actions
from app.gui.widgets.accessible import focus_target
from tests.gui.forms import fixtures as forms_fixtures
from tests.gui.forms.fixtures import drive

form_ctx = forms_fixtures.form_ctx
small_case = forms_fixtures.small_case
undo_stack = forms_fixtures.undo_stack

SHOTS = Path("/work/shots")


def _open(form_ctx: Any, case_id: int, record_id: int | None = None) -> Any:
    dialog = actions.open_form(form_ctx, "party", case_id, record_id, None)
    dialog.show()
    dialog.resize(*dialog.default_size)
    QApplication.processEvents()
    return dialog


def _shot(dialog: Any, name: str) -> None:
    if SHOTS.is_dir() and os.access(SHOTS, os.W_OK):
        dialog.grab().save(str(SHOTS / f"roles-{name}.png"))


def _place(widget: QWidget) -> tuple[int, int]:
    top_left = widget.mapTo(widget.window(), widget.rect().topLeft())
    return top_left.x(), top_left.y()


def test_a_role_s_group_appears_when_its_role_is_ticked_and_nothing_else_moves(
    qtbot, form_ctx, small_case
) -> None:
    dialog = _open(form_ctx, small_case.case_id)
    qtbot.addWidget(dialog)
    assert dialog.role_groups.visible_groups() == []
    fixed = [dialog.fields[name] for name in ("name", "address", "roles")]
    before = [_place(w) for w in fixed]
    size = dialog.size()

    dialog.fields["roles"].set_value(["police_officer"])
    QApplication.processEvents()
    assert dialog.role_groups.visible_groups() == ["officer"]
    assert dialog.fields["shield_number"].isVisibleTo(dialog)
    assert not dialog.fields["nysid"].isVisibleTo(dialog)
    dialog.fields["roles"].set_value(["client", "complainant"])
    QApplication.processEvents()
    assert dialog.role_groups.visible_groups() == ["client", "witness"]
    _shot(dialog, "client-and-witness")
    # The person's fields and the roles stay where they were; the dialog keeps its size,
    # and the group boxes lie under the roles, above the notes, one after the other.
    assert [_place(w) for w in fixed] == before and dialog.size() == size
    client_box, witness_box = (dialog.role_groups.boxes[k] for k in ("client", "witness"))
    roles_bottom = _place(dialog.fields["roles"])[1] + dialog.fields["roles"].height()
    assert roles_bottom <= _place(client_box)[1]
    assert _place(client_box)[1] + client_box.height() <= _place(witness_box)[1]
    notes_top = _place(dialog.fields["notes"])[1]
    assert _place(witness_box)[1] + witness_box.height() <= notes_top
    assert notes_top + dialog.fields["notes"].height() <= _place(dialog.save_button)[1]
    dialog.mark_clean()  # closed by the test's end without the unsaved-changes question


def test_every_role_field_is_named_for_a_screen_reader(qtbot, form_ctx, small_case) -> None:
    dialog = _open(form_ctx, small_case.case_id)
    qtbot.addWidget(dialog)
    for name in ("shield_number", "command", "tax_id", "nysid", "custody_status",
                 "custody_note", "language", "subpoena_served_on"):  # fmt: skip
        assert focus_target(dialog.fields[name]).accessibleName(), name
    assert dialog.fields["needs_interpreter"].text() == "Needs an interpreter"
    assert dialog.fields["subpoenaed"].text() == "Subpoenaed"
    for box in dialog.role_groups.boxes.values():
        assert box.accessibleName().endswith(" details")


def test_an_officer_typed_in_the_form_is_saved_where_each_field_belongs_and_undone(
    qtbot, form_ctx, small_case, undo_stack
) -> None:
    ws = form_ctx.workspace

    def fill(dialog: Any) -> None:
        dialog.fields["roles"].set_value(["police_officer", "witness"])
        dialog.fields["shield_number"].setText("4471")
        dialog.fields["command"].setText("75th Precinct")
        dialog.fields["tax_id"].setText("931045")
        assert not dialog.fields["subpoena_served_on"].isEnabled()
        dialog.fields["subpoenaed"].setChecked(True)
        dialog.fields["subpoena_served_on"].set_value("2026-12-03")
        _shot(dialog, "officer")

    drive(form_ctx, fill)
    assert actions.edit_record(form_ctx, undo_stack, "party", small_case.thomas, None)
    party = people.get_party(ws, small_case.thomas)
    assert (party["shield_number"], party["command"]) == ("4471", "75th Precinct")
    assert party["subpoenaed"] and party["subpoena_served_on"] == PartialDate(2026, 12, 3)
    assert people.get_person(ws, small_case.thomas_person)["tax_id"] == "931045"
    undo_stack.undo()
    party = people.get_party(ws, small_case.thomas)
    assert (party["shield_number"], party["command"], party["subpoenaed"]) == ("", "", False)
    assert people.get_person(ws, small_case.thomas_person)["tax_id"] == ""
    undo_stack.redo()
    assert people.get_party(ws, small_case.thomas)["command"] == "75th Precinct"


def test_a_bad_nysid_is_refused_under_its_field_and_the_message_goes_once_fixed(
    qtbot, form_ctx, small_case
) -> None:
    dialog = _open(form_ctx, small_case.case_id)
    qtbot.addWidget(dialog)
    dialog.fields["name"].edit.setText("Maria Lopez")
    dialog.fields["roles"].set_value(["client"])
    dialog.fields["nysid"].setText("1234")

    def save(form: Any) -> None:
        plan = form.plan()
        people.add_person(form_ctx.workspace, **plan.creates[0].values)

    dialog.save_handler = save
    assert not dialog.try_save()
    assert dialog.error_text("nysid").startswith("NYSID must be 8 digits and a letter")
    _shot(dialog, "nysid-error")
    dialog.fields["nysid"].setText("12345678K")
    assert dialog.error_text("nysid") == ""
    assert not dialog.banner.isVisible()
    dialog.mark_clean()


@pytest.mark.parametrize("roles", [["client"], ["complainant"], ["police_officer"]])
def test_a_new_person_opened_with_a_role_shows_its_group(
    qtbot, form_ctx, small_case, roles
) -> None:
    dialog = actions.open_form(form_ctx, "party", small_case.case_id, None, None)
    qtbot.addWidget(dialog)
    dialog.preset_roles(roles)
    assert len(dialog.role_groups.visible_groups()) == 1
    assert not dialog.is_dirty()


def test_tab_goes_from_the_roles_through_the_shown_group_to_the_notes(
    qtbot, form_ctx, small_case
) -> None:
    dialog = _open(form_ctx, small_case.case_id)
    qtbot.addWidget(dialog)
    dialog.activateWindow()
    dialog.fields["roles"].set_value(["police_officer"])
    QApplication.processEvents()
    dialog.fields["roles"].setFocus()
    order = []
    for _ in range(4):
        dialog.focusNextChild()
        QApplication.processEvents()
        order.append(QApplication.focusWidget())
    fields = dialog.fields
    expected = [fields["shield_number"], fields["command"], fields["tax_id"], fields["notes"]]
    assert order == expected
    dialog.mark_clean()
