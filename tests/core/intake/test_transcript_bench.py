"""Whom counsel and the court speak to at the bench, on a small made-up trial: an argument
that opens by calling the judge ("Judge, ...", "Your Honor, ..."), counsel's words at a
sidebar conference (to the judge), the court answering the one lawyer who argued since its
last word (a ruling on both sides' arguments is to both), and the witness answering the
court that let him answer."""

from __future__ import annotations

from app.core.intake import transcript
from app.core.intake.proposal import Proposal

TRIAL = """\
UNITED STATES v. MARGUERITE OYELOWO-FANE
November 3, 2026
Before: HON. CASIMIR LUNDQVIST, District Judge
For the Government: TERESA BALOGUN, Assistant United States Attorney
For the Defendant: ELLIOT PRZYBYLA, ESQ.
Witness: DESMOND HARROW

                                                              88
 1       Q.   Mr. Harrow, what did the defendant say to you?
 2            MR. PRZYBYLA: Objection. May we approach?
 3            THE COURT: Come up.
 4                (At the sidebar)
 5            MR. PRZYBYLA: Judge, this is hearsay from a man who
 6  is not on trial.
 7            MS. BALOGUN: It is her own statement.
 8            THE COURT: Both of you have a point. I will allow it.
 9            MR. PRZYBYLA: Then I ask for a limiting instruction.
10            THE COURT: That's fair. I'll give it now.
11                (In open court)
12            THE COURT: Members of the jury, a word of instruction.
13            MS. BALOGUN: Your Honor, may I continue?
14            THE COURT: Overruled. You may answer that, Mr. Harrow.
15            THE WITNESS: She said the van was hers.
"""


def _by_pin(proposals: list[Proposal]) -> dict[str, Proposal]:
    return {p.pin: p for p in proposals}


def test_counsel_at_a_sidebar_speak_to_the_judge() -> None:
    found = _by_pin(transcript.read(TRIAL))
    assert found["88:5-6"].recipient == "Casimir Lundqvist"
    assert found["88:7"].recipient == "Casimir Lundqvist"
    assert found["88:9"].recipient == "Casimir Lundqvist"


def test_the_court_at_a_sidebar_answers_the_one_lawyer_who_argued() -> None:
    found = _by_pin(transcript.read(TRIAL))
    assert found["88:8"].recipient == ""  # both sides argued: a ruling to both
    assert found["88:10"].recipient == "Elliot Przybyla"
    assert found["88:12"].recipient == ""  # back in open court, to the jury


def test_counsel_calling_the_judge_in_open_court_speaks_to_him() -> None:
    found = _by_pin(transcript.read(TRIAL))
    assert found["88:13"].recipient == "Casimir Lundqvist"
    assert found["88:2"].recipient == ""  # an objection calls no one


def test_the_witness_answers_the_court_that_let_him_answer() -> None:
    found = _by_pin(transcript.read(TRIAL))
    assert found["88:14"].recipient == "Desmond Harrow"
    assert found["88:15"].recipient == "Casimir Lundqvist"


def test_the_sidebar_ends_when_proceedings_resume_before_the_jury() -> None:
    text = TRIAL.replace("(In open court)", "(Proceedings resumed in the presence of the jury.)")
    text = text.replace("Your Honor, may I continue?", "I will continue.")
    found = _by_pin(transcript.read(text))
    assert found["88:10"].recipient == "Elliot Przybyla"
    assert found["88:13"].recipient == ""  # back before the jury: no longer at the bench
