"""A witness back on the stand ("JANE ROE, resumed.") and a witness answering the oath
before the swearing-in line names her, on small made-up transcripts."""

from __future__ import annotations

from app.core.intake import transcript
from app.core.intake.proposal import Proposal

RESUMED = """\
STATE v. ORVILLE TANNAHILL
October 2, 2024
For the State: PRISCILLA MOORCROFT, Assistant State Attorney
For the Defendant: HUGO LINDGARD, ESQ.

                                                                      88

 1              WILHELMINA STRAKE, resumed.
 2            CROSS-EXAMINATION (Continued)
 3                   BY MR. LINDGARD:
 4   Q.   You were across the road?
 5   A.   On the far curb.
 6         MS. MOORCROFT: Objection.
 7         THE COURT: Overruled.
 8   Q.   How far is that?
 9   A.   Forty feet, maybe.
"""


def _by_pin(proposals: list[Proposal]) -> dict[str, Proposal]:
    return {p.pin: p for p in proposals}


def test_a_witness_resumed_is_the_witness_answering() -> None:
    found = _by_pin(transcript.read(RESUMED))
    answer = found["88:5"]
    assert answer.speaker == "Wilhelmina Strake"
    assert answer.recipient == "Hugo Lindgard"
    assert answer.setting == "sworn_testimony"
    assert answer.speech == "verbatim"
    assert answer.date == "2024-10-02"
    assert answer.text == "On the far curb."
    question = found["88:8"]
    assert question.speaker == "Hugo Lindgard"
    assert question.recipient == "Wilhelmina Strake"
    assert "cross-examination" in question.how
    assert found["88:9"].speaker == "Wilhelmina Strake"


def test_a_witness_previously_sworn_takes_the_stand_again() -> None:
    text = RESUMED.replace(
        "WILHELMINA STRAKE, resumed.", "WILHELMINA STRAKE, having been previously sworn,"
    ).replace("CROSS-EXAMINATION (Continued)", "  testified further as follows:")
    text = text.replace(" 3                   BY MR. LINDGARD:", " 3   BY MR. LINDGARD:")
    found = _by_pin(transcript.read(text))
    assert found["88:5"].speaker == "Wilhelmina Strake"
    assert found["88:4"].recipient == "Wilhelmina Strake"


OATH_FIRST = """\
GRAND JURY OF THE COUNTY OF PELLWORTH
Presented: June 9, 2025
Presenting: AUGUSTINA VELLACOTT, Assistant District Attorney

                                                                      3

 1         MS. VELLACOTT: Our next matter needs one witness.
 2         THE FOREPERSON: Raise your right hand. Do you swear to
 3   tell the truth?
 4         THE WITNESS: I swear.
 5     BARTHOLOMEW QUILLEN, having been duly sworn, testified as
 6   follows:
 7                EXAMINATION BY MS. VELLACOTT:
 8   Q.   What is your work?
 9   A.   I drive a delivery van.
"""


def test_the_witness_answering_the_oath_is_the_witness_the_next_line_swears() -> None:
    found = _by_pin(transcript.read(OATH_FIRST))
    oath = found["3:4"]
    assert oath.speaker == "Bartholomew Quillen"
    assert oath.label == "THE WITNESS"
    assert oath.text == "I swear."
    assert oath.setting == "sworn_testimony"
    assert oath.date == "2025-06-09"
    assert found["3:9"].speaker == "Bartholomew Quillen"
    assert found["3:8"].speaker == "Augustina Vellacott"


RESUMED_NOTE = """\
PEOPLE v. SILAS MARROWBY
March 12, 2025
BEFORE: HON. AGATHA PENROSE, Judge
For the People: LUCIAN DRAYCOTT, Assistant District Attorney
For the Defendant: ESTELLE VANTERPOOL, ESQ.

                                                                      20
 1         MR. DRAYCOTT: The People call Officer Hamish Tierney.
 2                      (Witness sworn.)
 3                      DIRECT EXAMINATION
 4                      BY MR. DRAYCOTT:
 5   Q.   Where were you posted?
 6   A.   On Fenwick Avenue.
 7         THE COURT: We will break here.
 8                      (Recess taken.)
 9         (Whereupon, OFFICER DOROTHEA QUILLFEATHER resumed the stand.)
10                      CROSS-EXAMINATION (Continued)
11                      BY MS. VANTERPOOL:
12   Q.   You saw the car from the window?
13   A.   From the porch.
14                      (The witness resumed the stand.)
15   Q.   And the light?
16   A.   It was on.
"""


def test_a_note_that_a_named_witness_resumed_the_stand_puts_her_on_it() -> None:
    found = _by_pin(transcript.read(RESUMED_NOTE))
    assert found["20:6"].speaker == "Hamish Tierney"
    question = found["20:12"]
    assert question.speaker == "Estelle Vanterpool"
    assert question.recipient == "Dorothea Quillfeather"
    answer = found["20:13"]
    assert answer.speaker == "Dorothea Quillfeather"
    assert answer.setting == "sworn_testimony"
    assert answer.date == "2025-03-12"
    assert found["20:16"].speaker == "Dorothea Quillfeather"  # a note naming nobody
