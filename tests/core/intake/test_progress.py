"""Reading a long text for its statements, and checking an imported case's people, report
how far they got; the report may stop them."""

from __future__ import annotations

import pytest

from app.core.intake.conflicts import check_case
from app.core.intake.extract import extract
from app.core.sample import load_sample
from app.core.storage.workspace import Workspace


class Stop(Exception):
    pass


def test_extraction_reports_its_paragraphs_and_can_be_stopped(article_text: str) -> None:
    text = "\n\n".join([article_text] * 4)
    seen: list[tuple[int, int]] = []
    found = extract(text, lambda done, total: seen.append((done, total)))
    assert found == extract(text)  # the same statements, reported or not
    assert len(seen) >= 2 and [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert all(total == seen[0][1] for _, total in seen)

    def stop(done: int, total: int) -> None:
        if done:
            raise Stop

    with pytest.raises(Stop):
        extract(text, stop)


def test_the_conflict_check_of_a_case_reports_each_party(sqlite_workspace: Workspace) -> None:
    case_id = load_sample(sqlite_workspace)
    seen: list[tuple[int, int]] = []
    found = check_case(sqlite_workspace, case_id, lambda d, t: seen.append((d, t)))
    assert found == check_case(sqlite_workspace, case_id)
    parties = seen[0][1]
    assert seen == [(n, parties) for n in range(parties)] and parties > 5


def test_adding_statements_stopped_at_the_last_report_adds_none(
    sqlite_workspace: Workspace, article_text: str
) -> None:
    from sqlalchemy import func, select

    from app.core.intake import apply as intake_apply
    from app.core.storage.models import Person, Statement

    ws = sqlite_workspace
    case_id = load_sample(ws)
    items = [
        intake_apply.Accepted(text=p.text, speaker=p.speaker or "Someone New", pin_cite="¶ 1")
        for p in extract(article_text)
    ]

    def counts() -> tuple[int, int]:
        with ws.reader() as session:
            return tuple(  # type: ignore[return-value]
                int(session.scalar(select(func.count()).select_from(m)) or 0)
                for m in (Statement, Person)
            )

    before = counts()

    def stop_at_the_end(done: int, total: int) -> None:
        if done == total:
            raise Stop

    with pytest.raises(Stop):
        intake_apply.apply_proposals(
            ws, case_id, article_text, "a.txt", items, progress=stop_at_the_end
        )
    assert counts() == before
    seen: list[int] = []
    applied = intake_apply.apply_proposals(
        ws, case_id, article_text, "a.txt", items, progress=lambda d, t: seen.append(d)
    )
    assert len(applied.statement_ids) == len(items) and seen[-1] == len(items)
