"""The PDF brief's canvas: pages held back until the end, then finished and written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas


def page_counting_canvas(draw_page_count: Any) -> type[Canvas]:
    """A canvas class that holds pages back until the end to print "Page N of M".

    Other parts drawn only once the whole document is laid out (the contents' page
    numbers) register themselves on their page with ``draw_when_complete``.
    """

    class PageCountCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self._late: list[Callable[[Canvas], None]] = []

        def draw_when_complete(self, draw: Callable[[Canvas], None]) -> None:
            """Call ``draw`` on this page when the document is complete."""
            self._late.append(draw)

        def bookmarkPage(self, key: str, *args: Any, **kwargs: Any) -> None:
            # A destination names its page by the count of pages written so far,
            # and pages are written only at save: so the bookmark waits for its page
            # (otherwise every outline entry and link would open page 1).
            self.draw_when_complete(
                lambda canvas: Canvas.bookmarkPage(canvas, key, *args, **kwargs)
            )

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._late = []
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                # Annotations are named by a document-wide counter that must not go
                # back to the page's own value (late parts add links).
                annotations = self._annotationCount
                self.__dict__.update(state)
                self._annotationCount = annotations
                draw_page_count(self, total)
                for draw in state["_late"]:
                    draw(self)
                super().showPage()
            # Binary (not ASCII85) page streams: smaller files, and reportlab's
            # pure-Python ASCII85 encoder is a tenth of the time of a long brief.
            saved, rl_config.useA85 = rl_config.useA85, 0
            try:
                super().save()
            finally:
                rl_config.useA85 = saved

    return PageCountCanvas


def draw_page_heads(
    canv: Canvas,
    *,
    left: float,
    right: float,
    top: float,
    bottom: float,
    marking: str,
    caption: str,
    footer: str,
) -> None:
    """What every page of a brief, an exhibit or a report carries: the confidentiality
    marking and the caption above a rule at ``top``, the footer under a rule at
    ``bottom`` (the texts already fitted to the line)."""
    from app.briefs.pdf.parts import ACCENT, INK, MUTED, RULE, styles

    f = styles().fonts
    canv.saveState()
    canv.setFillColor(ACCENT)
    canv.setFont(f.sans_bold, 7.5)
    canv.drawRightString(right, top, marking)
    canv.setFillColor(INK)
    canv.setFont(f.sans, 8)
    canv.drawString(left, top, caption)
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.5)
    canv.line(left, top - 5, right, top - 5)
    canv.line(left, bottom + 10, right, bottom + 10)
    canv.setFillColor(MUTED)
    canv.setFont(f.sans, 7.5)
    canv.drawString(left, bottom, footer)
    canv.restoreState()


def draw_page_number(canv: Canvas, right: float, bottom: float, total: int) -> None:
    """ "Page N of M" at the right of the footer line."""
    from app.briefs.pdf.parts import INK, styles

    canv.saveState()
    canv.setFillColor(INK)
    canv.setFont(styles().fonts.sans_bold, 8)
    canv.drawRightString(right, bottom, f"Page {canv.getPageNumber()} of {total}")
    canv.restoreState()
