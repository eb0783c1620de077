"""One call for the command line and the window: a person's statements across cases
written to a Word or PDF file whole or not at all (through a staged file beside it,
like a brief)."""

from __future__ import annotations

import os
from pathlib import Path

from app.briefs.person_report import PersonReport, build_report
from app.briefs.staging import write_whole
from app.core.errors import ValidationError
from app.core.services.person_statements import PersonStatements

FORMATS = ("pdf", "docx")


def report_format(path: str | os.PathLike[str]) -> str:
    """The format the file name's suffix asks for: pdf or docx."""
    chosen = Path(path).suffix.lstrip(".").lower()
    if chosen not in FORMATS:
        raise ValidationError("report", f"{os.fspath(path)!r} must end in .pdf or .docx")
    return chosen


def write_person_report(
    found: PersonStatements | PersonReport, path: str | os.PathLike[str]
) -> int | None:
    """Write the report to ``path`` (its suffix says the format) atomically; the page
    count for a PDF."""
    chosen = report_format(path)
    report = found if isinstance(found, PersonReport) else build_report(found)

    def write(staged: Path) -> int | None:
        if chosen == "pdf":
            from app.briefs.person_report_pdf import write_pdf

            return write_pdf(report, staged)
        from app.briefs.person_report_docx import write_docx

        write_docx(report, staged)
        return None

    return write_whole(Path(path), "person", chosen, write)
