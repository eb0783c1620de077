"""What the main window calls to add, edit and delete records: forms, confirmations, undo.

Each function opens what it needs, and on success pushes exactly one command on
the given undo stack. Forms, questions and notices go through ``ctx.interaction``
(``app.gui.interaction``), so tests hand in a recording stand-in that fills the
form and answers the questions instead of blocking on a modal ``exec()``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMainWindow, QWidget

from app.context import AppContext
from app.core.errors import CasefileError, ConflictError
from app.core.kinds import CASE_PARTS, KIND_OF_TABLE, KINDS, RecordKind, services
from app.core.services import choices, documents, people
from app.core.services import operations as ops
from app.core.services import restore as rs
from app.core.services.operations import (
    AddOperation,
    DeleteOperation,
    EditOperation,
)
from app.gui import case_delete
from app.gui.commands import OperationCommand
from app.gui.dialogs.conflict import OVERWRITE, RELOAD, ConflictBox
from app.gui.dialogs.progress import failure_text
from app.gui.forms.appearance import AppearanceForm
from app.gui.forms.base import RecordDialog
from app.gui.forms.case import CaseForm
from app.gui.forms.charge import ChargeForm
from app.gui.forms.deadline import DeadlineForm
from app.gui.forms.document import DocumentForm
from app.gui.forms.event import EventForm
from app.gui.forms.filing import FilingForm
from app.gui.forms.issue import IssueForm
from app.gui.forms.note import NoteForm
from app.gui.forms.party import PartyForm
from app.gui.forms.record import EntityForm
from app.gui.forms.statement import StatementForm
from app.gui.tasks import TaskCancelled

if TYPE_CHECKING:
    pass

FORMS: dict[str, type[EntityForm]] = {
    form.kind: form
    for form in (
        CaseForm,
        PartyForm,
        StatementForm,
        ChargeForm,
        DocumentForm,
        EventForm,
        IssueForm,
        NoteForm,
        AppearanceForm,
        FilingForm,
        DeadlineForm,
    )
}


def _reporter(ctx: AppContext, parent: QWidget | None) -> Callable[[str], None]:
    return lambda message: ctx.interaction.inform(parent, "Casefile", message)


# -- forms -------------------------------------------------------------------------


def open_form(
    ctx: AppContext,
    kind: RecordKind,
    case_id: int | None,
    record_id: int | None,
    parent: QWidget | None,
) -> EntityForm:
    """The form for ``kind``, loaded with the record (or defaults); not yet shown."""
    return FORMS[kind](ctx, case_id, record_id, parent)


def _text(verb: str, kind: str, subject: str) -> str:
    if kind == "party":
        return {
            "Add": f"Add {subject} to the case",
            "Edit": f"Edit {subject}",
            "Delete": f"Remove {subject} from the case",
        }[verb]
    return f"{verb} {KINDS[kind].noun} {subject}"


def add_record(
    ctx: AppContext,
    undo: QUndoStack,
    kind: RecordKind,
    case_id: int | None,
    parent: QWidget | None,
    prepare: Callable[[EntityForm], None] | None = None,
) -> int | None:
    """Open an empty form (``prepare`` presets it); on Save push one command. The new
    id, or None if cancelled."""
    dialog = open_form(ctx, kind, case_id, None, parent)
    if prepare is not None:
        prepare(dialog)
    added: list[int] = []

    def save(form: RecordDialog) -> None:
        assert isinstance(form, EntityForm)
        operation = AddOperation(ctx.workspace, kind, case_id, form.plan())
        command = OperationCommand(operation, "", report=_reporter(ctx, parent))
        command.execute()
        assert operation.record_id is not None
        text = _text("Add", kind, ops.describe(ctx.workspace, kind, operation.record_id))
        if kind == "case":  # a new case's client comes with it, in the same step
            clients = [
                ops.describe(ctx.workspace, "party", i)
                for t, i in operation.roots
                if t == "parties"
            ]
            text += f" with client {', '.join(clients)}" if clients else ""
        command.setText(text)
        undo.push(command)
        added.append(operation.record_id)
        _check_new_parties(ctx, operation, parent)

    dialog.save_handler = save
    ctx.interaction.run_dialog(dialog)
    dialog.deleteLater()
    return added[0] if added else None


def add_client(
    ctx: AppContext, undo: QUndoStack, case_id: int, parent: QWidget | None
) -> int | None:
    """The form of a new person in the case with the client role already chosen."""

    def as_client(form: EntityForm) -> None:
        assert isinstance(form, PartyForm)
        form.preset_roles(["client"])

    return add_record(ctx, undo, "party", case_id, parent, prepare=as_client)


def _check_new_parties(ctx: AppContext, operation: AddOperation, parent: QWidget | None) -> None:
    """Run the conflict check on everyone the save made a person in the case (a new
    person, a new speaker or client created on the spot). The result is a quiet badge in
    the status bar; the dock opens only for a possible conflict."""
    from app.gui.window.conflict_badge import check_new_party

    window = parent.window() if parent is not None else None
    for table, record_id in operation.roots:
        if table == "parties":
            check_new_party(ctx, record_id, window if isinstance(window, QMainWindow) else None)


def edit_record(
    ctx: AppContext,
    undo: QUndoStack,
    kind: RecordKind,
    record_id: int,
    parent: QWidget | None,
) -> bool:
    """Open the record's form; on Save (with changes) push one command."""
    ws = ctx.workspace
    entity = services(kind).entity
    # The version this form was read at: a save is refused if someone saved since.
    read_at = {"version": rs.version_of(ws, entity, record_id)}
    dialog = open_form(ctx, kind, None, record_id, parent)
    saved: list[bool] = []

    def save(form: RecordDialog) -> None:
        assert isinstance(form, EntityForm)
        if not form.is_dirty():
            return
        operation = EditOperation(ws, kind, record_id, form.plan(), read_at["version"])
        command = OperationCommand(operation, "", report=_reporter(ctx, parent))
        try:
            command.execute()
        except ConflictError as exc:
            choice = resolve_conflict(ctx, form, exc)
            read_at["version"] = rs.version_of(ws, entity, record_id)
            if choice == OVERWRITE:  # the person has seen who changed it, and chooses theirs
                save(form)
                return
            if choice == RELOAD:
                form.snapshot = services(kind).get(ws, record_id)
                form.load_values(form.snapshot)
                form.mark_clean()
                raise CasefileError(
                    "the form now shows the record as last saved; make your change again"
                ) from None
            raise
        command.setText(_text("Edit", kind, ops.describe(ws, kind, record_id)))
        undo.push(command)
        saved.append(True)

    dialog.save_handler = save
    ctx.interaction.run_dialog(dialog)
    dialog.deleteLater()
    return bool(saved)


