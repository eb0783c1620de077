"""The Timeline section's picture of the 50,000-statement demo case.

* ``timeline_50k``: from handing the case's gathered marks to a new timeline canvas
  (as the section does) to its first painted frame, divided by the same for a bare
  ``QGraphicsScene`` in a ``QGraphicsView`` of the same size holding one ellipse or
  rectangle item per mark that frame shows, at the same places and in the same
  colours, made from a plain list already in memory. Target <= 2x.

Reading the marks from the workspace (``app.core.timeline.marks.gather``) is the same
for any way of drawing them, so it is timed apart and reported as ``gather_s`` (and
``with_gather_ratio`` counts it on our side). A zoom step of ours, laid out again and
painted, is reported as ``zoom_step_s``. Both views are offscreen, antialiased and
shown once untimed first; the times are medians of interleaved rounds. Run alone with
``python -m benchmarks.bench_timeline``.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from benchmarks.bench_gui import demo_workspace, qt_app
from benchmarks.common import figure

ROUNDS = 9
SIZE = (1100, 700)


def _painted(app: Any, make: Any) -> tuple[float, Any]:
    """Seconds from calling ``make()`` until the view it returns has painted once."""
    from PySide6.QtCore import QEvent, QObject

    seen: list[bool] = []

    class Watch(QObject):
        def eventFilter(self, _obj: Any, event: Any) -> bool:
            if event.type() == QEvent.Type.Paint:
                seen.append(True)
            return False

    watch = Watch()
    started = time.perf_counter()
    view = make(lambda target: target.viewport().installEventFilter(watch))
    deadline = started + 60
    while not seen and time.perf_counter() < deadline:
        app.processEvents()
    elapsed = time.perf_counter() - started
    assert seen, "the view was never painted"
    view.viewport().removeEventFilter(watch)
    return elapsed, view


def _visible_marks(canvas: Any) -> list[Any]:
    """The record shapes the canvas's first frame shows."""
    shown = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    shapes = canvas.picture.shapes
    return [
        shapes[canvas.mark_shapes[i]]
        for i in range(canvas.mark_count())
        if canvas.mark_rect(i).intersects(shown)
    ]


def _zoomed(canvas: Any, watch: Any) -> Any:
    watch(canvas)
    canvas.zoom_in()
    return canvas


def run() -> dict[str, dict[str, Any]]:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QBrush, QColor, QPainter, QPen
    from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

    from app.core.storage.workspace import open_workspace
    from app.core.timeline.marks import gather
    from app.gui.sections.timeline_canvas import TimelineCanvas

    app = qt_app()
    path, case_id = demo_workspace()
    ws = open_workspace(path, user="bench")
    started = time.perf_counter()
    timeline = gather(ws, case_id)
    gather_s = time.perf_counter() - started
    ws.close()
    views: list[Any] = []

    def ours(watch: Any) -> Any:
        canvas = TimelineCanvas()
        canvas.resize(*SIZE)
        watch(canvas)
        canvas.show()
        canvas.set_timeline(timeline)
        views.append(canvas)
        return canvas

    sample = ours(lambda _view: None)
    app.processEvents()
    marks = [
        (shape.form, shape.x, shape.y, shape.w, shape.h, shape.fill, shape.stroke)
        for shape in _visible_marks(sample)
    ]
    sample.close()
    sample.deleteLater()
    pens: dict[str | None, QPen] = {}
    brushes: dict[str | None, QBrush] = {}
    for _form, _x, _y, _w, _h, fill, stroke in marks:
        pens.setdefault(stroke, QPen(QColor(stroke)) if stroke else QPen())
        brushes.setdefault(fill, QBrush(QColor(fill)))
    for made in pens.values():
        made.setCosmetic(True)

    def bare(watch: Any) -> Any:
        scene = QGraphicsScene()
        for form, x, y, w, h, fill, stroke in marks:
            if form == "circle":
                scene.addEllipse(QRectF(x - w, y - w, 2 * w, 2 * w), pens[stroke], brushes[fill])
            else:
                scene.addRect(QRectF(x, y, w, h), pens[stroke], brushes[fill])
        view = QGraphicsView(scene)
        scene.setParent(view)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.resize(*SIZE)
        watch(view)
        view.show()
        views.append(view)
        return view

    _painted(app, bare)[1].close()  # shown once untimed, as ours was
    times: dict[str, list[float]] = {"ours": [], "bare": []}
    zooms: list[float] = []
    for _ in range(ROUNDS):
        for name, make in (("ours", ours), ("bare", bare)):
            elapsed, view = _painted(app, make)
            times[name].append(elapsed)
            if name == "ours":
                assert view.mark_count() == len(timeline.marks), "ours: marks missing"
                zooms.append(_painted(app, lambda watch, v=view: _zoomed(v, watch))[0])
            view.close()
            view.deleteLater()
            app.processEvents()
    ours_s, bare_s = statistics.median(times["ours"]), statistics.median(times["bare"])
    return {
        "timeline_50k": figure(
            ours_s / bare_s,
            2,
            "lower",
            marks=len(timeline.marks),
            visible=len(marks),
            ours_s=ours_s,
            bare_s=bare_s,
            gather_s=gather_s,
            with_gather_ratio=round((ours_s + gather_s) / bare_s, 3),
            zoom_step_s=statistics.median(zooms),
        )
    }


if __name__ == "__main__":
    from benchmarks.run import _line

    for name, result in run().items():
        print(_line(name, result), {k: v for k, v in result.items() if k.endswith("s")})
