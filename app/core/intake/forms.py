"""Which form a text is in, so the reader made for that form proposes its statements.

Transcripts (numbered lines, ``Q.``/``A.``, ``THE COURT:``) and recordings (speaker
labels, time stamps, WebVTT/SRT cues) are told apart by their layout; complaints by
the deponent's formula. Everything else is prose. Each reader module answers
``looks_like(text)``; the first that says yes reads the text.
"""

from __future__ import annotations

from app.core.intake import complaint, recording, transcript

FORMS = ("transcript", "recording", "complaint", "prose")

_READERS = (("transcript", transcript), ("recording", recording), ("complaint", complaint))


def detect(text: str) -> str:
    """The form of ``text``: one of :data:`FORMS`."""
    for name, module in _READERS:
        if module.looks_like(text):
            return name
    return "prose"
