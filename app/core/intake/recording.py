"""Statements from a recording transcript (body-worn camera, interview room, jail call):
speaker labels, ``[00:03:12]`` stamps and WebVTT/SRT cues; pin cites ``[hh:mm:ss]``.
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
