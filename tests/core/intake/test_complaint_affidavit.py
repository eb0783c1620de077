"""A federal agent's affidavit whose numbered paragraphs wrap over indented lines and are
set apart by blank lines: a quotation opening a line of its own, a robber's words quoted
inside a witness's account, a witness spoken of as "she", an officer "of" his department.
Made-up names throughout."""

from __future__ import annotations

from app.core.intake import complaint, forms
from app.core.intake.proposal import Proposal

AFFIDAVIT = """MADE UP AFFIDAVIT FOR TESTING
UNITED STATES DISTRICT COURT
United States of America v. OSWIN TREMBLAY, Defendant
AFFIDAVIT IN SUPPORT OF A CRIMINAL COMPLAINT
I, Marguerite Osei, being first duly sworn, hereby depose and state as follows:

     1. I am a Special Agent with the Federal Bureau of Investigation.

     2. On May 4, 2026, I interviewed the cashier who served the man ("Clerk-1"). Clerk-1
     told me that the man slid a folded note across the counter. The note, which officers
     recovered, reads: "EMPTY THE REGISTER. NO TRICKS."
     Clerk-1 said that when she looked up, the man tapped the counter and said,
     "Quicker than that, please," and that she then gave him about $900.

     3. Clerk-1 described the man as tall and bearded. She said she remembered the beard
     because it was dyed red.

     4. On May 5, 2026, Sergeant Ilario Vance of the Pinecrest Police Department, a member
     of the task force, told me that he had recognized the man as TREMBLAY.

     5. Witness-1, a driver, told me that the rider, whose account name on the app was "Oswin T.",
     held a bag and told him, "Go, go, go now," before giving an address.

I declare under penalty of perjury that the foregoing is true and correct.
"""


def _containing(found: list[Proposal], words: str) -> Proposal:
    return next(p for p in found if words in p.text)


def test_a_paragraph_wrapped_over_a_quoted_line_keeps_its_number() -> None:
    assert forms.detect(AFFIDAVIT) == "complaint"
    found = complaint.read(AFFIDAVIT)
    assert _containing(found, "the man slid a folded note").speaker == "Clerk-1"
    account = _containing(found, "that when she looked up")
    assert (account.speaker, account.pin, account.speech) == ("Clerk-1", "¶ 2", "reported")
    assert account.recipient == "Marguerite Osei"  # still telling the affiant
    assert _containing(found, "she remembered").recipient == ""  # the text does not say
    assert "Quicker" not in account.text
    assert {p.pin for p in found} >= {"¶ 1", "¶ 2", "¶ 3", "¶ 4", "¶ 5"}
    assert all(p.pin for p in found)


def test_words_quoted_after_a_chain_of_acts_belong_to_the_one_who_acted() -> None:
    found = complaint.read(AFFIDAVIT)
    quoted = _containing(found, "Quicker than that")
    assert (quoted.speaker, quoted.speech, quoted.pin) == ("the man", "verbatim", "¶ 2")
    assert quoted.recipient == "Clerk-1"
    after = _containing(found, "that she then gave him")
    assert (after.speaker, after.speech) == ("Clerk-1", "reported")
    assert not [p for p in found if p.text.startswith("Oswin T.")]  # a name, not speech
    rider = _containing(found, "Go, go,")
    assert (rider.speaker, rider.speech, rider.recipient) == ("the rider", "verbatim", "Witness-1")


def test_a_witness_spoken_of_as_she_and_a_description_she_gave() -> None:
    found = complaint.read(AFFIDAVIT)
    described = _containing(found, "the man as tall and bearded")
    assert (described.speaker, described.speech, described.pin) == ("Clerk-1", "reported", "¶ 3")
    remembered = _containing(found, "she remembered the beard")
    assert (remembered.speaker, remembered.speech) == ("Clerk-1", "reported")


def test_an_officer_of_a_department_is_the_one_who_told() -> None:
    found = complaint.read(AFFIDAVIT)
    told = _containing(found, "that he had recognized the man")
    assert (told.speaker, told.recipient, told.pin) == ("Ilario Vance", "Marguerite Osei", "¶ 4")


def test_the_words_of_a_note_are_the_words_of_the_one_who_passed_it() -> None:
    found = complaint.read(AFFIDAVIT)
    note = _containing(found, "EMPTY THE REGISTER.")
    assert (note.speaker, note.speech, note.pin) == ("the man", "verbatim", "¶ 2")
    assert note.recipient == "Clerk-1"  # passed to the one whose account tells of it
