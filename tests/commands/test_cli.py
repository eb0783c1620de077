"""The ``casefile`` command line, run as a real subprocess (``python -m app``)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
COMMANDS = ("sample", "cases", "show", "export", "import")


def run(
    tmp_path: Path, *args: str, db: str | Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg"), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("CASEFILE_DB", None)
    target = db if db is not None else tmp_path / "ws.casefile"
    return subprocess.run(
        [sys.executable, "-m", "app", "--db", str(target), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def one_line_error(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("casefile: ")
    assert fragment in lines[0]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(tmp_path: Path, command: str) -> None:
    out = ok(run(tmp_path, command, "--help"))
    assert out.startswith("usage: casefile")
    assert command in out


def test_sample_twice_gives_one_case(tmp_path: Path) -> None:
    first = ok(run(tmp_path, "sample")).strip()
    second = ok(run(tmp_path, "sample")).strip()
    assert first == second and first.isdigit()
    listed = json.loads(ok(run(tmp_path, "cases", "--json")))
    assert listed == [
        {
            "id": int(first),
            "caption": "People v. Derrick Ingram",
            "docket_number": "",
            "status": "open",
            "client": "Derrick Ingram",
            "clients": ["Derrick Ingram"],
        }
    ]
    table = ok(run(tmp_path, "cases")).splitlines()
    assert table[0].split() == ["ID", "CAPTION", "DOCKET", "CLIENT", "STATUS"]
    assert "People v. Derrick Ingram" in table[1] and "Derrick Ingram" in table[1]


def test_show_json_and_text(tmp_path: Path) -> None:
    case_id = ok(run(tmp_path, "sample")).strip()
    dump = json.loads(ok(run(tmp_path, "show", case_id, "--json")))
    assert set(dump) >= {
        "case", "people", "statements", "charges", "documents", "events", "issues", "notes",
    }  # fmt: skip
    ingram = next(p for p in dump["people"] if p["name"] == "Derrick Ingram")
    assert ingram["roles"] == ["client"]
    assert {"speaker", "text", "date", "setting", "source"} <= set(dump["statements"][0])
    assert {"statute", "description", "class", "status"} <= set(dump["charges"][0])
    assert {"date", "kind", "title"} <= set(dump["events"][0])
    assert {"title", "kind", "date"} <= set(dump["documents"][0])
    dates = {e["date"] for e in dump["events"]}
    assert {"2020", "2020-06-14", "2020-08-08~"} <= dates

    text = ok(run(tmp_path, "show", case_id))
    assert text.startswith("People v. Derrick Ingram")
    assert "PL 120.00" in text and "June 14, 2020" in text and "about August 8, 2020" in text


def test_show_by_docket_number_and_unknown_case(tmp_path: Path) -> None:
    archive = tmp_path / "small.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr(
            "case.json",
            json.dumps(
                {
                    "format": "casefile-archive",
                    "format_version": 1,
                    "case": {"caption": "People v. Small", "docket_number": "CR-77"},
                }
            ),
        )
    case_id = ok(run(tmp_path, "import", str(archive))).strip()
    dump = json.loads(ok(run(tmp_path, "show", "cr-77", "--json")))
    assert dump["case"]["id"] == int(case_id)
    one_line_error(run(tmp_path, "show", "404"), "no case with id or docket number '404'")
    one_line_error(run(tmp_path, "export", "404", "-o", str(tmp_path / "x.zip")), "no case")


def test_export_import_round_trip(tmp_path: Path) -> None:
    case_id = ok(run(tmp_path, "sample")).strip()
    first, second = tmp_path / "first.zip", tmp_path / "second.zip"
    ok(run(tmp_path, "export", case_id, "-o", str(first)))
    other = tmp_path / "other.casefile"
    new_id = ok(run(tmp_path, "import", str(first), db=other)).strip()
    ok(run(tmp_path, "export", new_id, "-o", str(second), db=other))

    def content(path: Path) -> dict[str, object]:
        with zipfile.ZipFile(path) as zf:
            data = json.loads(zf.read("case.json"))
        data.pop("exported_at")
        return data

    before, after = content(first), content(second)
    # The history travels with the case: the second export has the first one's history
    # plus the one entry of the import itself (see docs/archive-format.md, History).
    assert after.pop("history")[:-1] == before.pop("history")  # type: ignore[index]
    assert before == after
    # Importing into the first workspace again is a copy, not a duplicate of people.
    copy_id = ok(run(tmp_path, "import", str(first))).strip()
    assert copy_id != case_id
    assert len(json.loads(ok(run(tmp_path, "cases", "--json")))) == 2


def test_import_errors_are_one_line_and_import_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_text("not a zip at all")
    one_line_error(run(tmp_path, "import", str(bad)), "not a zip file")
    one_line_error(run(tmp_path, "import", str(tmp_path / "missing.zip")), "does not exist")
    foreign = tmp_path / "foreign.zip"
    with zipfile.ZipFile(foreign, "w") as zf:
        zf.writestr("case.json", json.dumps({"format": "something-else"}))
    one_line_error(run(tmp_path, "import", str(foreign)), "not a Casefile case archive")
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("case.json", "{}")
        zf.writestr("../../etc/evil", "x")
    one_line_error(run(tmp_path, "import", str(evil)), "path traversal")
    assert json.loads(ok(run(tmp_path, "cases", "--json"))) == []


def test_unreadable_and_newer_workspaces(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.casefile"
    garbage.write_text("this is not a database")
    one_line_error(run(tmp_path, "cases", db=garbage), "not a Casefile workspace")

    newer = tmp_path / "newer.casefile"
    ok(run(tmp_path, "cases", db=newer))
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    one_line_error(run(tmp_path, "sample", db=newer), "newer version of Casefile")


def test_sample_and_show_on_postgresql(tmp_path: Path, pg_url: str) -> None:
    case_id = ok(run(tmp_path, "sample", db=pg_url)).strip()
    assert ok(run(tmp_path, "sample", db=pg_url)).strip() == case_id
    dump = json.loads(ok(run(tmp_path, "show", case_id, "--json", db=pg_url)))
    assert dump["case"]["caption"] == "People v. Derrick Ingram"
    assert len(dump["statements"]) == 26


def test_import_runs_the_conflict_check_on_every_party(tmp_path: Path) -> None:
    # The office already has a case in which Derrick Ingram is the complainant;
    # importing a case in which he is the client must say so, without blocking.
    office = tmp_path / "office.casefile"
    from app.core.services import cases, people
    from app.core.storage.workspace import open_workspace

    ws = open_workspace(office, user="tester")
    other = cases.add_case(ws, caption="People v. Someone Else")
    people.add_person_to_case(ws, other, ["complainant"], name="Ingram, Derrick")
    ws.close()
    case_id = ok(run(tmp_path, "sample", db=tmp_path / "source.casefile")).strip()
    archive = tmp_path / "ingram.zip"
    ok(run(tmp_path, "export", case_id, "-o", str(archive), db=tmp_path / "source.casefile"))
    result = run(tmp_path, "import", str(archive), db=office)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().isdigit()  # scripts still read just the new id
    conflicts = [line for line in result.stderr.splitlines() if "CONFLICT" in line]
    assert conflicts and "Derrick Ingram" in conflicts[0]
    assert "People v. Someone Else" in conflicts[0]
