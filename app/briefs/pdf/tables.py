"""Tables of literal text for the PDF brief, with a repeating header row.

Cells that fit on one line are plain strings (a table draws those without wrapping
them); longer ones are :class:`~app.briefs.pdf.lines.PlainText` that wraps. Long
tables are laid out a page at a time (:class:`ChunkedTable`).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table, TableStyle

from app.briefs.pdf.lines import plain
from app.briefs.pdf.parts import CELL_PADDING, INK, RULE, SHADE, SPLIT_IN_ROW, para, styles
from app.briefs.text import chunks


def table_style(
    header: bool = True, right: Collection[int] = (), bold_last: bool = False
) -> TableStyle:
    """The brief's table look; ``right`` right-aligns those columns' text (figures),
    ``bold_last`` sets the last row in bold under a rule (totals)."""
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("FONT", (0, 1), (-1, -1), styles().cell.fontName, styles().cell.fontSize),
        ("LEADING", (0, 1), (-1, -1), styles().cell.leading),
        ("TEXTCOLOR", (0, 1), (-1, -1), INK),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ]
    first = 1 if header else 0
    for col in right:  # figures kept clear of the text in the next column
        commands += [
            ("ALIGN", (col, first), (col, -1), "RIGHT"),
            ("RIGHTPADDING", (col, 0), (col, -1), 2 * CELL_PADDING),
        ]
    if bold_last:
        commands += [
            ("FONT", (0, -1), (-1, -1), styles().fonts.serif_bold, styles().cell.fontSize),
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
        ]
    return TableStyle(commands)


class ChunkedTable(Flowable):
    """A long table laid out a page at a time.

    A reportlab ``Table`` re-measures all its remaining rows at every page split,
    which is quadratic in the rows. This flowable only ever measures the rows
    that can land on the current page, and repeats the header row on each page.
    """

    def __init__(
        self,
        header: list[Any],
        rows: list[list[Any]],
        widths: list[float],
        chunk: int = 40,
        right: Collection[int] = (),
        bold_last: bool = False,
    ) -> None:
        super().__init__()
        self.header, self.rows, self.widths, self.chunk = header, rows, widths, chunk
        self.right, self.bold_last = right, bold_last
        self._table: Table | None = None

    def _make(self, rows: list[list[Any]]) -> Table:
        # The totals row is bold only in the piece that ends with it.
        last = bool(rows) and rows[-1] is self.rows[-1]
        return Table(
            [self.header, *rows],
            colWidths=self.widths,
            repeatRows=1,
            splitInRow=SPLIT_IN_ROW,
            style=table_style(True, self.right, self.bold_last and last),
        )

    def _rest(self, rows: list[list[Any]]) -> ChunkedTable:
        return ChunkedTable(self.header, rows, self.widths, self.chunk, self.right, self.bold_last)

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        if len(self.rows) <= self.chunk:
            self._table = self._make(self.rows)
            return self._table.wrap(aW, aH)
        self._table = None
        return aW, aH + 1  # more than fits: the frame will ask us to split

    def split(self, aW: float, aH: float) -> list[Flowable]:
        n = self.chunk
        while True:
            table = self._make(self.rows[:n])
            _, height = table.wrap(aW, aH)
            if height > aH or n >= len(self.rows):
                break
            n *= 2
        if height <= aH:  # everything left fits here
            return [table]
        parts = table.split(aW, aH)
        if not parts:
            return []
        first = parts[0]
        used = len(first._cellvalues) - 1
        rest = self.rows[used:]
        last = first._cellvalues[-1]
        # Compared with the whole table's own row (index 0 is the header): a Table keeps
        # a flowable cell wrapped, so the caller's row never holds the same objects.
        if len(parts) > 1 and any(
            a is not b for a, b in zip(last, table._cellvalues[used], strict=False)
        ):
            # A row too tall for a page was split inside; its remainder leads the rest.
            rest = [list(parts[1]._cellvalues[1]), *rest]
        return [parts[0], self._rest(rest)] if rest else [parts[0]]

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        assert self._table is not None
        self._table.drawOn(canvas, x, y, _sW)


def _cell(text: str, style: ParagraphStyle, width: float) -> Flowable | str:
    """A plain string when it fits on one line in the serif face (a table draws
    those without wrapping them), else a wrapping Paragraph."""
    s = styles()
    if (
        len(text) < 60
        and s.for_text(style, text) is style
        and stringWidth(text, style.fontName, style.fontSize) <= width - 2 * CELL_PADDING
    ):
        return text
    return plain(text, style)


def _fit_rows(rows: list[list[str]], widths: list[float]) -> list[list[str]]:
    """Rows whose long cells are spread over continuation rows.

    A row must fit on one page under the repeated header: reportlab cannot split
    a row there and stops with a LayoutError. A cell longer than about thirty lines
    of its column continues, unchanged and in order, in the rows below it.
    """
    size = styles().cell.fontSize
    limits = [max(120, int((w - 2 * CELL_PADDING) / (size * 0.6)) * 30) for w in widths]
    fitted: list[list[str]] = []
    for row in rows:
        if all(len(cell) <= limit for cell, limit in zip(row, limits, strict=True)):
            fitted.append(row)
            continue
        pieces = [chunks(cell, limit) for cell, limit in zip(row, limits, strict=True)]
        for i in range(max(len(p) for p in pieces)):
            fitted.append([p[i] if i < len(p) else "" for p in pieces])
    return fitted


def table(
    header: list[str],
    rows: list[list[str]],
    widths: list[float],
    *,
    right: Collection[int] = (),
    bold_last: bool = False,
) -> Flowable:
    """A table of literal text with a repeating header row; long ones are chunked.
    ``right`` and ``bold_last`` as in :func:`table_style`."""
    s = styles()
    head = [para(h, s.head_right if i in right else s.head) for i, h in enumerate(header)]
    rows = _fit_rows(rows, widths)
    body = [[_cell(c, s.cell, w) for c, w in zip(row, widths, strict=True)] for row in rows]
    if len(body) <= 40:
        return Table(
            [head, *body],
            colWidths=widths,
            repeatRows=1,
            splitInRow=SPLIT_IN_ROW,
            style=table_style(True, right, bold_last),
        )
    return ChunkedTable(head, body, widths, right=right, bold_last=bold_last)
