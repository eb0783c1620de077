"""A state complaint whose defendant speaks "spontaneously" or "voluntarily": a word of
manner between the speaker and the verb leaves the speaker as he is. Made-up names."""

from __future__ import annotations

from app.core.intake import complaint
from app.core.intake.proposal import Proposal

COMPLAINT = "\n".join(
    [
        "MADE UP TEXT FOR TESTING",
        "STATE OF LAKE MERIDIAN v. CORBIN ASHWORTH",
        "CRIMINAL COMPLAINT",
        "Your affiant, Detective Leona Marsh of the Harlow Police Department, being duly sworn,"
        " states:",
        "1. On February 2, 2026, J.D., a store clerk, told your affiant that the defendant"
        ' pointed a knife at her and said, "Open the drawer."',
        '2. When officers arrived, the defendant spontaneously stated, "I didn\'t take anything."',
        "3. At the station, the defendant voluntarily told your affiant that he needed money for"
        " rent.",
        "",
    ]
)


def _containing(found: list[Proposal], words: str) -> Proposal:
    return next(p for p in found if words in p.text)


def test_a_word_of_manner_between_the_defendant_and_his_verb() -> None:
    found = complaint.read(COMPLAINT)
    blurted = _containing(found, "I didn't take anything.")
    assert (blurted.speaker, blurted.speech, blurted.pin) == ("Corbin Ashworth", "verbatim", "¶ 2")
    told = _containing(found, "he needed money for rent")
    assert (told.speaker, told.recipient, told.speech) == (
        "Corbin Ashworth",
        "Leona Marsh",
        "reported",
    )
