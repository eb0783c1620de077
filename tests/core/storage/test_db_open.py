"""Opening a workspace at the current schema skips Alembic; any other revision does not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from app.core.storage import db
from app.core.storage.workspace import open_workspace


def test_the_known_head_is_the_newest_migration() -> None:
    assert db.HEAD_REVISION == db.head_revision()


def test_each_migration_is_named_after_its_revision() -> None:
    """The head is read from file names; Alembic reads the ``revision`` inside."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(db.alembic_config())
    for script in scripts.walk_revisions():
        assert Path(script.path).name.startswith(f"{script.revision}_"), script.path


def test_a_workspace_at_the_head_opens_without_loading_alembic(tmp_path: Path) -> None:
    path = tmp_path / "ws.casefile"
    open_workspace(path, user="t").close()
    code = (
        "import sys; from app.core.storage.workspace import open_workspace; "
        f"open_workspace({str(path)!r}, user='t').close(); "
        "print(any(m == 'alembic' or m.startswith('alembic.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", out.stderr


def test_an_older_workspace_is_still_upgraded(tmp_path: Path) -> None:
    engine = db.make_engine(db.resolve_url(tmp_path / "old.casefile"))
    try:
        db.upgrade(engine, "0001")
        assert db._stored_revision(engine) == "0001"
        db.upgrade(engine)
        assert db.current_revision(engine) == db.HEAD_REVISION
    finally:
        engine.dispose()


def test_a_newer_workspace_is_still_refused(tmp_path: Path) -> None:
    import pytest

    from app.core.errors import WorkspaceError

    path = tmp_path / "new.casefile"
    open_workspace(path, user="t").close()
    engine = db.make_engine(db.resolve_url(path))
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
        with pytest.raises(WorkspaceError, match="newer version"):
            db.upgrade(engine)
    finally:
        engine.dispose()
