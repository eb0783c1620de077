"""Every command that looks a case up by the id a person typed, on both backends: an id
past what the database's id columns hold (PostgreSQL's are 32-bit) is a case that does
not exist, never a number sent to the database to fail there."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from tests.conftest import copy_template

# Each command that takes a CASE, with the words that make the rest of it valid.
COMMANDS = {
    "show": ["show", "{id}"],
    "show --json": ["show", "{id}", "--json"],
    "history": ["history", "{id}"],
    "history --json": ["history", "{id}", "--json"],
    "export": ["export", "{id}", "-o", "out.zip"],
    "brief": ["brief", "{id}", "-o", "out.pdf"],
    "search --case": ["search", "Ingram", "--case", "{id}"],
    "conflicts --case": ["conflicts", "Derrick Ingram", "--case", "{id}"],
    "appearance": ["appearance", "{id}", "--date", "2026-01-05", "--purpose", "hearing"],
    "filing": ["filing", "{id}", "--date", "2026-01-05", "--kind", "motion"],
    "clock": ["clock", "{id}"],
    "deadlines": ["deadlines", "{id}"],
}
# Just past PostgreSQL INTEGER, the largest 64-bit id, and one past that.
IDS = [str(2**31), str(2**63 - 1), str(2**63)]


@pytest.fixture(params=["sqlite", "postgresql"])
def database(
    request: pytest.FixtureRequest,
    sqlite_template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> str:
    """A workspace with the sample case, on each backend; commands run in a folder of
    their own."""
    for name in ("CASEFILE_DB", "CASEFILE_PASSPHRASE", "CASEFILE_NEW_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    if request.param == "sqlite":
        db = str(copy_template(sqlite_template, tmp_path / "w.casefile"))
    else:
        template = request.getfixturevalue("pg_template")
        db = request.getfixturevalue("pg_url_factory")(template=template)
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    assert main(["--db", db, "sample"]) == 0
    return db


@pytest.mark.parametrize("record_id", IDS)
def test_an_id_no_database_holds_is_no_case(
    database: str, record_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    for label, words in COMMANDS.items():
        argv = ["--db", database, *[w.format(id=record_id) for w in words]]
        status = main(argv)
        err = capsys.readouterr().err
        assert "unexpected error" not in err, (label, err)
        assert f"no case with id or docket number '{record_id}'" in err, (label, err)
        assert status not in (0, 70), (label, status, err)
        assert not list(Path.cwd().iterdir()), label  # nothing written for no case
