"""A county felony complaint: unnumbered allegations, an informant who overheard a threat,
warned statements at the precinct, and the complainant's supporting deposition."""

from __future__ import annotations

from app.core.intake import complaint

# Made up.
FELONY = """MADE UP FELONY COMPLAINT FOR TESTING
COUNTY COURT : COUNTY OF ELMORE
THE PEOPLE OF THE STATE OF EXAMPLE -against- RUFUS K. DALE, Defendant.   FELONY COMPLAINT
Deponent, Police Officer Hana Moss, Shield No. 40, being duly sworn, deposes and says:
That on or about the 2nd day of May, 2025, in front of 9 Oak Lane, the defendant committed \
the crime of ROBBERY, in that the defendant did forcibly steal property.
Deponent is informed by Lena Voss, an eyewitness, that informant saw the defendant push \
the complainant, Omar Teale, to the ground.
Informant further states that she heard the defendant say to the complainant, \
"Hand it over or you get hurt," and saw the defendant take a wallet.
Deponent further states that the defendant, after being advised of his Miranda rights at \
the 5th Precinct, stated in sum and substance that he found the wallet.
Deponent further states that the defendant also stated in sum and substance that he never \
touched anyone.
False statements made herein are punishable as a class A misdemeanor.
Sworn to before me this 3rd day of May, 2025
SUPPORTING DEPOSITION
I, Omar Teale, residing at an address known to the District Attorney, being duly sworn, \
depose and say:
On May 2, 2025, I was walking on Oak Lane when a man pushed me to the ground.
The man who pushed me said "Hand it over or you get hurt." I gave him my wallet because \
I was scared.
I did not give anyone permission to take my wallet.
I have read the foregoing deposition and it is true. False statements made herein are \
punishable as a class A misdemeanor.
"""


def _starting(found, words):
    return [p for p in found if p.text.lstrip().startswith(words)]


def test_an_unnumbered_that_clause_after_the_oath_is_the_deponents_allegation() -> None:
    (charge,) = _starting(complaint.read(FELONY), "That on or about")
    assert charge.speaker == "Hana Moss"
    assert charge.setting == "sworn_statement"
    assert charge.speech == "reported"


def test_a_threat_the_informant_heard_said_to_someone_is_the_speakers() -> None:
    (threat,) = _starting(complaint.read(FELONY), "Hand it over")[:1]
    assert threat.speaker == "Rufus K. Dale"
    assert threat.speech == "verbatim"
    assert threat.recipient == "Omar Teale"


def test_a_warned_statement_at_the_precinct_is_an_interview() -> None:
    found = complaint.read(FELONY)
    told = _starting(found, "that he found the wallet") + _starting(found, "that he never")
    assert [p.speaker for p in told] == ["Rufus K. Dale"] * 2
    # what he "also stated" goes on with the same questioning
    assert [p.setting for p in told] == ["police_interview"] * 2


def test_the_supporting_deposition_is_the_complainants_sworn_first_person_account() -> None:
    found = complaint.read(FELONY)
    own = [p for p in found if p.speaker == "Omar Teale"]
    starts = [p.text.strip()[:20] for p in own]
    assert starts == [
        "On May 2, 2025, I wa",
        "The man who pushed m",
        "I gave him my wallet",
        "I did not give anyon",
    ]
    assert {p.setting for p in own} == {"sworn_statement"}
    assert {p.speech for p in own} == {"reported"}
    assert not _starting(found, "I have read")
    # the words it quotes are the ones the complaint gives the defendant, said to the witness
    said = [p for p in found if p.text.startswith("Hand it over") and p.pin == own[1].pin]
    assert [(p.speech, p.speaker, p.recipient) for p in said] == [
        ("verbatim", "Rufus K. Dale", "Omar Teale")
    ]


def test_the_informants_lead_in_to_a_threat_she_heard_stays_hers() -> None:
    (lead,) = _starting(complaint.read(FELONY), "that she heard")
    assert lead.speaker == "Lena Voss"
    assert lead.text.rstrip(" ,").endswith("say to the complainant")
    (rest,) = _starting(complaint.read(FELONY), "and saw the defendant take")
    assert rest.speaker == "Lena Voss"


def test_a_deposition_sworn_without_an_aside_leaves_the_officer_the_deponent() -> None:
    plain = FELONY.replace(
        "I, Omar Teale, residing at an address known to the District Attorney, being",
        "I, Omar Teale, being",
    )
    found = complaint.read(plain)
    assert _starting(found, "That on or about")[0].speaker == "Hana Moss"
    assert _starting(found, "I did not give")[0].speaker == "Omar Teale"
