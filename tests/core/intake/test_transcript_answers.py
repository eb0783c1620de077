"""Who an answer goes to when the witness answers under ``THE WITNESS:`` rather than ``A``
(a witness answering in English through an interpreter, a reporter who labels an answer
given after a colloquy). Made-up names throughout."""

from __future__ import annotations

from app.core.intake import transcript
from app.core.intake.proposal import Proposal

DEPOSITION = """\
DEPOSITION OF MARGARIDA FONSECA LEAL (through an interpreter)
Taken on behalf of the Plaintiff, March 3, 2026
APPEARANCES:
  HORATIO BLAND, Bland & Voss LLP, for the Plaintiff
  PERPETUA OKONKWO-RAE, Rae Partners, for the Defendant

                                                                      8
 1                            BY MR. BLAND:
 2   Q    Whose signature is on the form?
 3         THE WITNESS: (In English) Mine, at the bottom.
 4   Q    And the date?
 5   A    The fourth.
"""


def _by_pin(proposals: list[Proposal]) -> dict[str, Proposal]:
    return {p.pin: p for p in proposals}


def test_the_witness_answering_a_question_under_her_label_answers_the_examiner() -> None:
    found = _by_pin(transcript.read(DEPOSITION))
    answer = found["8:3"]
    assert answer.speaker == "Margarida Fonseca Leal"
    assert answer.recipient == "Horatio Bland"
    assert answer.setting == "sworn_testimony"
    assert found["8:5"].recipient == "Horatio Bland"
