"""Statements proposed from texts, scored against hand-written answer keys."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from app.core.intake.extract import extract, paragraphs
from tests.core.intake.scoring import key_text, load_key, score

KEYS = ["ingram_article", "interview_note", "email", "press_release", "news_brief"]


@pytest.mark.parametrize("name", KEYS)
def test_quotations_are_found_with_the_right_speaker(name: str) -> None:
    key = load_key(name)
    # These keys list quotations only; reported speech is proposed apart and tested apart.
    verbatim = [p for p in extract(key_text(key)) if p.speech == "verbatim"]
    result = score(verbatim, key)
    print(name, result.summary())
    assert result.recall >= 0.9, result.misses
    assert result.speaker_accuracy >= 0.9, result.wrong
    assert result.precision >= 0.9


def test_the_seed_article_is_the_sample_article(article_text: str) -> None:
    assert key_text(load_key("ingram_article")) == article_text
    # The sample README's rule: the article has 27 paragraphs (non-empty lines).
    assert len(paragraphs(article_text)) == 27


def test_speakers_resolve_to_full_names_titles_and_outlets(article_text: str) -> None:
    by_start = {p.text[:26]: p for p in extract(article_text)}
    mayor = by_start["Commissioner Shea made the"]
    assert (mayor.speaker, mayor.speaker_as_written, mayor.pin_cite) == (
        "Bill de Blasio",
        "the mayor",
        "¶ 18",
    )
    mcrorie = by_start["for an assault on a police"]
    assert mcrorie.speaker == "Jessica McRorie" and mcrorie.recipient == "CNN"
    assert "spokeswoman" in mcrorie.speaker_title
    told = by_start["The NYPD uses facial recog"]
    assert told.recipient == "Gothamist"  # "told the publication", named a paragraph before
    # A nickname in quotes inside a name is not a statement.
    assert not any(p.text == "Dwreck" for p in extract(article_text))


def test_a_quotation_over_two_paragraphs_is_one_statement() -> None:
    text = (
        "Sam wrote:\n\n"
        '"The owner keeps the footage for thirty days.\n\n'
        '"He will give us a copy tomorrow."\n\n'
        "That is all."
    )
    (only,) = extract(text)
    assert only.pin_cite == "¶¶ 2–3" and only.speaker == "Sam"
    assert only.text == (
        "The owner keeps the footage for thirty days.\n\nHe will give us a copy tomorrow."
    )


def test_partial_quotes_keep_their_sentence_and_scare_quotes_are_dropped() -> None:
    text = (
        'Lupe Todd-Medina said the raid was "an unprecedented show of police overreach." '
        'The so-called "plan" was never shown.'
    )
    (only,) = extract(text)
    assert only.speaker == "Lupe Todd-Medina"
    assert only.context.startswith("Lupe Todd-Medina said the raid was")


def test_the_extract_command_prints_proposals_without_a_workspace(
    capsys: pytest.CaptureFixture[str], tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("CASEFILE_DB", str(tmp_path / "never-created.casefile"))
    source = key_text(load_key("email"))
    path = tmp_path / "email.txt"
    path.write_text(source, encoding="utf-8")
    assert main(["extract", str(path), "--json"]) == 0
    proposals = json.loads(capsys.readouterr().out)
    assert proposals[0]["speaker"] == "Kevin Park" and proposals[0]["pin_cite"] == "¶ 7"
    assert not (tmp_path / "never-created.casefile").exists()
    assert main(["extract", str(path)]) == 0
    assert "Maria Alvarez" in capsys.readouterr().out
