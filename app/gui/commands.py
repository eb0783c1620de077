"""Undoable changes on the Qt undo stack: one QUndoCommand around each core operation.

The operations themselves (add, edit, delete, what a form saves and what each step
changes) are Qt-free, in ``app.core.services.operations``. A command does its work
once before it is pushed (so a validation error reaches the form and nothing lands
on the stack), then undo and redo replay it.

A change that fails on undo or redo (someone else changed the record on a shared
server) is reported and dropped from the stack rather than half-applied.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy.exc import SQLAlchemyError

from app.core.errors import CasefileError
from app.core.services.operations import (
    EVERYTHING,
    NOTHING,
    Changes,
    Operation,
)

Reporter = Callable[[str], None]


def _report_to_stderr(message: str) -> None:
    import sys

    print(f"casefile: {message}", file=sys.stderr)


class OperationCommand(QUndoCommand):
    """Runs an :class:`Operation` on the undo stack.

    Call :meth:`execute` first (it raises, so the form can show the error), then
    push the command: the push's own ``redo()`` sees the work is done and skips it.
    """

    def __init__(
        self,
        operation: Operation,
        text: str,
        parent: QUndoCommand | None = None,
        report: Reporter | None = None,
    ) -> None:
        super().__init__(text, parent)
        self.operation = operation
        self.report = report or _report_to_stderr
        self._applied = False
        self._ever_applied = False

    def changes(self) -> Changes:
        """The records this command's last step (do, undo or redo) changed."""
        return self.operation.changes()

    def execute(self) -> None:
        self.operation.apply()
        self._applied = self._ever_applied = True

    def redo(self) -> None:
        if self._applied:
            return
        if self._guard(self.operation.reapply if self._ever_applied else self.operation.apply):
            self._applied = self._ever_applied = True

    def undo(self) -> None:
        if not self._applied:
            return
        if self._guard(self.operation.revert):
            self._applied = False

    def _guard(self, step: Callable[[], None]) -> bool:
        try:
            step()
        except (CasefileError, SQLAlchemyError) as exc:
            # The database is as it was (the unit of work rolled back); drop the
            # command so the stack does not claim a state it cannot reach.
            self.setObsolete(True)
            self.report(f"Could not {self._verb()} “{self.text()}”: {exc}")
            return False
        return True

    def _verb(self) -> str:
        return "redo" if not self._applied else "undo"


class StackMoves:
    """What the last move of an undo stack changed, from the commands it did or undid.

    Follows the stack's index and size between moves: an undo or redo (same size)
    moved the commands between the old and the new index; a push added the one at
    the old index. Anything else (a command dropped as obsolete, the stack cleared or
    trimmed to its limit, a command that is not an :class:`OperationCommand`) cannot
    be told apart, and is reported as changing everything.
    """

    def __init__(self, stack: QUndoStack, index: int = 0, count: int = 0) -> None:
        self.stack = stack
        self.index, self.count = index, count

    def changes(self) -> Changes:
        old_index, old_count = self.index, self.count
        index, count = self.stack.index(), self.stack.count()
        self.index, self.count = index, count
        if count == old_count or (count == index == old_index + 1):
            moved = range(min(old_index, index), max(old_index, index))
        else:
            return EVERYTHING
        if not moved:
            return EVERYTHING
        total = NOTHING
        for position in moved:
            command = self.stack.command(position)
            if not isinstance(command, OperationCommand):
                return EVERYTHING
            total |= command.changes()
        return total