def resolve_conflict(ctx: AppContext, parent: QWidget, error: ConflictError) -> str:
    """Someone saved this record after the form was opened: say who and when, and let
    the person reload theirs (RELOAD), overwrite it with this form (OVERWRITE), or
    keep editing (KEEP_EDITING)."""
    box = ConflictBox(parent, error)
    ctx.interaction.run_dialog(box)
    box.deleteLater()
    return box.choice()


def _plural(count: int, noun: str) -> str:
    if count == 1:
        return f"{count} {noun}"
    return f"{count} {noun[:-1]}ies" if noun.endswith("y") else f"{count} {noun}s"


def _listing(counts: dict[str, int], tables: tuple[str, ...]) -> str:
    """ "2 statements and 1 event" for the ``tables`` (in this order) that have a count."""
    parts = [
        _plural(counts[table], KIND_OF_TABLE[table].noun) for table in tables if counts.get(table)
    ]
    if not parts:
        return ""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def delete_consequences(ctx: AppContext, kind: str, record_id: int) -> tuple[str, str]:
    """(question, what else is affected) for the confirmation of a delete."""
    ws = ctx.workspace
    subject = ops.describe(ws, kind, record_id)
    if kind == "party":
        deps = people.party_dependents(ws, record_id)
        lines = []
        if deps["statements"]:
            lines.append(
                f"{subject} has {_plural(deps['statements'], 'statement')} in this case; "
                f"{'it is' if deps['statements'] == 1 else 'they are'} deleted too."
            )
        if deps["events"]:
            lines.append(
                f"{subject} is among the people involved in "
                f"{_plural(deps['events'], 'event')}; the events stay."
            )
        lines.append(f"{subject} stays in the workspace and in any other case.")
        return f"Remove {subject} from this case?", "\n".join(lines)
    if kind == "document":
        deps = documents.document_dependents(ws, record_id)
        cited = _listing(deps, ("statements", "events"))
        detail = (
            f"It is cited as the source of {cited}; they stay, without the citation."
            if cited
            else "No statement or event cites it."
        )
        return f"Delete the document {subject}?", detail + " The attached file is kept."
    if kind == "case":
        contents = choices.case_contents(ws, record_id)
        listed = _listing(contents, tuple(kind.table for kind in CASE_PARTS))
        detail = f"Everything in it goes too: {listed}." if listed else "The case is empty."
        return (
            f"Delete the whole case {subject}?",
            detail + " People stay in the workspace. You can undo this until you close Casefile.",
        )
    if kind == "issue":
        links = choices.issue_links(ws, record_id)
        linked = _listing(links, ("statements", "events", "documents"))
        detail = (
            f"It is linked to {linked}; they stay, without the link."
            if linked
            else "Nothing is linked to it."
        )
        return f"Delete the issue {subject}?", detail
    return f"Delete {KINDS[kind].noun} {subject}?", "You can undo this with Edit ▸ Undo."


