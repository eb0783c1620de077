"""The record forms through ``app.gui.actions``: add, edit and delete each kind, errors
shown next to their field with nothing stored, the unsaved-changes prompt, and a
statement typed from the keyboard alone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.core.errors import NotFoundError
from app.core.kinds import services
from app.core.services import (
    cases,
    charges,
    choices,
    documents,
    events,
    issues,
    notes,
    people,
    statements,
)
from app.gui import actions
from app.gui.interaction import CANCEL, DISCARD, SAVE
from tests.gui.forms import fixtures as forms_fixtures
from tests.gui.forms.fixtures import (
    answer_confirmations,
    db_state,
    drive,
    talk,
)
from tests.gui.recording import RecordingInteraction

# Fixtures shared with the other form tests (tests/gui/conftest.py is not ours).
form_ctx = forms_fixtures.form_ctx
small_case = forms_fixtures.small_case
undo_stack = forms_fixtures.undo_stack


@pytest.fixture
def recording(form_ctx) -> RecordingInteraction:
    """The forms' questions, answered from a script; none scripted means none expected."""
    return talk(form_ctx)


@pytest.fixture(autouse=True)
def no_blocking_dialogs(form_ctx: Any) -> Iterator[None]:
    """A message box nobody answers would hang the run: fail instead (tests opt in).

    Questions nobody scripted fail in the recording interaction itself; notices are
    checked here, after the test (a test that expects one reads and clears them)."""
    yield
    told = talk(form_ctx).of_kind("inform", "warn")
    assert not told, f"unexpected notice: {told}"


def _set(dialog: Any, **values: Any) -> None:
    for name, value in values.items():
        dialog.fields[name].set_value(value)


def _type_into(widget: Any, text: str) -> None:
    target = getattr(widget, "edit", widget)
    target.setFocus()
    if hasattr(target, "selectAll"):
        target.selectAll()
    QTest.keyClicks(target, text)


# -- add ---------------------------------------------------------------------------


def test_add_statement_with_an_existing_speaker(
    qtbot, monkeypatch, form_ctx, small_case, undo_stack
) -> None:
    def fill(dialog: Any) -> None:
        _type_into(dialog.fields["speaker_id"], "Derrick Ingram")
        _type_into(dialog.fields["date"], "about June 2020")
        _set(dialog, setting="press_statement", issue_ids=[small_case.retaliation])
        _set(dialog, source_document_id=small_case.complaint, pin_cite="¶ 9")
        _type_into(dialog.fields["text"], "They came to my home without a warrant.")

    drive(form_ctx, fill)
    new_id = actions.add_record(form_ctx, undo_stack, "statement", small_case.case_id, None)
    assert new_id is not None
    saved = statements.get_statement(form_ctx.workspace, new_id)
    assert saved["speaker_id"] == small_case.ingram
    assert saved["date"].iso() == "2020-06~"
    assert saved["text"] == "They came to my home without a warrant."
    assert saved["issue_ids"] == [small_case.retaliation]
    assert (saved["source_document_id"], saved["pin_cite"]) == (small_case.complaint, "¶ 9")
    assert undo_stack.undoText() == "Add statement by Derrick Ingram"


def test_a_new_speaker_becomes_a_party_in_the_same_undo_step(
    qtbot, monkeypatch, form_ctx, small_case, undo_stack
) -> None:
    ws = form_ctx.workspace
    before = db_state(ws)

    def fill(dialog: Any) -> None:
        chooser = dialog.fields["speaker_id"]
        _type_into(chooser, "Jessica McRorie")
        assert "New person" in chooser.hint.text()
        chooser.role.set_value("spokesperson")
        _type_into(dialog.fields["text"], "Mr. Ingram is wanted for assault.")

    drive(form_ctx, fill)
    new_id = actions.add_record(form_ctx, undo_stack, "statement", small_case.case_id, None)
    speaker = statements.get_statement(ws, new_id)["speaker_id"]
    party = people.get_party(ws, speaker)
    assert party["roles"] == ["spokesperson"]
    assert people.get_person(ws, party["person_id"])["name"] == "Jessica McRorie"
    assert undo_stack.count() == 1
    undo_stack.undo()
    assert db_state(ws) == before


