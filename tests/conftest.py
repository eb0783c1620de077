"""Shared fixtures: a fresh workspace on SQLite, and on PostgreSQL where a server can start."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.core.workspace import Workspace, open_workspace  # noqa: E402

pytest_plugins = ["tests.conftest_pg"]

REPO = Path(__file__).resolve().parent.parent
SEED_ARTICLE = REPO.parent / "shared" / "seed" / "000_f7358e5193441ec4.txt"
SAMPLE_ARTICLE = REPO / "resources" / "sample" / "article.txt"


@pytest.fixture
def sqlite_workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_workspace(tmp_path / "test.casefile", user="tester")
    yield ws
    ws.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def workspace(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Workspace]:
    """A fresh, empty workspace; every storage test runs once per backend."""
    if request.param == "sqlite":
        ws = open_workspace(tmp_path / "test.casefile", user="tester")
    else:
        url = request.getfixturevalue("pg_url")
        ws = open_workspace(url, store_root=tmp_path / "store", user="tester")
    yield ws
    ws.close()


@pytest.fixture
def article_text() -> str:
    """The news article the sample case is built from."""
    return SAMPLE_ARTICLE.read_text(encoding="utf-8")
