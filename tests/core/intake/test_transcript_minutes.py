"""Grand jury minutes in a hand-keyed layout, made up: each line number set off from the
words by a vertical rule ("12 |  Q:  ..."), rules of dashes between pages, the prosecutor
labelled by her office ("A.D.A. ROE:", "AUSA ROE:"), ``Q:``/``A:`` with colons, the
witnesses listed on the cover without page numbers, a witness called at the close of
the prosecutor's opening remarks, and a question read aloud for a grand juror."""

from __future__ import annotations

from app.core.intake import forms, transcript
from app.core.intake.proposal import Proposal

MINUTES = """\
              STATE OF WESTMARK : COUNTY OF LINDEN
                   GRAND JURY, FIRST TERM 2025

     THE PEOPLE OF THE STATE OF WESTMARK
                  -against-
     CORVIN ASHGROVE,
                               Defendant.

     Tuesday, March 4, 2025, Grand Jury Room 2

     PRESENT FOR THE PEOPLE:
          PERPETUA OYELARAN, Assistant District Attorney
     WITNESSES:
          Sergeant Hollis Vantongeren, Linden Police Department
          Ines Dalgaard

  GRAND JURY -- LINDEN COUNTY                              - Page 2 -
   ---+---------------------------------------------------------
 1 |       A.D.A. OYELARAN:  Good morning. This matter concerns a
 2 |  burglary on Fenner Street. The first witness is
 3 |  Sergeant Vantongeren of the Linden police.
 4 |            (Whereupon, the witness entered the room.)
 5 |       FOREPERSON:  Do you swear to tell the truth?
 6 |       THE WITNESS:  I do.
 7 |            EXAMINATION BY A.D.A. OYELARAN:
 8 |  Q:  Sergeant, did you go to Fenner Street?
 9 |  A:  Yes. The back door had been
10 |  forced.
11 |       A.D.A. OYELARAN:  A grand juror asks, and I read it as
12 |  written: "Was anything taken?"
13 |  A:  A laptop, the owner said.
14 |       A.D.A. OYELARAN:  The People's next witness is Ines
15 |  Dalgaard.
16 |       FOREPERSON:  Do you swear to tell the truth?
17 |       THE WITNESS:  I do.
18 |  Q:  Ms. Dalgaard, where do you live?
19 |  A:  Upstairs from the shop.
20 |       FOREPERSON:  Thank you, ma'am. You may step out.
21 |
   ---+---------------------------------------------------------
"""


def _by_pin(proposals: list[Proposal]) -> dict[str, Proposal]:
    return {p.pin: p for p in proposals}


def test_line_numbers_set_off_by_a_rule_are_read_as_a_transcript() -> None:
    assert forms.detect(MINUTES) == "transcript"
    found = _by_pin(transcript.read(MINUTES))
    assert list(found) == [
        "2:1-3", "2:5", "2:6", "2:8", "2:9-10", "2:11-12", "2:13", "2:14-15", "2:16",
        "2:17", "2:18", "2:19", "2:20",
    ]  # fmt: skip
    assert found["2:9-10"].text == "Yes. The back door had been forced."
    assert found["2:11-12"].text.startswith("A grand juror asks")
    assert found["2:20"].speaker == "FOREPERSON"


def test_the_prosecutor_labelled_by_her_office_and_the_witnesses_she_calls() -> None:
    found = _by_pin(transcript.read(MINUTES))
    opening = found["2:1-3"]
    assert opening.speaker == "Perpetua Oyelaran"
    assert opening.setting == "in_court"
    assert found["2:6"].speaker == "Hollis Vantongeren"  # called at the close of her remarks
    assert found["2:6"].setting == "sworn_testimony"
    question = found["2:8"]
    assert (question.speaker, question.recipient) == ("Perpetua Oyelaran", "Hollis Vantongeren")
    answer = found["2:9-10"]
    assert (answer.speaker, answer.speaker_title) == ("Hollis Vantongeren", "Sergeant")
    assert answer.recipient == "Perpetua Oyelaran"
    assert found["2:17"].speaker == "Ines Dalgaard"
    assert found["2:18"].recipient == "Ines Dalgaard"
    assert found["2:19"].speaker == "Ines Dalgaard"


def test_a_question_read_for_a_grand_juror_is_put_to_the_witness_who_answers_it() -> None:
    found = _by_pin(transcript.read(MINUTES))
    assert found["2:11-12"].speaker == "Perpetua Oyelaran"
    assert found["2:11-12"].recipient == "Hollis Vantongeren"
    assert found["2:13"].recipient == "Perpetua Oyelaran"


def test_the_witness_excused_is_the_one_spoken_to() -> None:
    found = _by_pin(transcript.read(MINUTES))
    assert found["2:20"].recipient == "Ines Dalgaard"


def test_an_office_label_names_the_lawyer_of_that_office() -> None:
    federal = MINUTES.replace("A.D.A. OYELARAN", "AUSA OYELARAN")
    found = _by_pin(transcript.read(federal))
    assert found["2:1-3"].speaker == "Perpetua Oyelaran"
    assert found["2:8"].speaker == "Perpetua Oyelaran"


def test_an_examination_by_a_lawyer_labelled_by_her_office_on_a_line_of_its_own() -> None:
    text = MINUTES.replace(
        " 7 |            EXAMINATION BY A.D.A. OYELARAN:",
        " 7 |            EXAMINATION",
    ).replace(" 8 |  Q:  Sergeant,", " 8 |  Q:  (BY A.D.A. OYELARAN) Sergeant,")
    found = _by_pin(transcript.read(text))
    assert found["2:8"].text.startswith("Sergeant, did you")
    assert found["2:8"].speaker == "Perpetua Oyelaran"
    assert found["2:9-10"].recipient == "Perpetua Oyelaran"


def test_a_by_line_naming_a_lawyer_by_her_office_gives_the_examiner() -> None:
    text = MINUTES.replace(
        " 7 |            EXAMINATION BY A.D.A. OYELARAN:",
        " 7 |            BY A.D.A. OYELARAN:",
    )
    found = _by_pin(transcript.read(text))
    assert found["2:8"].speaker == "Perpetua Oyelaran"
    assert found["2:9-10"].recipient == "Perpetua Oyelaran"
