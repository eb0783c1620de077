"""Undo and redo of every add, edit and delete put the database back exactly, and each
step says which records it changed."""

from __future__ import annotations

from typing import Any

import pytest

from app.core.errors import NotFoundError, ValidationError
from app.core.kinds import KINDS
from app.core.services import charges, documents, people, statements
from app.core.services import restore as rs
from app.core.services.operations import (
    AddOperation,
    DeleteOperation,
    EditOperation,
    SavePlan,
)
from app.gui.commands import OperationCommand
from tests.gui.forms import fixtures as forms_fixtures
from tests.gui.forms.fixtures import (
    MOVING,
    SmallCase,
    db_state,
)

# Fixtures shared with the other form tests (tests/gui/conftest.py is not ours).
form_ctx = forms_fixtures.form_ctx
small_case = forms_fixtures.small_case
undo_stack = forms_fixtures.undo_stack

NEW_VALUES: dict[str, dict[str, Any]] = {
    "case": {"caption": "People v. Someone Else", "opened_on": "about June 2021"},
    "charge": {"statute": "PL 240.20", "description": "Disorderly conduct", "count_number": 2},
    "document": {"title": "Body-camera video", "kind": "video", "date": "2020-06-14"},
    "event": {"title": "Arraignment", "kind": "court_appearance", "date": "2020-06-15"},
    "issue": {"title": "Speedy trial"},
    "note": {"body": "Call the investigator"},
}


def _refs(case: SmallCase) -> dict[str, int]:
    return {
        "case": case.case_id,
        "party": case.thomas,
        "statement": case.statement,
        "charge": case.charge,
        "document": case.complaint,
        "event": case.event,
        "issue": case.retaliation,
        "note": case.note,
    }


def _push(stack: Any, operation: Any, text: str = "change") -> OperationCommand:
    command = OperationCommand(operation, text, report=pytest.fail)
    command.execute()
    stack.push(command)
    return command


@pytest.mark.parametrize("kind", sorted(NEW_VALUES))
def test_add_undo_redo_restores_exactly(form_ctx, small_case, undo_stack, kind) -> None:
    ws = form_ctx.workspace
    before = db_state(ws)
    case_id = None if kind == "case" else small_case.case_id
    operation = AddOperation(ws, kind, case_id, SavePlan(dict(NEW_VALUES[kind])))
    _push(undo_stack, operation)
    after = db_state(ws)
    assert after != before
    undo_stack.undo()
    assert db_state(ws) == before
    undo_stack.redo()
    assert db_state(ws) == after  # the same id, uid and timestamps come back
    assert KINDS[kind].services.get(ws, operation.record_id)


EDITS: dict[str, dict[str, Any]] = {
    "case": {"status": "on_hold", "closed_on": None, "summary": "Retaliatory arrest"},
    "party": {"roles": ["witness"], "notes": "Arresting officer"},
    "statement": {"text": "He yelled into my ear.", "issue_ids": [], "sworn": True},
    "charge": {"status": "dismissed", "disposition_date": "2021"},
    "document": {"title": "Complaint (amended)", "issue_ids": []},
    "event": {"party_ids": [], "time": "14:30", "date": "June 2020"},
    "issue": {"status": "resolved"},
    "note": {"done": True},
}


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_edit_undo_redo(form_ctx, small_case, undo_stack, kind) -> None:
    ws = form_ctx.workspace
    record_id = _refs(small_case)[kind]
    snapshot_before = KINDS[kind].services.get(ws, record_id)
    before = db_state(ws, skip=MOVING)
    version = rs.version_of(ws, KINDS[kind].services.entity, record_id)
    _push(undo_stack, EditOperation(ws, kind, record_id, SavePlan(dict(EDITS[kind])), version))
    snapshot_after = KINDS[kind].services.get(ws, record_id)
    after = db_state(ws, skip=MOVING)
    assert snapshot_after != snapshot_before
    undo_stack.undo()
    assert KINDS[kind].services.get(ws, record_id) == snapshot_before
    assert db_state(ws, skip=MOVING) == before
    undo_stack.redo()
    assert KINDS[kind].services.get(ws, record_id) == snapshot_after
    assert db_state(ws, skip=MOVING) == after


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_delete_undo_restores_every_row_and_link(form_ctx, small_case, undo_stack, kind) -> None:
    ws = form_ctx.workspace
    record_id = _refs(small_case)[kind]
    before = db_state(ws)
    _push(undo_stack, DeleteOperation(ws, kind, record_id))
    after = db_state(ws)
    with pytest.raises(NotFoundError):
        KINDS[kind].services.get(ws, record_id)
    undo_stack.undo()
    assert db_state(ws) == before  # ids, uids, versions, timestamps and link rows
    undo_stack.redo()
    assert db_state(ws) == after
    undo_stack.undo()
    assert db_state(ws) == before


