"""The Timeline section of a case: its dated records drawn on a time axis.

The marks are the core's (``app.core.timeline.marks.gather``), read once per case with
a lane per person; lanes by kind, the kind, issue and person filters and the date
range are worked out from them in memory (:mod:`~app.gui.sections.timeline_filters`).
The picture is the core's layout painted by
:class:`~app.gui.sections.timeline_canvas.TimelineCanvas`. Choosing a mark opens its
record in its own section; "Export picture…" writes the same picture as SVG, PNG or
PDF through the core's writers. The choices and the zoom are kept per case
(:mod:`~app.gui.sections.timeline_prefs`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.gui import style
from app.gui.sections import SECTION_OF_KIND
from app.gui.sections import timeline_prefs as prefs
from app.gui.sections.timeline_canvas import TimelineCanvas
from app.gui.sections.timeline_filters import (
    ALL,
    NO_ISSUE,
    Choice,
    first_day,
    last_day,
    people,
    shown,
)
from app.gui.widgets.accessible import name_line_edit
from app.gui.widgets.style import set_invalid

if TYPE_CHECKING:
    from app.core.timeline.marks import Timeline

KINDS = (("event", "Events"), ("statement", "Statements"), ("appearance", "Court appearances"))
LANE_CHOICES = (("kind", "By kind of record"), ("person", "By person"))
PICTURES = "SVG picture (*.svg);;PNG image (*.png);;PDF document (*.pdf)"
DATE_HINT = "e.g. 2020, March 2020 or 3/14/2020; empty: no limit"

__all__ = ["ALL", "NO_ISSUE", "TimelineSection", "record_key"]


def record_key(kind: str, record_id: int) -> tuple[str, dict[str, Any]] | None:
    """The section and row key that show a mark's record (as search hits do)."""
    section = SECTION_OF_KIND.get(kind)
    if section is None:
        return None
    return section, ({"record": "event", "id": record_id} if kind == "event" else {"id": record_id})


