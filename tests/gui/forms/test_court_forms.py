"""The court forms through ``app.gui.actions``: an appearance, a filing and a deadline
added, undone and redone; the fields that only apply sometimes enabled only then; every
editor named for a screen reader and reached by Tab in reading order; a refused save
shown at its field with nothing written; the case's commencement date and custody; and
the History view's words for the new records."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from sqlalchemy import func, select

from app.core.kinds import services
from app.core.services import appearances, cases, filings
from app.core.storage.models import Appearance, Case, Deadline, Filing
from app.gui import actions
from app.gui.forms.appearance import BY_DEFENSE_HINT, AppearanceForm
from app.gui.forms.case import COMMENCED_HINT
from app.gui.history_view import HistoryModel, record_scope
from app.gui.widgets.accessible import focus_target
from tests.gui.forms import fixtures as forms_fixtures
from tests.gui.forms.fixtures import answer_confirmations, db_state, drive, talk

form_ctx = forms_fixtures.form_ctx
small_case = forms_fixtures.small_case
undo_stack = forms_fixtures.undo_stack

# The appearance form, top to bottom as it reads (the days field when the People were
# not ready, the free-text ground when the ground is "other").
APPEARANCE_ORDER = [
    "date",
    "time",
    "purpose",
    "part",
    "judge",
    "outcome",
    "custody_after",
    "adjourned_to",
    "requested_by",
    "people_ready",
    "people_asked_days",
    "excludable",
    "excludable_other",
    "arguable",
    "notes",
]


@pytest.fixture(autouse=True)
def no_unexpected_notices(form_ctx: Any):
    yield
    told = talk(form_ctx).of_kind("inform", "warn")
    assert not told, f"unexpected notice: {told}"


def _count(ws: Any, model: Any) -> int:
    with ws.reader() as session:
        return int(session.scalar(select(func.count()).select_from(model)))


def _set(dialog: Any, **values: Any) -> None:
    for name, value in values.items():
        dialog.fields[name].set_value(value)


APPEARANCE = {
    "date": "March 2, 2026",
    "time": "09:30",
    "purpose": "conference",
    "part": "AP-7",
    "judge": "Hon. Rosa Diaz",
    "outcome": "People not ready; adjourned.",
    "custody_after": "out",
    "adjourned_to": "April 1, 2026",
    "requested_by": "people",
    "people_ready": False,
    "people_asked_days": "7",
    "excludable": "other",
    "excludable_other": "Court closed for snow",
    "arguable": True,
    "notes": "Object on the record next time.",
}


@pytest.mark.parametrize(
    "kind, values, check, undo_text",
    [
        (
            "appearance",
            APPEARANCE,
            lambda snap: (
                snap["date"].iso() == "2026-03-02"
                and snap["adjourned_to"].iso() == "2026-04-01"
                and (snap["people_ready"], snap["people_asked_days"]) == (False, 7)
                and snap["excludable_other"] == "Court closed for snow"
                and snap["arguable"] is True
                and snap["custody_after"] == "out"
            ),
            "Add court appearance of March 2, 2026 (conference)",
        ),
        (
            "filing",
            {"date": "March 20, 2026", "kind": "readiness", "with_coc": True, "title": "SOR"},
            lambda snap: snap["with_coc"] is True and snap["date"].iso() == "2026-03-20",
            "Add filing “SOR” of March 20, 2026",
        ),
        (
            "deadline",
            {"title": "Omnibus motion", "kind": "motion", "date": "May 4, 2026", "time": "17:00"},
            lambda snap: snap["time"] == "17:00" and snap["met_on"] is None,
            "Add deadline “Omnibus motion”",
        ),
    ],
)
def test_add_undo_and_redo_each_court_record(
    qtbot, form_ctx, small_case, undo_stack, kind, values, check, undo_text
) -> None:
    ws = form_ctx.workspace
    before = db_state(ws)
    drive(form_ctx, lambda dialog: _set(dialog, **values))
    new_id = actions.add_record(form_ctx, undo_stack, kind, small_case.case_id, None)
    assert new_id is not None
    assert check(services(kind).get(ws, new_id))
    assert undo_stack.undoText() == undo_text
    undo_stack.undo()
    assert db_state(ws) == before
    undo_stack.redo()
    assert check(services(kind).get(ws, new_id))


def test_edit_and_delete_an_appearance_with_undo(qtbot, form_ctx, small_case, undo_stack):
    ws = form_ctx.workspace
    appearance = appearances.add_appearance(
        ws, small_case.case_id, date="2026-03-02", purpose="conference", adjourned_to="2026-04-01"
    )
    drive(form_ctx, lambda dialog: _set(dialog, adjourned_to="April 8, 2026", judge="Hon. Diaz"))
    assert actions.edit_record(form_ctx, undo_stack, "appearance", appearance, None)
    saved = appearances.get_appearance(ws, appearance)
    assert (saved["adjourned_to"].iso(), saved["judge"]) == ("2026-04-08", "Hon. Diaz")
    assert undo_stack.undoText() == "Edit court appearance of March 2, 2026 (conference)"
    undo_stack.undo()
    assert appearances.get_appearance(ws, appearance)["adjourned_to"].iso() == "2026-04-01"
    undo_stack.redo()

    answer_confirmations(form_ctx)
    assert actions.delete_record(form_ctx, undo_stack, "appearance", appearance, None)
    assert _count(ws, Appearance) == 0
    undo_stack.undo()
    assert appearances.get_appearance(ws, appearance)["judge"] == "Hon. Diaz"


def test_days_asked_and_the_other_ground_are_enabled_only_when_they_apply(
    qtbot, form_ctx, small_case
) -> None:
    form = AppearanceForm(form_ctx, small_case.case_id)
    qtbot.addWidget(form)
    days, other = form.fields["people_asked_days"], form.fields["excludable_other"]
    assert form.fields["people_ready"].currentText() == "Not said"
    assert not days.isEnabled() and not other.isEnabled()
    form.fields["people_ready"].set_value(False)
    assert days.isEnabled()
    form.fields["people_ready"].set_value(True)
    assert not days.isEnabled()
    form.fields["excludable"].set_value("other")
    assert other.isEnabled()
    form.fields["excludable"].set_value("consent")
    assert not other.isEnabled()
    # What a disabled field still shows is not saved: the People were ready after all.
    _set(form, people_ready=False, people_asked_days="7", excludable="other")
    form.fields["excludable_other"].set_value("Snow")
    _set(form, people_ready=True, excludable="consent")
    values = form.plan().values
    assert (values["people_asked_days"], values["excludable_other"]) == (None, "")


def test_an_appearance_loads_with_its_conditional_fields_enabled(qtbot, form_ctx, small_case):
    appearance = appearances.add_appearance(
        form_ctx.workspace,
        small_case.case_id,
        date="2026-03-02",
        people_ready=False,
        people_asked_days=14,
        excludable="other",
        excludable_other="Snow",
    )
    form = AppearanceForm(form_ctx, None, appearance)
    qtbot.addWidget(form)
    assert form.fields["people_asked_days"].isEnabled()
    assert form.fields["people_asked_days"].value() == "14"
    assert form.fields["excludable_other"].isEnabled()
    assert form.fields["people_ready"].currentText() == "No"
    assert not form.is_dirty()


def test_a_certificate_goes_only_with_readiness(qtbot, form_ctx, small_case, undo_stack):
    def fill(dialog: Any) -> None:
        box = dialog.fields["with_coc"]
        _set(dialog, kind="readiness")
        assert box.isEnabled()
        box.set_value(True)
        _set(dialog, kind="motion")  # changed their mind: a motion
        assert not box.isEnabled()

    drive(form_ctx, fill)
    filing = actions.add_record(form_ctx, undo_stack, "filing", small_case.case_id, None)
    snap = filings.get_filing(form_ctx.workspace, filing)
    assert (snap["kind"], snap["with_coc"]) == ("motion", False)


def _top(form: QWidget, widget: QWidget) -> int:
    return widget.mapTo(form, widget.rect().topLeft()).y()


def _form_labels(dialog: Any) -> list[QLabel]:
    return [label for label in dialog.findChildren(QLabel) if label.text().endswith(":")]


@pytest.mark.parametrize("kind", ["appearance", "filing", "deadline", "case"])
def test_every_field_is_named_and_has_a_label_pointing_at_it(
    qtbot, form_ctx, small_case, kind
) -> None:
    case_id = None if kind == "case" else small_case.case_id
    record = small_case.case_id if kind == "case" else None
    form = actions.open_form(form_ctx, kind, case_id, record, None)
    qtbot.addWidget(form)
    buddies = {label.buddy() for label in _form_labels(form)}
    for name, widget in form.fields.items():
        target = focus_target(widget)
        assert target.accessibleName() or target.text(), name  # a check box says it itself
        if hasattr(target, "text") and callable(target.text) and not target.accessibleName():
            continue
        assert target.accessibleName() == form.labels[name], name
        assert widget in buddies or target in buddies, f"{name} has no label buddy"


def test_the_appearance_form_reads_top_down_with_a_speedy_trial_heading(
    qtbot, form_ctx, small_case
) -> None:
    form = AppearanceForm(form_ctx, small_case.case_id)
    qtbot.addWidget(form)
    heading = next(
        label for label in form.findChildren(QLabel) if label.text() == "Speedy-trial (CPL 30.30)"
    )
    assert heading.font().bold()
    form.resize(*form.default_size)
    form.show()
    qtbot.waitExposed(form)
    # Everything above the heading is about the court date; the 30.30 fields follow it.
    top = {name: _top(form, focus_target(form.fields[name])) for name in APPEARANCE_ORDER}
    heading_y = _top(form, heading)
    assert max(top[n] for n in APPEARANCE_ORDER[:8]) < heading_y < top["requested_by"]
    rows = [top[n] for n in APPEARANCE_ORDER]
    assert rows == sorted(rows)
    # No label is cut: each shows its whole text.
    for label in _form_labels(form):
        assert label.width() >= label.sizeHint().width(), label.text()


def test_an_appearance_typed_with_the_keyboard_alone(qtbot, form_ctx, small_case, undo_stack):
    ws = form_ctx.workspace
    reached: list[str] = []

    def focused() -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None
        return widget

    def name_of(widget: QWidget) -> str:
        return next(n for n, w in dialog_fields.items() if focus_target(w) is widget)

    dialog_fields: dict[str, Any] = {}

    def fill(dialog: Any) -> None:
        dialog_fields.update(dialog.fields)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        typed = {
            "date": "March 2, 2026",
            "time": "09:30",
            "part": "AP-7",
            "judge": "Hon. Rosa Diaz",
            "adjourned_to": "April 1, 2026",
            "people_asked_days": "7",
        }
        for _step in range(40):
            widget = focused()
            if widget is dialog.save_button:
                break
            name = name_of(widget)
            reached.append(name)
            if name == "date":
                widget.selectAll()
            if name in typed:
                QTest.keyClicks(widget, typed[name])
            elif name == "people_ready":
                QTest.keyClick(widget, Qt.Key.Key_End)  # "No": the People were not ready
            elif name == "requested_by":
                QTest.keyClick(widget, Qt.Key.Key_Down)  # "The People"
            QTest.keyClick(widget, Qt.Key.Key_Tab)
        QTest.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    drive(form_ctx, fill, save=False)
    new_id = actions.add_record(form_ctx, undo_stack, "appearance", small_case.case_id, None)
    # The days field joins the tab order once the People are "not ready"; the free-text
    # ground stays out of it (no "other" ground).
    assert reached == [n for n in APPEARANCE_ORDER if n != "excludable_other"]
    saved = appearances.get_appearance(ws, new_id)
    assert (saved["people_ready"], saved["people_asked_days"], saved["requested_by"]) == (
        False,
        7,
        "people",
    )
    assert (saved["part"], saved["time"], saved["adjourned_to"].iso()) == (
        "AP-7",
        "09:30",
        "2026-04-01",
    )


@pytest.mark.parametrize(
    "kind, model, values, field, words",
    [
        (
            "appearance",
            Appearance,
            {"date": "March 2, 2026", "adjourned_to": "February 1, 2026"},
            "adjourned_to",
            "after the appearance's own date",
        ),
        (
            "appearance",
            Appearance,
            {"date": "March 2026"},
            "date",
            "not a full date",
        ),
        (
            "appearance",
            Appearance,
            {"date": "March 2, 2026", "excludable": "other"},
            "excludable_other",
            "Say what the other excludable ground is",
        ),
        (
            "appearance",
            Appearance,
            {"date": "March 2, 2026", "time": "9 in the morning"},
            "time",
            "",
        ),
        ("deadline", Deadline, {"date": "May 4, 2026"}, "title", "Title is required"),
        ("filing", Filing, {"date": ""}, "date", "Date is required"),
    ],
)
def test_a_refused_save_shows_the_error_at_its_field_and_writes_nothing(
    qtbot, form_ctx, small_case, undo_stack, kind, model, values, field, words
) -> None:
    ws = form_ctx.workspace
    before = _count(ws, model)
    seen = drive(form_ctx, lambda dialog: _set(dialog, **values))
    # The refused form stays open; the person cancels it (and discards the changes).
    talk(form_ctx).unsaved.append("discard")

    def cancel_after(dialog: Any) -> int:
        dialog.reject()
        return int(dialog.result())

    original = talk(form_ctx).dialogs.pop()
    talk(form_ctx).dialogs.append(lambda d: (original(d), cancel_after(d))[1])
    assert actions.add_record(form_ctx, undo_stack, kind, small_case.case_id, None) is None
    dialog = seen[0]
    message = dialog.error_text(field)
    assert message and words in message
    assert dialog.banner.text().startswith("Not saved")
    assert _count(ws, model) == before
    assert undo_stack.count() == 0


def test_the_case_form_takes_the_commencement_date_and_custody(
    qtbot, form_ctx, small_case, undo_stack
) -> None:
    ws = form_ctx.workspace
    seen = drive(form_ctx, lambda dialog: _set(dialog, commenced_on="June 2, 2020", custody="in"))
    assert actions.edit_record(form_ctx, undo_stack, "case", small_case.case_id, None)
    snap = cases.get_case(ws, small_case.case_id)
    assert (snap["commenced_on"].iso(), snap["custody"]) == ("2020-06-02", "in")
    date = seen[0].fields["commenced_on"]
    assert focus_target(date).accessibleDescription() == COMMENCED_HINT
    hints = [label.text() for label in seen[0].findChildren(QLabel)]
    assert COMMENCED_HINT in hints
    undo_stack.undo()
    assert cases.get_case(ws, small_case.case_id)["commenced_on"] is None


def test_a_commencement_date_must_be_a_whole_day(qtbot, form_ctx, small_case, undo_stack):
    ws = form_ctx.workspace
    before = db_state(ws)
    seen = drive(form_ctx, lambda dialog: _set(dialog, commenced_on="June 2020"))
    talk(form_ctx).unsaved.append("discard")
    original = talk(form_ctx).dialogs.pop()
    talk(form_ctx).dialogs.append(lambda d: (original(d), d.reject(), int(d.result()))[2])
    assert not actions.edit_record(form_ctx, undo_stack, "case", small_case.case_id, None)
    assert "not a full date" in seen[0].error_text("commenced_on")
    assert db_state(ws) == before
    with ws.reader() as session:
        assert session.scalar(select(Case.commenced_on)) is None


def test_the_history_names_court_records_and_shows_their_values_in_words(
    qtbot, form_ctx, small_case
) -> None:
    ws = form_ctx.workspace
    appearance = appearances.add_appearance(
        ws, small_case.case_id, date="2026-03-02", purpose="conference"
    )
    appearances.update_appearance(
        ws, appearance, adjourned_to="2026-04-01", requested_by="consent", people_ready=True
    )
    model = HistoryModel(form_ctx, record_scope(form_ctx, "appearance", appearance))
    cells = [model.index(0, c).data() for c in range(model.columnCount())]
    assert cells[3] == "Court appearance: March 2, 2026, conference"
    assert "Adjourned to: — → April 1, 2026" in cells[4]
    assert "Adjournment asked by: — → On consent" in cells[4]
    assert "People ready: — → Yes" in cells[4]
    filing = filings.add_filing(ws, small_case.case_id, date="2026-03-20", kind="coc")
    filings.delete_filing(ws, filing)
    gone = HistoryModel(form_ctx, record_scope(form_ctx, "filing", filing))
    assert gone.index(0, 3).data() == "Filing: March 20, 2026, certificate of compliance"


def test_the_defenses_own_adjournment_is_said_to_be_excludable_without_a_ground(
    qtbot, form_ctx, small_case
) -> None:
    form = AppearanceForm(form_ctx, small_case.case_id)
    qtbot.addWidget(form)
    asked_by = form.fields["requested_by"]
    for who, said in (("defense", True), ("people", False), ("consent", True), (None, False)):
        asked_by.set_value(who)
        assert (form.requested_hint.text() == BY_DEFENSE_HINT) is said, who
        assert (asked_by.accessibleDescription() == BY_DEFENSE_HINT) is said, who


def test_a_new_appearance_starts_on_the_date_the_last_one_was_adjourned_to(
    qtbot, form_ctx, small_case
) -> None:
    ws = form_ctx.workspace
    appearances.add_appearance(
        ws, small_case.case_id, date="2026-01-05", part="AR-3", judge="Hon. McGrath",
        adjourned_to="2026-02-02",
    )  # fmt: skip
    appearances.add_appearance(
        ws, small_case.case_id, date="2026-02-02", part="AP-7", judge="Hon. Diaz",
        adjourned_to="2026-03-02",
    )  # fmt: skip
    form = AppearanceForm(form_ctx, small_case.case_id)
    qtbot.addWidget(form)
    assert form.fields["date"].value() == "2026-03-02"
    assert (form.fields["part"].value(), form.fields["judge"].value()) == ("AP-7", "Hon. Diaz")
    assert not form.is_dirty()  # a default, not a change: Cancel asks nothing
    # Once that date is recorded and not adjourned, the next one is today's, from scratch.
    appearances.add_appearance(ws, small_case.case_id, date="2026-03-02", purpose="sentencing")
    fresh = AppearanceForm(form_ctx, small_case.case_id)
    qtbot.addWidget(fresh)
    assert fresh.fields["date"].value() == dt.date.today().isoformat()
    assert fresh.fields["judge"].value() == ""


@pytest.mark.parametrize(
    "kind, order",
    [
        ("filing", ["date", "kind", "with_coc", "title", "notes"]),
        ("deadline", ["title", "kind", "date", "time", "met_on", "notes"]),
        (
            "case",
            [
                "caption",
                "docket_number",
                "court",
                "jurisdiction",
                "status",
                "opened_on",
                "closed_on",
                "commenced_on",
                "custody",
                "assigned_staff",
                "summary",
                "notes",
            ],
        ),
    ],
)
def test_tab_goes_through_the_fields_in_reading_order(
    qtbot, form_ctx, small_case, kind, order
) -> None:
    case_id = None if kind == "case" else small_case.case_id
    record = small_case.case_id if kind == "case" else None
    form = actions.open_form(form_ctx, kind, case_id, record, None)
    qtbot.addWidget(form)
    if kind == "filing":
        form.fields["kind"].set_value("readiness")  # the certificate box takes the focus
    targets = {focus_target(widget): name for name, widget in form.fields.items()}
    widget, reached = focus_target(form.fields[order[0]]), []
    while widget is not form.save_button and len(reached) < 40:
        if widget in targets and widget.isEnabled():
            reached.append(targets[widget])
        widget = widget.nextInFocusChain()
    assert reached == order
