"""Undoing the delete of a case puts back exactly what was there, big or small."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select, text

from app.core import demo
from app.core.search import query as search
from app.core.services import restore as rs
from app.core.services.operations import DeleteOperation
from app.core.storage.models import AuditEntry, Base
from app.core.storage.workspace import Workspace

SPEC = demo.DemoSpec(people=30, statements=80, documents=12, events=10, notes=4, seed=3)
# The trail is compared by shape; these tables are the trail itself.
TRAIL = {"audit_log", "audit_head"}


def _every_table(ws: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    with ws.reader() as session:
        for table in Base.metadata.sorted_tables:
            if table.name in TRAIL:
                continue
            rows = session.execute(select(table)).all()
            out[table.name] = sorted((tuple(row) for row in rows), key=repr)
    return out


def _hits(ws: Workspace, words: list[str]) -> list[list[tuple[str, int, str, str]]]:
    return [[(h.kind, h.id, h.title, h.snippet) for h in search.search(ws, w)] for w in words]


def _trail(ws: Workspace) -> list[tuple[str, str, int | None, int | None, str]]:
    with ws.reader() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        return [(e.action, e.table_name, e.record_id, e.case_id, e.note) for e in entries]


@pytest.mark.parametrize("bulk_rows", [0, 10**9], ids=["bulk", "row-by-row-index"])
def test_undoing_a_case_delete_restores_every_table_search_and_trail(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, bulk_rows: int
) -> None:
    monkeypatch.setattr(rs, "BULK_ROWS", bulk_rows)
    data = demo.build_case(SPEC)
    case_id = demo.insert_case(workspace, data)
    demo.insert_case(workspace, demo.build_case(demo.DemoSpec(**{**SPEC.__dict__, "seed": 4})))
    words = [data["statements"][i]["text"].split()[2].strip(".,;") for i in (0, 5, 9)]
    words.append(data["documents"][0]["title"].split()[0])
    before, hits_before, trail_before = (
        _every_table(workspace),
        _hits(workspace, words),
        _trail(workspace),
    )
    assert any(hits_before)

    operation = DeleteOperation(workspace, "case", case_id)
    operation.apply()
    assert _every_table(workspace)["cases"] != before["cases"]
    operation.revert()

    assert _every_table(workspace) == before
    assert _hits(workspace, words) == hits_before
    trail = _trail(workspace)
    assert trail[: len(trail_before)] == trail_before
    deleted, restored = trail[len(trail_before) :]
    assert deleted[:4] == ("delete", "cases", case_id, case_id)
    linked = len(operation.captured.rows) - 1 if operation.captured else 0
    assert restored == (
        "create",
        "cases",
        case_id,
        case_id,
        f"restored by undo with {linked} linked rows",
    )

    # Redo deletes it again, and a second undo brings it back again.
    operation.reapply()
    operation.revert()
    assert _every_table(workspace) == before
    with workspace.reader() as session:
        assert session.execute(text("SELECT count(*) FROM cases")).scalar_one() == 2
