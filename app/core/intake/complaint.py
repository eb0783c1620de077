"""Statements from a criminal complaint or affidavit: "Deponent states that ...",
"informant states ...", "the defendant stated in substance ..."; pin cites ``¶ N``.
"""

from __future__ import annotations

from collections.abc import Callable

from app.core.intake.proposal import Proposal


def looks_like(text: str) -> bool:
    """Whether ``text`` is in this form."""
    return False


def read(
    text: str,
    progress: Callable[[int, int], None] | None = None,
    *,
    document_date: str = "",
) -> list[Proposal]:
    """The statements of ``text``, in the order they appear."""
    return []
