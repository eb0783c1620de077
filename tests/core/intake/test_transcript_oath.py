"""A defendant who takes the stand: the court's colloquy with him, then his swearing-in
broken over two lines ("JANE ROE, the defendant, having been" / "duly sworn, ..."). Made up."""

from __future__ import annotations

from app.core.intake import transcript
from app.core.intake.proposal import Proposal

TRIAL = """\
                                                                  88
 1   STATE OF NORTH ARDEN v. JONAH PRZYBYLSKI
 2   Trial -- Day 2 -- April 21, 2026
 3   BEFORE: HON. MATILDA OYELOWO, Judge
 4   For the State: FENWICK ADEYEMI, Assistant District Attorney
 5   For the Defendant: ROSALIE KWAN, Assistant Public Defender
 6            THE COURT: Mr. Przybylski, you understand you don't
 7   have to testify?
 8            THE DEFENDANT: Yes, Your Honor.
 9                  JONAH PRZYBYLSKI, the defendant, having been
10   duly sworn, testified as follows:
11                         DIRECT EXAMINATION
12   BY MS. KWAN:
13       Q.  Where were you that night?
14       A.  At the laundromat.
"""


def _by_pin(proposals: list[Proposal]) -> dict[str, Proposal]:
    return {p.pin: p for p in proposals}


def test_a_swearing_in_broken_over_two_lines_is_no_one_s_words() -> None:
    found = _by_pin(transcript.read(TRIAL))
    assert list(found) == ["88:6-7", "88:8", "88:13", "88:14"]
    assert found["88:8"].text == "Yes, Your Honor."
    assert found["88:8"].speaker == "Jonah Przybylski"
    assert found["88:8"].setting == "in_court"
    assert found["88:14"].speaker == "Jonah Przybylski"
    assert found["88:14"].setting == "sworn_testimony"
    assert found["88:14"].recipient == "Rosalie Kwan"
