"""Domain errors. Each says what is wrong in words a user can act on.

The CLI prints ``str(error)`` as its one line on stderr; the GUI shows
``ValidationError.message`` next to the field named by ``ValidationError.field``.
"""

from __future__ import annotations


class CasefileError(Exception):
    """Base of every error Casefile reports to a person rather than as a crash."""


class ValidationError(CasefileError):
    """Input that cannot be stored. ``field`` names the field it is about."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotFoundError(CasefileError):
    """A record asked for by id (or docket number) does not exist."""


class ConflictError(CasefileError):
    """Someone else saved the record after it was read (optimistic locking)."""

    def __init__(self, message: str, *, changed_by: str = "", changed_at: str = "") -> None:
        super().__init__(message)
        self.changed_by = changed_by
        self.changed_at = changed_at


class ArchiveError(CasefileError):
    """A case archive that cannot be read or imported."""


class WorkspaceError(CasefileError):
    """A workspace that cannot be opened: unreadable, damaged, too new, locked."""


class StoreError(CasefileError):
    """The attachment store cannot read or write a file."""
