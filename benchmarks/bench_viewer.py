"""Opening a 300-page PDF attachment in the viewer to its first page against PDFium's
own first-page render of the same file (``viewer_first_page``).

The viewer's side is what a person waits for after choosing View: the document's
record read, the file's bytes read from the attachment store, the window built,
shown, the first page rendered to fit the window and painted on screen. The clock
stops when that frame has been painted and the event loop is back (the viewer's
``first_page_shown``, sent from the page's first paint): nothing is left out of the
frame the person sees. The floor is PDFium opening the same file from disk and
rendering its first page at the same resolution, the least any viewer could do.
The row of controls, the page list and the keys are made right after that frame;
the time until they are there is reported too (``complete_viewer_ms``), as is the
same window over a one-page PDF (``one_page_viewer_ms``): what is left of the ratio
is the window itself, not the document's length. Thumbnails are drawn later, a few
at a time, so they are part of neither side. Run alone with
``python -m benchmarks.bench_viewer``.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path
from typing import Any

from benchmarks.common import WORK, figure

PAGES = 300
TARGET = 1.5
ROUNDS = 30


def transcript(path: Path, pages: int = PAGES) -> Path:
    """A deposition transcript: 25 numbered lines of text a page, as a court
    reporter's pages are laid out."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    drawing = canvas.Canvas(str(path), pagesize=letter)
    for number in range(1, pages + 1):
        drawing.setFont("Courier", 12)
        drawing.drawString(500, 740, str(number))
        for line in range(1, 26):
            y = 700 - line * 24
            drawing.drawString(60, y, f"{line:>2}")
            speaker = "Q." if line % 2 else "A."
            drawing.drawString(
                100,
                y,
                f"{speaker} And what did you see at about {line}:{number % 60:02d} that night?",
            )
        drawing.showPage()
    drawing.save()
    return path


def _app() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    return existing if existing is not None else QApplication([])


def run() -> dict[str, dict[str, Any]]:
    app = _app()
    import pypdfium2 as pdfium

    from app.context import AppContext
    from app.core.services import cases, documents
    from app.core.storage.workspace import open_workspace
    from app.gui.viewer import open_document_viewer
    from app.gui.viewer.window import SCREEN_DPI

    pdf = transcript(WORK / "transcript-300.pdf")
    ws = open_workspace(WORK / "viewer.casefile", user="bench")
    case_id = cases.add_case(ws, caption="People v. Benchmark", docket_number="BENCH-V")
    document_id = documents.add_document(
        ws, case_id, file=pdf, title="Deposition", bates_start="DA000001"
    )
    one_page = documents.add_document(
        ws, case_id, file=transcript(WORK / "transcript-1.pdf", pages=1), title="One page"
    )
    ctx = AppContext(workspace=ws)
    shown: list[float] = []  # the first page's resolution, for the floor to match

    opened: list[Any] = []
    complete: list[float] = []  # until the controls, page list and keys are there too

    def viewer_opens(which: int = document_id) -> None:
        started = time.perf_counter()
        viewer = open_document_viewer(ctx, which)
        assert viewer is not None and not viewer.is_complete  # nothing painted yet
        on_screen: list[float] = []
        viewer.first_page_shown.connect(lambda: on_screen.append(time.perf_counter()))
        viewer.completed.connect(lambda: complete.append(time.perf_counter() - started))
        while not on_screen:  # the first frame painted and the event loop back
            app.processEvents()
        assert viewer.page_label.pixmap().width() > 100
        shown.append(SCREEN_DPI * viewer.zoom)
        opened.append((viewer, on_screen[0] - started))
        while not viewer.is_complete:  # right after the first frame: off the clock
            app.processEvents()

    def close_viewer() -> float:  # after the clock stops: closing is not opening
        viewer, took = opened.pop()
        viewer.thumbs_timer.stop()  # before it draws: the thumbnails come after the page
        viewer.close()
        app.processEvents()  # the closed window is deleted
        return took

    def pdfium_renders() -> None:
        document = pdfium.PdfDocument(pdf)
        page = document[0]
        bitmap = page.render(scale=shown[-1] / 72)
        assert bitmap.width > 100
        page.close()
        document.close()

    times: tuple[list[float], list[float]] = ([], [])
    viewer_opens()  # warm up: modules, fonts, the store
    close_viewer()
    pdfium_renders()
    complete.clear()
    for _ in range(ROUNDS):  # alternating, so both see the same machine
        viewer_opens()
        times[0].append(close_viewer())
        started = time.perf_counter()
        pdfium_renders()
        times[1].append(time.perf_counter() - started)
    viewer_time, floor = statistics.median(times[0]), statistics.median(times[1])
    complete_time = statistics.median(complete)
    # The same window over a one-page PDF: what the 299 other pages add to the wait.
    single: list[float] = []
    for _ in range(ROUNDS // 2):
        viewer_opens(one_page)
        single.append(close_viewer())
    ws.close()
    return {
        "viewer_first_page": figure(
            viewer_time / floor,
            TARGET,
            "lower",
            viewer_ms=round(viewer_time * 1000, 2),
            pdfium_ms=round(floor * 1000, 2),
            complete_viewer_ms=round(complete_time * 1000, 2),
            one_page_viewer_ms=round(statistics.median(single) * 1000, 2),
            pages=PAGES,
            dpi=round(shown[-1], 1),
        )
    }


if __name__ == "__main__":
    for name, result in run().items():
        print(name, result)
