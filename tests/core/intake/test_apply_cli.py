"""``casefile extract``: the plain output names setting, date, speech and pin cite per
proposal; the JSON keeps its shape (one object per proposal, with the new fields)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.core.intake.proposal import Proposal
from tests.core.intake.transcript_proposals import complaint_proposal, transcript_proposals


def _run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, proposals: list[Proposal], *args: str
) -> None:
    from app.core.intake import extract

    monkeypatch.setattr(extract, "extract", lambda text, *a, **k: proposals)
    path = tmp_path / "t.txt"
    path.write_text("anything", encoding="utf-8")
    assert main(["extract", str(path), *args]) == 0


def test_plain_output_shows_setting_date_speech_and_pin(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    proposals = [transcript_proposals()[1], transcript_proposals()[5], complaint_proposal()]
    _run(monkeypatch, tmp_path, proposals)
    out = capsys.readouterr().out
    assert "1. 12:3  Officer Walsh (Officer)" in out
    assert "setting: sworn testimony · date: 2026-03-10 · verbatim · pin cite: 12:3" in out
    assert "2. [00:03:12]  OFFICER 1 (a label)" in out
    assert "setting: police encounter · date: not stated · verbatim · pin cite: [00:03:12]" in out
    assert (
        "setting: sworn statement · date: 2026-03-03 · reported (in substance) · pin cite: ¶ 1"
        in out
    )
    assert "[A in the direct examination of Officer Walsh by Ms. Jones; confidence 90%]" in out


def test_json_keeps_its_shape(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(monkeypatch, tmp_path, [complaint_proposal()], "--json")
    [item] = json.loads(capsys.readouterr().out)
    assert item["text"] == complaint_proposal().text and item["pin_cite"] == "¶ 1"
    assert (item["setting"], item["date"], item["speech"]) == (
        "sworn_statement",
        "2026-03-03",
        "reported",
    )
