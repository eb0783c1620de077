"""The statement review dialog: the proposals (Statements tab, with the pane for the
row in hand) and each speaker once (Speakers tab). Adding what it accepts is
``app.gui.dialogs.extract.review_extraction``'s part.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.core.intake import apply as intake_apply
from app.core.intake.extract import Proposal, extract
from app.core.services import choices
from app.gui.dialogs.base import Buttons, Dialog
from app.gui.dialogs.extract_delegate import ChoiceDelegate
from app.gui.dialogs.extract_model import (
    CHOICES,
    CONFIDENCE,
    KEEP,
    PIN,
    SETTING,
    SPEAKER,
    SPEECH,
    TEXT,
    ProposalModel,
    ReviewRow,
)
from app.gui.dialogs.extract_source import RowPane
from app.gui.dialogs.extract_speakers import IS, ROLE, SpeakersModel, guess_roles


class ReviewTable(QTableView):
    """The proposals: Space keeps or drops the selected rows, Delete drops them, F2 or
    typing edits the current cell."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        model = self.model()
        rows = sorted({i.row() for i in self.selectionModel().selectedRows()})
        if isinstance(model, ProposalModel) and rows and self.state() != self.State.EditingState:
            if event.key() == Qt.Key.Key_Space:
                model.set_kept(rows, not all(model.rows[r].kept for r in rows))
                return
            if event.key() == Qt.Key.Key_Delete:
                model.set_kept(rows, False)
                return
        super().keyPressEvent(event)


