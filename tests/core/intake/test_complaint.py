"""The complaint and affidavit reader: who each allegation comes from, speech, pins."""

from __future__ import annotations

from app.core.intake import complaint, forms

STATE = """MADE UP COMPLAINT FOR TESTING
CRIMINAL COURT OF THE CITY OF NORTHPORT
THE PEOPLE OF THE STATE OF EXAMPLE -against- TOBIAS WREN, Defendant.
MISDEMEANOR COMPLAINT    Docket No. 1
Police Officer Greta Lund, Shield 12, of the 9th Precinct, states as follows:
On or about March 3, 2024 at about 10:00 P.M. at 5 Elm Street, the defendant committed:
Deponent is informed by Amos Keel that informant saw the defendant take a bicycle from the rack.
Deponent is further informed by informant that, while riding off, the defendant stated, \
in substance, COME AND GET IT.
Deponent states that she found the bicycle in the defendant's yard on March 4, 2024.
Deponent further states that the defendant stated to deponent, in words to the effect of: \
I borrowed it. I was going to bring it back.
Deponent further states that the defendant also stated, "It's my cousin's bike."
False statements made herein are punishable as a class A misdemeanor.
Police Officer Greta Lund    March 5, 2024
"""


def _by_start(found, words):
    return next(p for p in found if p.text.lstrip().lower().startswith(words.lower()))


def test_state_complaint_attributes_each_allegation() -> None:
    found = complaint.read(STATE)
    informant = _by_start(found, "that informant saw")
    assert (informant.speaker, informant.speech, informant.pin) == ("Amos Keel", "reported", "¶ 7")
    assert informant.recipient == "Greta Lund"
    shout = _by_start(found, "COME AND GET IT")
    assert (shout.speaker, shout.speech, shout.recipient, shout.pin) == (
        "Tobias Wren",
        "reported",
        "Amos Keel",
        "¶ 8",
    )
    assert shout.setting == ""  # said to the informant, not to the police
    assert shout.date == "2024-03-03"
    own = _by_start(found, "that she found the bicycle")
    assert (own.speaker, own.speaker_title, own.setting, own.date) == (
        "Greta Lund",
        "Police Officer",
        "sworn_statement",
        "2024-03-05",
    )
    words = _by_start(found, "I borrowed it.")
    assert words.text.endswith("bring it back.")
    assert (words.speaker, words.speech, words.recipient, words.setting) == (
        "Tobias Wren",
        "reported",
        "Greta Lund",
        "police_encounter",
    )
    quoted = _by_start(found, "It's my cousin's bike.")
    assert (quoted.speech, quoted.speaker, quoted.pin) == ("verbatim", "Tobias Wren", "¶ 11")
    assert not any("False statements" in p.text for p in found)
    assert not any(p.text.startswith("that, while riding off") for p in found)  # short lead-in


FEDERAL = """MADE UP AFFIDAVIT FOR TESTING
UNITED STATES OF AMERICA v. MARLOW PIKE    Case No. 24-mj-1
AFFIDAVIT IN SUPPORT OF CRIMINAL COMPLAINT
I, Nell Ardent, being first duly sworn, hereby depose and state as follows:
1. I am a Special Agent with the Example Bureau and have been so employed since 2015.
2. On June 2, 2024, a confidential source ("CS-1") told me that a man named Pike kept
cash in a freezer at his shop.
3. Pike has a prior conviction for fraud.
4. On June 9, 2024, after Pike was advised of his Miranda rights, he told SA Ross Vale, \
in substance, that the cash was from his shop.
5. SA Vale told me Pike then said, "Count it yourself, it's clean."
6. Based on the foregoing, I respectfully submit that there is probable cause.
Respectfully submitted,
Nell Ardent, Special Agent
Subscribed and sworn to before me on June 10, 2024.
"""


def test_federal_affidavit_numbers_and_first_person() -> None:
    found = complaint.read(FEDERAL)
    pins = {p.pin for p in found}
    assert "¶ 3" not in pins  # narrative, not anyone's statement
    own = _by_start(found, "I am a Special Agent")
    assert (own.speaker, own.speaker_title, own.setting, own.pin, own.date) == (
        "Nell Ardent",
        "Special Agent",
        "sworn_statement",
        "¶ 1",
        "2024-06-10",
    )
    source = _by_start(found, "that a man named Pike")
    assert source.text.endswith("at his shop.")  # a sentence wrapped over two lines
    assert (source.speaker, source.recipient, source.pin, source.date) == (
        "CS-1",
        "Nell Ardent",
        "¶ 2",
        "2024-06-02",
    )
    told = _by_start(found, "that the cash was")
    assert (told.speaker, told.recipient, told.setting, told.speech) == (
        "Marlow Pike",
        "Ross Vale",
        "police_interview",
        "reported",
    )
    quote = _by_start(found, "Count it yourself")
    assert (quote.speaker, quote.speech, quote.pin) == ("Marlow Pike", "verbatim", "¶ 5")
    assert _by_start(found, "Based on the foregoing").pin == "¶ 6"


def test_affiant_form_with_roles_and_relative_clauses() -> None:
    text = """MADE UP PROBABLE CAUSE AFFIDAVIT AND COMPLAINT
STATE OF EXAMPLE v. DARA COLE
Your affiant, Detective Ivo Brandt, being duly sworn, deposes and says:
Affiant spoke with Lena Moss, who stated that she saw a woman break the window.
The victim stated that nothing else was taken.
Affiant states that he arrested the defendant on May 1, 2024.
Sworn to before me on May 2, 2024.
"""
    assert complaint.looks_like(text)
    found = complaint.read(text)
    assert _by_start(found, "that she saw").speaker == "Lena Moss"
    assert _by_start(found, "that nothing else").speaker == "the victim"
    own = _by_start(found, "that he arrested")
    assert (own.speaker, own.setting, own.pin) == ("Ivo Brandt", "sworn_statement", "¶ 6")


