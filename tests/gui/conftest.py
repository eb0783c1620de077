"""GUI fixtures: one offscreen QApplication (pytest-qt's ``qapp``), a context on a
temporary workspace holding the sample case, and settings in a temporary ini file.

The workspace file is a copy of the session's migrated template (tests/conftest.py):
copying it is far cheaper than migrating a new workspace for every test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.context import AppContext
from app.core.sample import load_sample
from app.core.storage.workspace import open_workspace
from tests.conftest import copy_template


@pytest.fixture
def workspace_path(sqlite_template: Path, tmp_path: Path) -> Path:
    """An empty workspace file at the current schema, this test's own."""
    return copy_template(sqlite_template, tmp_path / "gui.casefile")


@pytest.fixture
def empty_ctx(workspace_path: Path) -> Iterator[AppContext]:
    ws = open_workspace(workspace_path, user="tester")
    yield AppContext(ws)
    ws.close()


@pytest.fixture
def sample_case_id(empty_ctx: AppContext) -> int:
    """Loads the sample case into the test workspace; its id."""
    return load_sample(empty_ctx.workspace)


@pytest.fixture
def ctx(empty_ctx: AppContext, sample_case_id: int) -> AppContext:
    """A context whose workspace holds the sample case."""
    return empty_ctx


@pytest.fixture
def qsettings(tmp_path: Path, qapp: Any) -> Any:
    """QSettings in a temporary ini file: tests never read or write the user's settings."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
