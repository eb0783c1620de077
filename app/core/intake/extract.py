"""Propose the statements in a text: what was said, by whom, to whom, where and when.

The text's form is told by app/core/intake/forms.py and read by the reader made for
it: transcripts (transcript.py), recordings (recording.py), complaints and affidavits
(complaint.py), and prose — news, press releases, letters, opinions, reports
(prose.py). Nothing is downloaded and no model is used.
"""

from __future__ import annotations

from collections.abc import Callable

from app.core.intake import complaint, forms, prose, recording, transcript
from app.core.intake.proposal import Proposal
from app.core.intake.quotes import paragraphs

__all__ = ["Proposal", "extract", "paragraphs"]


def extract(
    text: str,
    progress: Callable[[int, int], None] | None = None,
    *,
    document_date: str = "",
) -> list[Proposal]:
    """The statements ``text`` holds, in the order they appear. ``progress(done, total)``
    hears how far the reading is (and may raise to stop it). ``document_date``
    (YYYY-MM-DD), when known, dates relative words ("on Monday")."""
    form = forms.detect(text)
    if form == "transcript":
        return transcript.read(text, progress, document_date=document_date)
    if form == "recording":
        return recording.read(text, progress, document_date=document_date)
    if form == "complaint":
        return complaint.read(text, progress, document_date=document_date)
    return prose.read_prose(text, progress, document_date=document_date)
