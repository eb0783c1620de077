"""The prose reader on how agencies write reports: parties listed in the header under codes
(V-1, W-1, S-1) or roles, SURNAME, Given, and named in the narrative only by the code; the
reporting officer named once in the header and then "R/O" or "this member".

Every text here is a short made-up snippet written for the rule it tests.
"""

from __future__ import annotations

from app.core.intake.extract import extract
from app.core.intake.proposal import Proposal


def _one(text: str, start: str) -> Proposal:
    found = [p for p in extract(text) if p.text.startswith(start)]
    assert len(found) == 1, [(p.text, p.speaker) for p in extract(text)]
    return found[0]


CODED_REPORT = (
    "MADE UP\n"
    "PINE STATE POLICE\n"
    "TROOP B - ELM BARRACKS\n"
    "INVESTIGATION REPORT          PAGE 1 OF 1\n"
    "Incident #: B25-0042    Classification: ASSAULT\n"
    "Date/Time Occurred: 03/02/2025 1700    Date/Time Reported: 03/02/2025 1710\n"
    "Reporting Member: Tpr. Mara Quill #12    Assisting: Tpr. Ivo Penn #30\n"
    "V-1: HOLT, Adam T.  M/W  DOB 01/02/1970  Pine\n"
    "W-1: RUIZ, Carla  F/W  DOB 04/05/1990  Clerk\n"
    "S-1: VOSS, Ben M.  M/W  DOB 06/07/1985  Elm\n"
    "NARRATIVE:\n"
    "At 1710 hrs this member was dispatched to a fight at the listed location.\n"
    'V-1 stated he was hit in the face. V-1 stated, "He swung on me for nothing."\n'
    'W-1 advised she watched through the front window. W-1 stated, "The truck guy hit '
    'him first."\n'
    "At 1750 hrs in the interview room at Elm Barracks S-1 was advised of his rights. "
    'S-1 stated he hit V-1 one time "to get him off me."\n'
)


def test_a_reports_party_codes_name_the_people_its_header_lists() -> None:
    hit = _one(CODED_REPORT, "He swung on me")
    assert (hit.speaker, hit.recipient, hit.date) == ("Adam Holt", "Mara Quill", "2025-03-02")
    watched = _one(CODED_REPORT, "she watched through")
    assert (watched.speaker, watched.recipient) == ("Carla Ruiz", "Mara Quill")
    assert watched.setting == "police_encounter"
    off = _one(CODED_REPORT, "to get him off me")
    assert (off.speaker, off.date) == ("Ben Voss", "2025-03-02")


ROLE_REPORT = (
    "MADE UP\n"
    "ELM CITY POLICE DEPARTMENT\n"
    "DOMESTIC INCIDENT REPORT\n"
    "Case No.: EC-25-0042          Date of Report: 04/06/2025\n"
    "Incident Date/Time: 04/05/2025, approx. 23:15 hrs\n"
    "Reporting Officer (R/O): P.O. Mara Quill, Shield 12\n"
    "Second Officer: P.O. Ivo Penn, Shield 30\n"
    "Victim: HOLT, Ada M., 34     Suspect: VOSS, Ben Carl, 37\n"
    "NARRATIVE\n"
    "1. On 04/05/2025 at approx. 23:20 hrs, R/O and P.O. Penn responded to 12 Oak Lane.\n"
    "2. Holt stated in substance that Voss grabbed her wrist.\n"
    '3. Voss stated, "I never touched her."\n'
    "4. Voss further stated to P.O. Penn that Holt scratched him first.\n"
    '5. The neighbor, Cal Ruiz, told R/O he heard "a bang, then yelling."\n'
)


def test_a_reports_role_parties_and_its_officers_abbreviation_are_named() -> None:
    grabbed = _one(ROLE_REPORT, "that Voss grabbed")
    assert (grabbed.speaker, grabbed.recipient, grabbed.date) == (
        "Ada Holt",
        "Mara Quill",
        "2025-04-05",
    )
    touched = _one(ROLE_REPORT, "I never touched her.")
    assert touched.speaker == "Ben Voss"
    scratched = _one(ROLE_REPORT, "that Holt scratched")
    assert (scratched.speaker, scratched.recipient) == ("Ben Voss", "Ivo Penn")
    bang = _one(ROLE_REPORT, "a bang, then")
    assert (bang.speaker, bang.recipient) == ("Cal Ruiz", "Mara Quill")


def test_words_told_to_a_reports_officer_by_abbreviation_are_reported_to_them() -> None:
    text = ROLE_REPORT + "6. The victim declined treatment. She told R/O she wants an order.\n"
    wants = _one(text, "she wants an order")
    assert (wants.speaker, wants.recipient, wants.speech) == ("Ada Holt", "Mara Quill", "reported")


SECTIONED_REPORT = ROLE_REPORT.split("NARRATIVE\n")[0] + (
    "NARRATIVE\n"
    "1. R/O and P.O. Penn responded to 12 Oak Lane on 04/05/2025.\n"
    "2. VICTIM'S STATEMENT (taken by R/O in the kitchen):\n"
    "3. Holt stated that Voss grabbed her wrist.\n"
    "4. SUSPECT'S STATEMENT (taken by P.O. Penn in the hall and relayed to R/O):\n"
    '5. Voss stated, "I never touched her."\n'
    "6. OFFICER'S OBSERVATIONS: R/O observed redness to the wrist.\n"
)


def test_a_statement_heading_tells_who_took_the_words_under_it() -> None:
    grabbed = _one(SECTIONED_REPORT, "that Voss grabbed")
    assert (grabbed.speaker, grabbed.recipient) == ("Ada Holt", "Mara Quill")
    touched = _one(SECTIONED_REPORT, "I never touched her.")
    assert (touched.speaker, touched.recipient) == ("Ben Voss", "Ivo Penn")


def test_an_officers_relay_of_a_quotation_is_not_words_of_the_officer() -> None:
    text = CODED_REPORT + (
        'Tpr. Penn advised this member by radio that S-1 stated to him, "I know why you are '
        'here."\n'
    )
    relayed = [p for p in extract(text) if p.speaker == "Ivo Penn"]
    assert relayed == []
    here = _one(text, "I know why you are here")
    assert (here.speaker, here.recipient) == ("Ben Voss", "Ivo Penn")


def test_a_clause_in_the_present_tense_is_reported_when_and_that_follows() -> None:
    text = CODED_REPORT + (
        "W-1 advised the store's cameras cover pumps 3 through 6 and that her manager can "
        "export the video.\n"
    )
    cameras = _one(text, "the store's cameras cover")
    assert (cameras.speaker, cameras.speech) == ("Carla Ruiz", "reported")


def test_words_before_a_suspects_interview_are_not_part_of_it() -> None:
    text = CODED_REPORT.replace(
        "At 1750 hrs in the interview room",
        "At 1740 hrs Tpr. Penn located S-1 at a bar. Tpr. Penn advised by radio that S-1 "
        'stated to him, "I know why you are here."\nAt 1750 hrs in the interview room',
    )
    bar = _one(text, "I know why you are here")
    assert (bar.speaker, bar.setting, bar.recipient) == ("Ben Voss", "police_encounter", "Ivo Penn")
    assert _one(text, "to get him off me").setting == "police_interview"
