"""``casefile person NAME``: the statements grouped by case as text and JSON, a report,
and a name several people have or nobody has answered with a clear message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.core.services import cases, people
from app.core.storage.workspace import open_workspace
from tests.conftest import copy_template
from tests.core.services.person_cases import OfficerCases, build_officer_cases


@pytest.fixture
def db(sqlite_template: Path, tmp_path: Path) -> tuple[str, OfficerCases]:
    path = copy_template(sqlite_template, tmp_path / "w.casefile")
    ws = open_workspace(path, user="tester")
    built = build_officer_cases(ws)
    ws.close()
    return str(path), built


def test_text_lists_the_statements_under_each_case_in_date_order(
    db: tuple[str, OfficerCases], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = db
    assert main(["--db", path, "person", "Kenneth Thomas"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Officer Kenneth Thomas (tax registry 912345; shield 4410, 5120")
    assert "4 statements in 3 cases" in out
    order = [
        "People v. Baker (CR-2025-0042)",
        "October 1, 2025 · Sworn testimony · to the grand jury · sworn",
        "“I was on patrol that night.”",
        "Source: 14:2-15:6",
        "November 2, 2025 · Police report · to Alan Baker",
        "Source: Arrest report, p. 1",
        "People v. Cole (CR-2026-0007)",
        "“The defendant ran from me.”",
        "People v. Diaz",
        "Near matches",
        "Ken Thomas",
    ]
    positions = [out.index(text) for text in order]
    assert positions == sorted(positions)
    assert "Not mine." not in out and "Ken's words" not in out


def test_json_is_one_object_for_scripts(
    db: tuple[str, OfficerCases], capsys: pytest.CaptureFixture[str]
) -> None:
    path, built = db
    assert main(["--db", path, "person", "912345", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["person"]["id"] == built.thomas
    assert [c["case_id"] for c in data["cases"]] == [built.baker, built.cole, built.diaz]
    first = data["cases"][0]["statements"][0]
    assert first["date"] == "2025-10-01" and first["pin_cite"] == "14:2-15:6"
    assert first["setting"] == "sworn_testimony" and first["recipient"] == "the grand jury"
    assert [n["person"]["id"] for n in data["near_matches"]] == [built.ken]


def test_a_name_two_people_have_lists_them_and_fails(
    db: tuple[str, OfficerCases], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = db
    ws = open_workspace(path, user="tester")
    other = cases.add_case(ws, caption="People v. Ford")
    people.add_person_to_case(ws, other, ["police_officer"], name="Kenneth Thomas", tax_id="7001")
    ws.close()
    assert main(["--db", path, "person", "kenneth thomas"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    assert "2 people answer to 'kenneth thomas'" in captured.err
    assert "tax registry 912345" in captured.err and "tax registry 7001" in captured.err


def test_a_name_nobody_has_says_so(
    db: tuple[str, OfficerCases], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = db
    assert main(["--db", path, "person", "Zed Quill"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "casefile: no person named 'Zed Quill' in the cases you may see"


def test_report_is_written_and_a_wrong_suffix_refused(
    db: tuple[str, OfficerCases], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pypdf import PdfReader

    path, _ = db
    out = tmp_path / "thomas.pdf"
    assert main(["--db", path, "person", "Kenneth Thomas", "--report", str(out)]) == 0
    assert "wrote" in capsys.readouterr().err
    assert "I was on patrol that night." in PdfReader(out).pages[0].extract_text()
    bad = tmp_path / "thomas.txt"
    assert main(["--db", path, "person", "Kenneth Thomas", "--report", str(bad)]) == 1
    assert "must end in .pdf or .docx" in capsys.readouterr().err and not bad.exists()
