"""``casefile clock``, run as a real subprocess (``python -m app``)."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from app.core.storage.workspace import open_workspace
from tests.commands.test_cli import ok, one_line_error, run
from tests.core.clock.stored import make_case


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A workspace holding the stored ledger of tests/core/clock/stored.py (docket CR-1)."""
    path = tmp_path / "ws.casefile"
    ws = open_workspace(path, user="tester")
    try:
        make_case(ws)
    finally:
        ws.close()
    return path


def test_the_table_and_the_summary(tmp_path: Path, db: Path) -> None:
    out = ok(run(tmp_path, "clock", "CR-1", "--as-of", "2026-04-01", db=db))
    lines = out.splitlines()
    assert lines[0] == "People v. Example (CR-1)"
    assert "Commenced:    2026-01-10" in lines and "People ready: not ready" in lines
    rows = [line.split()[:5] for line in lines if line[:4] == "2026"]  # reasons wrap
    assert rows == [
        ["2026-01-10", "2026-02-10", "31", "31", "Adjourned"],
        ["2026-02-10", "2026-03-10", "28", "0", "28"],
        ["2026-03-10", "2026-03-20", "10", "10", "Adjourned"],
        ["2026-03-20", "2026-04-01", "12", "12", "Adjourned"],
    ]
    assert any(line.split() == ["Total", "81", "53", "28"] for line in lines)
    assert "53 of 90 days used; 37 remain; 81 with the arguable days; last day 2026-05-08" in lines


def test_json(tmp_path: Path, db: Path) -> None:
    data = json.loads(ok(run(tmp_path, "clock", "1", "--as-of", "2026-04-01", "--json", db=db)))
    assert {k: data[k] for k in (
        "limit_days", "commenced_on", "as_of", "ready_on", "chargeable_days",
        "chargeable_with_arguable", "remaining_days", "last_day",
    )} == {
        "limit_days": 90, "commenced_on": "2026-01-10", "as_of": "2026-04-01",
        "ready_on": None, "chargeable_days": 53, "chargeable_with_arguable": 81,
        "remaining_days": 37, "last_day": "2026-05-08",
    }  # fmt: skip
    assert data["limit_reason"].startswith("Count 1 (PL 120.00)")
    assert [(p["from"], p["to"], p["days"], p["chargeable_days"], p["arguable"])
            for p in data["periods"]] == [
        ("2026-01-10", "2026-02-10", 31, 31, 0),
        ("2026-02-10", "2026-03-10", 28, 0, 28),
        ("2026-03-10", "2026-03-20", 10, 10, 0),
        ("2026-03-20", "2026-04-01", 12, 12, 0),
    ]  # fmt: skip
    assert all(p["reason"] for p in data["periods"])
    # Once the statement of readiness of 04-10 is in: ready, no last day.
    later = json.loads(ok(run(tmp_path, "clock", "CR-1", "--as-of", "2026-05-01", "--json", db=db)))
    assert later["ready_on"] == "2026-04-10" and later["last_day"] is None
    assert later["chargeable_days"] == 62


def test_the_exhibit_is_written(tmp_path: Path, db: Path) -> None:
    target = tmp_path / "out" / "exhibit.docx"
    result = run(
        tmp_path, "clock", "CR-1", "--as-of", "2026-04-01", "--format", "docx", "-o", str(target),
        db=db,
    )  # fmt: skip
    assert ok(result) == "" and f"wrote {target}" in result.stderr
    periods = docx.Document(str(target)).tables[1]
    assert [c.text for c in periods.rows[-1].cells][:5] == ["Total", "", "81", "53", "28"]
    pdf = tmp_path / "exhibit.pdf"
    ok(run(tmp_path, "clock", "CR-1", "-o", str(pdf), db=db))  # format from the suffix
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["clock", "CR-1", "--as-of", "2026-02-30"], "as-of: '2026-02-30' is not a date"),
        (["clock", "CR-404"], "no case with id or docket number 'CR-404'"),
        (["clock", "CR-1", "--format", "pdf"], "--format needs -o"),
        (["clock", "CR-1", "-o", "{tmp}/exhibit.txt"], "format: 'txt' is not pdf or docx"),
        (["clock", "CR-404", "-o", "{tmp}/exhibit.pdf"], "no case with id or docket number"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    tmp_path: Path, db: Path, args: list[str], fragment: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    one_line_error(run(tmp_path, *(a.format(tmp=out) for a in args), db=db), fragment)
    assert list(out.iterdir()) == []


def test_help_names_the_options(tmp_path: Path) -> None:
    out = ok(run(tmp_path, "clock", "--help"))
    for option in ("--as-of", "--json", "--format", "-o"):
        assert option in out
    assert "clock" in ok(run(tmp_path, "--help"))
