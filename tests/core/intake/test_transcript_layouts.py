"""Layouts the reader was not first written for, on small made-up transcripts: line
numbers in the right margin, an interpreter, a sidebar between counsel, a ``BY`` line
taking up the examination again."""

from __future__ import annotations

from app.core.intake import forms, transcript
from app.core.intake.proposal import Proposal

RIGHT_MARGIN = """\
COMMONWEALTH v. DESMOND HARKAVY
Hearing on Motion to Suppress, April 14, 2025
BEFORE: HON. MIRABEL OSTRANDER, Judge
For the Commonwealth: CORNELIA BASKETT, Assistant District Attorney
For the Defendant: RUFUS ENDICOTT, ESQ.
Interpreter: Paloma Restrepo-Vidal

Page 12
     THE COURT: Call your witness.                                 1
     MS. BASKETT: The Commonwealth calls Yolanda Ferreira.         2
     (Witness sworn through the interpreter.)                      3
                  DIRECT EXAMINATION                               4
                  BY MS. BASKETT:                                  5
Q    Where were you on the night of March 2?                       6
A    At the bus shelter on Crane Road.                             7
     THE INTERPRETER: Interpreter needs to clarify a word.         8
     THE COURT: Go ahead.                                          9
Q    What did you see?                                            10
A    A man running, and he was                                    11
     carrying a bag.                                              12
     MR. ENDICOTT: Objection. May we approach?                    13
     (Sidebar conference held as follows:)                        14
     MR. ENDICOTT: She never told the police that.                15
     MS. BASKETT: It is in the second report.                     16
     THE COURT: Overruled.                                        17
     (End of sidebar.)                                            18
BY MS. BASKETT:                                                   19
Q    Which direction?                                             20
A    Toward the river.                                            21
"""


def _by_pin(proposals: list[Proposal]) -> dict[str, Proposal]:
    return {p.pin: p for p in proposals}


def test_line_numbers_in_the_right_margin_give_the_pin_and_stay_out_of_the_words() -> None:
    assert forms.detect(RIGHT_MARGIN) == "transcript"
    proposals = transcript.read(RIGHT_MARGIN)
    found = _by_pin(proposals)
    assert list(found) == [
        "12:1", "12:2", "12:6", "12:7", "12:8", "12:9", "12:10", "12:11-12", "12:13",
        "12:15", "12:16", "12:17", "12:20", "12:21",
    ]  # fmt: skip
    call = found["12:2"]
    assert call.text == "The Commonwealth calls Yolanda Ferreira."
    assert call.speaker == "Cornelia Baskett"
    assert call.setting == "in_court"
    answer = found["12:11-12"]
    assert answer.text == "A man running, and he was carrying a bag."
    assert answer.speaker == "Yolanda Ferreira"
    assert answer.recipient == "Cornelia Baskett"
    assert answer.setting == "sworn_testimony"
    assert answer.speech == "verbatim"
    assert answer.date == "2025-04-14"
    for proposal in proposals:
        assert RIGHT_MARGIN[proposal.start : proposal.end].startswith(proposal.text[:10])
        label = RIGHT_MARGIN[proposal.speaker_start : proposal.speaker_end]
        assert label == proposal.label


def test_an_interpreter_and_a_sidebar_between_counsel_keep_their_speakers() -> None:
    found = _by_pin(transcript.read(RIGHT_MARGIN))
    assert found["12:8"].speaker == "Paloma Restrepo-Vidal"
    assert found["12:8"].setting == "in_court"
    assert found["12:15"].speaker == "Rufus Endicott"
    assert found["12:16"].speaker == "Cornelia Baskett"
    assert found["12:17"].speaker == "Mirabel Ostrander"
    after = found["12:20"]
    assert after.speaker == "Cornelia Baskett"
    assert after.recipient == "Yolanda Ferreira"
    assert found["12:21"].speaker == "Yolanda Ferreira"


def test_a_short_colloquy_numbered_in_the_right_margin_is_a_transcript() -> None:
    colloquy = "\n".join(
        line for line in RIGHT_MARGIN.splitlines() if "EXAMINATION" not in line
    ).replace("Q    Which direction?", "     THE COURT: Which direction?")
    assert transcript.looks_like(colloquy)
    assert forms.detect(colloquy) == "transcript"
