"""Caption and appearance layouts as court reporters print them, on small made-up
transcripts: the parties boxed off by a column of ``)`` with the case number beside them, an
appearances page printed on numbered lines under "APPEARANCES OF COUNSEL:" with each firm's
lawyer on a "BY:" line, and a swearing-in paragraph whose witness's name shares its first line
with "called as a"."""

from __future__ import annotations

from app.core.intake import transcript
from app.core.intake.proposal import Proposal
from app.core.intake.transcript_cast import read_front

BOXED = """\
   STATE OF NORTH ARDEN,          )
                                  )
              Plaintiff,          )     Case No. 24-CF-0093
        v.                        )
                                  )
   OSWIN TARRANT,                 )
                                  )
              Defendant.          )

   before the HONORABLE MIRA STANDISH, Circuit Judge, on March 3, 2025.
"""


def test_a_caption_boxed_off_by_parentheses_names_the_defendant() -> None:
    cast = read_front(BOXED.splitlines())
    assert cast.defendant is not None
    assert cast.defendant.name == "Oswin Tarrant"
    assert cast.judge is not None and cast.judge.name == "Mira Standish"


DEPOSITION = """\
                                                                 1

 1            UNITED STATES DISTRICT COURT
 2
 3    HOLLIS BRANDT,                   )
 4                 Plaintiff,          )   Civil Action No.
 5         vs.                         )   2:25-cv-00417
 6    CITY OF ORMSBY,                  )
 7                 Defendant.          )
 8
 9            DEPOSITION OF OFFICER PETRA LINDQVIST-OYE
10            Taken on Monday, June 2, 2025
11
12            Reported by: Ada Quist, CSR
13

                                                                 2

 1    APPEARANCES OF COUNSEL:
 2
 3    For the Plaintiff:
 4        BRANDT-HOLLOWAY & PARTNERS
 5        BY: CORDELIA VANTERPOOL-ASH, ESQ.
 6        12 Wharf Row, Ormsby
 7
 8    For the Defendant City of Ormsby:
 9        OFFICE OF THE CITY SOLICITOR
10        BY: MATTHIAS ODDEN, Assistant City Solicitor
11        1 Civic Square, Ormsby
12

                                                                 3

 1            MS. VANTERPOOL-ASH:  Shall we use the usual
 2  stipulations?
 3            MR. ODDEN:  Agreed.
 4
 5                     PETRA LINDQVIST-OYE,
 6       having been first duly sworn, was examined and
 7       testified as follows:
 8
 9                      EXAMINATION
10       BY MS. VANTERPOOL-ASH:
11       Q.   Where do you work?
12       A.   The Ormsby Police Department.
13            MR. ODDEN:  Objection to form.
"""


def _by_pin(proposals: list[Proposal]) -> dict[str, Proposal]:
    return {p.pin: p for p in proposals}


def test_an_appearances_page_on_numbered_lines_names_counsel_and_is_no_turn() -> None:
    found = _by_pin(transcript.read(DEPOSITION))
    assert not [pin for pin in found if pin.startswith(("1:", "2:"))]
    assert found["3:1-2"].speaker == "Cordelia Vanterpool-Ash"
    assert found["3:3"].speaker == "Matthias Odden"
    assert found["3:3"].speaker_title == "Assistant City Solicitor"
    assert found["3:11"].speaker == "Cordelia Vanterpool-Ash"
    assert found["3:11"].recipient == "Petra Lindqvist-Oye"
    assert found["3:12"].recipient == "Cordelia Vanterpool-Ash"
    assert found["3:13"].speaker == "Matthias Odden"


CALLED = """\
                                                              Page 7

 1             MR. HOLLOWAY: The People call Detective Ruth
 2   Castellan.
 3   D E T E C T I V E   R U T H   C A S T E L L A N, called as a
 4   witness on behalf of the People, having been first duly sworn,
 5   testified as follows:
 6             DIRECT EXAMINATION
 7   BY MR. HOLLOWAY:
 8   Q    Detective, where are you assigned?
 9   A    The Fourth Precinct squad.
"""


def test_a_swearing_in_whose_first_line_breaks_after_called_as_a_is_no_speech() -> None:
    found = _by_pin(transcript.read(CALLED))
    assert found["7:1-2"].text == "The People call Detective Ruth Castellan."
    assert found["7:9"].speaker == "Ruth Castellan"


BY_MR = """\
   PEOPLE OF THE STATE OF NORTH ARDEN,   :
                                         :   No. 24-CF-0093
              -vs-                       :
   OSWIN TARRANT,                        :
                    Defendant.           :

   APPEARANCES:
        HON. CLEMENTINE ROWE, State's Attorney of Ashby County,
        by MR. LEOPOLD VANCE, Assistant State's Attorney,
             on behalf of the People;

        MS. HELKA ANTTILA-BRAY, Assistant Public Defender,
             on behalf of the Defendant.
"""


def test_counsel_appearing_by_a_titled_name_on_behalf_of_a_side() -> None:
    cast = read_front(BY_MR.splitlines())
    assert cast.defendant is not None and cast.defendant.name == "Oswin Tarrant"
    counsel = {c.name: c for c in cast.counsel}
    assert counsel["Leopold Vance"].title == "Assistant State's Attorney"
    assert counsel["Leopold Vance"].side == "prosecution"
    assert counsel["Helka Anttila-Bray"].title == "Assistant Public Defender"
    assert counsel["Helka Anttila-Bray"].side == "defense"
    assert not [c for c in cast.counsel if "Of" in c.name.split()]  # "PEOPLE OF THE STATE"


def test_an_index_line_naming_the_examining_lawyer_is_no_witness() -> None:
    index = [
        "I N D E X",
        "WITNESS                                    EXAMINATION",
        "PETRA LINDQVIST-OYE",
        "    By Ms. Cordelia Vanterpool-Ash               3, 5",
        "    By Mr. Matthias Odden                        7",
    ]
    cast = read_front(index)
    assert [w.name for w in cast.witnesses] == []
