"""The workspace's name as the window shows it before and after it is opened."""

from __future__ import annotations

from sqlalchemy.engine import make_url

from app.core.storage.paths import describe_target
from app.core.storage.workspace import Workspace


def test_the_opening_name_is_the_open_workspaces_name(workspace: Workspace) -> None:
    target = (
        str(workspace.path)
        if workspace.path is not None
        else workspace.url.render_as_string(hide_password=False)
    )
    assert describe_target(target) == workspace.describe()


def test_a_password_is_never_shown() -> None:
    url = "postgresql+psycopg://clerk:s3cret@db.office.example/cases"
    name = describe_target(url)
    assert "s3cret" not in name and name == make_url(url).render_as_string(hide_password=True)
