"""Fixtures and helpers for the form and undo tests. Import the fixtures into a test
module to use them; ``small_case`` is the shared one from tests/casebuilder.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtGui import QUndoStack
from sqlalchemy import select

from app.context import AppContext
from app.core.storage.models import Base
from app.core.storage.workspace import Workspace
from app.gui.forms.base import RecordDialog

# The small case is the shared one; these names stay for the modules importing them here.
from tests.casebuilder import SmallCase, build_small_case, small_case  # noqa: F401
from tests.gui.recording import RecordingInteraction

# Bookkeeping that an edit and its undo legitimately move forward.
MOVING = {"version", "updated_at"}


@pytest.fixture
def form_ctx(sqlite_workspace: Workspace) -> AppContext:
    """A context whose forms and questions are answered by a script (``drive``,
    ``answer_confirmations``) and whose notices are recorded (``talk``)."""
    return AppContext(workspace=sqlite_workspace, interaction=RecordingInteraction())


@pytest.fixture
def undo_stack(qapp: Any) -> Iterator[QUndoStack]:
    stack = QUndoStack()
    yield stack
    stack.clear()


def db_state(ws: Workspace, skip: set[str] = frozenset()) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every case-file table (not the append-only audit log), comparable."""
    state: dict[str, list[tuple[Any, ...]]] = {}
    with ws.reader() as session:
        for table in Base.metadata.sorted_tables:
            if table.name in ("audit_log", "audit_head"):  # the trail and its end
                continue
            columns = [c for c in table.columns if c.name not in skip]
            rows = session.execute(select(*columns)).all()
            state[table.name] = sorted(tuple(map(repr, row)) for row in rows)
    return state


def talk(ctx: AppContext) -> RecordingInteraction:
    """The recording stand-in on ``ctx``: what the actions asked and told."""
    assert isinstance(ctx.interaction, RecordingInteraction)
    return ctx.interaction


def drive(
    ctx: AppContext, fill: Callable[[RecordDialog], None], save: bool = True
) -> list[RecordDialog]:
    """Have the next form shown fill itself in and press Save instead of blocking."""
    seen: list[RecordDialog] = []

    def run(dialog: Any) -> int:
        seen.append(dialog)
        fill(dialog)
        if save:
            dialog.try_save()
        return int(dialog.result())

    talk(ctx).dialogs.append(run)
    return seen


def answer_confirmations(ctx: AppContext, answer: bool = True) -> RecordingInteraction:
    """Answer the next confirmation with ``answer``; what was asked is in the log."""
    recording = talk(ctx)
    recording.confirm.append(answer)
    return recording
