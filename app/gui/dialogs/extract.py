"""Review the statements proposed from a text, then add the accepted ones in one step.

``review_extraction(ctx, undo, case_id, text, source_name, parent)`` opens the
dialog. The Statements tab lists the proposals (a model and a view: a 300-page
transcript's thousands of rows open at once): keep each or not (Space), edit its
speaker, words, speech, setting, date, pin cite or recipient in place or in the pane
beside it, which also shows where in the text it was found (the statement's and the
speaker's words highlighted), how sure the reading is and why. The Speakers tab maps
each distinct speaker ("OFFICER 1", "THE COURT", "Ms. Jones") to a party of the case
or a new person once, for all of its statements. Saving writes the text as a
document (or cites the document it was read from) and every kept statement in one
unit of work (``app.core.intake.apply``); with an undo stack it is one undo step. New
speakers become people and parties of the case, and the conflict check runs on them
(shown in the window's conflict dock when the parent is a main window).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QMainWindow, QWidget

from app.context import AppContext
from app.core.errors import CasefileError
from app.core.intake import apply as intake_apply
from app.core.intake.conflicts import ConflictHit, check_party
from app.core.intake.extract import Proposal, extract
from app.core.progress import Progress, Stages
from app.core.services import restore as rs
from app.core.services.operations import Operation
from app.gui.commands import OperationCommand
from app.gui.dialogs.extract_dialog import ExtractDialog, merged_pin
from app.gui.dialogs.extract_model import TEXT
from app.gui.dialogs.extract_speakers import guess_roles
from app.gui.dialogs.progress import failure_text, wait_with_progress
from app.gui.tasks import TaskCancelled, TaskControl

__all__ = [
    "TEXT",
    "ExtractDialog",
    "guess_roles",
    "merged_pin",
    "review_extraction",
    "run_extraction",
]

SAVE_TASK = "statements-saving"  # its name on the task runner


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
        *,
        speakers: dict[str, intake_apply.Speaker] | None = None,
        document_id: int | None = None,
    ) -> None:
        self.ctx, self.case_id, self.text, self.source_name = ctx, case_id, text, source_name
        self.items, self.document_kind = items, document_kind
        self.speakers, self.document_id = speakers or {}, document_id
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
            speakers=self.speakers,
            document_id=self.document_id,
        )

    def revert(self) -> None:
        assert self.applied is not None
        self.captured = intake_apply.revert(self.ctx.workspace, self.applied)

    def reapply(self) -> None:
        assert self.captured is not None
        intake_apply.reapply(self.ctx.workspace, self.captured)


def run_extraction(
    ctx: AppContext,
    undo: QUndoStack | None,
    case_id: int,
    text: str,
    source_name: str,
    items: list[intake_apply.Accepted],
    parent: QWidget | None = None,
    *,
    speakers: dict[str, intake_apply.Speaker] | None = None,
    document_id: int | None = None,
) -> ExtractOperation:
    """Add the items, off the window's thread with a progress bar and Cancel (thousands
    of statements take seconds); push one undo step if given a stack. ``speakers``
    maps each speaker once; ``document_id`` is the document the text was read from
    (cited, not copied). Raises on error or when cancelled
    (:class:`~app.gui.tasks.TaskCancelled`): nothing is saved then."""
    operation = ExtractOperation(
        ctx, case_id, text, source_name, items, speakers=speakers, document_id=document_id
    )
    workspace = ctx.workspace
    count = len(items)

    def work(control: TaskControl) -> intake_apply.Applied:
        worker = workspace.for_worker()  # its connections are made, used and closed there
        try:
            return intake_apply.apply_proposals(
                worker, case_id, text, source_name, items,
                document_kind=operation.document_kind, progress=control.progress,
                speakers=operation.speakers, document_id=document_id,
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


def _labels_named(ctx: AppContext, dialog: ExtractDialog) -> bool:
    """True when every speaker label was said to be someone, or the person agrees to
    add the labels as they are (people named "OFFICER 1", to rename later)."""
    unnamed = [row.key for row in dialog.speakers.to_map()]
    if not unnamed:
        return True
    shown = ", ".join(unnamed[:6]) + ("…" if len(unnamed) > 6 else "")
    if ctx.interaction.ask_yes_no(
        dialog,
        "Speakers not named",
        f"{shown} {'is a label' if len(unnamed) == 1 else 'are labels'}, not a name. "
        "Add the statements with new people named by the labels (you can rename them "
        "later)?",
        "Choose No to say who each one is on the Speakers tab.",
    ):
        return True
    dialog.tabs.setCurrentIndex(1)
    return False


def review_extraction(
    ctx: AppContext,
    undo: QUndoStack | None,
    case_id: int,
    text: str,
    source_name: str,
    parent: QWidget | None = None,
    proposals: list[Proposal] | None = None,
    *,
    document_id: int | None = None,
) -> intake_apply.Applied | None:
    """Show the proposals (found in ``text`` here unless given: the Case menu finds a
    long text's in the background first, with :func:`read_and_find`); on OK add the
    kept ones (one transaction, one undo step). With ``document_id`` the text is that
    document's and the statements cite it (no copy of the text is stored)."""
    dialog = ExtractDialog(ctx, case_id, text, source_name, parent, proposals)
    while ctx.interaction.run_dialog(dialog) == QDialog.DialogCode.Accepted:
        items = dialog.accepted_items()
        if not items:
            return None
        if not _labels_named(ctx, dialog):
            continue  # back to the Speakers tab to say who they are
        try:
            operation = run_extraction(
                ctx, undo, case_id, text, source_name, items, dialog,
                speakers=dialog.speaker_map(), document_id=document_id,
            )  # fmt: skip
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