@pytest.mark.parametrize(
    "kind, values, check",
    [
        (
            "case",
            {"caption": "People v. Jordan Doe", "status": "intake", "opened_on": "June 2021"},
            lambda snap: (
                snap["caption"] == "People v. Jordan Doe" and snap["opened_on"].iso() == "2021-06"
            ),
        ),
        (
            "charge",
            {"statute": "PL 240.20", "description": "Disorderly conduct", "status": "pending"},
            lambda snap: snap["statute"] == "PL 240.20" and snap["count_number"] == 2,
        ),
        (
            "document",
            {"title": "Body-camera video", "kind": "video", "date": "2020", "privileged": True},
            lambda snap: snap["kind"] == "video" and snap["privileged"] is True,
        ),
        (
            "event",
            {
                "title": "Arraignment",
                "kind": "court_appearance",
                "date": "June 15, 2020",
                "time": "09:30",
            },
            lambda snap: snap["time"] == "09:30" and snap["date"].iso() == "2020-06-15",
        ),
        (
            "issue",
            {"title": "Speedy trial (CPL 30.30)", "description": "Count the days"},
            lambda snap: snap["status"] == "open",
        ),
        (
            "note",
            {"body": "Get the 911 call", "is_todo": True, "staff_only": True},
            lambda snap: snap["is_todo"] and snap["staff_only"] and not snap["done"],
        ),
    ],
)
def test_add_each_kind(
    qtbot, monkeypatch, form_ctx, small_case, undo_stack, kind, values, check
) -> None:
    drive(form_ctx, lambda dialog: _set(dialog, **values))
    case_id = None if kind == "case" else small_case.case_id
    new_id = actions.add_record(form_ctx, undo_stack, kind, case_id, None)
    assert new_id is not None
    assert check(services(kind).get(form_ctx.workspace, new_id))
    assert undo_stack.undoText().startswith(f"Add {kind}")


def test_add_a_party_for_a_new_person(qtbot, monkeypatch, form_ctx, small_case, undo_stack):
    ws = form_ctx.workspace

    def fill(dialog: Any) -> None:
        _type_into(dialog.fields["name"], "Lupe Todd-Medina")
        _set(dialog, affiliation="Warriors In The Garden", aliases=["Lupe"])
        _set(dialog, roles=["spokesperson"], notes="Speaks for the group")

    drive(form_ctx, fill)
    party_id = actions.add_record(form_ctx, undo_stack, "party", small_case.case_id, None)
    party = people.get_party(ws, party_id)
    person = people.get_person(ws, party["person_id"])
    assert (party["roles"], party["notes"]) == (["spokesperson"], "Speaks for the group")
    assert (person["name"], person["aliases"]) == ("Lupe Todd-Medina", ["Lupe"])
    assert undo_stack.undoText() == "Add Lupe Todd-Medina to the case"


def test_add_a_party_for_someone_already_in_the_workspace(
    qtbot, monkeypatch, form_ctx, small_case, undo_stack
) -> None:
    ws = form_ctx.workspace
    other_case = cases.add_case(ws, caption="People v. Somebody")

    def fill(dialog: Any) -> None:
        _type_into(dialog.fields["name"], "Kenneth Thomas")
        # Their details load from the workspace; the title typed here updates them.
        assert dialog.fields["title"].value() == "Officer"
        _set(dialog, title="Detective", roles=["witness"])

    drive(form_ctx, fill)
    party_id = actions.add_record(form_ctx, undo_stack, "party", other_case, None)
    assert people.get_party(ws, party_id)["person_id"] == small_case.thomas_person
    assert people.get_person(ws, small_case.thomas_person)["title"] == "Detective"
    undo_stack.undo()
    assert people.get_person(ws, small_case.thomas_person)["title"] == "Officer"
    assert choices.parties(ws, other_case) == []


