"""Deleting a big case, and undoing and redoing it, runs off the window's thread with a
progress dialog; Cancel leaves the case fully there (delete) or fully gone (undo)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import text

from app.context import AppContext
from app.gui import actions, case_delete
from app.gui.commands import OperationCommand
from app.gui.tasks import TaskControl
from tests.gui.forms import fixtures as forms_fixtures
from tests.gui.forms.fixtures import SmallCase, db_state

form_ctx = forms_fixtures.form_ctx
small_case = forms_fixtures.small_case
undo_stack = forms_fixtures.undo_stack


def _rows_of_case(ctx: AppContext, case_id: int) -> dict[str, int]:
    """The case and its contents, counted straight in SQL."""
    counts = {}
    with ctx.workspace.engine.connect() as connection:
        counts["cases"] = connection.execute(
            text("SELECT count(*) FROM cases WHERE id = :c"), {"c": case_id}
        ).scalar_one()
        for table in ("parties", "statements", "documents", "events", "issues", "notes"):
            counts[table] = connection.execute(
                text(f"SELECT count(*) FROM {table} WHERE case_id = :c"), {"c": case_id}
            ).scalar_one()
    return counts


def _stop_at_the_last_report(monkeypatch: pytest.MonkeyPatch, task: str) -> list[str]:
    """Cancel ``task`` at its last progress report: after all its writes, before commit."""
    original = TaskControl.progress
    stopped: list[str] = []

    def progress(control: TaskControl, done: int, total: int) -> None:
        if control.name == task and done >= total:
            control.cancel()
            stopped.append(control.name)
        original(control, done, total)

    monkeypatch.setattr(TaskControl, "progress", progress)
    return stopped


@pytest.fixture
def big(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(case_delete, "BIG_CASE", 0)  # the small case counts as big


def _delete(ctx: AppContext, stack: Any, case_id: int) -> bool:
    ctx.interaction.confirm.append(True)
    return actions.delete_record(ctx, stack, "case", case_id, None)


def test_a_big_case_is_deleted_undone_and_redone_in_the_background(
    form_ctx: AppContext,
    small_case: SmallCase,
    undo_stack: Any,
    big: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ws = form_ctx.workspace
    before = db_state(ws)
    threads: list[str] = []
    original = TaskControl.progress

    def progress(control: TaskControl, done: int, total: int) -> None:
        threads.append(threading.current_thread().name)
        original(control, done, total)

    monkeypatch.setattr(TaskControl, "progress", progress)
    assert _delete(form_ctx, undo_stack, small_case.case_id)
    command = undo_stack.command(0)
    assert isinstance(command, case_delete.CaseDeleteCommand)
    assert _rows_of_case(form_ctx, small_case.case_id)["cases"] == 0
    after = db_state(ws)
    undo_stack.undo()
    assert db_state(ws) == before
    undo_stack.redo()
    assert db_state(ws) == after
    undo_stack.undo()
    assert db_state(ws) == before
    assert threads and all(name.startswith("casefile-case-") for name in threads)
    assert not form_ctx.tasks.running()


def test_a_stopped_delete_leaves_the_whole_case(
    form_ctx: AppContext,
    small_case: SmallCase,
    undo_stack: Any,
    big: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = _rows_of_case(form_ctx, small_case.case_id)
    state = db_state(form_ctx.workspace)
    stopped = _stop_at_the_last_report(monkeypatch, case_delete.DELETE_TASK)
    assert not _delete(form_ctx, undo_stack, small_case.case_id)
    assert stopped
    assert _rows_of_case(form_ctx, small_case.case_id) == before
    assert db_state(form_ctx.workspace) == state
    assert undo_stack.count() == 0
    assert any("stopped" in said.text for said in form_ctx.interaction.log)


def test_a_stopped_undo_leaves_the_case_gone_and_can_be_undone_later(
    form_ctx: AppContext,
    small_case: SmallCase,
    undo_stack: Any,
    big: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    full = _rows_of_case(form_ctx, small_case.case_id)
    state = db_state(form_ctx.workspace)
    assert _delete(form_ctx, undo_stack, small_case.case_id)
    gone = _rows_of_case(form_ctx, small_case.case_id)
    assert gone == dict.fromkeys(gone, 0)
    with monkeypatch.context() as patch:
        stopped = _stop_at_the_last_report(patch, case_delete.RESTORE_TASK)
        undo_stack.undo()
        assert stopped
        QApplication.processEvents()  # the stack moves back to where the case is gone
    assert _rows_of_case(form_ctx, small_case.case_id) == gone
    assert undo_stack.index() == 1 and undo_stack.count() == 1
    undo_stack.undo()
    assert _rows_of_case(form_ctx, small_case.case_id) == full
    assert db_state(form_ctx.workspace) == state


def test_a_small_case_is_deleted_at_once_on_the_window_thread(
    form_ctx: AppContext, small_case: SmallCase, undo_stack: Any
) -> None:
    assert _delete(form_ctx, undo_stack, small_case.case_id)
    command = undo_stack.command(0)
    assert type(command) is OperationCommand
    assert _rows_of_case(form_ctx, small_case.case_id)["cases"] == 0
