"""Whom the court, the clerk and counsel speak to where the turn itself says so, on small
made-up transcripts: the clerk's request for the witness's name and her answer, a ruling that
ends by calling the witness by rank ("If you know, Detective."), a sentence that opens by
calling the defendant by name ("Thank you, Mr. Roe. ..."), and a turn that calls only
counsel, which names no one the reader can resolve as its one recipient."""

from __future__ import annotations

from app.core.intake import transcript
from app.core.intake.proposal import Proposal

HEARING = """\
PEOPLE v. BARNABY QUELL
Hearing, May 6, 2025
BEFORE: HON. OTTILIE FENN, Justice
For the People: LORCAN DREW, Assistant District Attorney
For the Defendant: MAIRA SOLTANI, ESQ.

                                                              Page 2

 1             MR. DREW: The People call Detective Ruth Castellan.
 2                        (Witness sworn.)
 3             THE CLERK: Please state your name and shield number
 4   for the record.
 5             THE WITNESS: Detective Ruth Castellan, shield 208.
 6                        DIRECT EXAMINATION
 7   BY MR. DREW:
 8   Q    Who chose the photographs?
 9             MS. SOLTANI: Objection.
10             THE COURT: I'll allow it. If you know, Detective.
11   A    I did not.
12             MR. DREW: Nothing further.
13             THE COURT: Thank you, Detective. Ms. Soltani, any
14   questions?
15             MS. SOLTANI: No, Justice.
16             THE COURT: Mr. Quell, please stand. Thank you, Mr.
17   Quell. The matter is adjourned to June 3.
18             THE COURT: Thank you, Ms. Soltani. Mr. Drew, the
19   next date.
"""


def _by_pin(proposals: list[Proposal]) -> dict[str, Proposal]:
    return {p.pin: p for p in proposals}


def test_the_clerk_asks_the_witness_her_name_and_she_answers_the_clerk() -> None:
    found = _by_pin(transcript.read(HEARING))
    assert found["2:3-4"].speaker == "THE CLERK"
    assert found["2:3-4"].recipient == "Ruth Castellan"
    assert found["2:5"].speaker == "Ruth Castellan"
    assert found["2:5"].recipient == "THE CLERK"


def test_a_turn_calling_the_witness_or_the_defendant_by_rank_or_name_is_spoken_to_them() -> None:
    found = _by_pin(transcript.read(HEARING))
    assert found["2:10"].recipient == "Ruth Castellan"
    assert found["2:16-17"].recipient == "Barnaby Quell"
    assert found["2:11"].recipient == "Lorcan Drew"  # the answer still goes to the examiner


def test_a_turn_calling_two_people_or_only_counsel_names_no_one_recipient() -> None:
    found = _by_pin(transcript.read(HEARING))
    assert found["2:13-14"].recipient == ""  # the witness thanked, then counsel asked
    assert found["2:18-19"].recipient == ""
    assert found["2:12"].recipient == ""
