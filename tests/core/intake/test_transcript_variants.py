"""Less common transcript layouts, on small made-up transcripts."""

from __future__ import annotations

from app.core.intake import transcript
from app.core.intake.proposal import Proposal

VARIANTS = """\
  PEOPLE v. BARNABY STROUD
  BEFORE: HON. CLEMENTINE ROOK, Judge
  For the People: ISAURA VENN and OTTO PELLAM, Assistant District Attorneys
  For the Defendant: DAMARIS FLOOD, ESQ.

                                                                      30

 1         MS. VENN: The People call Greta Saltonstall.
 2                      (Witness sworn.)
 3                      DIRECT EXAMINATION
 4                      BY MR. PELLAM:
 5   Q.   Which car was it?
 6   A.   That one
 7        (indicating) by the gate, the green one.
 8         THE WITNESS (Through Interpreter): May I sit?
 9         THE COURT: Yes.
10   Q.   Thank you.
"""


def _by_pin(proposals: list[Proposal]) -> dict[str, Proposal]:
    return {p.pin: p for p in proposals}


def test_two_lawyers_in_one_appearance_and_a_parenthesised_label() -> None:
    found = _by_pin(transcript.read(VARIANTS))
    assert found["30:1"].speaker == "Isaura Venn"
    assert found["30:5"].speaker == "Otto Pellam"
    assert found["30:5"].speaker_title == "Assistant District Attorney"
    assert found["30:8"].speaker == "Greta Saltonstall"
    assert found["30:8"].label == "THE WITNESS"
    assert found["30:8"].text == "May I sit?"


def test_a_parenthetical_inside_an_answer_does_not_end_it() -> None:
    found = _by_pin(transcript.read(VARIANTS))
    assert found["30:6-7"].text == "That one (indicating) by the gate, the green one."
    assert found["30:10"].speaker == "Otto Pellam"


REALTIME = """\
                                                                      4
10:02:11   1         THE COURT: Good morning.
10:02:15   2   Q.   Where do you live?
10:02:19   3   A.   By the canal.
10:02:25   4   Q.   Since when?
10:02:31   5   A.   Since May.
"""


def test_a_realtime_draft_stamps_each_line_with_the_time() -> None:
    assert list(_by_pin(transcript.read(REALTIME))) == ["4:1", "4:2", "4:3", "4:4", "4:5"]


def test_an_opinion_quoting_questions_and_answers_is_not_a_transcript() -> None:
    opinion = (
        "The trial court denied the motion. On cross-examination, the officer testified:\n"
        + "Q. Did you tell him he could leave?\nA. No.\n" * 6
        + "We affirm. The questioning was not custodial.\n"
    )
    assert not transcript.looks_like(opinion)
    heading = "                      CROSS-EXAMINATION\n"
    assert transcript.looks_like(heading + "Q.   Did you tell him?\nA.   No.\n" * 6)


def test_the_judge_named_in_the_usual_caption_forms() -> None:
    from app.core.intake.transcript_cast import read_front

    forms = {
        "BEFORE: HON. WILHELMINA ACKROYD, Judge": "Wilhelmina Ackroyd",
        "B E F O R E:  HONORABLE WILHELMINA ACKROYD": "Wilhelmina Ackroyd",
        "Before the Honorable Wilhelmina J. Ackroyd, District Judge": "Wilhelmina J. Ackroyd",
        "Presiding Judge: WILHELMINA ACKROYD": "Wilhelmina Ackroyd",
        "Judge Wilhelmina Ackroyd, presiding": "Wilhelmina Ackroyd",
    }
    for line, name in forms.items():
        judge = read_front([line]).judge
        assert judge is not None and judge.name == name, line
    assert read_front(["Judgment of conviction entered"]).judge is None
