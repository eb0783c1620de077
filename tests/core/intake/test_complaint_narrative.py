"""Complaints in the probable-cause narrative form: "Your Complainant is ...", the
complainant named only in the signature block, witnesses by initials, fragments quoted
inside reported speech."""

from __future__ import annotations

from app.core.intake import complaint, forms

# Made up: no "Deponent states" formula; the complainant signs at the foot.
NARRATIVE = """MADE UP COMPLAINT FOR TESTING
STATE OF EXAMPLE, Plaintiff, vs. CORIN VALE, Defendant.
CRIMINAL COMPLAINT
The Complainant, being duly sworn, makes complaint and states that the following facts \
establish probable cause:
Your Complainant is a detective with the Harrow Police Department and has read the reports\
 in this case.
On May 2, 2025, officers were sent to a robbery at a kiosk on Fenn Road.
The next day, R.P., the clerk, told Officer Hal Brisco at the kiosk that a woman in a grey \
hoodie took the cash box and that she "ran like a rabbit."
Witness K.D., a driver for a delivery firm, told your Complainant that the woman in the \
grey hoodie was a regular called "Cee" and that the woman had said to her, "Don't wait up \
for me."
On May 5, 2025, your Complainant interviewed the Defendant after a Miranda warning. The \
Defendant admitted she was on Fenn Road that evening, but said she never went near the \
kiosk and "never touched a cent." She had a bandage on her wrist, which she said she got \
at the gym.
COMPLAINANT'S SIGNATURE: Det. Willa Anand, Harrow Police Department    Date: 05/06/2025
"""


def _starting(found, words):
    return next(p for p in found if p.text.startswith(words))


def test_the_signing_complainant_states_her_own_allegation() -> None:
    assert forms.detect(NARRATIVE) == "complaint"
    found = complaint.read(NARRATIVE)
    own = _starting(found, "Your Complainant is a detective")
    assert (own.speaker, own.speaker_title) == ("Willa Anand", "Det.")
    assert (own.setting, own.speech, own.date, own.pin) == (
        "sworn_statement",
        "reported",
        "2025-05-06",
        "¶ 5",
    )
    assert NARRATIVE[own.speaker_start : own.speaker_end] == "Your Complainant"
    # the formula line ("makes complaint") is boilerplate, not an allegation
    assert not [p for p in found if p.pin == "¶ 4"]


def test_witnesses_by_initials_and_fragments_quoted_inside_reported_speech() -> None:
    found = complaint.read(NARRATIVE)
    told = _starting(found, "that a woman in a grey hoodie")
    assert (told.speaker, told.recipient, told.setting) == (
        "R.P.",
        "Hal Brisco",
        "police_encounter",
    )
    assert (told.speech, told.pin, told.date) == ("reported", "¶ 7", "2025-05-03")  # next day
    assert "ran like" not in told.text  # the quoted words are a statement of their own
    fragment = _starting(found, "ran like a rabbit.")
    assert (fragment.speaker, fragment.speech) == ("R.P.", "verbatim")
    # an appositive between the witness and the verb; told the complainant: questioned
    regular = _starting(found, "that the woman in the grey hoodie")
    assert (regular.speaker, regular.recipient, regular.setting) == (
        "K.D.",
        "Willa Anand",
        "police_interview",
    )
    assert regular.date == "2025-05-02"  # "the next day" held only for its sentence
    assert '"Cee"' in regular.text  # a nickname in quotation marks is not speech
    heard = _starting(found, "Don't wait up for me.")
    assert (heard.speaker, heard.recipient, heard.speech) == (
        "the woman in the grey hoodie",  # as the text described her before
        "K.D.",
        "verbatim",
    )


