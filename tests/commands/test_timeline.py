"""``casefile timeline``: the sample case drawn to SVG, PDF and PNG and read back, and
hostile input answered with one line."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from app.briefs.profiles import DEFAULT_MARKING
from app.cli import main
from tests.conftest import copy_template

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def db(sqlite_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A workspace holding the sample case (id 1)."""
    path = copy_template(sqlite_template, tmp_path / "w.casefile")
    assert main(["--db", str(path), "sample"]) == 0
    capsys.readouterr()
    return str(path)


def _rows(db: str, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


def _marks(path: Path) -> list[ET.Element]:
    root = ET.parse(path).getroot()
    return [element for element in root.iter() if element.get("data-kind")]


def _one_line(capsys: pytest.CaptureFixture[str], fragment: str) -> None:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("casefile: ") and fragment in lines[0], err


def test_every_dated_event_and_statement_is_one_mark(db: str, tmp_path: Path) -> None:
    out = tmp_path / "t.svg"
    assert main(["--db", db, "timeline", "1", "-o", str(out)]) == 0
    marks = _marks(out)
    dated = {
        (m.get("data-kind"), int(m.get("data-id"))) for m in marks if not m.get("data-undated")
    }
    expected = {("event", i) for (i,) in _rows(db, "SELECT id FROM events WHERE date IS NOT NULL")}
    expected |= {
        ("statement", i) for (i,) in _rows(db, "SELECT id FROM statements WHERE date IS NOT NULL")
    }
    assert len(expected) > 20
    assert dated == expected
    assert len([m for m in marks if not m.get("data-undated")]) == len(expected)
    for mark in marks:  # each mark says what it is when pointed at
        title = mark.find(f"{SVG}title")
        assert title is not None and title.text
    text = " ".join(t.text or "" for t in ET.parse(out).getroot().iter(f"{SVG}text"))
    assert DEFAULT_MARKING in text and "People v. Derrick Ingram" in text and "Legend" in text


def test_undated_records_are_in_their_own_strip_below_the_lanes(db: str, tmp_path: Path) -> None:
    out = tmp_path / "t.svg"
    assert main(["--db", db, "timeline", "1", "-o", str(out)]) == 0
    marks = _marks(out)
    undated = [m for m in marks if m.get("data-undated")]
    expected = {i for (i,) in _rows(db, "SELECT id FROM statements WHERE date IS NULL")}
    assert expected and {int(m.get("data-id")) for m in undated} == expected

    def top(element: ET.Element) -> float:
        return float(element.get("y") or element.get("cy"))

    lowest_dated = max(top(m) for m in marks if not m.get("data-undated"))
    assert all(top(m) > lowest_dated for m in undated)


def test_fuzzy_dates_are_bands_as_wide_as_their_span(db: str, tmp_path: Path) -> None:
    out = tmp_path / "t.svg"
    assert main(["--db", db, "timeline", "1", "-o", str(out)]) == 0
    dates = dict(_rows(db, "SELECT id, date FROM statements"))
    shapes = {int(m.get("data-id")): m for m in _marks(out) if m.get("data-kind") == "statement"}
    by_date: dict[str, list[ET.Element]] = {}
    for record_id, date in dates.items():
        if date:
            by_date.setdefault(date, []).append(shapes[record_id])
    assert all(s.tag == f"{SVG}circle" for s in by_date["2020-08-07"])  # an exact day: a point
    widths = {
        d: float(by_date[d][0].get("width"))
        for d in ("2020-08", "2020-08~", "2020~", "2020-08-07~")
    }
    # August (31 days), about August (Jul-Sep: 92 days), about 2020 (3 years), 31 days.
    assert widths["2020-08~"] == pytest.approx(widths["2020-08"] * 92 / 31, rel=0.01)
    assert widths["2020~"] == pytest.approx(widths["2020-08"] * 1096 / 31, rel=0.01)
    assert widths["2020-08-07~"] == pytest.approx(widths["2020-08"], rel=0.01)


def test_lanes_by_person_are_one_per_speaker(db: str, tmp_path: Path) -> None:
    out = tmp_path / "t.svg"
    assert main(["--db", db, "timeline", "1", "--lanes", "person", "-o", str(out)]) == 0
    speakers = dict(
        _rows(
            db,
            "SELECT statements.id, people.name FROM statements "
            "JOIN parties ON parties.id = statements.speaker_id "
            "JOIN people ON people.id = parties.person_id WHERE statements.date IS NOT NULL",
        )
    )
    root = ET.parse(out).getroot()
    lane_labels = [t.get("data-lane") for t in root.iter(f"{SVG}text") if t.get("data-lane")]
    assert len(lane_labels) == len(set(lane_labels))  # one lane each
    assert set(speakers.values()) <= set(lane_labels)
    for mark in _marks(out):
        if mark.get("data-kind") == "statement" and not mark.get("data-undated"):
            assert mark.get("data-lane") == speakers[int(mark.get("data-id"))]


def test_the_range_keeps_only_the_marks_inside_it(db: str, tmp_path: Path) -> None:
    out = tmp_path / "t.svg"
    args = [
        "--db",
        db,
        "timeline",
        "1",
        "--from",
        "2020-08-07",
        "--to",
        "2020-08-07",
        "-o",
        str(out),
    ]
    assert main(args) == 0
    kept = {
        (m.get("data-kind"), m.get("data-id")) for m in _marks(out) if not m.get("data-undated")
    }
    assert ("statement", "7") in kept  # on the day
    assert ("event", "1") not in kept  # June 14
    assert ("statement", "1") in kept  # August 2020 covers the day


def test_the_pdf_opens_and_holds_the_title(db: str, tmp_path: Path) -> None:
    out = tmp_path / "t.pdf"
    assert main(["--db", db, "timeline", "1", "-o", str(out)]) == 0
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "People v. Derrick Ingram" in text and "PRIVILEGED" in text


def test_the_png_is_the_size_asked_for(db: str, tmp_path: Path) -> None:
    out = tmp_path / "t.png"
    assert (
        main(["--db", db, "timeline", "1", "-o", str(out), "--width", "1200", "--height", "700"])
        == 0
    )
    with Image.open(out) as image:
        assert image.format == "PNG" and image.size == (1200, 700)
        assert len(image.convert("RGB").getcolors(maxcolors=1 << 16) or ()) > 8  # drawn, not blank


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["timeline", "1", "-o", "t.gif"], ".svg"),
        (["timeline", "1", "-o", "t"], ".svg"),
        (["timeline", "1", "-o", "t.svg", "--from", "2021-01-02", "--to", "2021-01-01"], "after"),
        (["timeline", "1", "-o", "t.svg", "--from", "August"], "not a date"),
        (["timeline", "1", "-o", "t.svg", "--to", "2021-02-30"], "not a date"),
        (["timeline", "4242", "-o", "t.svg"], "no case"),
        (["timeline", "99999999999999999999", "-o", "t.svg"], "no case"),
        (["timeline", "1", "-o", "t.png", "--width", "5"], "width"),
        (["timeline", "1", "-o", "t.png", "--height", "999999"], "height"),
        (["timeline", "1", "-o", "no/such/folder/t.svg"], "t.svg"),
    ],
)
def test_hostile_input_is_one_line(
    db: str,
    args: list[str],
    fragment: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["--db", db, *args]) == 1
    _one_line(capsys, fragment)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(("t.", ".t."))]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "t.svg"
    assert main(["--db", db, "show", "1"]) == 0  # the day's backup is made before the fault
    capsys.readouterr()
    out.write_text("old")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("app.core.storage.atomic.os.fsync", disk_full)
    assert main(["--db", db, "timeline", "1", "-o", str(out)]) == 1
    _one_line(capsys, "No space left")
    assert out.read_text() == "old"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".t.svg")]


def test_court_appearances_are_marks_and_labels_stay_inside(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db, "demo-data", "--court-example"]) == 0
    case_id = _rows(db, "SELECT max(id) FROM cases")[0][0]
    out = tmp_path / "court.svg"
    assert main(["--db", db, "timeline", str(case_id), "-o", str(out), "--width", "1000"]) == 0
    expected = {i for (i,) in _rows(db, f"SELECT id FROM appearances WHERE case_id = {case_id}")}
    marks = [m for m in _marks(out) if m.get("data-kind") == "appearance"]
    assert expected and {int(m.get("data-id")) for m in marks} == expected
    for text in ET.parse(out).getroot().iter(f"{SVG}text"):
        if text.get("text-anchor") == "start":
            assert float(text.get("x")) + len(text.text or "") * 9 * 0.56 <= 1000, text.text
