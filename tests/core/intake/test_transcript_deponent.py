"""Who is deposed, where a deposition names the deponent in ways the reader was not first
written for, on small made-up depositions: "DEPOSITION of non-party witness JANE ROE",
a swearing-in in letter-spaced capitals among the appearances ("J A N E   R O E, having
been first duly sworn"), and a running head naming the deponent surname first on every
page ("Roe, Jane      May 2, 2026      Page 4")."""

from __future__ import annotations

from app.core.intake import transcript
from app.core.intake.proposal import Proposal

DEPOSITION = """\
SUPERIOR COURT OF THE STATE OF WESTMARK
----------------------------------------------------------
ANSELM KORHONEN-BELL,                      Plaintiff,
          -against-                        Index No. 11/2026
THE TOWN OF MARROWFIELD,                   Defendant.
----------------------------------------------------------
          DEPOSITION of non-party witness PERSIS ODUYA, taken by
     the Plaintiff at 4 Quay Street, Marrowfield, on May 2,
     2026, before a Notary Public.

A P P E A R A N C E S:
     HALE & PIRNIE, for the Plaintiff, by TOBIAS HALE, ESQ.
     TOWN ATTORNEY, for the Defendant, by
     GWENDA FROST, Assistant Town Attorney

P E R S I S   O D U Y A, having been first duly sworn by the
Notary Public, was examined and testified as follows:

Oduya, Persis                     May 2, 2026                     Page 4

 1                      EXAMINATION
 2                      BY MR. HALE:
 3    Q    Ms. Oduya, where were you that morning?
 4    A    At the ferry ticket window.
 5    Q    What did you see?
 6            MS. FROST:  Objection to the form.
 7            MR. HALE:  You can answer.
 8    A    A man fall on the ramp.
 9            THE WITNESS:  Can I see the photo again?
10            MR. HALE:  Thank you, Ms. Oduya.

Oduya, Persis                     May 2, 2026                     Page 5

 1                      EXAMINATION
 2                      BY MS. FROST:
 3    Q    Had you seen him before?
 4    A    Never.
"""


def _by_pin(proposals: list[Proposal]) -> dict[str, Proposal]:
    return {p.pin: p for p in proposals}


def _check(found: dict[str, Proposal]) -> None:
    assert found["4:4"].speaker == "Persis Oduya"
    assert found["4:4"].recipient == "Tobias Hale"
    assert found["4:4"].setting == "sworn_testimony"
    assert found["4:3"].recipient == "Persis Oduya"
    assert found["4:9"].speaker == "Persis Oduya"
    assert found["5:4"].speaker == "Persis Oduya"
    assert found["5:4"].recipient == "Gwenda Frost"


def test_a_deponent_described_before_her_name_is_the_witness() -> None:
    found = _by_pin(transcript.read(DEPOSITION))
    _check(found)
    assert found["4:6"].speaker == "Gwenda Frost"  # the swearing-in names no counsel


def test_counsel_letting_the_witness_answer_over_an_objection_speaks_to_her() -> None:
    found = _by_pin(transcript.read(DEPOSITION))
    assert found["4:7"].text == "You can answer."
    assert found["4:7"].recipient == "Persis Oduya"


def test_a_letter_spaced_swearing_in_among_the_appearances_names_the_witness() -> None:
    text = DEPOSITION.replace("non-party witness PERSIS ODUYA", "a witness")
    text = text.replace("Oduya, Persis   ", "Deposition      ")
    _check(_by_pin(transcript.read(text)))


def test_a_running_head_naming_the_deponent_surname_first_names_the_witness() -> None:
    text = DEPOSITION.replace("non-party witness PERSIS ODUYA", "a witness")
    text = text.replace("P E R S I S   O D U Y A", "THE WITNESS")
    _check(_by_pin(transcript.read(text)))


def test_an_interpreter_sworn_among_the_appearances_is_no_witness() -> None:
    text = DEPOSITION.replace(
        "P E R S I S   O D U Y A, having been first duly sworn by the",
        "LUCIA ARMENDARIZ, having been first duly sworn to translate\n"
        "from Yoruba into English,\n\n"
        "P E R S I S   O D U Y A, having been first duly sworn by the",
    )
    text = text.replace("non-party witness PERSIS ODUYA", "a witness")
    text = text.replace("Oduya, Persis   ", "Deposition      ")
    _check(_by_pin(transcript.read(text)))