# -- edit --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind, attr, values, check",
    [
        (
            "case",
            "case_id",
            {"status": "closed", "closed_on": "2021"},
            lambda s: s["status"] == "closed",
        ),
        ("charge", "charge", {"status": "dismissed"}, lambda s: s["status"] == "dismissed"),
        (
            "document",
            "complaint",
            {"title": "Complaint (amended)"},
            lambda s: s["title"] == "Complaint (amended)",
        ),
        ("event", "event", {"party_ids": []}, lambda s: s["party_ids"] == []),
        ("issue", "retaliation", {"status": "resolved"}, lambda s: s["status"] == "resolved"),
        ("note", "note", {"done": True}, lambda s: s["done"] is True),
        (
            "statement",
            "statement",
            {"sworn": True, "text": "He yelled."},
            lambda s: s["sworn"] and s["text"] == "He yelled.",
        ),
    ],
)
def test_edit_each_kind(
    qtbot, monkeypatch, form_ctx, small_case, undo_stack, kind, attr, values, check
) -> None:
    record_id = getattr(small_case, attr)
    before = services(kind).get(form_ctx.workspace, record_id)
    drive(form_ctx, lambda dialog: _set(dialog, **values))
    assert actions.edit_record(form_ctx, undo_stack, kind, record_id, None)
    assert check(services(kind).get(form_ctx.workspace, record_id))
    assert undo_stack.undoText().startswith("Edit ")
    undo_stack.undo()
    assert services(kind).get(form_ctx.workspace, record_id) == before


def test_edit_party_changes_the_person_too(qtbot, monkeypatch, form_ctx, small_case, undo_stack):
    ws = form_ctx.workspace
    drive(form_ctx, lambda d: _set(d, phone="212-555-0100", roles=["witness"]))
    assert actions.edit_record(form_ctx, undo_stack, "party", small_case.thomas, None)
    assert people.get_person(ws, small_case.thomas_person)["phone"] == "212-555-0100"
    assert people.get_party(ws, small_case.thomas)["roles"] == ["witness"]
    assert undo_stack.undoText() == "Edit Kenneth Thomas"
    undo_stack.undo()
    assert people.get_person(ws, small_case.thomas_person)["phone"] == ""
    assert people.get_party(ws, small_case.thomas)["roles"] == ["police_officer", "witness"]


def test_saving_an_unchanged_form_adds_no_undo_step(
    qtbot, monkeypatch, form_ctx, small_case, undo_stack
) -> None:
    drive(form_ctx, lambda dialog: None)
    assert not actions.edit_record(form_ctx, undo_stack, "charge", small_case.charge, None)
    assert undo_stack.count() == 0


# -- delete ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind, attr, expect",
    [
        ("party", "thomas", "Kenneth Thomas has 1 statement in this case"),
        ("document", "complaint", "source of 1 statement and 1 event"),
        ("case", "case_id", "2 parties, 2 statements, 1 charge, 2 documents"),
        ("issue", "retaliation", "linked to 1 statement and 1 event"),
        ("charge", "charge", "undo"),
        ("event", "event", "undo"),
        ("note", "note", "undo"),
        ("statement", "statement", "undo"),
    ],
)
def test_delete_each_kind_names_what_else_goes(
    qtbot, monkeypatch, form_ctx, small_case, undo_stack, kind, attr, expect
) -> None:
    ws = form_ctx.workspace
    record_id = getattr(small_case, attr)
    before = db_state(ws)
    asked = answer_confirmations(form_ctx, answer=False)
    assert not actions.delete_record(form_ctx, undo_stack, kind, record_id, None)
    assert db_state(ws) == before  # "Cancel" deletes nothing
    detail = asked.of_kind("confirm")[0].detail
    assert expect in detail
    answer_confirmations(form_ctx, answer=True)
    assert actions.delete_record(form_ctx, undo_stack, kind, record_id, None)
    with pytest.raises(NotFoundError):
        services(kind).get(ws, record_id)
    undo_stack.undo()
    assert db_state(ws) == before