def test_undoing_a_party_delete_brings_back_their_statements(
    form_ctx, small_case, undo_stack
) -> None:
    ws = form_ctx.workspace
    assert people.party_dependents(ws, small_case.thomas) == {"statements": 1, "events": 1}
    _push(undo_stack, DeleteOperation(ws, "party", small_case.thomas))
    with pytest.raises(NotFoundError):
        statements.get_statement(ws, small_case.statement)
    undo_stack.undo()
    restored = statements.get_statement(ws, small_case.statement)
    assert restored["speaker_id"] == small_case.thomas
    assert restored["issue_ids"] == [small_case.identification]
    assert restored["source_document_id"] == small_case.complaint
    assert small_case.thomas in KINDS["event"].services.get(ws, small_case.event)["party_ids"]


def test_document_delete_undo_restores_citations(form_ctx, small_case, undo_stack) -> None:
    ws = form_ctx.workspace
    _push(undo_stack, DeleteOperation(ws, "document", small_case.complaint))
    assert statements.get_statement(ws, small_case.statement)["source_document_id"] is None
    undo_stack.undo()
    assert (
        statements.get_statement(ws, small_case.statement)["source_document_id"]
        == small_case.complaint
    )
    assert documents.get_document(ws, small_case.complaint)["issue_ids"] == [
        small_case.identification
    ]


def test_a_new_speaker_is_one_undo_step(form_ctx, small_case, undo_stack) -> None:
    ws = form_ctx.workspace
    before = db_state(ws)
    plan = SavePlan({"text": "No comment.", "setting": "press_statement"})
    plan.creates.append(rs.Create("p", people.PERSON, {"name": "Jessica McRorie"}))
    plan.creates.append(
        rs.Create(
            "pa", people.PARTY, {"roles": ["spokesperson"]}, small_case.case_id, {"person_id": "p"}
        )
    )
    plan.refs["speaker_id"] = "pa"
    operation = AddOperation(ws, "statement", small_case.case_id, plan)
    _push(undo_stack, operation)
    after = db_state(ws)
    speaker = statements.get_statement(ws, operation.record_id)["speaker_id"]
    person = people.get_party(ws, speaker)["person_id"]
    assert people.get_person(ws, person)["name"] == "Jessica McRorie"
    undo_stack.undo()
    assert db_state(ws) == before  # statement, party and person all gone
    undo_stack.redo()
    assert db_state(ws) == after


def test_a_refused_add_leaves_nothing_behind(form_ctx, small_case) -> None:
    ws = form_ctx.workspace
    before = db_state(ws)
    plan = SavePlan({"text": ""})  # no text: refused after the person would be made
    plan.creates.append(rs.Create("p", people.PERSON, {"name": "Nobody New"}))
    plan.creates.append(
        rs.Create(
            "pa", people.PARTY, {"roles": ["witness"]}, small_case.case_id, {"person_id": "p"}
        )
    )
    plan.refs["speaker_id"] = "pa"
    with pytest.raises(ValidationError, match="^text: is required$") as caught:
        OperationCommand(AddOperation(ws, "statement", small_case.case_id, plan), "x").execute()
    assert (caught.value.field, caught.value.message) == ("text", "is required")
    assert db_state(ws) == before