def delete_record(
    ctx: AppContext,
    undo: QUndoStack,
    kind: RecordKind,
    record_id: int,
    parent: QWidget | None,
) -> bool:
    """Confirm (naming what else goes), then delete as one undoable command."""
    ws = ctx.workspace
    question, detail = delete_consequences(ctx, kind, record_id)
    title = "Remove from case" if kind == "party" else f"Delete {KINDS[kind].noun}"
    action = "Remove" if kind == "party" else "Delete"
    if not ctx.interaction.confirm_destructive(parent, title, question, detail, action):
        return False
    text = _text("Delete", kind, ops.describe(ws, kind, record_id))
    if kind == "case" and case_delete.is_big(choices.case_contents(ws, record_id)):
        # Seconds of work: off the window's thread, with a progress bar and Cancel.
        command: OperationCommand = case_delete.CaseDeleteCommand(
            ctx, undo, DeleteOperation(ws, kind, record_id), text, parent, _reporter(ctx, parent)
        )
    else:
        command = OperationCommand(
            DeleteOperation(ws, kind, record_id), text, report=_reporter(ctx, parent)
        )
    try:
        command.execute()
    except TaskCancelled:
        ctx.interaction.inform(parent, title, "The delete was stopped; the case is all there.")
        return False
    except (CasefileError, OSError) as exc:
        ctx.interaction.inform(parent, title, f"Could not {action.lower()} it.", str(exc))
        return False
    except Exception as exc:  # a worker's defect: a message, never a traceback
        ctx.interaction.inform(parent, title, f"Could not {action.lower()} it.", failure_text(exc))
        return False
    undo.push(command)
    return True


def add_document_files(
    ctx: AppContext,
    undo: QUndoStack,
    case_id: int,
    paths: list[Path],
    parent: QWidget | None,
) -> list[int]:
    """Files dropped or chosen -> what each is guessed to be, confirmed by the person ->
    one document each, added together as one undo step (``app.gui.dialogs.attach_files``)."""
    from app.gui.dialogs.attach_files import confirm_and_attach

    return confirm_and_attach(ctx, undo, case_id, paths, parent)
