"""Every command's arguments, fuzzed: hostile strings, huge numbers, lone surrogates,
NUL characters and words that look like options. Whatever comes in, ``casefile``
answers with an exit status and at most a one-line message: never a traceback, and
never the catch-all for an unexpected error (that would be a bug the catch-all hid).

The list of commands is read from the parser itself, so a new command is fuzzed too.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli import build_parser, main
from tests.conftest import copy_template
from tests.conftest_pg import PgUrlFactory


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("the parser has no subcommands")


COMMANDS = _subcommands()
# A made-up case of the default size takes minutes: pin its size after the fuzzed words
# (the ceiling on its sizes is tested in test_hostile_input.py).
SMALL_DEMO = ["--people", "1", "--statements", "0", "--documents", "0", "--events", "0"]
HOSTILE = [
    "",
    " ",
    "-",
    "--",
    "-1",
    "0",
    "1",
    "1.5",
    "1e999",
    "nan",
    "99999999999999999999",
    "9" * 5000,
    str(2**31),  # past PostgreSQL's INTEGER ids (tests/commands/test_record_ids.py)
    str(2**63 - 1),
    str(2**63),
    str(-(2**63) - 1),
    "١٢",
    "²",
    "\udcff",
    "a\ud800b",
    "a\x00b",
    "\u202e",
    "x" * 6000,
    "Ingram, Derrick",
    "CR-2020-123",
    "'; DROP TABLE cases; --",
    '"unclosed',
    "NEAR(",
    "* OR *",
    "%_",
    "{}",
    "[]",
    "../../outside.pdf",
    "/nonexistent-folder/x.pdf",
    "out.pdf",
    "out.docx",
    "out.zip",
    "2020-02-30",
    "0000-00-00",
    "about 2020",
    "full",
    "pdf",
]
NUMBERS = st.integers(min_value=-(2**70), max_value=2**70).map(str)
# Random text, but never a path outside the test's folder.
TEXT = st.text(max_size=30).filter(lambda s: "/" not in s and not s.startswith("~"))


# Whole numbers around the edges of the id columns (PostgreSQL's are 32-bit, SQLite's
# 64-bit): what the PostgreSQL run below sends where a command takes a value.
ID_SHAPED = st.sampled_from(
    [str(n) for n in (0, 1, 2**31 - 1, 2**31, 2**32, 2**53, 2**63 - 1, 2**63, 2**64)]
) | st.integers(min_value=-(2**65), max_value=2**65).map(str)


def _value(
    action: argparse.Action, hostile: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[str]:
    value = hostile if hostile is not None else st.sampled_from(HOSTILE) | NUMBERS | TEXT
    if action.choices:
        value = st.sampled_from([str(c) for c in action.choices]) | value
    if action.metavar == "CASE":
        value = st.just("1") | value  # the sample case: reach the command's own work
    return value


def _count(action: argparse.Action) -> st.SearchStrategy[int]:
    counts = {None: st.just(1), "?": st.integers(0, 1), "+": st.integers(1, 3)}
    return counts.get(action.nargs, st.integers(0, 2))  # type: ignore[arg-type]


def words_for(
    command: str, hostile: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[list[str]]:
    """Words a parser mostly accepts (each positional filled, some options with a value),
    so most examples reach the command itself; and loose words, options among them.
    ``hostile``: the values to try (default: every kind of hostile word)."""
    actions = [a for a in COMMANDS[command]._actions if a.dest != "help"]
    positionals = [a for a in actions if not a.option_strings]
    optionals = [a for a in actions if a.option_strings]

    @st.composite
    def shaped(draw: st.DrawFn) -> list[str]:
        words: list[str] = []
        for action in positionals:
            words += [draw(_value(action, hostile)) for _ in range(draw(_count(action)))]
        chosen = draw(st.lists(st.sampled_from(optionals), max_size=3)) if optionals else []
        for action in [a for a in optionals if a.required] + chosen:
            words.append(action.option_strings[-1])
            if action.nargs != 0:
                words.append(draw(_value(action, hostile)))
        return words

    loose = hostile if hostile is not None else st.sampled_from(HOSTILE) | NUMBERS | TEXT
    if optionals:
        loose = loose | st.sampled_from([o for a in optionals for o in a.option_strings])
    return shaped() | st.lists(loose, max_size=6)


@pytest.fixture
def place(sqlite_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A workspace with the sample case; the commands run in an empty folder beside it."""
    path = copy_template(sqlite_template, tmp_path / "w.casefile")
    for name in ("CASEFILE_DB", "CASEFILE_PASSPHRASE", "CASEFILE_NEW_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    assert main(["--db", str(path), "sample"]) == 0
    return str(path)


def run(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exc:  # argparse refusing the words: its usage line, status 2
        assert isinstance(exc.code, int)
        return exc.code


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_no_arguments_give_a_traceback(
    command: str, place: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()

    @settings(
        max_examples=40,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(words=words_for(command))
    def fuzz(words: list[str]) -> None:
        argv = ["--db", place, command, *words]
        if command == "demo-data":
            argv += SMALL_DEMO
        status = run(argv)
        err = capsys.readouterr().err
        assert isinstance(status, int)
        assert "Traceback" not in err, (words, err)
        assert "unexpected error" not in err, (words, err)

    fuzz()


@pytest.fixture
def pg_place(
    pg_template: str,
    pg_url_factory: PgUrlFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> str:
    """A PostgreSQL workspace with the sample case; the commands run in an empty folder."""
    url = pg_url_factory(template=pg_template)
    for name in ("CASEFILE_DB", "CASEFILE_PASSPHRASE", "CASEFILE_NEW_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    assert main(["--db", url, "sample"]) == 0
    return url


# Commands that need no workspace, or make one: nothing of PostgreSQL's to reach.
NO_DATABASE = {"new-workspace", "encrypt", "passphrase", "extract", "restore", "backup"}


@pytest.mark.parametrize("command", sorted(set(COMMANDS) - NO_DATABASE))
def test_id_shaped_words_on_postgresql(
    command: str, pg_place: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The numbers of the fuzz above, on PostgreSQL: its columns are narrower than
    SQLite's, so a number that passes on SQLite can still fail inside PostgreSQL."""
    capsys.readouterr()

    @settings(
        max_examples=25,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(words=words_for(command, ID_SHAPED))
    def fuzz(words: list[str]) -> None:
        argv = ["--db", pg_place, command, *words]
        if command == "demo-data":
            argv += SMALL_DEMO
        status = run(argv)
        err = capsys.readouterr().err
        assert "Traceback" not in err, (words, err)
        assert "unexpected error" not in err, (words, err)
        assert isinstance(status, int)

    fuzz()
