"""The report of a person's statements across cases, read back: the PDF with pypdf,
the Word document with python-docx. Each statement with its case, date, setting and
source; the confidentiality marking on every page; text that could break the markup
comes out literally."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from app.briefs.person_report import build_report
from app.briefs.person_report_export import write_person_report
from app.briefs.profiles import DEFAULT_MARKING
from app.core.services import statements
from app.core.services.person_statements import statements_of_person
from app.core.storage.workspace import Workspace
from tests.core.services.person_cases import OfficerCases, build_officer_cases

NASTY = "Ran <b>fast</b> & said “stop” \x07 then left."


@pytest.fixture
def officer(sqlite_workspace: Workspace) -> OfficerCases:
    built = build_officer_cases(sqlite_workspace)
    statements.update_statement(sqlite_workspace, built.february, text=NASTY.replace("\x07", ""))
    return built


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_pdf_holds_every_statement_and_the_marking_on_every_page(
    officer: OfficerCases, tmp_path: Path
) -> None:
    found = statements_of_person(officer.ws, officer.thomas)
    # Long enough to run over several pages.
    report = build_report(found)
    report.cases[0].statements *= 40
    out = tmp_path / "r.pdf"
    pages = write_person_report(report, out)
    reader = PdfReader(out)
    assert pages == len(reader.pages) and pages > 1
    texts = [page.extract_text() for page in reader.pages]
    for number, text in enumerate(texts, start=1):
        assert DEFAULT_MARKING in text, number
        assert f"Page {number} of {pages}" in text
    whole = _flat(" ".join(texts))
    for fragment in (
        "Statements of Kenneth Thomas across cases",
        "People v. Baker (CR-2025-0042)",
        "October 1, 2025 · Sworn testimony · to the grand jury · sworn",
        "Source: Arrest report, p. 1",
        "People v. Cole (CR-2026-0007)",
        "Ran <b>fast</b> & said “stop” then left.",
        "Near matches",
    ):
        assert fragment in whole, fragment
    assert "Not mine." not in whole
    assert whole.index("People v. Baker") < whole.index("People v. Cole")
    assert reader.metadata.title == "Statements of Kenneth Thomas across cases"


def test_word_holds_every_statement_with_the_marking_in_the_header(
    officer: OfficerCases, tmp_path: Path
) -> None:
    out = tmp_path / "r.docx"
    assert write_person_report(statements_of_person(officer.ws, officer.thomas), out) is None
    document = docx.Document(str(out))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    headings = [text for style, text in paragraphs if style == "Heading 2"]
    assert headings[:3] == [
        "People v. Baker (CR-2025-0042)",
        "People v. Cole (CR-2026-0007)",
        "People v. Diaz (CR-2026-0300)",
    ]
    quotes = [text for style, text in paragraphs if style == "Quote"]
    assert quotes == [
        "I was on patrol that night.",
        "I saw the defendant drop a bag.",
        "Ran <b>fast</b> & said “stop” then left.",
        "Recovered a knife.",
    ]
    assert ("Brief Source", "Source: Arrest report, p. 1") in paragraphs
    header = document.sections[0].header.paragraphs[0].text
    assert "Kenneth Thomas" in header and DEFAULT_MARKING in header
    assert "Page 1 of 1" in document.sections[0].footer.paragraphs[0].text
    facts = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert facts[-1] == ["Statements", "4 in 3 cases you may see"]


def test_nothing_is_left_behind_when_the_folder_cannot_be_written(
    officer: OfficerCases, tmp_path: Path
) -> None:
    from app.core.errors import CasefileError

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(CasefileError, match="cannot write"):
        write_person_report(statements_of_person(officer.ws, officer.thomas), blocker / "r.pdf")
