"""Core operations without Qt: each step is one unit of work, and says what it changed."""

from __future__ import annotations

import pytest

from app.core.errors import NotFoundError
from app.core.services import cases, issues, notes, people, statements
from app.core.services.operations import (
    EVERYTHING,
    NOTHING,
    AddOperation,
    Changes,
    DeleteOperation,
    EditOperation,
    Operation,
    SavePlan,
    SequenceOperation,
    describe,
)
from app.core.storage.workspace import Workspace


def test_changes_combine_and_answer_what_they_touch() -> None:
    one = Changes.of([("statement", 1), ("statement", 2)])
    other = Changes.of_rows([("charges", 7), ("statements", 2)])
    both = one | other
    assert both.ids == {"statement": {1, 2}, "charge": {7}}
    assert both.kinds == {"statement", "charge"}
    assert both.touches({"charge", "note"}) and not both.touches({"note"})
    assert not NOTHING and not NOTHING.touches({"case"})
    assert (both | EVERYTHING).everything and EVERYTHING.touches({"note"})


def _case_with_a_statement(ws: Workspace) -> tuple[int, int, int, int]:
    case_id = cases.add_case(ws, caption="People v. Ingram")
    party = people.add_person_to_case(ws, case_id, ["client"], name="Derrick Ingram")
    issue = issues.add_issue(ws, case_id, title="Retaliation")
    said = statements.add_statement(
        ws, case_id, speaker_id=party, text="I was protesting.", issue_ids=[issue]
    )
    return case_id, party, issue, said


def test_an_edit_steps_back_and_forth(sqlite_workspace: Workspace) -> None:
    ws = sqlite_workspace
    _case, _party, _issue, said = _case_with_a_statement(ws)
    edit = EditOperation(ws, "statement", said, SavePlan({"text": "I was marching."}))
    edit.apply()
    assert statements.get_statement(ws, said)["text"] == "I was marching."
    edit.revert()
    assert statements.get_statement(ws, said)["text"] == "I was protesting."
    edit.reapply()
    assert statements.get_statement(ws, said)["text"] == "I was marching."
    assert edit.changes() == Changes.of([("statement", said)])
    assert describe(ws, "statement", said) == "by Derrick Ingram"


def test_a_statement_delete_reports_the_issue_it_was_linked_to(sqlite_workspace: Workspace):
    ws = sqlite_workspace
    _case, _party, issue, said = _case_with_a_statement(ws)
    delete = DeleteOperation(ws, "statement", said)
    delete.apply()
    with pytest.raises(NotFoundError):
        statements.get_statement(ws, said)
    assert delete.changes().ids == {"statement": {said}, "issue": {issue}}
    delete.revert()
    assert statements.get_statement(ws, said)["issue_ids"] == [issue]


def test_a_sequence_reports_all_its_parts(sqlite_workspace: Workspace) -> None:
    ws = sqlite_workspace
    case_id, *_rest = _case_with_a_statement(ws)
    first = AddOperation(ws, "note", case_id, SavePlan({"body": "Call the investigator"}))
    second = AddOperation(ws, "note", case_id, SavePlan({"body": "Ask for the video"}))
    sequence = SequenceOperation([first, second])
    sequence.apply()
    assert sequence.changes().ids == {"note": {first.record_id, second.record_id}}
    sequence.revert()
    assert notes.notes_of_case(ws, case_id) == []
    sequence.reapply()
    assert sorted(n.body for n in notes.notes_of_case(ws, case_id)) == [
        "Ask for the video",
        "Call the investigator",
    ]


def test_an_operation_that_does_not_say_changed_everything() -> None:
    assert Operation().changes() is EVERYTHING


def test_a_new_case_and_its_new_client_are_one_step_undone_and_redone_whole(
    sqlite_workspace: Workspace,
) -> None:
    from app.core.services import restore as rs
    from app.core.services.operations import MAIN

    ws = sqlite_workspace
    plan = SavePlan({"caption": "People v. Lopez"})
    plan.creates.append(rs.Create("client_person", people.PERSON, {"name": "Maria Lopez"}))
    plan.then.append(
        rs.Create(
            "client_party",
            people.PARTY,
            {"roles": ["client"], "notes": ""},
            refs={"person_id": "client_person"},
            case_ref=MAIN,
        )
    )
    add = AddOperation(ws, "case", None, plan)
    add.apply()
    assert add.record_id is not None
    [client] = people.parties_of_case(ws, add.record_id)
    assert people.get_person(ws, client.person_id)["name"] == "Maria Lopez"
    assert client.roles == ["client"]
    assert {"case", "party", "person"} <= add.changes().kinds
    add.revert()
    with pytest.raises(NotFoundError):
        cases.get_case(ws, add.record_id)
    assert people.find_people(ws, "Maria") == []
    add.reapply()
    [again] = people.parties_of_case(ws, add.record_id)
    assert (again.id, again.person_id) == (client.id, client.person_id)
