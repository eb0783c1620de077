"""Review the statements proposed from a text, then add the accepted ones in one step.

``review_extraction(ctx, undo, case_id, text, source_name, parent)`` opens the
dialog. Each proposal is a row: keep it (the check box), edit its speaker, words,
recipient or pin cite in place, merge selected rows into one statement, or reject
them. Saving writes the text as a document and every kept statement citing it in
one unit of work (``app.core.intake.apply``); with an undo stack it is one undo
step. New speakers become people and parties of the case, and the conflict check
runs on them (shown in the window's conflict dock when the parent is a main window).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.core.errors import CasefileError
from app.core.intake import apply as intake_apply
from app.core.intake.conflicts import ConflictHit, check_party
from app.core.intake.extract import Proposal, extract
from app.core.progress import Progress, Stages
from app.core.services import restore as rs
from app.core.services.operations import Operation
from app.gui.commands import OperationCommand
from app.gui.dialogs.base import Buttons, Dialog
from app.gui.dialogs.progress import failure_text, wait_with_progress
from app.gui.tasks import TaskCancelled, TaskControl

KEEP, SPEAKER, TEXT, RECIPIENT, PIN, HOW = range(6)
SAVE_TASK = "statements-saving"  # its name on the task runner
HEADERS = ("Keep", "Speaker", "Statement (verbatim)", "To / audience", "Pin cite", "Found by")


def guess_roles(proposal: Proposal) -> list[str]:
    """A first role for a new speaker, from what the text calls them; editable later."""
    words = (proposal.speaker_title + " " + proposal.speaker).lower()
    if proposal.speaker_kind == "org":
        return ["organization"]
    if re.search(r"spokes(?:man|woman|person)", words):
        return ["spokesperson"]
    if re.search(r"\b(?:officer|det\.?|detective|sgt\.?|sergeant|lt\.?|deputy|sheriff)\b", words):
        return ["police_officer"]
    if re.search(r"\b(?:ada|prosecutor|district attorney)\b", words):
        return ["prosecutor"]
    if re.search(r"\binvestigator\b", words):
        return ["investigator"]
    return ["other"]


class ExtractOperation(Operation):
    """Apply accepted proposals; undo removes everything added; redo puts it back."""

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        text: str,
        source_name: str,
        items: list[intake_apply.Accepted],
        document_kind: str = "other",
    ) -> None:
        self.ctx, self.case_id, self.text, self.source_name = ctx, case_id, text, source_name
        self.items, self.document_kind = items, document_kind
        self.applied: intake_apply.Applied | None = None
        self.captured: rs.Captured | None = None
        # Saved already, off the window's thread (run_extraction): the first apply adopts it.
        self.prepared: intake_apply.Applied | None = None

    def apply(self) -> None:
        if self.prepared is not None:
            self.applied, self.prepared = self.prepared, None
            return
        self.applied = intake_apply.apply_proposals(
            self.ctx.workspace,
            self.case_id,
            self.text,
            self.source_name,
            self.items,
            document_kind=self.document_kind,
        )

    def revert(self) -> None:
        assert self.applied is not None
        self.captured = intake_apply.revert(self.ctx.workspace, self.applied)

    def reapply(self) -> None:
        assert self.captured is not None
        intake_apply.reapply(self.ctx.workspace, self.captured)


class ExtractDialog(Dialog):
    default_size = (1000, 600)
    help_text = (
        "Each row is a quotation found in the text. Untick the rows that are not "
        "statements; click a speaker, the words, the recipient or the pin cite to correct "
        "them. Select rows and Merge them when one statement was split (by “he said”), or "
        "Reject them.\n\nAdd statements saves the text as a document, the kept rows as "
        "statements citing it, and each new speaker as a person in the case: one step that "
        "Edit › Undo takes back."
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
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setAccessibleName("Statements found")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setColumnWidth(SPEAKER, 170)
        self.table.setColumnWidth(TEXT, 430)
        self.table.setColumnWidth(RECIPIENT, 120)
        for proposal in self.proposals:
            self._add_row(proposal)
        intro = QLabel(
            f"{len(self.proposals)} quotation(s) found. Untick those that are not "
            "statements, correct a speaker or the words, or select rows and merge them. "
            "The text is saved as a document and is the source of every statement kept."
        )
        intro.setWordWrap(True)
        merge = QPushButton("&Merge selected")
        merge.clicked.connect(self.merge_selected)
        reject = QPushButton("&Reject selected")
        reject.clicked.connect(self.reject_selected)
        row = QHBoxLayout()
        row.addWidget(merge)
        row.addWidget(reject)
        row.addStretch(1)
        buttons = self.button_box(Buttons.Ok | Buttons.Cancel)
        ok = buttons.button(Buttons.Ok)
        ok.setText("&Add statements")
        ok.setEnabled(bool(self.proposals))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(buttons)

    def _add_row(self, proposal: Proposal, at: int | None = None) -> None:
        row = self.table.rowCount() if at is None else at
        self.table.insertRow(row)
        keep = QTableWidgetItem()
        keep.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        keep.setCheckState(Qt.CheckState.Checked if proposal.speaker else Qt.CheckState.Unchecked)
        keep.setData(Qt.ItemDataRole.UserRole, proposal)
        self.table.setItem(row, KEEP, keep)
        self.table.setItem(row, SPEAKER, QTableWidgetItem(proposal.speaker))
        text = QTableWidgetItem(proposal.text)
        text.setToolTip(proposal.context)
        self.table.setItem(row, TEXT, text)
        self.table.setItem(row, RECIPIENT, QTableWidgetItem(proposal.recipient))
        self.table.setItem(row, PIN, QTableWidgetItem(proposal.pin_cite))
        how = QTableWidgetItem(f"{proposal.how} ({proposal.confidence:.0%})")
        how.setFlags(how.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, HOW, how)

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectionModel().selectedRows()})

    def set_kept(self, row: int, kept: bool) -> None:
        item = self.table.item(row, KEEP)
        item.setCheckState(Qt.CheckState.Checked if kept else Qt.CheckState.Unchecked)

    def reject_selected(self) -> None:
        for row in self._selected_rows():
            self.set_kept(row, False)

    def merge_rows(self, rows: list[int]) -> None:
        """Join rows into one statement (the first row's speaker), e.g. an utterance split
        by "he said"; the pin cite spans the paragraphs."""
        rows = sorted(rows)
        if len(rows) < 2:
            return
        first = rows[0]
        texts = [self._cell(r, TEXT) for r in rows]
        pins = [self._cell(r, PIN) for r in rows]
        numbers = [int(n) for p in pins for n in re.findall(r"\d+", p)]
        item = self.table.item(first, TEXT)
        item.setText(" … ".join(texts))
        if numbers and min(numbers) != max(numbers):
            self.table.item(first, PIN).setText(f"¶¶ {min(numbers)}–{max(numbers)}")
        for row in reversed(rows[1:]):
            self.table.removeRow(row)
        self.set_kept(first, True)

    def merge_selected(self) -> None:
        self.merge_rows(self._selected_rows())

    def accepted_items(self) -> list[intake_apply.Accepted]:
        items: list[intake_apply.Accepted] = []
        for row in range(self.table.rowCount()):
            keep = self.table.item(row, KEEP)
            if keep.checkState() != Qt.CheckState.Checked:
                continue
            proposal: Proposal = keep.data(Qt.ItemDataRole.UserRole)
            speaker = self._cell(row, SPEAKER)
            edited = speaker != proposal.speaker
            items.append(
                intake_apply.Accepted(
                    text=self._cell(row, TEXT),
                    speaker=speaker,
                    pin_cite=self._cell(row, PIN),
                    recipient_text=self._cell(row, RECIPIENT),
                    speaker_title="" if edited else proposal.speaker_title,
                    speaker_kind="organization" if proposal.speaker_kind == "org" else "individual",
                    roles=["other"] if edited else guess_roles(proposal),
                    notes=f"Proposed from “{self.source_name}” ({proposal.how}).",
                )
            )
        return items


def run_extraction(
    ctx: AppContext,
    undo: QUndoStack | None,
    case_id: int,
    text: str,
    source_name: str,
    items: list[intake_apply.Accepted],
    parent: QWidget | None = None,
) -> ExtractOperation:
    """Add the items, off the window's thread with a progress bar and Cancel (thousands
    of statements take seconds); push one undo step if given a stack. Raises on error
    or when cancelled (:class:`~app.gui.tasks.TaskCancelled`): nothing is saved then."""
    operation = ExtractOperation(ctx, case_id, text, source_name, items)
    workspace = ctx.workspace
    count = len(items)

    def work(control: TaskControl) -> intake_apply.Applied:
        worker = workspace.for_worker()  # its connections are made, used and closed there
        try:
            return intake_apply.apply_proposals(
                worker, case_id, text, source_name, items,
                document_kind=operation.document_kind, progress=control.progress,
            )  # fmt: skip
        finally:
            worker.close()

    label = f"Adding {count} statement(s) from {source_name}\u2026"
    operation.prepared = wait_with_progress(
        ctx, parent, SAVE_TASK, label, work, title="Add Statements"
    )
    command = OperationCommand(operation, f"Add {count} statement(s) from {source_name}")
    command.execute()
    if undo is not None:
        undo.push(command)
    return operation


def conflicts_of_new_parties(ctx: AppContext, applied: intake_apply.Applied) -> list[ConflictHit]:
    hits: list[ConflictHit] = []
    for party_id in applied.party_ids:
        hits += check_party(ctx.workspace, party_id)
    return hits


def review_extraction(
    ctx: AppContext,
    undo: QUndoStack | None,
    case_id: int,
    text: str,
    source_name: str,
    parent: QWidget | None = None,
    proposals: list[Proposal] | None = None,
) -> intake_apply.Applied | None:
    """Show the proposals (found in ``text`` here unless given: the Case menu finds a
    long text's in the background first, with :func:`read_and_find`); on OK add the
    kept ones (one transaction, one undo step)."""
    dialog = ExtractDialog(ctx, case_id, text, source_name, parent, proposals)
    while ctx.interaction.run_dialog(dialog) == QDialog.DialogCode.Accepted:
        items = dialog.accepted_items()
        if not items:
            return None
        try:
            operation = run_extraction(ctx, undo, case_id, text, source_name, items, dialog)
        except TaskCancelled:
            continue  # stopped, nothing added: the dialog comes back with the user's edits
        except (CasefileError, OSError) as exc:
            ctx.interaction.warn(dialog, "Statements not added", failure_text(exc))
            continue
        applied = operation.applied
        assert applied is not None
        window = parent.window() if parent is not None else None
        if isinstance(window, QMainWindow) and applied.party_ids:
            from app.gui.window.conflict_badge import report

            report(window, conflicts_of_new_parties(ctx, applied), "the new speakers")
        return applied
    return None


@dataclass
class Found:
    """What reading a text gave: the text (None when a file had none) and why not, and
    the statements proposed from it."""

    text: str | None
    note: str
    proposals: list[Proposal]


# Reading a file and finding its statements share one bar: a PDF's pages take longest.
READING_WEIGHTS = {"read": 40, "find": 60}


def read_and_find(source: Path | str, progress: Progress | None = None) -> Found:
    """Read the file at ``source`` (a Path) or take the text given, and find the
    statements in it; ``progress`` may raise to stop (nothing is changed either way)."""
    from app.core.textextract import extract_text

    stages = Stages(progress, READING_WEIGHTS)
    stages.begin("read")
    if isinstance(source, Path):
        text, note = extract_text(source)
        if text is None:
            return Found(None, note or "No text found.", [])
    else:
        text, note = source, ""
    stages.finish("read")
    proposals = extract(text, stages.part("find"))
    stages.finish("find")
    return Found(text, note, proposals)
