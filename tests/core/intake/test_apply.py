"""Accepted proposals are written in one unit of work, and undone the same way."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core.errors import ValidationError
from app.core.intake import apply as intake_apply
from app.core.intake.extract import extract
from app.core.services import cases, people
from app.core.storage.models import Document, Party, Person, Statement
from app.core.storage.workspace import Workspace


def _counts(ws: Workspace) -> tuple[int, int, int, int]:
    with ws.reader() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(m))
            for m in (Document, Person, Party, Statement)
        )


def _accepted(article_text: str) -> list[intake_apply.Accepted]:
    return [
        intake_apply.Accepted(
            p.text, p.speaker, p.pin_cite, p.recipient, speaker_title=p.speaker_title
        )
        for p in extract(article_text)
        if p.speaker
    ]


def test_accepted_statements_cite_the_stored_text(workspace: Workspace, article_text: str) -> None:
    case_id = cases.add_case(workspace, caption="People v. Derrick Ingram")
    client = people.add_person_to_case(workspace, case_id, ["client"], name="Derrick Ingram")
    items = _accepted(article_text)
    applied = intake_apply.apply_proposals(workspace, case_id, article_text, "article.txt", items)
    with workspace.reader() as session:
        document = session.get(Document, applied.document_id)
        assert document is not None
        assert workspace.store.read_bytes(document.file_sha256) == article_text.encode("utf-8")
        rows = session.scalars(select(Statement).where(Statement.case_id == case_id)).all()
        assert len(rows) == len(items)
        assert {s.source_document_id for s in rows} == {applied.document_id}
        ingram = [s for s in rows if s.speaker_id == client]
        # The existing party is reused for "Derrick Ingram", not duplicated.
        assert {s.pin_cite for s in ingram} == {"¶ 16", "¶ 19", "¶ 20"}
        names = set(session.scalars(select(Person.name)))
    assert {"Bill de Blasio", "Jessica McRorie", "Lupe Todd-Medina"} <= names
    assert applied.statement_ids and client not in applied.party_ids


def test_a_failure_saves_nothing_and_undo_redo_round_trip(
    workspace: Workspace, article_text: str
) -> None:
    case_id = cases.add_case(workspace, caption="People v. Derrick Ingram")
    before = _counts(workspace)
    items = _accepted(article_text)
    bad = [*items, intake_apply.Accepted("words", "Somebody", setting="not-a-setting")]
    with pytest.raises(ValidationError):
        intake_apply.apply_proposals(workspace, case_id, article_text, "article.txt", bad)
    assert _counts(workspace) == before
    applied = intake_apply.apply_proposals(workspace, case_id, article_text, "a.txt", items)
    after = _counts(workspace)
    assert after[3] == before[3] + len(items)
    captured = intake_apply.revert(workspace, applied)
    assert _counts(workspace) == before
    intake_apply.reapply(workspace, captured)
    assert _counts(workspace) == after
    with workspace.reader() as session:
        assert session.get(Statement, applied.statement_ids[0]) is not None
