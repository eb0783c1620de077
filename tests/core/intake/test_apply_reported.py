"""Reported speech (``statements.reported``): migration 0011 opens older workspaces,
and the flag shows in ``casefile show``, both brief formats and the case archive."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import URL

from app.briefs.export import export_brief
from app.cli import main
from app.core.archive.importer import import_archive
from app.core.archive.transfer import export_case
from app.core.services import cases, people, statements
from app.core.storage import db
from app.core.storage.workspace import Workspace, open_workspace
from tests.briefs.helpers import docx_text, pdf_text

SAID = "he had taken the phone from the counter"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> URL:
    if request.param == "sqlite":
        return db.resolve_url(tmp_path / "old.casefile")
    return db.resolve_url(request.getfixturevalue("pg_url"))


def test_a_workspace_of_revision_0010_opens_with_its_statements_verbatim(
    database_url: URL, tmp_path: Path
) -> None:
    engine = db.make_engine(database_url)
    db.upgrade(engine, "0010")
    with engine.begin() as connection:  # rows as Casefile wrote them before 0011

        def insert(sql: str, **params: object) -> int:
            return int(connection.execute(text(sql + " RETURNING id"), params).scalar_one())

        case_id = insert(
            "INSERT INTO cases (uid, caption, docket_number, court, jurisdiction, status,"
            " opened_on, assigned_staff, summary, notes) VALUES (:uid, 'People v. Old',"
            " 'CR-1', '', '', 'open', '2020', '', '', '')",
            uid="5d0c7f3e-0000-4000-8000-0000000000aa",
        )
        person_id = insert(
            "INSERT INTO people (uid, kind, name, aliases, title, affiliation, phone, email,"
            " address, notes) VALUES (:uid, 'individual', 'Old Speaker', '[]', '', '', '', '',"
            " '', '')",
            uid="0b6c0000-0000-4000-8000-0000000000bb",
        )
        party_id = insert(
            "INSERT INTO parties (case_id, person_id, roles, notes) VALUES (:c, :p, '[]', '')",
            c=case_id,
            p=person_id,
        )
        statement_id = insert(
            "INSERT INTO statements (case_id, speaker_id, recipient_text, setting, text,"
            " pin_cite, sworn, notes) VALUES (:c, :s, '', 'other', 'Hi.', '', :sworn, '')",
            c=case_id,
            s=party_id,
            sworn=False,
        )
    engine.dispose()
    ws = open_workspace(database_url, store_root=tmp_path / "store", user="tester")
    try:
        assert db.current_revision(ws.engine) == db.head_revision()
        assert statements.get_statement(ws, statement_id)["reported"] is False
        statements.update_statement(ws, statement_id, reported=True)
        assert statements.get_statement(ws, statement_id)["reported"] is True
    finally:
        ws.close()


@pytest.fixture
def reported_case(sqlite_workspace: Workspace) -> tuple[Workspace, int]:
    ws = sqlite_workspace
    case_id = cases.add_case(ws, caption="People v. Reyes")
    client = people.add_person_to_case(ws, case_id, ["client"], name="Luis Reyes")
    statements.add_statement(
        ws, case_id, speaker_id=client, text=SAID, reported=True, setting="criminal_complaint"
    )
    statements.add_statement(ws, case_id, speaker_id=client, text="I want a lawyer.")
    return ws, case_id


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_both_brief_formats_mark_reported_words(
    reported_case: tuple[Workspace, int], tmp_path: Path, fmt: str
) -> None:
    ws, case_id = reported_case
    path = tmp_path / f"brief.{fmt}"
    export_brief(ws, case_id, path)
    said = " ".join((pdf_text(path) if fmt == "pdf" else docx_text(path)).split())
    assert f"{SAID} (in substance)" in said
    assert "I want a lawyer. (in substance)" not in said and "I want a lawyer." in said


def test_casefile_show_marks_reported_words(
    reported_case: tuple[Workspace, int], capsys: pytest.CaptureFixture[str]
) -> None:
    ws, case_id = reported_case
    path = str(ws.path)
    assert main(["--db", path, "show", str(case_id)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert f"“{SAID}” (in substance)" in out
    assert "“I want a lawyer.” (in substance)" not in out


def test_the_archive_carries_reported_speech_and_older_archives_import(
    reported_case: tuple[Workspace, int], tmp_path: Path
) -> None:
    ws, case_id = reported_case
    path = tmp_path / "reyes.zip"
    export_case(ws, case_id, path)
    with zipfile.ZipFile(path) as zf:
        data = json.loads(zf.read("case.json"))
    assert data["format_version"] == 4
    assert sorted(s["reported"] for s in data["statements"]) == [False, True]
    imported = import_archive(ws, path)
    got = {s.text: s.reported for s in statements.statements_of_case(ws, imported)}
    assert got == {SAID: True, "I want a lawyer.": False}
    # A version 3 archive (no such key) imports with its statements verbatim.
    data["format_version"] = 3
    for s in data["statements"]:
        del s["reported"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as zf, zipfile.ZipFile(buffer, "w") as out:
        for name in zf.namelist():
            out.writestr(name, json.dumps(data) if name == "case.json" else zf.read(name))
    buffer.seek(0)
    older = import_archive(ws, buffer)
    assert {s.reported for s in statements.statements_of_case(ws, older)} == {False}


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_person_report_and_the_chronology_mark_reported_words(
    reported_case: tuple[Workspace, int], tmp_path: Path, fmt: str
) -> None:
    from app.briefs.person_report_export import write_person_report
    from app.core.services.person_statements import statements_of_person

    ws, case_id = reported_case
    person_id = people.parties_of_case(ws, case_id)[0].person_id
    path = tmp_path / f"person.{fmt}"
    write_person_report(statements_of_person(ws, person_id), path)
    said = " ".join((pdf_text(path) if fmt == "pdf" else docx_text(path)).split())
    assert f"{SAID} (in substance)" in said
    assert "I want a lawyer. (in substance)" not in said
    brief = tmp_path / f"chronology.{fmt}"
    export_brief(ws, case_id, brief, sections="chronology")
    told = " ".join((pdf_text(brief) if fmt == "pdf" else docx_text(brief)).split())
    assert "(in substance)" in told
