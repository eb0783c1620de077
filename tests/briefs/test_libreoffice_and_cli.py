"""The .docx opened by LibreOffice, the command line, and the sample case's brief."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from app.briefs.export import export_brief
from app.cli import main
from tests.briefs.conftest import TODAY, SmallCase
from tests.briefs.helpers import docx_text, outline_titles, pdf_pages, pdf_text

SOFFICE = shutil.which("libreoffice") or shutil.which("soffice")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_the_docx(small_case: SmallCase, tmp_path: Path) -> None:
    source = tmp_path / "brief.docx"
    export_brief(small_case.ws, small_case.case_id, source, today=TODAY, toc=True)
    out = tmp_path / "out"
    result = subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr
    pages = pdf_pages(out / "brief.pdf")
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page  # PAGE and NUMPAGES fields work
        assert "ATTORNEY WORK PRODUCT" in page
    text = "\n".join(pages)
    assert "Contents" in text and "Statements" in text and "Petit larceny" in text


def test_cli_writes_both_formats(small_case: SmallCase, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = str(small_case.ws.path)
    pdf, word = tmp_path / "b.pdf", tmp_path / "b.docx"
    args = ["--db", db, "brief", "CR-2026-0117", "--today", "2026-06-01"]
    assert main([*args, "--format", "pdf", "-o", str(pdf), "--profile", "client"]) == 0
    assert re.search(r"wrote .*b\.pdf \(\d+ pages\)", capsys.readouterr().err)
    assert "Page 1 of" in pdf_pages(pdf)[0]
    assert main([*args, "-o", str(word), "--sections", "cover,statements", "--by-issue"]) == 0
    text = docx_text(word)
    assert "Statements by legal issue" in text and "Chronology" not in text


def test_cli_reports_bad_input_in_one_line(small_case: SmallCase, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = str(small_case.ws.path)
    out = tmp_path / "out"
    out.mkdir()
    brief = ["--db", db, "brief"]
    assert main([*brief, "1", "-o", str(out / "x.txt")]) == 1
    assert main([*brief, "1", "-o", str(out / "x.pdf"), "--sections", "nope"]) == 1
    assert main([*brief, "999", "-o", str(out / "x.pdf")]) == 1
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 3 and all(e.startswith("casefile: ") for e in errors)
    assert not list(out.iterdir())  # no file, not even a half-written temporary one


def test_sample_case_brief(sqlite_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sample = pytest.importorskip("app.core.sample")
    case_id = sample.load_sample(sqlite_workspace)
    pdf = tmp_path / "sample.pdf"
    export_brief(sqlite_workspace, case_id, pdf, today=TODAY)
    text = pdf_text(pdf)
    assert "People v. Derrick Ingram" in text and "Contents" in text
    assert "Warriors In The Garden" in text
    assert outline_titles(pdf)[:2] == ["Cover", "At a glance"]
    word = tmp_path / "sample.docx"
    export_brief(sqlite_workspace, case_id, word, today=TODAY, profile="client")
    assert "People v. Derrick Ingram" in docx_text(word)
