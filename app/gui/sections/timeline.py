"""The Timeline section of a case: its dated records drawn on a time axis.

The marks are the core's (``app.core.timeline.marks.gather``), read once per case and
choice of lanes; the picture is the core's layout painted by
:class:`~app.gui.sections.timeline_canvas.TimelineCanvas`. Choosing a mark opens its
record in its own section; "Export picture…" writes the same picture as SVG, PNG or
PDF through the core's writers.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from app.core.timeline.marks import Timeline

ALL = -1  # a filter's "all" entry
NO_ISSUE = 0  # the issue filter's "no issue" entry
KINDS = (("event", "Events"), ("statement", "Statements"), ("appearance", "Court appearances"))
LANE_CHOICES = (("kind", "By kind of record"), ("person", "By person"))
PICTURES = "SVG picture (*.svg);;PNG image (*.png);;PDF document (*.pdf)"


def filtered(timeline: Timeline, kind: str | None, issue: int) -> Timeline:
    """``timeline`` with only the marks of ``kind`` (all when None) about ``issue``
    (:data:`ALL`, or :data:`NO_ISSUE` for marks about none); its lanes those left."""

    def kept(mark: Any) -> bool:
        if kind is not None and mark.kind != kind:
            return False
        if issue == ALL:
            return True
        return issue in mark.issue_ids if issue != NO_ISSUE else not mark.issue_ids

    marks = [mark for mark in timeline.marks if kept(mark)]
    present = {mark.lane for mark in marks}
    return dataclasses.replace(
        timeline,
        marks=marks,
        undated=[mark for mark in timeline.undated if kept(mark)],
        lanes=[lane for lane in timeline.lanes if lane in present],
    )


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
        self.timeline: Timeline | None = None

        self.lanes = QComboBox(self)
        for code, label in LANE_CHOICES:
            self.lanes.addItem(label, code)
        self.lanes.setAccessibleName("Lanes")
        self.lanes.setToolTip("One lane per kind of record, or one per person")
        self.lanes.currentIndexChanged.connect(lambda _index: self.refresh())
        lanes_label = QLabel("&Lanes:", self)
        lanes_label.setBuddy(self.lanes)

        self.kind_filter = QComboBox(self)
        self.kind_filter.addItem("All kinds", None)
        for code, label in KINDS:
            self.kind_filter.addItem(label, code)
        self.kind_filter.setAccessibleName("Show kind of record")
        self.kind_filter.currentIndexChanged.connect(lambda _index: self.show_filtered())
        self.issue_filter = QComboBox(self)
        self.issue_filter.setAccessibleName("Show issue")
        # Issue titles are sentences: the list shows them whole, the box a few words.
        self.issue_filter.setMinimumContentsLength(12)
        self.issue_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.issue_filter.setToolTip("Only the records about one issue")
        self.issue_filter.currentIndexChanged.connect(lambda _index: self.show_filtered())
        self.shown: Timeline | None = None

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

        # Two rows, so the page fits a narrow window: what is shown, then how.
        choices = QHBoxLayout()
        choices.addWidget(lanes_label)
        for combo in (self.lanes, self.kind_filter, self.issue_filter):
            choices.addWidget(combo)
        choices.addStretch(1)
        bar = QHBoxLayout()
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.addLayout(choices)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.chosen)
        for first, second in (
            (self.lanes, self.kind_filter),
            (self.kind_filter, self.issue_filter),
            (self.issue_filter, self.zoom_out_button),
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
        self._fill_issues()
        self.show_filtered()

    def _fill_issues(self) -> None:
        """The issue filter's entries: the case's issues (the one chosen stays chosen)."""
        chosen = self.issue_filter.currentData()
        self.issue_filter.blockSignals(True)
        self.issue_filter.clear()
        self.issue_filter.addItem("All issues", ALL)
        for issue_id, title in (self.timeline.issues if self.timeline else {}).items():
            self.issue_filter.addItem(title, issue_id)
        self.issue_filter.addItem("No issue", NO_ISSUE)
        self.issue_filter.setCurrentIndex(max(self.issue_filter.findData(chosen), 0))
        self.issue_filter.blockSignals(False)

    def show_filtered(self) -> None:
        """Draw the marks the filters keep (no new read: the marks are already here)."""
        self.shown = None
        if self.timeline is not None:
            issue = self.issue_filter.currentData()
            self.shown = filtered(
                self.timeline, self.kind_filter.currentData(), ALL if issue is None else issue
            )
        self.canvas.set_timeline(self.shown)
        has_marks = self.shown is not None and bool(self.shown.marks)
        for control in (self.zoom_in_button, self.zoom_out_button, self.fit_button):
            control.setEnabled(has_marks)
        self.export_button.setEnabled(self.shown is not None)
        if self.shown is None:
            if self.case_id is None:
                self.summary.setText("No case is open.")
            self.chosen.setText("")
            return
        dated, undated = len(self.shown.marks), len(self.shown.undated)
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
        """Write the timeline shown (all of its span, with its filters) to a file."""
        from app.briefs.names import case_file_name
        from app.briefs.profiles import DEFAULT_MARKING
        from app.core.errors import CasefileError
        from app.core.timeline.layout import lay_out
        from app.core.timeline.writers import write

        if self.shown is None:
            return
        talk = self.ctx.interaction
        caption = self.shown.title.removeprefix("Timeline \u2014 ")
        suggested = Path.home() / case_file_name(caption, "timeline", "svg")
        name = talk.save_file(self, "Export Timeline Picture", suggested, PICTURES)
        if not name:
            return
        if not Path(name).suffix:  # a name typed without its suffix: the first format
            name += ".svg"
        try:
            # Marked as the command line marks it: a picture leaves the office as a file.
            write(lay_out(self.shown, marking=DEFAULT_MARKING), name)
        except (CasefileError, OSError, ValueError) as exc:
            talk.warn(self, "Cannot export the timeline", str(exc))
            return
        talk.inform(self, "Timeline exported", f"The timeline picture is in {name}")