def test_delete_texts(qtbot, monkeypatch, form_ctx, small_case, undo_stack) -> None:
    answer_confirmations(form_ctx)
    actions.delete_record(form_ctx, undo_stack, "document", small_case.complaint, None)
    assert undo_stack.undoText() == "Delete document “Complaint report”"
    answer_confirmations(form_ctx)
    actions.delete_record(form_ctx, undo_stack, "charge", small_case.charge, None)
    assert undo_stack.undoText() == "Delete charge 1"


# -- validation --------------------------------------------------------------------


def test_a_statement_without_text_is_refused_next_to_the_field(
    qtbot, monkeypatch, form_ctx, small_case, undo_stack
) -> None:
    ws = form_ctx.workspace
    before = db_state(ws)
    seen = drive(form_ctx, lambda d: _type_into(d.fields["speaker_id"], "A Brand New Person"))
    assert actions.add_record(form_ctx, undo_stack, "statement", small_case.case_id, None) is None
    dialog = seen[0]
    assert dialog.error_text("text") == "Verbatim text is required"
    assert dialog.banner.isVisibleTo(dialog) and "Not saved" in dialog.banner.text()
    assert dialog.fields["text"].property("casefileInvalid") is True
    assert db_state(ws) == before  # not even the new person
    assert undo_stack.count() == 0


@pytest.mark.parametrize(
    "kind, attr, values, field, message",
    [
        ("charge", "charge", {"offense_date": "June 31, 2020"}, "offense_date", "only 30 days"),
        ("case", "case_id", {"opened_on": "2021", "closed_on": "2020"}, "closed_on", "before"),
        ("event", "event", {"time": "25:00"}, "time", "Time must be a time of day"),
        ("charge", "charge", {"statute": ""}, "statute", "Statute is required"),
        ("party", "thomas", {"roles": []}, "roles", "Roles needs at least one"),
    ],
)
def test_validation_errors_block_saving(
    qtbot, monkeypatch, form_ctx, small_case, undo_stack, kind, attr, values, field, message
) -> None:
    ws = form_ctx.workspace
    before = db_state(ws)
    seen = drive(form_ctx, lambda d: _set(d, **values))
    assert not actions.edit_record(form_ctx, undo_stack, kind, getattr(small_case, attr), None)
    assert message in seen[0].error_text(field)
    assert db_state(ws) == before
    # Fixing the field and saving again goes through.
    assert undo_stack.count() == 0


def press_attach(dialog: Any) -> int:
    """The confirm dialog's Attach, as a click would press it."""
    dialog.attach()
    return int(dialog.result())


def test_a_file_already_in_the_case_is_named(
    qtbot, monkeypatch, tmp_path: Path, form_ctx, small_case, undo_stack
) -> None:
    ws = form_ctx.workspace
    first, second, again = tmp_path / "a.txt", tmp_path / "b.pdf", tmp_path / "copy-of-a.txt"
    first.write_text("complaint")
    second.write_bytes(b"%PDF-1.4 report")
    again.write_text("complaint")
    before = db_state(ws)
    talk(form_ctx).dialogs.append(press_attach)
    ids = actions.add_document_files(
        form_ctx, undo_stack, small_case.case_id, [first, second, again], None
    )
    assert [documents.get_document(ws, i)["title"] for i in ids] == ["A", "B"]
    assert undo_stack.count() == 1 and undo_stack.undoText() == "Add 2 documents"
    told = talk(form_ctx).of_kind("inform")
    assert talk(form_ctx).of_kind("dialog")[0].title == "Attach 3 files"
    assert len(told) == 1 and told[0].title == "Some files were not added"
    assert "copy-of-a.txt" in told[0].detail and "already in the case" in told[0].detail
    talk(form_ctx).log.clear()
    undo_stack.undo()
    assert db_state(ws) == before


# -- closing -----------------------------------------------------------------------


