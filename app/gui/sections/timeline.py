"""The Timeline section of a case: its dated records drawn on a time axis.

The marks are the core's (``app.core.timeline.marks.gather``), read once per case and
choice of lanes; the picture is the core's layout painted by
:class:`~app.gui.sections.timeline_canvas.TimelineCanvas`. Choosing a mark opens its
record in its own section; "Export picture…" writes the same picture as SVG, PNG or
PDF through the core's writers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.gui import style
from app.gui.sections import SECTION_OF_KIND
from app.gui.sections.timeline_canvas import TimelineCanvas

LANE_CHOICES = (("kind", "By kind of record"), ("person", "By person"))
PICTURES = "SVG picture (*.svg);;PNG image (*.png);;PDF document (*.pdf)"


def record_key(kind: str, record_id: int) -> tuple[str, dict[str, Any]] | None:
    """The section and row key that show a mark's record (as search hits do)."""
    section = SECTION_OF_KIND.get(kind)
    if section is None:
        return None
    return section, ({"record": "event", "id": record_id} if kind == "event" else {"id": record_id})


class TimelineSection(QWidget):
    """The timeline of the open case, with lanes, zoom and export."""

    name = "timeline"
    navigate = Signal(str, dict)  # section, row key

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id: int | None = None
        self.timeline: Any = None

        self.lanes = QComboBox(self)
        for code, label in LANE_CHOICES:
            self.lanes.addItem(label, code)
        self.lanes.setAccessibleName("Lanes")
        self.lanes.setToolTip("One lane per kind of record, or one per person")
        self.lanes.currentIndexChanged.connect(lambda _index: self.refresh())
        lanes_label = QLabel("&Lanes:", self)
        lanes_label.setBuddy(self.lanes)

        self.canvas = TimelineCanvas(self)
        self.canvas.open_requested.connect(self.open_record)
        self.zoom_out_button = self._button("−", "Zoom out", "Zoom out (Ctrl+minus)")
        self.zoom_out_button.clicked.connect(self.canvas.zoom_out)
        self.zoom_in_button = self._button("+", "Zoom in", "Zoom in (Ctrl+plus, Ctrl+wheel)")
        self.zoom_in_button.clicked.connect(self.canvas.zoom_in)
        self.fit_button = self._button("Fit", "Fit the whole timeline", "Show the whole span")
        self.fit_button.clicked.connect(self.canvas.fit)
        self.export_button = QPushButton(style.icon("export"), "Export picture…", self)
        self.export_button.setAccessibleName("Export picture")
        self.export_button.setToolTip("Save this timeline as an SVG, PNG or PDF picture")
        self.export_button.clicked.connect(self.export_picture)

        self.summary = QLabel(self)
        self.summary.setAccessibleName("Timeline summary")
        self.chosen = QLabel(self)
        self.chosen.setAccessibleName("Chosen mark")
        self.chosen.setWordWrap(True)
        self.chosen.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.canvas.current_changed.connect(
            lambda words: self.chosen.setText(words or "Tab to the picture, then use the arrows.")
        )

        bar = QHBoxLayout()
        bar.addWidget(lanes_label)
        bar.addWidget(self.lanes)
        bar.addSpacing(style.SPACING * 2)
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.chosen)
        for first, second in (
            (self.lanes, self.zoom_out_button),
            (self.zoom_out_button, self.zoom_in_button),
            (self.zoom_in_button, self.fit_button),
            (self.fit_button, self.export_button),
            (self.export_button, self.canvas),
        ):
            QWidget.setTabOrder(first, second)

    def _button(self, text: str, name: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        return button

    def lanes_by(self) -> str:
        return str(self.lanes.currentData())

    def set_case(self, case_id: int | None) -> None:
        self.case_id = case_id
        self.refresh()

    def refresh(self) -> None:
        """Gather the case's marks again (one read) and draw them fitted to the width."""
        from app.core.errors import CasefileError
        from app.core.timeline.marks import gather

        self.timeline = None
        if self.case_id is not None:
            try:
                self.timeline = gather(self.ctx.workspace, self.case_id, lanes=self.lanes_by())
            except CasefileError as exc:
                self.summary.setText(str(exc))
        self.canvas.set_timeline(self.timeline)
        has_marks = self.timeline is not None and bool(self.timeline.marks)
        for control in (self.zoom_in_button, self.zoom_out_button, self.fit_button):
            control.setEnabled(has_marks)
        self.export_button.setEnabled(self.timeline is not None)
        if self.timeline is None:
            if self.case_id is None:
                self.summary.setText("No case is open.")
            self.chosen.setText("")
            return
        dated, undated = len(self.timeline.marks), len(self.timeline.undated)
        words = f"{dated} dated record{'s' if dated != 1 else ''}"
        if undated:
            words += f"; {undated} without a date (in the strip below the lanes)"
        self.summary.setText(words + ".")
        self.chosen.setText("Tab to the picture, then use the arrows." if has_marks else "")

    def open_record(self, kind: str, record_id: int) -> None:
        target = record_key(kind, record_id)
        if target is not None:
            self.navigate.emit(*target)

    def export_picture(self) -> None:
        """Write the whole timeline (fitted, as printed) to a file the person chooses."""
        from app.briefs.names import case_file_name
        from app.briefs.profiles import DEFAULT_MARKING
        from app.core.errors import CasefileError
        from app.core.timeline.layout import lay_out
        from app.core.timeline.writers import write

        if self.timeline is None:
            return
        talk = self.ctx.interaction
        caption = self.timeline.title.removeprefix("Timeline \u2014 ")
        suggested = Path.home() / case_file_name(caption, "timeline", "svg")
        name = talk.save_file(self, "Export Timeline Picture", suggested, PICTURES)
        if not name:
            return
        if not Path(name).suffix:  # a name typed without its suffix: the first format
            name += ".svg"
        try:
            # Marked as the command line marks it: a picture leaves the office as a file.
            write(lay_out(self.timeline, marking=DEFAULT_MARKING), name)
        except (CasefileError, OSError, ValueError) as exc:
            talk.warn(self, "Cannot export the timeline", str(exc))
            return
        talk.inform(self, "Timeline exported", f"The timeline picture is in {name}")
