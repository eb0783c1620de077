"""casefile conflicts: text, JSON and the printable report."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.core.storage.workspace import Workspace


def test_conflicts_command_json_report_and_exit_status(
    workspace: Workspace,
    office: dict[str, int],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = str(workspace.url.render_as_string(hide_password=False))
    report = tmp_path / "check.pdf"
    status = main(
        [
            "--db",
            db,
            "conflicts",
            "Ingram, Derrick",
            "--role",
            "complainant",
            "--json",
            "--report",
            str(report),
        ]
    )
    assert status == 3  # a conflict was found
    payload = json.loads(capsys.readouterr().out)
    assert payload["cases_searched"] == 3
    assert [(h["person_name"], h["level"]) for h in payload["hits"]] == [
        ("Derrick Ingram", "conflict")
    ]
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(report).pages).split())
    assert "Ingram, Derrick" in text and "People v. Derrick Ingram" in text
    assert "Cases searched" in text and "CONFLICT" in text


def test_conflicts_command_text_and_markup_in_names(
    workspace: Workspace,
    office: dict[str, int],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = str(workspace.url.render_as_string(hide_password=False))
    report = tmp_path / "none.pdf"
    name = "<b>Nobody</b> & <img src='x'/>"
    assert main(["--db", db, "conflicts", name, "--report", str(report)]) == 0
    assert "no matches" in capsys.readouterr().out
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(report).pages).split())
    assert "<b>Nobody</b> & <img src='x'/>" in text


def test_the_report_is_written_for_its_owner_only_and_whole(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    """Like a brief or an export, the record of a check is written 0600 (it names clients),
    whatever the umask, by a rename: an old report is replaced, never half-overwritten."""
    db = str(sqlite_workspace.url.render_as_string(hide_password=False))
    report = tmp_path / "check.pdf"
    report.write_bytes(b"an old report")
    report.chmod(0o644)
    old_umask = os.umask(0o022)
    try:
        assert main(["--db", db, "conflicts", "Derrick Ingram", "--report", str(report)]) == 0
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert "Conflict check" in PdfReader(report).pages[0].extract_text()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
