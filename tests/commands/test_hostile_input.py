"""Hostile command-line input: numbers past any id, bytes that are not UTF-8, very long
names, a terminal that cannot show every character, and a bug's own exception. Each
gets one line on stderr and a non-zero exit, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from app import cli
from app.cli import main
from app.core.errors import CasefileError
from tests.conftest import copy_template

REPO = Path(__file__).resolve().parents[2]
HUGE = "99999999999999999999"


@pytest.fixture
def db(sqlite_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A workspace holding the sample case (id 1)."""
    path = copy_template(sqlite_template, tmp_path / "w.casefile")
    assert main(["--db", str(path), "sample"]) == 0
    capsys.readouterr()
    return str(path)


def one_line(capsys: pytest.CaptureFixture[str], fragment: str) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("casefile: ") and fragment in lines[0], err
    return lines[0]


@pytest.mark.parametrize(
    "args",
    [
        ["show", HUGE],
        ["show", "--json", HUGE],
        ["history", HUGE],
        ["export", HUGE, "-o", "out.zip"],
        ["brief", HUGE, "-o", "out.pdf"],
        ["search", "warrant", "--case", HUGE],
        ["conflicts", "Ingram", "--case", HUGE],
        ["show", "١٢"],  # digits, but not the ones a case id is written in
        ["show", "²"],
    ],
)
def test_a_case_reference_past_any_id_is_no_such_case(
    db: str,
    args: list[str],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["--db", db, *args]) == 1
    one_line(capsys, "no case")


def test_history_of_a_deleted_case_still_works_by_id(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db, "history", "4242"]) == 0
    assert "no recorded changes for case 4242" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args",
    [
        ["show", "\udcff"],
        ["search", "war\udcffrant"],
        ["search", "warrant", "--case", "\udcff"],
        ["conflicts", "In\udcffgram", "--alias", "\ud800"],
        ["brief", "1", "-o", "x.pdf", "--sections", "cover\udcff"],
    ],
)
def test_text_that_is_not_utf8_is_refused_naming_the_argument(
    db: str,
    args: list[str],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["--db", db, *args]) == 1
    one_line(capsys, "not valid text")


def run_process(
    tmp_path: Path, *args: str | bytes, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg"), **(env or {})}
    environment.pop("CASEFILE_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=120,
    )


def test_bytes_that_are_not_utf8_on_the_real_command_line(db: str, tmp_path: Path) -> None:
    result = run_process(tmp_path, "--db", db, "show", b"\xff\xfe")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "not valid text" in result.stderr


def test_a_terminal_that_cannot_show_every_character_still_gets_the_case(
    db: str, tmp_path: Path
) -> None:
    result = run_process(tmp_path, "--db", db, "show", "1", env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "Ingram" in result.stdout


def test_a_very_long_name_in_the_conflict_report_is_cut_with_a_note(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "check.pdf"
    name = "Ingram" + "x" * 6000
    alias = " ".join(["Derrick"] * 2000)
    status = main(["--db", db, "conflicts", name, "--alias", alias, "--report", str(report)])
    assert status in (0, 3), capsys.readouterr().err
    text = "".join(page.extract_text() for page in PdfReader(report).pages)
    assert "characters in all" in text
    assert len(PdfReader(report).pages) <= 3


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["search", "warrant", "--limit", HUGE], "limit"),
        (["demo-data", "--people", HUGE], "people"),
        (["demo-data", "--statements", "10000000000"], "statements"),
    ],
)
def test_numbers_past_a_command_limit_are_refused(
    db: str, args: list[str], fragment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db, *args]) == 1
    one_line(capsys, fragment)


def test_an_unexpected_error_is_one_line_with_how_to_report_it(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_args: object, _workspace: object) -> int:
        raise KeyError("a bug")

    import app.commands.cases

    monkeypatch.setattr(app.commands.cases, "run", broken)
    status = main(["--db", db, "cases"])
    assert status not in (0, 1)
    line = one_line(capsys, "unexpected")
    assert "KeyError" in line and "report" in line


def test_casefile_errors_keep_their_one_line_and_status(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert issubclass(cli.CasefileError, CasefileError)
    assert main(["--db", db, "show", "no-such-docket"]) == 1
    one_line(capsys, "no case with id or docket number 'no-such-docket'")


def test_a_file_that_cannot_be_written_is_one_line(
    db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    target = tmp_path / "a-file" / "brief.pdf"
    assert main(["--db", db, "brief", "1", "-o", str(target)]) == 1
    one_line(capsys, "a-file")


def test_the_same_made_up_case_twice_is_refused_naming_the_seed(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    small = ["--people", "1", "--statements", "0", "--documents", "0", "--events", "0"]
    assert main(["--db", db, "demo-data", "--seed", "7", *small]) == 0
    capsys.readouterr()
    assert main(["--db", db, "demo-data", "--seed", "7", *small]) == 1
    one_line(capsys, "seed 7")


def test_two_demo_data_runs_racing_on_one_seed_end_with_the_same_clear_message(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two runs at once both pass the "already there?" look before either inserts; the
    second's insert then meets the first's case and must say so, not "unexpected error"."""
    from app.commands import demo_data

    small = ["--people", "1", "--statements", "0", "--documents", "0", "--events", "0"]
    assert main(["--db", db, "demo-data", "--seed", "8", *small]) == 0
    capsys.readouterr()
    real_look, looks = demo_data._refuse_a_second_copy, []

    def look_too_early(*args: object) -> None:  # the first look runs before the other insert
        looks.append(args)
        if len(looks) > 1:
            real_look(*args)

    monkeypatch.setattr(demo_data, "_refuse_a_second_copy", look_too_early)
    assert main(["--db", db, "demo-data", "--seed", "8", *small]) == 1
    one_line(capsys, "seed 8")


def test_extract_refuses_a_text_past_the_limit_before_reading_it_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.core.limits import MAX_INTAKE_TEXT_BYTES

    big = tmp_path / "big.txt"
    with big.open("wb") as out:
        out.truncate(MAX_INTAKE_TEXT_BYTES + 1)  # sparse: no disk, no time
    assert main(["extract", str(big)]) == 1
    one_line(capsys, "more than the limit of 20 MB")
    small = tmp_path / "small.txt"
    small.write_text('Officer Doe said, "Open the door."\n', encoding="utf-8")
    assert main(["extract", str(small)]) == 0
    assert "Open the door." in capsys.readouterr().out