def test_looks_like_says_no_to_reports_and_transcripts() -> None:
    report = (
        "INCIDENT REPORT\nReporting officer: Ofc. Lee\nNARRATIVE\n"
        'On 01/02/2024 I spoke with the victim, who said, "He ran."\n'
        "A criminal complaint will be sought.\n"
    )
    transcript = "[00:00:01] OFFICER 1: Deponent?\n[00:00:03] SPEAKER 1: Yes.\n" * 3
    assert not complaint.looks_like(report)
    assert not complaint.looks_like(transcript)
    assert complaint.looks_like(STATE)
    assert complaint.looks_like(FEDERAL)
    assert forms.detect(STATE) == "complaint"
    assert forms.detect(FEDERAL) == "complaint"


def test_own_observation_roles_in_the_passive_and_a_jurat_in_words() -> None:
    text = "\n".join(
        [
            "MADE UP MISDEMEANOR COMPLAINT",
            "THE PEOPLE v. RONA VELL, Defendant.",
            "Police Officer Kai Dunn, Shield 3, states as follows:",
            "Deponent observed the defendant strike the window with a bat, and the defendant"
            " stated in sum and substance: I DID IT.",
            "Deponent is informed by the complainant, Ada Fenn, of an address known to the"
            " District Attorney, that the window belongs to her.",
            "Deponent is informed by the store manager that the bat was taken from the shelf.",
            "Sworn to before me this 4th day of May, 2024.",
        ]
    )
    found = complaint.read(text)
    seen = _by_start(found, "Deponent observed")
    assert (seen.speaker, seen.setting, seen.date, seen.pin) == (
        "Kai Dunn",
        "sworn_statement",
        "2024-05-04",
        "¶ 4",
    )
    assert seen.text.endswith("with a bat")
    said = _by_start(found, "I DID IT")
    assert (said.speaker, said.speech, said.recipient) == ("Rona Vell", "reported", "Kai Dunn")
    assert said.date == ""  # the complaint never says when; not the jurat's date
    assert _by_start(found, "that the window").speaker == "Ada Fenn"
    assert _by_start(found, "that the bat").speaker == "the store manager"


def test_allegations_listed_with_and_that_stay_apart_and_full_names_stand() -> None:
    text = "\n".join(
        [
            "MADE UP CRIMINAL COMPLAINT",
            "THE PEOPLE v. JO ROE, Defendant.",
            "Police Officer Al Ek, Shield 1, states as follows:",
            "Deponent is informed by Ann Roe that she saw the car leave.",
            "Deponent further states that the defendant stated in substance that he was at"
            " home, and that informant Roe said that the car was red.",
            "Sworn to before me on May 1, 2024.",
        ]
    )
    found = complaint.read(text)
    assert _by_start(found, "that she saw").speaker == "Ann Roe"
    home = _by_start(found, "that he was at home")
    assert (home.speaker, home.text) == ("Jo Roe", "that he was at home")
    red = _by_start(found, "that the car was red")
    assert (red.speaker, red.recipient) == ("Ann Roe", "Al Ek")


def test_a_long_single_paragraph_is_read_quickly() -> None:
    import time

    sentence = (
        "Deponent further states that the defendant stated in substance that he was at home,"
        " and that informant Roe said that the car was red. "
    )
    text = "MADE UP CRIMINAL COMPLAINT\nTHE PEOPLE v. JO ROE, Defendant.\n" + sentence * 600
    started = time.perf_counter()
    found = complaint.read(text)
    assert len(found) == 1200
    assert time.perf_counter() - started < 5


def test_a_pronoun_speaks_for_the_person_last_named_in_its_sentence() -> None:
    text = "\n".join(
        [
            "MADE UP CRIMINAL COMPLAINT",
            "THE PEOPLE v. JO ROE, Defendant.",
            "Police Officer Al Ek, Shield 1, states as follows:",
            "Deponent is informed by Ann Vale that she saw the car leave.",
            "Deponent is informed by informant that when Vale returned, she told deponent"
            " that the door was open.",
            'Deponent states that when the defendant was stopped, he stated, "It\'s not mine."',
        ]
    )
    found = complaint.read(text)
    assert _by_start(found, "that the door").speaker == "Ann Vale"
    assert _by_start(found, "It's not mine").speaker == "Jo Roe"


def test_an_undersigned_officer_and_names_in_apposition() -> None:
    text = "\n".join(
        [
            "MADE UP FOR TESTING",
            "STATE OF EXAMPLE v. RICK MOSS",
            "FELONY COMPLAINT",
            "The undersigned, Detective Ann Lee, being duly sworn, states:",
            "1. On June 1, 2025, I spoke with the victim, John Doe.",
            "2. Doe told me that the defendant struck him with a pipe",
            "after an argument about money.",
            "3. The neighbor, Mary Poe, stated that she saw Moss running.",
            "4. I believe probable cause exists.",
            "Subscribed and sworn to before me on June 3, 2025.",
        ]
    )
    assert complaint.looks_like(text)
    found = complaint.read(text)
    doe = _by_start(found, "that the defendant struck")
    assert (doe.speaker, doe.recipient, doe.pin) == ("John Doe", "Ann Lee", "¶ 2")
    assert doe.text.endswith("about money.")
    assert _by_start(found, "that she saw").speaker == "Mary Poe"
    own = _by_start(found, "I believe")
    assert (own.speaker, own.speaker_title, own.date) == ("Ann Lee", "Detective", "2025-06-03")