def test_undo_that_conflicts_is_reported_and_dropped(form_ctx, small_case, undo_stack) -> None:
    ws = form_ctx.workspace
    reports: list[str] = []
    edit = EditOperation(ws, "charge", small_case.charge, SavePlan({"statute": "PL 120.05"}))
    command = OperationCommand(edit, "Edit charge 1", report=reports.append)
    command.execute()
    undo_stack.push(command)
    charges.delete_charge(ws, small_case.charge)  # someone else, meanwhile
    undo_stack.undo()
    assert reports and "Edit charge 1" in reports[0]
    assert undo_stack.count() == 0  # dropped, not left claiming a state it cannot reach


# -- what each step reports it changed ----------------------------------------------


def _changes_each_way(stack: Any, command: OperationCommand) -> list[dict[str, frozenset]]:
    """The command's changes after do, undo and redo."""
    seen = [dict(command.changes().ids)]
    stack.undo()
    seen.append(dict(command.changes().ids))
    stack.redo()
    seen.append(dict(command.changes().ids))
    return seen


def test_an_edit_reports_its_record_on_do_undo_and_redo(form_ctx, small_case, undo_stack):
    ws = form_ctx.workspace
    edit = EditOperation(ws, "statement", small_case.statement, SavePlan({"sworn": True}))
    command = _push(undo_stack, edit)
    expected = {"statement": frozenset({small_case.statement})}
    assert _changes_each_way(undo_stack, command) == [expected] * 3
    assert command.changes().kinds == {"statement"} and not command.changes().everything


def test_a_party_edit_reports_the_person_too(form_ctx, small_case, undo_stack):
    ws = form_ctx.workspace
    plan = SavePlan({"notes": "Arresting officer"})
    plan.related.append(("person", small_case.thomas_person, {"phone": "212-555-0100"}))
    command = _push(undo_stack, EditOperation(ws, "party", small_case.thomas, plan))
    assert command.changes().ids == {
        "party": {small_case.thomas},
        "person": {small_case.thomas_person},
    }


def test_an_add_with_a_new_speaker_reports_all_it_made(form_ctx, small_case, undo_stack):
    ws = form_ctx.workspace
    plan = SavePlan({"text": "No comment.", "setting": "press_statement"})
    plan.creates.append(rs.Create("p", people.PERSON, {"name": "Jessica McRorie"}))
    plan.creates.append(
        rs.Create(
            "pa", people.PARTY, {"roles": ["witness"]}, small_case.case_id, {"person_id": "p"}
        )
    )
    plan.refs["speaker_id"] = "pa"
    operation = AddOperation(ws, "statement", small_case.case_id, plan)
    command = _push(undo_stack, operation)
    party = statements.get_statement(ws, operation.record_id)["speaker_id"]
    person = people.get_party(ws, party)["person_id"]
    expected = {
        "statement": {operation.record_id},
        "party": {party},
        "person": {person},
    }
    for seen in _changes_each_way(undo_stack, command):
        assert seen == expected


def test_a_party_delete_reports_what_goes_with_it(form_ctx, small_case, undo_stack):
    ws = form_ctx.workspace
    command = _push(undo_stack, DeleteOperation(ws, "party", small_case.thomas))
    changes = command.changes()
    # Their statement goes with them; the event they were in, and the issue their
    # statement was linked to, lose a link.
    assert changes.ids["party"] == {small_case.thomas}
    assert changes.ids["statement"] == {small_case.statement}
    assert small_case.event in changes.ids["event"]
    assert small_case.identification in changes.ids["issue"]
    assert "charge" not in changes.kinds and "note" not in changes.kinds
    undo_stack.undo()
    assert command.changes() == changes


def test_a_document_delete_reports_the_citations_it_clears(form_ctx, small_case, undo_stack):
    ws = form_ctx.workspace
    command = _push(undo_stack, DeleteOperation(ws, "document", small_case.complaint))
    changes = command.changes()
    assert changes.ids["document"] == {small_case.complaint}
    assert small_case.statement in changes.ids["statement"]  # its source is cleared
    assert small_case.event in changes.ids["event"]
    assert not changes.touches({"charge", "note", "case"})
