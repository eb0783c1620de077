"""Fixtures and helpers for the form and undo tests (kept out of conftest.py, which the
main-window tests own). Import the fixtures into a test module to use them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtGui import QUndoStack
from sqlalchemy import select

from app.context import AppContext
from app.core.services import (
    cases,
    charges,
    documents,
    events,
    issues,
    notes,
    people,
    statements,
)
from app.core.storage.models import Base
from app.core.storage.workspace import Workspace
from app.gui.forms.base import RecordDialog
from tests.gui.recording import RecordingInteraction

# Bookkeeping that an edit and its undo legitimately move forward.
MOVING = {"version", "updated_at"}


@dataclass
class SmallCase:
    """A case with one of everything, built with the services."""

    case_id: int
    ingram: int  # party ids
    thomas: int
    thomas_person: int
    retaliation: int  # issue ids
    identification: int
    complaint: int  # document id
    statement: int
    charge: int
    event: int
    note: int


def build_small_case(ws: Workspace) -> SmallCase:
    case_id = cases.add_case(
        ws, caption="People v. Derrick Ingram", docket_number="CR-1", opened_on="2020-08"
    )
    ingram = people.add_person_to_case(
        ws, case_id, ["client"], name="Derrick Ingram", aliases=["Dwreck"]
    )
    thomas = people.add_person_to_case(
        ws, case_id, ["police_officer", "witness"], name="Kenneth Thomas", title="Officer"
    )
    thomas_person = people.get_party(ws, thomas)["person_id"]
    retaliation = issues.add_issue(ws, case_id, title="Retaliation for protest")
    identification = issues.add_issue(ws, case_id, title="Facial-recognition identification")
    complaint = documents.add_document(
        ws,
        case_id,
        title="Criminal complaint",
        kind="criminal_complaint",
        date="2020-06-15",
        issue_ids=[identification],
    )
    statement = statements.add_statement(
        ws,
        case_id,
        speaker_id=thomas,
        recipient_party_id=ingram,
        date="2020-06-14",
        setting="criminal_complaint",
        text="He placed a megaphone against my ear and yelled.",
        source_document_id=complaint,
        pin_cite="¶ 2",
        issue_ids=[identification],
    )
    statements.add_statement(
        ws,
        case_id,
        speaker_id=ingram,
        text="I was peacefully protesting.",
        issue_ids=[retaliation],
    )
    charge = charges.add_charge(ws, case_id, count_number=1, statute="PL 120.00")
    event = events.add_event(
        ws,
        case_id,
        kind="incident",
        date="2020-06-14",
        title="Protest on 9th Avenue",
        party_ids=[ingram, thomas],
        issue_ids=[retaliation],
        source_document_id=complaint,
    )
    note = notes.add_note(ws, case_id, body="Ask about the video", is_todo=True)
    return SmallCase(
        case_id,
        ingram,
        thomas,
        thomas_person,
        retaliation,
        identification,
        complaint,
        statement,
        charge,
        event,
        note,
    )


@pytest.fixture
def form_ctx(sqlite_workspace: Workspace) -> AppContext:
    """A context whose forms and questions are answered by a script (``drive``,
    ``answer_confirmations``) and whose notices are recorded (``talk``)."""
    return AppContext(workspace=sqlite_workspace, interaction=RecordingInteraction())


@pytest.fixture
def small_case(form_ctx: AppContext) -> SmallCase:
    return build_small_case(form_ctx.workspace)


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
            if table.name == "audit_log":
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
