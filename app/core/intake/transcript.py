"""Statements from a court, hearing, grand-jury or deposition transcript: numbered lines,
``Q.``/``A.`` blocks, ``THE COURT:``, ``MR. SMITH:``, examinations; pin cites ``page:line-line``.
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