class TimelineSection(QWidget):
    """The timeline of the open case, with lanes, filters, a date range, zoom and export."""

    name = "timeline"
    navigate = Signal(str, dict)  # section, row key

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id: int | None = None
        self.by_person: Timeline | None = None  # as gathered: one lane per person
        self.timeline: Timeline | None = None  # in the lanes chosen, nothing filtered
        self.shown: Timeline | None = None  # what is drawn
        self._restoring = False  # while the kept choices are put back: nothing to keep
        self._opening_zoom = 1.0
        self._drawn_range = ("", "")  # the date range as drawn, as typed

        self.lanes = self._combo("Lanes", "One lane per kind of record, or one per person")
        for code, label in LANE_CHOICES:
            self.lanes.addItem(label, code)
        self.lanes.currentIndexChanged.connect(lambda _index: self._lanes_changed())
        lanes_label = QLabel("&Lanes:", self)
        lanes_label.setBuddy(self.lanes)
        self.kind_filter = self._combo("Show kind of record", "Only one kind of record")
        self.kind_filter.addItem("All kinds", None)
        for code, label in KINDS:
            self.kind_filter.addItem(label, code)
        self.issue_filter = self._combo("Show issue", "Only the records about one issue")
        self.person_filter = self._combo(
            "Show person", "Only the records of one person: what they said, events they are in"
        )
        # Issue titles are sentences and names run long: the list shows them whole,
        # the box a few words.
        for combo in (self.issue_filter, self.person_filter):
            combo.setMinimumContentsLength(12)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        self.person_filter.setMaxVisibleItems(20)
        for combo in (self.kind_filter, self.issue_filter, self.person_filter):
            combo.currentIndexChanged.connect(lambda _index: self.show_filtered())
        self.from_edit = self._date_field("Show from", "The first day shown")
        self.to_edit = self._date_field("Show to", "The last day shown")
        person_label = QLabel("&Person:", self)
        person_label.setBuddy(self.person_filter)
        from_label = QLabel("Fro&m:", self)
        from_label.setBuddy(self.from_edit)
        to_label = QLabel("&To:", self)
        to_label.setBuddy(self.to_edit)

        self.canvas = TimelineCanvas(self)
        self.canvas.open_requested.connect(self.open_record)
        self.canvas.zoom_changed.connect(lambda _zoom: self._keep())
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
        self.summary.setWordWrap(True)
        self.chosen = QLabel(self)
        self.chosen.setAccessibleName("Chosen mark")
        self.chosen.setWordWrap(True)
        self.chosen.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.canvas.current_changed.connect(
            lambda words: self.chosen.setText(words or "Tab to the picture, then use the arrows.")
        )

        # Three rows, so the page fits a narrow window: what is shown, whose and when,
        # then how.
        choices = QHBoxLayout()
        choices.addWidget(lanes_label)
        for combo in (self.lanes, self.kind_filter, self.issue_filter):
            choices.addWidget(combo)
        choices.addStretch(1)
        whose = QHBoxLayout()
        for widget in (person_label, self.person_filter, from_label, self.from_edit):
            whose.addWidget(widget)
        whose.addWidget(to_label)
        whose.addWidget(self.to_edit)
        whose.addStretch(1)
        bar = QHBoxLayout()
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        for row in (choices, whose, bar):
            layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.chosen)
        order = (
            self.lanes,
            self.kind_filter,
            self.issue_filter,
            self.person_filter,
            self.from_edit,
            self.to_edit,
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_button,
            self.export_button,
            self.canvas,
        )
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _combo(self, name: str, tip: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.setToolTip(tip)
        return combo

    def _date_field(self, name: str, tip: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setClearButtonEnabled(True)
        name_line_edit(field, name)  # the field and its Clear button
        field.setAccessibleDescription(f"{tip}: {DATE_HINT}")
        field.setToolTip(f"{tip}: {DATE_HINT}")
        field.setPlaceholderText("any date")
        field.setMaximumWidth(field.fontMetrics().horizontalAdvance("M" * 12) + 24)
        field.editingFinished.connect(self._range_edited)
        # Emptied with its Clear button: no limit at once, without leaving the field.
        field.textChanged.connect(lambda text: self._range_edited() if not text else None)
        return field

    def _button(self, text: str, name: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        return button

    def lanes_by(self) -> str:
        return str(self.lanes.currentData())

    # -- reading and choosing ---------------------------------------------------

    def set_case(self, case_id: int | None) -> None:
        """Show ``case_id``'s timeline as it was last left (read afresh)."""
        self.case_id = case_id
        kept = self._kept()
        self._restoring = True
        try:
            for combo, value in ((self.lanes, kept.lanes), (self.kind_filter, kept.kind)):
                combo.blockSignals(True)  # drawn once, below, when all are set
                combo.setCurrentIndex(max(combo.findData(value), 0))
                combo.blockSignals(False)
            self.from_edit.setText(kept.start)
            self.to_edit.setText(kept.end)
            self._opening_zoom = kept.zoom  # laid out once, at the zoom it was left at
            self.refresh(chosen=(kept.issue, kept.person))
            if self.shown is not None and self.shown.marks and self.canvas.zoom > 1.0:
                self.canvas.show_middle(kept.middle)
        finally:
            self._restoring = False
            self._opening_zoom = 1.0
        self._drawn_range = ("", "")  # the date range as drawn, as typed

    def refresh(self, chosen: tuple[Any, Any] | None = None) -> None:
        """Gather the case's marks again (one read) and draw them fitted to the width;
        the issue and person chosen stay chosen (or become those of ``chosen``)."""
        from app.core.errors import CasefileError
        from app.core.timeline.marks import gather

        self.by_person = None
        if self.case_id is not None:
            try:
                self.by_person = gather(self.ctx.workspace, self.case_id, lanes="person")
            except CasefileError as exc:
                self.summary.setText(str(exc))
        if chosen is None:
            chosen = (self.issue_filter.currentData(), self.person_filter.currentData())
        issue, person = chosen
        case_issues = self.by_person.issues if self.by_person else {}
        issues = [("All issues", ALL)] + [(title, id_) for id_, title in case_issues.items()]
        issues.append(("No issue", NO_ISSUE))
        self._fill(self.issue_filter, issues, issue)
        named = people(self.by_person) if self.by_person else []
        self._fill(self.person_filter, [("All people", None)] + [(n, n) for n in named], person)
        self._lanes_changed()

    @staticmethod
    def _fill(combo: QComboBox, entries: list[tuple[str, Any]], chosen: Any) -> None:
        """Put ``(label, data)`` entries in ``combo``; the one holding ``chosen`` chosen
        (else the first), without a signal: the caller draws once."""
        combo.blockSignals(True)
        combo.clear()
        for label, data in entries:
            combo.addItem(label, data)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.blockSignals(False)

    def _lanes_changed(self) -> None:
        """Lay the marks in the lanes chosen (no new read) and draw what the filters keep."""
        self.timeline = None
        if self.by_person is not None:
            self.timeline = shown(self.by_person, Choice(lanes=self.lanes_by()))
        self.show_filtered()

    def choice(self) -> Choice:
        """What the controls choose; raises ValueError, saying why, for a bad date."""
        issue = self.issue_filter.currentData()
        start = first_day(self.from_edit.text())
        end = last_day(self.to_edit.text())
        if start is not None and end is not None and end < start:
            raise ValueError("The range ends before it starts: swap From and To.")
        return Choice(
            lanes=self.lanes_by(),
            kind=self.kind_filter.currentData(),
            issue=ALL if issue is None else issue,
            person=self.person_filter.currentData(),
            start=start,
            end=end,
        )

    def _range_texts(self) -> tuple[str, str]:
        return self.from_edit.text().strip(), self.to_edit.text().strip()

    def _range_edited(self) -> None:
        if self._range_texts() != self._drawn_range:
            self.show_filtered()

    def show_filtered(self) -> None:
        """Draw the marks the filters keep (no new read: the marks are already here)."""
        problem = ""
        try:
            choice = self.choice()
        except ValueError as exc:
            problem, choice = str(exc), Choice(lanes=self.lanes_by())
        for field in (self.from_edit, self.to_edit):
            set_invalid(field, bool(problem))
        self._drawn_range = self._range_texts()
        self.shown = self.timeline
        if self.by_person is not None and choice != Choice(lanes=choice.lanes):
            self.shown = shown(self.by_person, choice)
        has_marks = self.shown is not None and bool(self.shown.marks)
        self.canvas.set_timeline(self.shown, self._opening_zoom if has_marks else 1.0)
        for control in (self.zoom_in_button, self.zoom_out_button, self.fit_button):
            control.setEnabled(has_marks)
        self.export_button.setEnabled(self.shown is not None)
        self._keep()
        if self.shown is None:
            if self.case_id is None:
                self.summary.setText("No case is open.")
            self.chosen.setText("")
            return
        dated, undated = len(self.shown.marks), len(self.shown.undated)
        words = f"{dated} dated record{'s' if dated != 1 else ''}"
        if undated:
            words += f"; {undated} without a date (in the strip below the lanes)"
        words += "."
        if problem:  # the range is left out until it reads as dates
            words = f"{problem} Showing every date meanwhile. {words}"
        self.summary.setText(words)
        self.chosen.setText("Tab to the picture, then use the arrows." if has_marks else "")

    # -- kept per case ------------------------------------------------------------

    def _kept(self) -> prefs.Kept:
        if self.case_id is None:
            return prefs.Kept()
        return prefs.load(self.ctx.settings, self.ctx.workspace.describe(), self.case_id)

    def _keep(self) -> None:
        """Keep the choices and the zoom of this case for the next time it is shown."""
        if self._restoring or self.case_id is None:
            return
        canvas = self.canvas
        kept = prefs.Kept(
            lanes=self.lanes_by(),
            kind=self.kind_filter.currentData(),
            issue=self.issue_filter.currentData(),
            person=self.person_filter.currentData(),
            start=self._range_texts()[0],
            end=self._range_texts()[1],
            zoom=canvas.zoom,
            middle=canvas.middle_share(),
        )
        prefs.save(self.ctx.settings, self.ctx.workspace.describe(), self.case_id, kept)

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
