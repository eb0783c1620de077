"""A federal complaint in the sealed-complaint form: the agent named in capitals before
"being duly sworn", the caption's "- v. -", and "in substance and in part". Made up."""

from __future__ import annotations

from app.core.intake import complaint, forms
from app.core.intake.proposal import Proposal

SEALED = "\n".join(
    [
        "MADE UP TEXT FOR TESTING",
        "UNITED STATES OF AMERICA",
        "- v. -",
        "MARCUS OYELARAN-BISHOP,",
        "Defendant.",
        "SEALED COMPLAINT",
        "FIONA AGBAJE, being duly sworn, deposes and says that she is a Special Agent with the"
        " Drug Enforcement Administration, and charges as follows:",
        "1. I am a Special Agent with the DEA and have been for six years.",
        '2. On or about March 1, 2026, a confidential source ("CS-1") told me, in substance and'
        " in part, that OYELARAN-BISHOP sold heroin from an apartment on Wren Street.",
        "3. On or about March 9, 2026, after being advised of his Miranda rights,"
        " OYELARAN-BISHOP stated, in substance and in part, that the apartment belonged to his"
        " cousin.",
        "",
    ]
)


def _containing(found: list[Proposal], words: str) -> Proposal:
    return next(p for p in found if words in p.text)


def test_the_agent_named_before_being_duly_sworn_is_the_deponent() -> None:
    assert forms.detect(SEALED) == "complaint"
    found = complaint.read(SEALED)
    own = _containing(found, "I am a Special Agent")
    assert (own.speaker, own.setting) == ("Fiona Agbaje", "sworn_statement")
    told = _containing(found, "OYELARAN-BISHOP sold heroin")
    assert told.text.startswith("that OYELARAN-BISHOP")
    assert (told.speaker, told.recipient) == ("CS-1", "Fiona Agbaje")


def test_the_defendant_of_a_caption_with_dashes_after_warnings() -> None:
    found = complaint.read(SEALED)
    said = _containing(found, "the apartment belonged to his cousin")
    assert said.text.startswith("that the apartment")
    assert (said.speaker, said.setting, said.date) == (
        "Marcus Oyelaran-Bishop",
        "police_interview",
        "2026-03-09",
    )


CALL = SEALED.replace(
    "3. On or about March 9, 2026,",
    "3. On or about March 4, 2026, CS-1 placed a recorded call to OYELARAN-BISHOP, who said,"
    ' in substance and in part, "Come by tonight, I got what you need."\n'
    "4. On or about March 9, 2026,",
)


def test_words_on_a_recorded_call_are_a_phone_call_to_the_one_who_placed_it() -> None:
    found = complaint.read(CALL)
    said = _containing(found, "Come by tonight")
    assert (said.speaker, said.speech, said.pin) == ("Marcus Oyelaran-Bishop", "verbatim", "¶ 3")
    assert (said.setting, said.recipient, said.date) == ("phone_call", "CS-1", "2026-03-04")
