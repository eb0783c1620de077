"""One call for the CLI and the GUI: build a case's brief and write it to a file.

The file is written next to its destination and moved into place only when
complete, so a failed or cancelled export never leaves half a brief behind.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from app.briefs.build import build_brief
from app.briefs.model import Brief
from app.briefs.names import FORMATS
from app.briefs.profiles import get_profile, with_sections
from app.briefs.staging import write_whole
from app.core.errors import ValidationError
from app.core.storage.workspace import Workspace

Progress = Callable[[int, int], None]


class BriefCancelled(Exception):
    """Raised from a progress callback to stop an export."""


def format_for(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The format named, else the one the file name's suffix implies."""
    chosen = (fmt or Path(path).suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        if not fmt:  # named for the file, not for a suffix it may not have
            name = Path(path).name
            raise ValidationError("format", f"{name!r} does not end in .pdf or .docx")
        raise ValidationError("format", f"{chosen or 'no format'!r} is not pdf or docx")
    return chosen


def write_brief(
    brief: Brief, path: str | os.PathLike[str], fmt: str, progress: Progress | None = None
) -> int | None:
    """Write ``brief`` to ``path`` atomically; the page count for a PDF."""

    def write(staged: Path) -> int | None:
        if fmt == "pdf":
            from app.briefs.pdf.document import write_pdf

            return write_pdf(brief, str(staged), progress)
        from app.briefs.docx import write_docx

        write_docx(brief, str(staged), progress)
        return None

    return write_whole(Path(path), "brief", fmt, write)


def export_brief(
    ws: Workspace,
    case_ref: int | str,
    path: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    profile: str = "full",
    sections: str | Iterable[str] | None = None,
    by_issue: bool = False,
    today: dt.date | None = None,
    toc: bool | None = None,
    progress: Progress | None = None,
) -> int | None:
    """Build and write the brief of one case; returns the PDF's page count."""
    chosen = format_for(path, fmt)
    prof = get_profile(profile)
    if sections:
        prof = with_sections(prof, sections)
    brief = build_brief(ws, case_ref, prof, today=today, by_issue=by_issue, toc=toc)
    return write_brief(brief, path, chosen, progress)
