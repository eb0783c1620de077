"""An intake day through the forms: a new case names its client, a person in a case is
called one everywhere, and a name typed a little differently offers the near matches
before it makes a new person."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtTest import QTest

from app.core.errors import NotFoundError
from app.core.services import cases, people, statements
from app.gui import actions
from app.gui.forms.case import CaseForm
from app.gui.forms.party import PartyForm
from app.gui.forms.statement import StatementForm
from app.gui.sections.overview import ADD_CLIENT, OverviewSection
from app.gui.window.records import delete_text
from tests.casebuilder import CAPTION
from tests.gui.forms import fixtures as forms_fixtures
from tests.gui.forms.fixtures import drive

form_ctx = forms_fixtures.form_ctx
small_case = forms_fixtures.small_case
undo_stack = forms_fixtures.undo_stack

SHOTS = Path("/tmp/intake16-shots")


def _type(chooser: Any, text: str) -> None:
    chooser.edit.setFocus()
    chooser.edit.selectAll()
    QTest.keyClicks(chooser.edit, text)


def _clients(ws: Any, case_id: int) -> list[tuple[str, list[str]]]:
    return [
        (people.get_person(ws, p.person_id)["name"], p.roles)
        for p in people.parties_of_case(ws, case_id)
    ]


def _shot(widget: Any, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    widget.grab().save(str(SHOTS / name))


# -- the new case's client ---------------------------------------------------------------


def test_a_new_case_names_a_new_client_in_the_same_undo_step(
    qtbot: Any, form_ctx: Any, undo_stack: Any
) -> None:
    ws = form_ctx.workspace

    def fill(dialog: Any) -> None:
        assert isinstance(dialog, CaseForm) and dialog.client is not None
        dialog.fields["caption"].set_value("People v. Lopez")
        _type(dialog.client, "Maria Lopez")
        assert "New person" in dialog.client.hint.text()
        _shot(dialog, "new-case-form.png")

    drive(form_ctx, fill)
    case_id = actions.add_record(form_ctx, undo_stack, "case", None, None)
    assert case_id is not None
    assert _clients(ws, case_id) == [("Maria Lopez", ["client"])]
    assert undo_stack.count() == 1
    assert undo_stack.undoText() == "Add case “People v. Lopez” with client Maria Lopez"
    undo_stack.undo()
    try:
        cases.get_case(ws, case_id)
        raise AssertionError("the case outlived its undo")
    except NotFoundError:
        pass
    assert people.find_people(ws, "Maria") == []  # no stray person behind
    undo_stack.redo()
    assert _clients(ws, case_id) == [("Maria Lopez", ["client"])]


def test_a_new_case_takes_a_client_already_in_the_workspace(
    qtbot: Any, form_ctx: Any, small_case: Any, undo_stack: Any
) -> None:
    ws = form_ctx.workspace
    ingram = people.get_party(ws, small_case.ingram)["person_id"]

    def fill(dialog: Any) -> None:
        dialog.fields["caption"].set_value("People v. Ingram (2)")
        _type(dialog.client, "Derrick Ingram")

    drive(form_ctx, fill)
    case_id = actions.add_record(form_ctx, undo_stack, "case", None, None)
    [client] = people.parties_of_case(ws, case_id)
    assert client.person_id == ingram and client.roles == ["client"]


def test_a_client_typed_a_little_differently_is_offered_before_a_new_person(
    qtbot: Any, form_ctx: Any, small_case: Any, undo_stack: Any
) -> None:
    ws = form_ctx.workspace
    ingram = people.get_party(ws, small_case.ingram)["person_id"]
    refused: list[str] = []

    def fill(dialog: Any) -> None:
        dialog.fields["caption"].set_value("People v. Ingram (2)")
        _type(dialog.client, "Derek Ingram")
        assert not dialog.try_save()  # not silently a second Derrick Ingram
        refused.append(dialog.error_text("client"))
        matches = dialog.client_matches
        # The caption's "&" shows as itself, not as a shortcut mark.
        assert [b.accessibleName() for b in matches.buttons] == [f"Derrick Ingram (in {CAPTION})"]
        assert "&&" in matches.buttons[0].text()
        matches.buttons[0].click()

    drive(form_ctx, fill)
    case_id = actions.add_record(form_ctx, undo_stack, "case", None, None)
    assert "close to Derrick Ingram" in refused[0]
    [client] = people.parties_of_case(ws, case_id)
    assert client.person_id == ingram


def test_editing_a_case_has_no_client_field(qtbot: Any, form_ctx: Any, small_case: Any) -> None:
    form = CaseForm(form_ctx, None, small_case.case_id)
    qtbot.addWidget(form)
    assert form.client is None and "client" not in form.fields


# -- Overview says how to add a client -----------------------------------------------------


def test_overview_without_a_client_offers_the_person_form_with_the_client_role(
    qtbot: Any, form_ctx: Any, undo_stack: Any
) -> None:
    ws = form_ctx.workspace
    case_id = cases.add_case(ws, caption="People v. Nobody Yet")
    overview = OverviewSection(form_ctx)
    qtbot.addWidget(overview)
    overview.set_case(case_id)
    client = overview.fields["client"]
    assert "client role" in client.text() and ADD_CLIENT in client.text()
    with qtbot.waitSignal(overview.add_client_requested):
        client.linkActivated.emit(ADD_CLIENT)

    def fill(dialog: Any) -> None:
        assert isinstance(dialog, PartyForm)
        assert dialog.fields["roles"].value() == ["client"]
        assert not dialog.is_dirty()  # the preset is where the form starts
        _type(dialog.fields["name"], "Ana Ruiz")

    drive(form_ctx, fill)
    assert actions.add_client(form_ctx, undo_stack, case_id, None) is not None
    overview.refresh()
    assert client.text() == "Ana Ruiz"


# -- one word for a person in a case ------------------------------------------------------


def test_a_person_in_a_case_is_never_called_a_party(
    qtbot: Any, form_ctx: Any, small_case: Any
) -> None:
    new = PartyForm(form_ctx, small_case.case_id)
    qtbot.addWidget(new)
    assert new.windowTitle() == "New person in the case"
    assert new.noun == "person"  # "Save the changes to this person?"
    edit = PartyForm(form_ctx, None, small_case.thomas)
    qtbot.addWidget(edit)
    assert edit.windowTitle() == "Edit person in the case"
    assert delete_text("Person") == "&Remove Person from Case…"
    assert delete_text("Statement") == "&Delete Statement…"
    question, _detail = actions.delete_consequences(form_ctx, "party", small_case.thomas)
    assert question == "Remove Kenneth Thomas from this case?"


# -- a speaker who matches nobody ------------------------------------------------------------


def _statement_by(form_ctx: Any, undo_stack: Any, case_id: int, choose: Any) -> int:
    def fill(dialog: Any) -> None:
        assert isinstance(dialog, StatementForm)
        _type(dialog.speaker, "Ken Thomas")
        dialog.fields["text"].set_value("I saw him take it.")
        assert not dialog.try_save()
        assert "close to Kenneth Thomas" in dialog.error_text("speaker_id")
        matches = dialog.speaker_matches
        assert matches.isVisibleTo(dialog)
        assert [b.accessibleName() for b in matches.buttons] == [
            "Kenneth Thomas (in this case · Police officer, Witness)"
        ]
        _shot(dialog, "speaker-suggestion.png")
        choose(matches)

    drive(form_ctx, fill)
    statement_id = actions.add_record(form_ctx, undo_stack, "statement", case_id, None)
    assert statement_id is not None
    return statement_id


def test_a_speaker_close_to_someone_in_the_case_is_offered_first(
    qtbot: Any, form_ctx: Any, small_case: Any, undo_stack: Any
) -> None:
    ws = form_ctx.workspace
    before = len(people.parties_of_case(ws, small_case.case_id))
    said = _statement_by(form_ctx, undo_stack, small_case.case_id, lambda m: m.buttons[0].click())
    assert statements.get_statement(ws, said)["speaker_id"] == small_case.thomas
    assert len(people.parties_of_case(ws, small_case.case_id)) == before


def test_create_new_is_an_explicit_choice(
    qtbot: Any, form_ctx: Any, small_case: Any, undo_stack: Any
) -> None:
    ws = form_ctx.workspace
    said = _statement_by(form_ctx, undo_stack, small_case.case_id, lambda m: m.new_button.click())
    speaker = statements.get_statement(ws, said)["speaker_id"]
    assert speaker != small_case.thomas
    assert people.get_person(ws, people.get_party(ws, speaker)["person_id"])["name"] == "Ken Thomas"
