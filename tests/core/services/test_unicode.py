"""Property tests: the services take any Unicode a person (or a paste) can produce.

Whatever the text, a service either stores it and gives it back, or refuses it with a
ValidationError naming the field; never a raw database or encoding error, and never
half a record. Failures found here are kept below as fixed regression examples.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.core.errors import ValidationError
from app.core.search.query import search
from app.core.services import cases, notes, people, statements
from app.core.storage.models import Person, Statement
from app.core.storage.workspace import Workspace

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def case(workspace: Workspace) -> Iterator[tuple[Workspace, int, int]]:
    case_id = cases.add_case(workspace, caption="People v. Unicode")
    party = people.add_person_to_case(workspace, case_id, ["client"], name="José Ramírez")
    yield workspace, case_id, party


def _counts(ws: Workspace) -> tuple[int, int]:
    with ws.reader() as session:
        return (
            session.scalar(select(func.count()).select_from(Statement)) or 0,
            session.scalar(select(func.count()).select_from(Person)) or 0,
        )


@SETTINGS
@given(text=st.text(min_size=1, max_size=300))
@example(text="\x00")
@example(text="\ud800 lone surrogate")
@example(text="<b>bold</b> & <img src='/etc/hosts'/>")
@example(text="שלום — مرحبا — 😀")
def test_any_statement_text_is_stored_verbatim_or_refused_by_field(
    case: tuple[Workspace, int, int], text: str
) -> None:
    ws, case_id, party = case
    before = _counts(ws)
    try:
        statement_id = statements.add_statement(ws, case_id, speaker_id=party, text=text)
    except ValidationError as exc:
        assert exc.field == "text"
        assert _counts(ws) == before
        return
    assert statements.get_statement(ws, statement_id)["text"] == text
    search(ws, text)  # whatever was stored can be searched for without an error


@SETTINGS
@given(name=st.text(min_size=1, max_size=120), body=st.text(max_size=200))
@example(name="O'Brien \x00", body="\x00")
def test_any_person_name_and_note_is_stored_or_refused_by_field(
    case: tuple[Workspace, int, int], name: str, body: str
) -> None:
    ws, case_id, _party = case
    before = _counts(ws)
    try:
        people.add_person_to_case(ws, case_id, ["witness"], name=name)
    except ValidationError as exc:
        assert exc.field == "name"
        assert _counts(ws) == before
    try:
        note_id = notes.add_note(ws, case_id, body=body)
    except ValidationError as exc:
        assert exc.field == "body"
    else:
        assert notes.get_note(ws, note_id)["body"] == body


def test_the_refusal_names_the_problem(tmp_path: Path, sqlite_workspace: Workspace) -> None:
    case_id = cases.add_case(sqlite_workspace, caption="People v. Nul")
    party = people.add_person_to_case(sqlite_workspace, case_id, ["client"], name="A B")
    with pytest.raises(ValidationError, match="NUL"):
        statements.add_statement(sqlite_workspace, case_id, speaker_id=party, text="a\x00b")
    with pytest.raises(ValidationError, match="not valid Unicode"):
        statements.add_statement(sqlite_workspace, case_id, speaker_id=party, text="a\udc80b")
