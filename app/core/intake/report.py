"""A printable record of a conflict check (PDF, reportlab).

Three layers, as in the briefs: :class:`CheckRecord` is plain data, ``_story``
turns it into flowables, :func:`write_report` lays them out on pages. Every
string from the workspace or the user is escaped before it reaches a reportlab
``Paragraph``, which would otherwise read it as markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from app.core.errors import CasefileError
from app.core.intake.conflicts import ConflictHit
from app.core.limits import MAX_CELL_CHARS
from app.core.vocab import ROLES, label

_FONT_FILES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
    Path("C:/Windows/Fonts/arial.ttf"),
)
_ROWS_PER_TABLE = 40  # one giant table splits quadratically across pages


@dataclass
class CheckRecord:
    name: str
    checked_by: str
    cases_searched: int
    hits: Sequence[ConflictHit]
    aliases: Sequence[str] = ()
    dob: str = ""
    roles: Sequence[str] = ()
    workspace: str = ""
    at: dt.datetime = field(default_factory=lambda: dt.datetime.now().astimezone())

    @property
    def conflicts(self) -> int:
        return sum(1 for h in self.hits if h.adverse)

    @property
    def result(self) -> str:
        if not self.hits:
            return "No matches: no case in the workspace names this person."
        return (
            f"{self.conflicts} conflict(s) and {len(self.hits) - self.conflicts} other "
            f"match(es) to review."
        )


def _p(text: Any, style: Any) -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(escape(_cut(str(text))).replace("\n", "<br/>"), style)


def _cut(text: str) -> str:
    """Text short enough for a table cell: a row cannot break across pages, and a cell
    taller than a page stops the whole report (reportlab's LayoutError)."""
    if len(text) <= MAX_CELL_CHARS:
        return text
    return f"{text[:MAX_CELL_CHARS]}… [cut here: {len(text):,} characters in all]"


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for path in _FONT_FILES:
        if path.is_file():
            try:
                pdfmetrics.registerFont(TTFont("IntakeSans", str(path)))
            except Exception:  # a damaged font file: fall back to the built-in face
                continue
            return "IntakeSans"
    return "Helvetica"


def _story(record: CheckRecord) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import inch
    from reportlab.platypus import Spacer, Table, TableStyle

    font = _font()
    base = ParagraphStyle("base", fontName=font, fontSize=9.5, leading=12)
    title = ParagraphStyle("title", parent=base, fontSize=15, leading=19, spaceAfter=8)
    head = ParagraphStyle("head", parent=base, fontSize=11, leading=14, spaceBefore=8)
    small = ParagraphStyle("small", parent=base, fontSize=8.5, leading=10.5)
    story: list[Any] = [_p("Conflict check", title)]
    facts = [
        ("Person checked", record.name),
        ("Aliases", ", ".join(record.aliases) or "—"),
        ("Date of birth", record.dob or "not given"),
        ("Role in the new case", ", ".join(label(ROLES, r) for r in record.roles) or "—"),
        ("Checked by", record.checked_by or "—"),
        ("When", record.at.strftime("%Y-%m-%d %H:%M %Z").strip()),
        ("Workspace", record.workspace or "—"),
        ("Cases searched", str(record.cases_searched)),
        ("Result", record.result),
    ]
    table = Table(
        [[_p(k, small), _p(v, base)] for k, v in facts], colWidths=[1.6 * inch, 5.0 * inch]
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [table, Spacer(1, 8)]
    if record.hits:
        story.append(_p("Matches", head))
        header = ["", "Case", "Person there", "Roles there", "Match", "Why"]
        rows = [_hit_row(h, base, small) for h in record.hits]
        for start in range(0, len(rows), _ROWS_PER_TABLE):
            chunk = [[_p(h, small) for h in header], *rows[start : start + _ROWS_PER_TABLE]]
            widths = [0.9, 1.7, 1.3, 1.1, 0.6, 1.4]
            part = Table(chunk, colWidths=[w * inch for w in widths], repeatRows=1)
            style = [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.grey),
            ]
            for i, hit in enumerate(record.hits[start : start + _ROWS_PER_TABLE], start=1):
                if hit.adverse:
                    style.append(("BACKGROUND", (0, i), (-1, i), colors.HexColor("#fde2e1")))
            part.setStyle(TableStyle(style))
            story.append(part)
    story += [
        Spacer(1, 12),
        _p(
            "Matches are by name, aliases and date of birth across every case in the "
            "workspace; a match is a lead to review, not a finding that the people are the "
            "same. A conflict is a match where one side is a client and the other a "
            "complainant, victim or witness.",
            small,
        ),
    ]
    return story


def _hit_row(hit: ConflictHit, base: Any, small: Any) -> list[Any]:
    case = hit.case_caption + (f" ({hit.docket})" if hit.docket else "")
    return [
        _p("CONFLICT" if hit.adverse else "info", small),
        _p(case, base),
        _p(hit.person_name, base),
        _p(", ".join(label(ROLES, r) for r in hit.roles_there), small),
        _p("" if hit.screened else f"{hit.score}%", small),
        _p(", ".join(hit.reasons), small),
    ]


def write_report(record: CheckRecord, path: Path) -> Path:
    from reportlab.lib.units import inch

    from app.core.storage.atomic import staged_file

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.drawString(0.75 * inch, 0.5 * inch, f"Casefile conflict check - page {doc.page}")
        canvas.restoreState()

    # Written like a brief or an export: a file only its owner reads (it names clients),
    # moved into place whole, so a failure leaves any earlier report as it was.
    try:
        with staged_file(path.parent, prefix=".conflict-check-", suffix=".pdf") as staged:
            staged.file.close()  # reportlab opens the file by name
            _build(record, str(staged.path), footer)
            staged.commit(path)
    except OSError as exc:
        raise CasefileError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


def _build(record: CheckRecord, target: str, footer: Any) -> None:
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.units import inch
    from reportlab.platypus import SimpleDocTemplate

    doc = SimpleDocTemplate(
        target,
        pagesize=LETTER,
        leftMargin=0.75 * inch,
        rightMargin=0.75 * inch,
        topMargin=0.75 * inch,
        bottomMargin=0.8 * inch,
        title="Conflict check",
        author=record.checked_by,
    )
    doc.build(_story(record), onFirstPage=footer, onLaterPages=footer)
