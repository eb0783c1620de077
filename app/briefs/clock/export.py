"""One call for the command line and the window: a case's speedy-trial exhibit, written
whole to a file or not at all (like a brief, through a staged file beside it)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from app.briefs.clock.model import ClockExhibit
from app.briefs.staging import write_whole
from app.core.errors import ValidationError
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

    def write(staged: Path) -> int | None:
        if chosen == "pdf":
            from app.briefs.clock.pdf import write_pdf

            return write_pdf(exhibit, staged)
        from app.briefs.clock.docx import write_docx

        write_docx(exhibit, staged)
        return None

    return write_whole(target, "clock", chosen, write)