def test_a_defendant_who_admits_one_thing_but_says_another() -> None:
    found = complaint.read(NARRATIVE)
    admitted = _starting(found, "she was on Fenn Road")
    said = _starting(found, "she never went near the kiosk")
    quoted = _starting(found, "never touched a cent.")
    later = _starting(found, "she got at the gym.")
    for proposal in (admitted, said, quoted, later):
        assert proposal.speaker == "Corin Vale"
        assert proposal.setting == "police_interview"
        assert proposal.recipient == "Willa Anand"  # the complainant interviewed her
        assert proposal.date == "2025-05-05"
        assert proposal.pin == "¶ 9"
    assert [admitted.speech, said.speech, quoted.speech, later.speech] == [
        "reported",
        "reported",
        "verbatim",
        "reported",
    ]
    assert admitted.text == "she was on Fenn Road that evening"


# Made up: a first-person affidavit, rank inside "I, ...", numbered paragraphs.
FIRST_PERSON = """MADE UP AFFIDAVIT FOR TESTING
STATE OF EXAMPLE v. LARK FENWICK
AFFIDAVIT OF PROBABLE CAUSE
I, Trooper Ada Kim, being duly sworn, depose and say:
1. I am a trooper with the Example State Police.
2. On April 4, 2025, I stopped a blue sedan driven by the defendant on Route 9.
3. The passenger, J.B., told me that the defendant had been drinking all afternoon.
4. The defendant told me, "I had two beers, that's it."
5. After I read him his rights, the defendant said he drove because the passenger was drunker.
Sworn to before me on April 5, 2025.
"""


def test_a_first_person_affidavit_with_the_rank_inside_the_opening() -> None:
    assert forms.detect(FIRST_PERSON) == "complaint"
    found = complaint.read(FIRST_PERSON)
    own = _starting(found, "I am a trooper")
    assert (own.speaker, own.speaker_title, own.setting, own.pin, own.date) == (
        "Ada Kim",
        "Trooper",
        "sworn_statement",
        "¶ 1",
        "2025-04-05",
    )
    passenger = _starting(found, "that the defendant had been drinking")
    # told the patrol trooper at the stop: an encounter, not an interview
    assert (passenger.speaker, passenger.recipient, passenger.setting, passenger.pin) == (
        "J.B.",
        "Ada Kim",
        "police_encounter",
        "¶ 3",
    )
    quoted = _starting(found, "I had two beers")
    assert (quoted.speaker, quoted.speech, quoted.recipient) == (
        "Lark Fenwick",
        "verbatim",
        "Ada Kim",
    )
    warned = _starting(found, "he drove because")
    assert (warned.speaker, warned.speech, warned.setting, warned.date) == (
        "Lark Fenwick",
        "reported",
        "police_encounter",  # warned at the roadside by the patrol trooper, not questioned
        "2025-04-04",
    )


# Made up: "Complainant, Officer ..., states:" where the complainant is the sworn officer.
COMPLAINANT_STATES = """MADE UP COMPLAINT FOR TESTING
COUNTY COURT - STATE OF EXAMPLE v. PIA MORROW, Defendant
CRIMINAL COMPLAINT
Complainant, Officer Rhea Dunn of the Elm Police Department, states:
1. On March 1, 2025, Complainant responded to 4 Oak Lane for a reported theft.
2. Complainant spoke with the owner, Tom Greer, who stated that his bicycle was gone.
3. Complainant states that the defendant, when stopped, stated "I found it by the road."
Subscribed and sworn to before me on March 2, 2025.
"""


def test_a_sworn_complainant_states_and_reports_the_defendant() -> None:
    assert forms.detect(COMPLAINANT_STATES) == "complaint"
    found = complaint.read(COMPLAINANT_STATES)
    owner = _starting(found, "that his bicycle was gone")
    assert (owner.speaker, owner.recipient, owner.pin, owner.speech) == (
        "Tom Greer",
        "Rhea Dunn",
        "¶ 2",
        "reported",
    )
    said = _starting(found, "I found it by the road.")
    assert (said.speaker, said.speech, said.recipient, said.pin) == (
        "Pia Morrow",
        "verbatim",
        "Rhea Dunn",
        "¶ 3",
    )
    assert not [p for p in found if p.speaker.lower() == "the complainant"]