def _view(name: str, description: str) -> ReviewTable:
    table = ReviewTable()
    table.setAccessibleName(name)
    table.setAccessibleDescription(description)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    table.setTabKeyNavigation(False)  # Tab leaves the table: keyboard users reach the pane
    table.setWordWrap(False)  # one line a row: row heights are never measured
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class ExtractDialog(Dialog):
    default_size = (1180, 680)
    help_text = (
        "Each row is a statement found in the text. Space keeps or drops the selected "
        "rows; F2 (or typing) edits a cell; the pane on the right shows where the "
        "statement was found (the statement in yellow, the words naming the speaker in "
        "blue, bold and underlined), how sure the reading is and why, and edits the "
        "speaker, recipient, setting, date, speech (verbatim or reported) and pin cite. "
        "Select rows and Merge them when one statement was split (by “he said”).\n\n"
        "The Speakers tab lists each speaker once (a transcript's OFFICER 1, THE COURT): "
        "choose the party of the case each is, or name the new person, and every "
        "statement under it follows.\n\nAdd statements saves the text as a document (or "
        "cites the document it was read from), the kept rows as statements citing it, and "
        "each new speaker as a person in the case: one step that Edit › Undo takes back."
    )

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        text: str,
        source_name: str,
        parent: QWidget | None = None,
        proposals: list[Proposal] | None = None,
    ) -> None:
        title = f"Statements in {source_name or 'the text'}"
        super().__init__(parent, title=title, ctx=ctx)
        self.ctx, self.case_id, self.text, self.source_name = ctx, case_id, text, source_name
        self.proposals: list[Proposal] = list(proposals if proposals is not None else extract(text))
        self.model = ProposalModel([ReviewRow.of(p) for p in self.proposals], self)
        self.table = _view(
            "Statements found",
            "Space keeps or drops the selected rows; F2 edits the current cell",
        )
        self.table.setModel(self.model)
        for column, name in ((SPEECH, "Speech"), (SETTING, "Setting")):
            vocabulary = CHOICES[column]
            delegate = ChoiceDelegate(lambda _i, v=vocabulary: v.items(), name, self.table)
            self.table.setItemDelegateForColumn(column, delegate)
        for column, width in ((KEEP, 46), (SPEAKER, 150), (TEXT, 330), (SPEECH, 90)):
            self.table.setColumnWidth(column, width)
        self.table.setColumnWidth(SETTING, 120)
        self.table.setColumnWidth(PIN, 90)
        self.table.setColumnWidth(CONFIDENCE, 100)
        self.pane = RowPane(text)
        self.pane.edited.connect(self._pane_edited)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.model.dataChanged.connect(self._row_changed)
        self.speakers = SpeakersModel(choices.parties(ctx.workspace, case_id), self)
        self.speakers_table = _view(
            "Speakers", "Choose who each speaker is under Is; F2 edits the current cell"
        )
        self.speakers_table.setModel(self.speakers)
        self.speakers.dataChanged.connect(lambda *_: self.update_summary())
        self.speakers_table.setItemDelegateForColumn(
            IS, ChoiceDelegate(self.speakers.choices, "Is", self.speakers_table)
        )
        self.speakers_table.setItemDelegateForColumn(
            ROLE, ChoiceDelegate(self.speakers.choices, "Role", self.speakers_table)
        )
        for column, width in enumerate((160, 170, 80, 200, 220)):
            self.speakers_table.setColumnWidth(column, width)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Review steps")
        self.tabs.addTab(self._statements_page(), "&Statements")
        self.tabs.addTab(self._speakers_page(), "Spea&kers")
        self.tabs.currentChanged.connect(lambda _i: self.refresh_speakers())
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setAccessibleName("Summary")
        buttons = self.button_box(Buttons.Ok | Buttons.Cancel)
        ok = buttons.button(Buttons.Ok)
        ok.setText("&Add statements")
        ok.setEnabled(bool(self.proposals))
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.refresh_speakers()
        if self.proposals:
            self.table.setCurrentIndex(self.model.index(0, TEXT))

    # -- building -----------------------------------------------------------------------

    def _statements_page(self) -> QWidget:
        merge = QPushButton("&Merge selected")
        merge.setAccessibleDescription("Join the selected rows into one statement")
        merge.clicked.connect(self.merge_selected)
        reject = QPushButton("&Reject selected")
        reject.setAccessibleDescription("Drop the selected rows (Delete)")
        reject.clicked.connect(self.reject_selected)
        keep = QPushButton("K&eep selected")
        keep.clicked.connect(lambda: self.model.set_kept(self._selected_rows(), True))
        row = QHBoxLayout()
        for button in (keep, reject, merge):
            row.addWidget(button)
        row.addStretch(1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(self.table)
        split.addWidget(self.pane)
        split.setStretchFactor(0, 3)  # the list gets the room a wider window adds
        split.setStretchFactor(1, 2)
        split.setSizes([720, 440])
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(split, 1)
        box.addLayout(row)
        QWidget.setTabOrder(self.table, self.pane.source)
        for before, after in zip(self.pane.editors(), self.pane.editors()[1:], strict=False):
            QWidget.setTabOrder(before, after)
        QWidget.setTabOrder(self.pane.editors()[-1], keep)
        return page

    def _speakers_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        note = QLabel(
            "Each speaker of the kept statements, once. Choose who each one is under "
            "“Is” (a party of this case, or a new person whose name and role you can "
            "edit); every statement under that speaker follows."
        )
        note.setWordWrap(True)
        box.addWidget(note)
        box.addWidget(self.speakers_table, 1)
        return page

    # -- keeping the parts in step --------------------------------------------------------

    def refresh_speakers(self) -> None:
        self.speakers.refresh((r.speaker, r.proposal) for r in self.model.rows if r.kept)
        self.update_summary()

    def update_summary(self) -> None:
        """The line above the tabs: how many found, kept, by whom, and who to name."""
        kept = sum(r.kept for r in self.model.rows)
        text = (
            f"{len(self.model.rows)} statement(s) found, {kept} kept, by "
            f"{len(self.speakers.rows)} speaker(s). The text is the source of every "
            "statement kept."
        )
        unnamed = self.speakers.to_map()
        if unnamed:
            shown = ", ".join(r.key for r in unnamed[:5]) + ("…" if len(unnamed) > 5 else "")
            text += f" Say who {shown} {'is' if len(unnamed) == 1 else 'are'} on the Speakers tab."
        self.intro.setText(text)

    def _current(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def _show_current(self) -> None:
        number = self._current()
        self.pane.show_row(self.model.rows[number] if number >= 0 else None)

    def _row_changed(self, top: QModelIndex, bottom: QModelIndex, *_: Any) -> None:
        if top.row() <= self._current() <= bottom.row():
            self._show_current()

    def _pane_edited(self, column: int, value: str) -> None:
        number = self._current()
        if number >= 0:
            self.model.setData(self.model.index(number, column), value)
            if column == SPEAKER:
                self.refresh_speakers()

    # -- what the buttons do -------------------------------------------------------------

    def row_count(self) -> int:
        return self.model.rowCount()

    def cell(self, row: int, column: int) -> str:
        return str(self.model.index(row, column).data() or "").strip()

    def set_cell(self, row: int, column: int, value: str) -> None:
        self.model.setData(self.model.index(row, column), value)

    def _selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectionModel().selectedRows()})

    def select_rows(self, rows: list[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in rows:
            selection.select(self.model.index(row, 0), flags)

    def set_kept(self, row: int, kept: bool) -> None:
        self.model.set_kept([row], kept)

    def reject_selected(self) -> None:
        self.model.set_kept(self._selected_rows(), False)

    def merge_rows(self, rows: list[int]) -> None:
        """Join rows into one statement (the first row's speaker), e.g. an utterance split
        by "he said"; the pin cite spans the rows'."""
        rows = sorted(rows)
        if len(rows) < 2:
            return
        first = self.model.rows[rows[0]]
        joined = [self.model.rows[r] for r in rows]
        first.text = " … ".join(r.text for r in joined)
        first.pin = merged_pin([r.pin for r in joined])
        first.kept = True
        self.model.changed(rows[0])
        self.model.remove(rows[1:])
        self.refresh_speakers()

    def merge_selected(self) -> None:
        self.merge_rows(self._selected_rows())

    def accepted_items(self) -> list[intake_apply.Accepted]:
        items: list[intake_apply.Accepted] = []
        for row in self.model.rows:
            if not row.kept:
                continue
            proposal = row.proposal
            edited = row.speaker != intake_apply.speaker_key(proposal)
            items.append(
                intake_apply.accepted_from(
                    proposal,
                    self.source_name,
                    text=row.text.strip(),
                    speaker=row.speaker,
                    label=row.speaker,
                    pin_cite=row.pin,
                    recipient_text=row.recipient,
                    speaker_title="" if edited else proposal.speaker_title,
                    roles=["other"] if edited else guess_roles(proposal),
                    setting=row.setting,
                    sworn=row.sworn,
                    date=row.date,
                    reported=row.speech == "reported",
                )
            )
        return items

    def speaker_map(self) -> dict[str, intake_apply.Speaker]:
        """Who each speaker is, for every statement under it."""
        self.refresh_speakers()
        return self.speakers.mapping()


def merged_pin(pins: list[str]) -> str:
    """One pin cite for merged rows: ¶¶ from the first to the last paragraph, or the
    first cite to the last one's end ("12:4-9" and "12:10-13:2" give "12:4-13:2")."""
    pins = [p for p in pins if p]
    if not pins:
        return ""
    if all(p.startswith("¶") for p in pins):
        numbers = [int(n) for p in pins for n in re.findall(r"\d+", p)]
        if numbers and min(numbers) != max(numbers):
            return f"¶¶ {min(numbers)}–{max(numbers)}"
        return pins[0]
    first, last = pins[0], pins[-1]
    if first == last:
        return first
    start, *_ = re.split(r"[-–]", first)
    *_, end = re.split(r"[-–]", last)
    lines = re.compile(r"\d+:\d+$")  # page:line
    if lines.match(start) and lines.match(last.split("-")[0]):
        if ":" not in end:
            end = f"{last.split(':')[0]}:{end}"  # "12:10-13" ends on 12:13
        if start.split(":")[0] == end.split(":")[0]:
            end = end.split(":")[1]  # one page: "12:4-5"
    return f"{start}-{end}"