@pytest.mark.parametrize("answer", [CANCEL, DISCARD, SAVE])
def test_unsaved_changes_prompt(qtbot, form_ctx, recording, small_case, undo_stack, answer):
    ws = form_ctx.workspace
    recording.unsaved.append(answer)
    dialog = actions.open_form(form_ctx, "issue", small_case.case_id, None, None)
    qtbot.addWidget(dialog)
    dialog.save_handler = lambda d: issues.add_issue(ws, small_case.case_id, **d.plan().values)
    dialog.show()
    QTest.keyClicks(dialog.fields["title"], "Brady material")
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert [s.text for s in recording.of_kind("unsaved")] == ["Save the changes to this issue?"]
    titles = [i["title"] for i in choices.issues(ws, small_case.case_id)]
    if answer == CANCEL:
        assert dialog.isVisible() and "Brady material" not in titles
    elif answer == DISCARD:
        assert not dialog.isVisible() and "Brady material" not in titles
    else:
        assert not dialog.isVisible() and "Brady material" in titles


def test_esc_on_an_untouched_form_just_closes(qtbot, form_ctx, recording, small_case):
    dialog = actions.open_form(
        form_ctx, "statement", small_case.case_id, small_case.statement, None
    )
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and not recording.of_kind("unsaved")


