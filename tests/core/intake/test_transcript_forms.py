"""Which reader each development text of the evaluation set goes to (held-out texts are
never opened here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.intake import forms

REPO = Path(__file__).resolve().parents[3]
KEYS = REPO / "tests" / "intake" / "keys"
READER_OF_KIND = {
    "court_transcript": "transcript",
    "deposition": "transcript",
    "recording_transcript": "recording",
    "criminal_complaint": "complaint",
}


def _development() -> list[tuple[str, str, Path]]:
    out = []
    for path in sorted(KEYS.glob("*.json")):
        key = json.loads(path.read_text(encoding="utf-8"))
        if key["part"] == "development":
            out.append((path.stem, key["kind"], REPO / key["text"]))
    return out


@pytest.mark.parametrize(("name", "kind", "path"), _development(), ids=lambda v: str(v))
def test_transcripts_and_only_transcripts_go_to_the_transcript_reader(
    name: str, kind: str, path: Path
) -> None:
    form = forms.detect(path.read_text(encoding="utf-8"))
    if READER_OF_KIND.get(kind) == "transcript":
        assert form == "transcript", name
    else:
        assert form != "transcript", name
