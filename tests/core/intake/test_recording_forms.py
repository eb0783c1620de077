"""Each development text of the evaluation set goes to the right reader: recordings
to recording.py, complaints to complaint.py, and no other form to either (police
reports stay with the prose reader). Held-out texts are not opened here."""

from __future__ import annotations

import json

import pytest

from app.core.intake import forms
from tests.intake.scoring import KEYS, REPO

_MINE = {"recording_transcript": "recording", "criminal_complaint": "complaint"}


def _development() -> list[tuple[str, str, str]]:
    out = []
    for path in sorted(KEYS.glob("*.json")):
        key = json.loads(path.read_text(encoding="utf-8"))
        if key["part"] == "development":
            out.append((path.stem, key["kind"], key["text"]))
    return out


@pytest.mark.parametrize(("name", "kind", "text"), _development())
def test_development_texts_go_to_their_reader(name: str, kind: str, text: str) -> None:
    form = forms.detect((REPO / text).read_text(encoding="utf-8"))
    if kind in _MINE:
        assert form == _MINE[kind], name
    else:
        assert form not in {"recording", "complaint"}, name