def test_a_form_remembers_its_size_in_the_settings(qtbot, form_ctx, recording, small_case):
    form_ctx.settings = {}
    dialog = actions.open_form(form_ctx, "issue", small_case.case_id, None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(700, 450)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert "forms/issue/geometry" in form_ctx.settings
    again = actions.open_form(form_ctx, "issue", small_case.case_id, None, None)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert (again.width(), again.height()) == (700, 450)


# -- keyboard ----------------------------------------------------------------------


def test_a_statement_typed_with_the_keyboard_only(
    qtbot, monkeypatch, form_ctx, recording, small_case, undo_stack
) -> None:
    """Type, Tab to the next field, and Ctrl+Return to save: no mouse anywhere."""
    ws = form_ctx.workspace

    shown: list[Any] = []

    def focused() -> Any:
        return QApplication.focusWidget() or shown[0].focusWidget()

    def tab() -> None:
        QTest.keyClick(focused(), Qt.Key.Key_Tab)

    def fill(dialog: Any) -> None:
        shown.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        assert focused() is dialog.fields["speaker_id"].edit  # the first field has focus
        QTest.keyClicks(focused(), "Kenneth Thomas")
        tab()  # also closes the completion popup
        assert focused() is dialog.fields["date"].edit
        QTest.keyClicks(focused(), "June 14, 2020")
        tab()
        assert focused() is dialog.fields["setting"]
        QTest.keyClick(focused(), Qt.Key.Key_Home)  # the first setting: sworn testimony
        tab()
        assert focused() is dialog.fields["sworn"]
        QTest.keyClick(focused(), Qt.Key.Key_Space)
        tab()
        assert focused() is dialog.fields["reported"]  # left as it is: verbatim
        tab()
        assert focused() is dialog.fields["recipient_party_id"]
        tab()
        assert focused() is dialog.fields["recipient_text"]
        QTest.keyClicks(focused(), "911 operator")
        tab()
        assert focused() is dialog.fields["text"]
        QTest.keyClicks(focused(), "Help, I was assaulted.")
        tab()
        assert focused() is dialog.fields["source_document_id"]
        tab()
        assert focused() is dialog.fields["pin_cite"]
        tab()
        assert focused() is dialog.fields["issue_ids"]
        QTest.keyClick(focused(), Qt.Key.Key_Space)  # tick the first issue
        tab()
        assert focused() is dialog.fields["notes"]
        QTest.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    drive(form_ctx, fill, save=False)
    new_id = actions.add_record(form_ctx, undo_stack, "statement", small_case.case_id, None)
    assert new_id is not None
    saved = statements.get_statement(ws, new_id)
    assert saved["speaker_id"] == small_case.thomas
    assert saved["date"].iso() == "2020-06-14"
    assert saved["sworn"] is True
    assert saved["setting"] == "sworn_testimony"
    assert saved["recipient_text"] == "911 operator"
    assert saved["text"] == "Help, I was assaulted."
    first_issue = choices.issues(ws, small_case.case_id)[0]["id"]
    assert saved["issue_ids"] == [first_issue]
    assert not recording.of_kind("unsaved")


def test_enter_in_a_line_field_saves(qtbot, monkeypatch, form_ctx, small_case, undo_stack):
    def fill(dialog: Any) -> None:
        dialog.show()
        qtbot.waitExposed(dialog)
        QTest.keyClicks(dialog.fields["title"], "Brady material")
        QTest.keyClick(dialog.fields["title"], Qt.Key.Key_Return)

    drive(form_ctx, fill, save=False)
    new_id = actions.add_record(form_ctx, undo_stack, "issue", small_case.case_id, None)
    assert issues.get_issue(form_ctx.workspace, new_id)["title"] == "Brady material"


def test_untouched_services_are_the_ones_used(form_ctx) -> None:
    # The registry names the public service functions (not private copies).
    assert services("charge").add is charges.add_charge
    assert services("event").delete is events.delete_event
    assert services("note").update is notes.update_note


def test_typing_does_not_wear_down_reference_counts(qtbot, form_ctx, small_case) -> None:
    """PySide6 6.12 drops a reference to True on every Python ``emit()``; enough typing
    would abort the app (the dependency pin in pyproject.toml keeps it out)."""
    import sys

    dialog = actions.open_form(form_ctx, "statement", small_case.case_id, None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    before = sys.getrefcount(True)
    for _ in range(20):
        dialog.fields["speaker_id"].set_value(None)
        QTest.keyClicks(dialog.fields["speaker_id"].edit, "Kenneth")
        dialog.fields["issue_ids"].set_value([small_case.retaliation])
        dialog.fields["text"].set_value("Words")
    assert sys.getrefcount(True) >= before - 5


# -- someone else saved first --------------------------------------------------------


def _edit_after_a_colleague(monkeypatch, form_ctx, small_case, undo_stack, choice):
    """Open the charge's form, let a colleague save a change, then save the form."""
    ws = form_ctx.workspace
    shown: list[Any] = []

    def colleague_then_mine(dialog: Any) -> None:
        charges.update_charge(ws, small_case.charge, disposition="Colleague's note")
        _set(dialog, status="dismissed")
        dialog.try_save()
        # What the form shows once the save is over (the dialog is deleted after).
        shown.append(
            {
                "disposition": dialog.fields["disposition"].value(),
                "banner": dialog.banner.text(),
                "open": not dialog.result(),
            }
        )

    drive(form_ctx, colleague_then_mine, save=False)
    asked: list[str] = []

    def answer(box: Any) -> int:
        asked.append(box.text())
        {actions.OVERWRITE: box.overwrite, actions.RELOAD: box.reload}[choice].click()
        return 0

    talk(form_ctx).dialogs.append(answer)
    saved = actions.edit_record(form_ctx, undo_stack, "charge", small_case.charge, None)
    return saved, asked, shown[0], charges.get_charge(ws, small_case.charge)


def test_a_stale_save_offers_overwrite(qtbot, monkeypatch, form_ctx, small_case, undo_stack):
    saved, asked, _dialog, stored = _edit_after_a_colleague(
        monkeypatch, form_ctx, small_case, undo_stack, actions.OVERWRITE
    )
    assert asked and "changed by someone else" in asked[0]
    assert saved and stored["status"] == "dismissed"
    # Overwrite means this form as it stands: the colleague's text goes, and the
    # audit history still holds it.
    assert stored["disposition"] == ""
    from app.core.storage.audit import history_of_record

    history = history_of_record(form_ctx.workspace, "charges", small_case.charge)
    assert any("Colleague's note" in str(entry) for entry in history)


def test_a_stale_save_offers_reload(qtbot, monkeypatch, form_ctx, small_case, undo_stack):
    saved, asked, dialog, stored = _edit_after_a_colleague(
        monkeypatch, form_ctx, small_case, undo_stack, actions.RELOAD
    )
    assert asked and not saved
    assert stored["status"] != "dismissed"  # nothing of the form was written
    assert dialog["disposition"] == "Colleague's note"  # their version is shown
    assert "make your change again" in dialog["banner"] and dialog["open"]
