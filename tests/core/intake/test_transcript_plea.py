"""A plea colloquy whose cover page is printed on numbered lines, as many local courts lay
out a short proceeding: the caption, ``B E F O R E:`` and ``A P P E A R A N C E S:`` on page 1,
the proceedings from page 2. Made-up names throughout."""

from __future__ import annotations

from app.core.intake import forms, transcript
from app.core.intake.proposal import Proposal
from app.core.intake.transcript_cast import read_front

PLEA = """\
                                  1

 1   DISTRICT COURT OF THE TOWN OF WESTERLY
 2   COUNTY OF FENWICK:  PART 2
 3   --------------------------------------------------
 4   THE PEOPLE OF THE STATE OF NEW HALDEN,
 5
 6               -against-
 7
 8   BARTHOLOMEW QUILL,
 9                          Defendant.
10   --------------------------------------------------
11                          Docket No. 2024WE000417
12                          Charge: PL 155.25
13
14                          9 Lantern Street
15                          Westerly, New Halden
16                          October 7, 2025
17   B E F O R E:
18             HONORABLE CORDELIA FAIRBANKS, Judge
19
20   A P P E A R A N C E S:
21             OSWALD PENNYWORTH, ESQ., Assistant District Attorney
22             LAVINIA STROUD, ESQ., Fenwick Legal Defense,
23                 for the Defendant
24
25             ROSAMUND TEAGUE, Official Court Reporter


                                  2
                         Proceedings

 1         THE CLERK: Calendar number 3, People versus Quill.
 2         MR. PENNYWORTH: For the People, Oswald Pennyworth.
 3         MS. STROUD: Lavinia Stroud for Mr. Quill.
 4         THE COURT: Ms. Stroud, is there a disposition?
 5         MS. STROUD: Yes, Judge. He will plead to petit larceny.
 6         THE COURT: Mr. Quill, has anyone forced you to plead
 7   guilty?
 8         THE DEFENDANT: No.
 9         THE COURT: Did you take the bicycle? A plea is a conviction.
10         THE DEFENDANT: Yes, I took it.
11         THE COURT: Clerk, take the plea.
12         THE CLERK: Bartholomew Quill, how do you plead?
13         THE DEFENDANT: Guilty.
14         THE COURT: Mr. Quill, you are to stay away from the store.
15         THE DEFENDANT: Okay.
"""


def _by_pin(proposals: list[Proposal]) -> dict[str, Proposal]:
    return {p.pin: p for p in proposals}


def test_a_cover_page_on_numbered_lines_names_the_cast_and_holds_no_turns() -> None:
    assert forms.detect(PLEA) == "transcript"
    proposals = transcript.read(PLEA)
    assert all(p.pin.startswith("2:") for p in proposals)
    found = _by_pin(proposals)
    assert found["2:2"].speaker == "Oswald Pennyworth"
    assert found["2:3"].speaker == "Lavinia Stroud"
    assert found["2:4"].speaker == "Cordelia Fairbanks"
    assert found["2:4"].speaker_title == "Judge"
    assert found["2:8"].speaker == "Bartholomew Quill"
    assert found["2:1"].speaker == "THE CLERK"
    assert all(p.date == "2025-10-07" for p in proposals)


def test_the_defendant_answers_the_question_put_to_him_and_is_its_recipient() -> None:
    found = _by_pin(transcript.read(PLEA))
    assert found["2:6-7"].recipient == "Bartholomew Quill"
    assert found["2:8"].recipient == "Cordelia Fairbanks"
    assert found["2:9"].recipient == "Bartholomew Quill"
    assert found["2:10"].recipient == "Cordelia Fairbanks"
    assert found["2:12"].recipient == "Bartholomew Quill"
    assert found["2:13"].recipient == "THE CLERK"
    assert found["2:8"].setting == "in_court"  # a defendant pleading is not sworn
    # Colloquy with counsel fixes no recipient beyond the courtroom.
    assert found["2:4"].recipient == ""
    assert found["2:11"].recipient == ""
    # a warning that calls him by name is addressed to him, and he answers the judge
    assert found["2:14"].recipient == "Bartholomew Quill"
    assert found["2:15"].recipient == "Cordelia Fairbanks"


def test_a_side_on_its_own_line_after_an_appearance_is_that_lawyer_s_side() -> None:
    cast = read_front(
        [
            "A P P E A R A N C E S:",
            "OSWALD PENNYWORTH, ESQ., Assistant District Attorney",
            "LAVINIA STROUD, ESQ., Fenwick Legal Defense,",
            "for the Defendant",
            "ROSAMUND TEAGUE, Official Court Reporter",
        ]
    )
    sides = {person.name: person.side for person in cast.counsel}
    assert sides == {"Oswald Pennyworth": "prosecution", "Lavinia Stroud": "defense"}
    assert cast.roles["COURT REPORTER"].name == "Rosamund Teague"


SENTENCING = """\
                                  1

 1   SUPREME COURT OF THE STATE OF NEW HALDEN
 2   COUNTY OF ORMSBY : CRIMINAL TERM : PART 12
 3   INDICTMENT NO.: 0412-2025
 4   THE PEOPLE OF THE STATE OF NEW HALDEN
 5               - against -
 6   CASIMIR DELACROIX-WYNNE,
 7                          Defendant.
 8                                   SENTENCE
 9                          March 2, 2026
10   BEFORE:    HONORABLE WILHELMINA TSANG, Justice
11   APPEARANCES:
12   FOR THE PEOPLE:  AUGUSTINE FEHR, ESQ.,
13                    Assistant District Attorney
14   FOR THE DEFENDANT:  MARGOT ELLISON-PRYCE, ESQ.
15   ALSO PRESENT:  Ignatius Obi, Probation Officer
16   REPORTED BY:  Hester Quayle, Official Court Reporter

                                  2

 1         THE COURT: Mr. Fehr, the People's position?
 2         MR. FEHR: The People ask for the promised term.
 3         MS. ELLISON-PRYCE: Judge, he has a job waiting.
 4         THE COURT: Mr. Delacroix-Wynne, anything to say?
 5         THE DEFENDANT: I'm sorry for what I did.
"""


def test_appearance_headings_on_a_numbered_cover_are_no_speakers() -> None:
    proposals = transcript.read(SENTENCING)
    assert [p.pin for p in proposals] == ["2:1", "2:2", "2:3", "2:4", "2:5"]
    found = _by_pin(proposals)
    assert found["2:1"].speaker == "Wilhelmina Tsang"
    assert found["2:1"].speaker_title == "Justice"
    assert found["2:2"].speaker == "Augustine Fehr"
    assert found["2:3"].speaker == "Margot Ellison-Pryce"
    assert found["2:5"].speaker == "Casimir Delacroix-Wynne"
    assert found["2:5"].recipient == "Wilhelmina Tsang"
    assert found["2:5"].date == "2026-03-02"
