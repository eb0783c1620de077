"""The demo-case generator: deterministic, realistic, importable, searchable."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from app.core import demo
from app.core.search import query as search
from app.core.storage.models import Document, Person, Statement
from app.core.storage.workspace import Workspace

SMALL = demo.DemoSpec(people=40, statements=120, documents=20, events=15, notes=5, seed=7)


def test_same_seed_same_case() -> None:
    a, b = demo.build_case(SMALL), demo.build_case(SMALL)
    assert a["statements"] == b["statements"] and a["people"] == b["people"]
    other = demo.build_case(demo.DemoSpec(**{**SMALL.__dict__, "seed": 8}))
    assert other["statements"] != a["statements"]


def test_shape_is_realistic() -> None:
    data = demo.build_case(demo.DemoSpec(people=300, statements=200, documents=10, events=5))
    lengths = [len(s["text"].split()) for s in data["statements"]]
    assert min(lengths) >= 50 and max(lengths) <= 540
    names = [p["name"] for p in data["people"]]
    assert len(set(names)) < len(names)  # namesakes
    assert sum(1 for p in data["parties"] if p["roles"] == ["client"]) == 1


def test_insert_and_search(workspace: Workspace) -> None:
    data = demo.build_case(SMALL)
    case_id = demo.insert_case(workspace, data)
    with workspace.reader() as session:
        assert session.scalar(select(func.count()).select_from(Statement)) == 120
        assert session.scalar(select(func.count()).select_from(Person)) == 40
        texts = session.scalars(
            select(Document.extracted_text).where(Document.file_sha256.is_not(None))
        )
        assert all(t for t in texts)
    word = data["statements"][0]["text"].split()[3].strip(".,;")
    hits = search.search(workspace, word, case_id=case_id)
    assert any(h.kind == "statement" for h in hits)


def test_archive_imports(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    from app.core.archive.transfer import import_archive

    data = demo.build_case(SMALL)
    path = demo.write_archive(data, tmp_path / "demo.zip")
    case_id = import_archive(sqlite_workspace, path)
    name = data["people"][0]["name"]
    assert any(h.kind == "person" for h in search.search(sqlite_workspace, name, case_id=case_id))
