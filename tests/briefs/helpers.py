"""Reading exported briefs back."""

from __future__ import annotations

from pathlib import Path

import docx
import pypdf


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages]


def pdf_text(path: Path) -> str:
    return "\n".join(pdf_pages(path))


def outline_titles(path: Path) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(pypdf.PdfReader(str(path)).outline)
    return titles


def docx_text(path: Path) -> str:
    """Body paragraphs, table cells, headers and footers, and the core properties."""
    doc = docx.Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs]
        parts += [p.text for p in section.footer.paragraphs]
    core = doc.core_properties
    parts += [core.title or "", core.subject or "", core.keywords or "", core.comments or ""]
    return "\n".join(parts)


def squash(text: str) -> str:
    """Text with all whitespace removed, for matching across PDF line breaks."""
    return "".join(text.split())


def pdf_placed(path: Path) -> list[tuple[int, float, float, str]]:
    """Every piece of text the PDF draws, as (page index, x, y, text) in points from
    the page's bottom left: where a line sits tells a date column from a body column."""
    placed: list[tuple[int, float, float, str]] = []
    for index, page in enumerate(pypdf.PdfReader(str(path)).pages):

        def visit(text: str, cm: list[float], tm: list[float], *_: object, i: int = index) -> None:
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                placed.append((i, round(x, 1), round(y, 1), text.strip()))

        page.extract_text(visitor_text=visit)
    return placed
