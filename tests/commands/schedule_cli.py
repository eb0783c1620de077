"""Running ``casefile`` in-process on a test workspace (either backend)."""

from __future__ import annotations

import getpass

import pytest

from app.cli import main
from app.core.storage.workspace import Workspace


def db_arg(ws: Workspace) -> str:
    return str(ws.path) if ws.path is not None else ws.url.render_as_string(hide_password=False)


def command_user(ws: Workspace) -> str:
    """The user a command opening ``ws`` records (and so calls "me")."""
    return getpass.getuser() if ws.is_sqlite else str(ws.url.username)


def casefile(ws: Workspace, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--db", db_arg(ws), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_line_error(result: tuple[int, str, str], fragment: str) -> None:
    code, out, err = result
    assert code != 0 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("casefile: "), err
    assert fragment in lines[0], lines[0]
