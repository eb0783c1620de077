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


SPELLED_OUT = """\
STATE OF NEW MERIDIAN v. CALLISTA WOODROW
Trial, Day 3 -- November 18, 2024
BEFORE THE HONORABLE THADDEUS KOVAC, Circuit Judge
APPEARANCES:
  On behalf of the State: LEOPOLD AMARANTH, Assistant State's Attorney
  On behalf of the Defendant: IMOGEN FAIRWEATHER, Assistant Public Defender

                                                                     57
 1              THE COURT: Next witness.
 2              MR. AMARANTH: The State calls Sergeant Ruben Oyelaran.
 3                 RUBEN OYELARAN, called as a witness on behalf
 4   of the State, having been first duly sworn, was examined
 5   and testified as follows:
 6                       DIRECT EXAMINATION
 7   BY MR. AMARANTH:
 8        QUESTION:  Sergeant, where do you work?
 9        ANSWER:  The Fifth District.
10        QUESTION:  Did you arrest the defendant?
11        ANSWER:  I did.
12              MS. FAIRWEATHER: Objection. Leading.
13              THE COURT: Sustained.
14              MR. AMARANTH (continuing): I'll rephrase.
15   BY MR. AMARANTH:
16        QUESTION:  Who arrested the defendant?
17        ANSWER:  I did, with my partner.
18                       EXAMINATION BY THE COURT
19        QUESTION:  Sergeant, what time was that?
20        ANSWER:  About two in the morning, Judge.
21                       CROSS-EXAMINATION
22   BY MS. FAIRWEATHER:
23        Q Sergeant, you wrote no report that night?
24        A Not that night.
25        Q Why not?
"""


def test_question_and_answer_spelled_out_are_the_examiner_and_the_witness() -> None:
    assert forms.detect(SPELLED_OUT) == "transcript"
    found = _by_pin(transcript.read(SPELLED_OUT))
    question = found["57:8"]
    assert question.speaker == "Leopold Amaranth"
    assert question.recipient == "Ruben Oyelaran"
    assert question.label == "QUESTION"
    assert question.text == "Sergeant, where do you work?"
    assert SPELLED_OUT[question.speaker_start : question.speaker_end] == "QUESTION"
    answer = found["57:9"]
    assert answer.speaker == "Ruben Oyelaran"
    assert answer.speaker_title == "Sergeant"
    assert answer.recipient == "Leopold Amaranth"
    assert answer.setting == "sworn_testimony"
    assert answer.speech == "verbatim"
    assert answer.date == "2024-11-18"
    assert answer.label == "ANSWER"


def test_the_court_examining_and_a_by_line_after_an_objection() -> None:
    found = _by_pin(transcript.read(SPELLED_OUT))
    assert found["57:14"].speaker == "Leopold Amaranth"
    assert found["57:14"].text == "I'll rephrase."
    assert found["57:16"].speaker == "Leopold Amaranth"
    assert found["57:19"].speaker == "Thaddeus Kovac"
    assert found["57:20"].recipient == "Thaddeus Kovac"
    assert found["57:23"].speaker == "Imogen Fairweather"
    assert found["57:24"].speaker == "Ruben Oyelaran"
    assert found["57:24"].text == "Not that night."
    assert found["57:25"].recipient == "Ruben Oyelaran"


COVER = """\
GRAND JURY OF BRAMBLE COUNTY -- MINUTES
Presented: May 5, 2025
Witness: DETECTIVE OCTAVIA MERRIWEATHER
Presenting: Assistant District Attorney Felix De La Cruz

                                                                      1
 1         MR. DE LA CRUZ: Good morning. This is the matter of Jonah Pike.
 2                      (Witness sworn.)
 3                 EXAMINATION BY MR. DE LA CRUZ:
 4   Q.   Where were you on May 1?
 5   A.   On patrol.
 6         JUROR NO. 7: Was it raining?
 7         THE WITNESS: Yes, heavily.
"""


def test_the_witness_on_the_cover_and_a_surname_of_several_words() -> None:
    found = _by_pin(transcript.read(COVER))
    assert found["1:1"].speaker == "Felix De La Cruz"
    question = found["1:4"]
    assert question.speaker == "Felix De La Cruz"
    assert question.recipient == "Octavia Merriweather"
    answer = found["1:5"]
    assert answer.speaker == "Octavia Merriweather"
    assert answer.speaker_title == "Detective"
    assert answer.setting == "sworn_testimony"
    assert answer.date == "2025-05-05"
    juror = found["1:6"]
    assert juror.speaker == "JUROR NO. 7"
    assert juror.speaker_kind == "label"
    assert juror.recipient == "Octavia Merriweather"
    assert found["1:7"].speaker == "Octavia Merriweather"
    assert found["1:7"].recipient == "JUROR NO. 7"


MID_EXAMINATION = """\
STATE v. PERCIVAL OKAFOR-LINDQVIST
BEFORE: HON. ROSALIND MBEKI-HART, Judge
For the State: NATHANIEL GRUBER, Assistant District Attorney
For the Defendant: CLEMENCY ABERNATHY, ESQ.
June 3, 2025

                                                                      14
 1   Q.   Did you see the knife?
 2   A.   No.
 3         MR. GRUBER: Nothing further.
 4         THE COURT: Step down. Next witness.
 5         MR. GRUBER: The State calls Ignatius Vale.
 6         THE CLERK: Raise your right hand. Do you swear to tell the truth?
 7         THE WITNESS: I do.
 8     IGNATIUS VALE, having been duly sworn, testified as follows:
 9                       DIRECT EXAMINATION
10   BY MR. GRUBER:
11   Q.   Where do you live?
12   A.   Above the bakery.
13         MR. GRUBER: Pass the witness.
14                       CROSS-EXAMINATION
15   Q.   You were asleep, weren't you?
16   A.   I was awake.
17                       REDIRECT EXAMINATION
18   Q.   How do you know you were awake?
19   A.   I was reading.
"""


def test_an_excerpt_opening_mid_examination_and_a_second_witness_sworn() -> None:
    found = _by_pin(transcript.read(MID_EXAMINATION))
    first = found["14:1"]
    assert first.speaker == "Nathaniel Gruber"  # he ends the examination just after
    assert first.confidence < 0.9
    assert found["14:2"].recipient == "Nathaniel Gruber"
    assert found["14:2"].speaker == "A"  # the excerpt never names that witness
    oath = found["14:7"]
    assert oath.speaker == "Ignatius Vale"
    assert oath.setting == "sworn_testimony"
    assert oath.date == "2025-06-03"
    assert found["14:15"].speaker == "Clemency Abernathy"
    assert found["14:16"].recipient == "Clemency Abernathy"
    assert found["14:18"].speaker == "Nathaniel Gruber"
    assert found["14:19"].speaker == "Ignatius Vale"
