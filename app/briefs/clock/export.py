"""One call for the command line and the window: a case's speedy-trial exhibit, written
whole to a file or not at all (like a brief, through a staged file beside it)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from app.briefs.clock.model import ClockExhibit
from app.core.errors import CasefileError, ValidationError
from app.core.storage.atomic import staged_file
from app.core.storage.workspace import Workspace

FORMATS = ("pdf", "docx")


def exhibit_format(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The format named, else the one the file name's suffix implies."""
    chosen = (fmt or Path(path).suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        raise ValidationError("format", f"{chosen or 'no format'!r} is not pdf or docx")
    return chosen


def clock_exhibit(
    ws: Workspace,
    case_ref: int | str,
    as_of: dt.date | None = None,
    prepared: dt.date | None = None,
) -> ClockExhibit:
    """The exhibit of the case ``case_ref`` (id or docket number) as of ``as_of``."""
    from app.core.clock import clock_of_case
    from app.core.services.cases import find_case

    with ws.reader() as session:
        case = find_case(session, case_ref)
        clock = clock_of_case(session, case.id, as_of)
        return ClockExhibit(
            case.caption, case.docket_number, case.court, clock, prepared or dt.date.today()
        )


def write_clock_exhibit(
    exhibit: ClockExhibit, path: str | os.PathLike[str], fmt: str | None = None
) -> int | None:
    """Write ``exhibit`` to ``path`` atomically; the page count for a PDF."""
    chosen = exhibit_format(path, fmt)
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CasefileError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        with staged_file(target.parent, prefix=".clock-", suffix=f".{chosen}") as staged:
            staged.file.close()  # the writers open the file by name
            pages: int | None = None
            if chosen == "pdf":
                from app.briefs.clock.pdf import write_pdf

                pages = write_pdf(exhibit, staged.path)
            else:
                from app.briefs.clock.docx import write_docx

                write_docx(exhibit, staged.path)
            staged.commit(target)
    except OSError as exc:
        raise CasefileError(f"cannot write {target}: {exc.strerror or exc}") from None
    return pages
