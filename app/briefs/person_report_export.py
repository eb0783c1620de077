"""One call for the command line and the window: a person's statements across cases
written to a Word or PDF file whole or not at all (through a staged file beside it,
like a brief)."""

from __future__ import annotations

import os
from pathlib import Path

from app.briefs.person_report import PersonReport, build_report
from app.core.errors import CasefileError, ValidationError
from app.core.services.person_statements import PersonStatements
from app.core.storage.atomic import staged_file

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
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with staged_file(target.parent, prefix=".person-", suffix=f".{chosen}") as staged:
            staged.file.close()  # the writers open the file by name
            pages: int | None = None
            if chosen == "pdf":
                from app.briefs.person_report_pdf import write_pdf

                pages = write_pdf(report, staged.path)
            else:
                from app.briefs.person_report_docx import write_docx

                write_docx(report, staged.path)
            staged.commit(target)
    except OSError as exc:
        raise CasefileError(f"cannot write {target}: {exc.strerror or exc}") from None
    return pages
