"""After a save, an undo or a redo the window re-reads only the lists that show the
records the step changed (each command says which), not every list of the case."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QUndoCommand

from app.context import AppContext
from app.core.services.operations import DeleteOperation, EditOperation, SavePlan
from app.gui.commands import OperationCommand
from app.gui.sections import SECTION_NAMES
from app.gui.sections.list_section import ListSection
from app.gui.window.main_window import MainWindow
from tests.gui.forms import fixtures as forms_fixtures
from tests.gui.forms.fixtures import SmallCase

form_ctx = forms_fixtures.form_ctx
small_case = forms_fixtures.small_case

LISTS = [name for name in SECTION_NAMES if name not in ("overview", "clock", "timeline")]


@pytest.fixture
def window(qtbot: Any, form_ctx: AppContext, small_case: SmallCase) -> Iterator[MainWindow]:
    win = MainWindow(form_ctx)
    qtbot.addWidget(win)
    win.open_case(small_case.case_id)
    for name in LISTS:  # every list has read the case once
        win.show_section(name)
    yield win
    win.undo.clear()


def _count_reads(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each list (and the case list) goes back to the database from now on."""
    reads: Counter[str] = Counter()

    def counting(name: str, call: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            reads[name] += 1
            return call(*args, **kwargs)

        return wrapper

    for name in LISTS:
        section = window.case_view.sections[name]
        assert isinstance(section, ListSection)
        monkeypatch.setattr(section.model, "refresh", counting(name, section.model.refresh))
        monkeypatch.setattr(section.model, "set_case", counting(name, section.model.set_case))
    monkeypatch.setattr(window.case_list, "refresh", counting("cases", window.case_list.refresh))
    return reads


def _visit_every_list(window: MainWindow) -> None:
    """Stale lists re-read when shown: show them all, so every owed read happens."""
    for name in LISTS:
        window.show_section(name)


def _push(window: MainWindow, operation: Any) -> None:
    command = OperationCommand(operation, "change", report=pytest.fail)
    command.execute()
    window.undo.push(command)


STATEMENT_READERS = {"people", "statements", "documents", "chronology", "issues"}


def test_a_statement_edit_re_reads_the_lists_that_show_statements_only(
    window: MainWindow, form_ctx: AppContext, small_case: SmallCase, monkeypatch: Any
) -> None:
    window.show_section("statements")
    reads = _count_reads(window, monkeypatch)
    plan = SavePlan({"text": "He yelled into my ear."})
    _push(window, EditOperation(form_ctx.workspace, "statement", small_case.statement, plan))
    assert reads["statements"] == 1  # the list on screen, at once
    _visit_every_list(window)
    assert reads == Counter({name: 1 for name in STATEMENT_READERS})
    assert reads["charges"] == reads["notes"] == reads["cases"] == 0

    for step in (window.undo.undo, window.undo.redo):
        reads.clear()
        window.show_section("charges")
        step()
        assert reads["charges"] == 0  # the charges on screen are not re-read
        _visit_every_list(window)
        assert reads == Counter({name: 1 for name in STATEMENT_READERS})


def test_a_charge_delete_and_its_undo_re_read_the_charges_only(
    window: MainWindow, form_ctx: AppContext, small_case: SmallCase, monkeypatch: Any
) -> None:
    window.show_section("charges")
    charges = window.case_view.sections["charges"]
    assert isinstance(charges, ListSection)
    before = charges.model.total
    reads = _count_reads(window, monkeypatch)
    _push(window, DeleteOperation(form_ctx.workspace, "charge", small_case.charge))
    assert charges.model.total == before - 1
    window.undo.undo()
    assert charges.model.total == before
    _visit_every_list(window)
    # The case's computed deadlines follow its charges (the speedy-trial limit).
    assert reads == Counter({"charges": 2, "deadlines": 1})


def test_a_step_that_does_not_say_what_it_changed_re_reads_everything(
    window: MainWindow, monkeypatch: Any
) -> None:
    reads = _count_reads(window, monkeypatch)
    window.undo.push(QUndoCommand("something else"))
    _visit_every_list(window)
    assert reads == Counter({name: 1 for name in [*LISTS, "cases"]})


def test_editing_the_case_re_reads_the_case_list(
    window: MainWindow, form_ctx: AppContext, small_case: SmallCase, monkeypatch: Any
) -> None:
    reads = _count_reads(window, monkeypatch)
    plan = SavePlan({"caption": "People v. D. Ingram"})
    _push(window, EditOperation(form_ctx.workspace, "case", small_case.case_id, plan))
    _visit_every_list(window)
    # The computed deadlines follow the case (its commencement date and custody).
    assert reads == Counter({"cases": 1, "deadlines": 1})
    assert window.case_view.caption() == "People v. D. Ingram"


def test_court_records_re_read_their_own_list_and_what_shows_court_dates(
    window: MainWindow, form_ctx: AppContext, small_case: SmallCase, monkeypatch: Any
) -> None:
    from app.core.services.operations import AddOperation

    ws = form_ctx.workspace
    reads = _count_reads(window, monkeypatch)
    plan = SavePlan({"date": "2026-03-02", "adjourned_to": "2026-04-01"})
    _push(window, AddOperation(ws, "appearance", small_case.case_id, plan))
    _visit_every_list(window)
    # The next court date shows in the case list, court dates in the chronology, and the
    # deadlines computed from the ledger in Deadlines.
    assert reads == Counter({"court": 1, "chronology": 1, "cases": 1, "deadlines": 1})
    reads.clear()
    _push(
        window,
        AddOperation(
            ws, "deadline", small_case.case_id, SavePlan({"title": "Reply", "date": "2026-05-04"})
        ),
    )
    _visit_every_list(window)
    assert reads == Counter({"deadlines": 1})
