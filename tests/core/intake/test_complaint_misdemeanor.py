"""A New York style misdemeanor complaint: the defendant listed under "against" as
"1. Roe, Jane (F 30)", an informant's account that narrates an order she gave, words said
at the stationhouse after warnings, and the informant's supporting deposition. Made up."""

from __future__ import annotations

from app.core.intake import complaint, forms
from app.core.intake.proposal import Proposal

COMPLAINT = "\n".join(
    [
        "MADE UP TEXT FOR TESTING",
        "CRIMINAL COURT OF THE CITY OF CALDER",
        "THE PEOPLE OF THE STATE OF NEW HALDEN",
        "against",
        "1. Wintermute, Silas (M 41)",
        "Defendant.",
        "MISDEMEANOR COMPLAINT",
        "Police Officer Renske Albers, Shield No. 3310, of the 12th Precinct, states as follows:",
        "On or about May 3, 2026 at about 21:00 hours, inside 40 Dray Street, County of Fenwick,",
        "Deponent is informed by Marisol Ebbe, at the scene, that when informant told the"
        ' defendant to leave, the defendant threw a chair at the counter and stated, "Next time'
        " it's your head.\"",
        "Deponent further states that at the 12th Precinct stationhouse, after being advised of"
        ' his rights, the defendant stated to deponent, "I only threw it at the wall."',
        "False statements made in this written instrument are punishable as a class A misdemeanor.",
        "May 4, 2026    Renske Albers, Police Officer",
        "SUPPORTING DEPOSITION (CPL 100.30)",
        "I, Marisol Ebbe, have read the misdemeanor complaint sworn to by Police Officer Renske"
        " Albers and the facts stated therein on information furnished by me are true upon my"
        " personal knowledge.",
        "May 4, 2026    Marisol Ebbe",
        "",
    ]
)


def _containing(found: list[Proposal], words: str) -> Proposal:
    return next(p for p in found if words in p.text)


def test_the_defendant_listed_under_against_by_surname_first() -> None:
    assert forms.detect(COMPLAINT) == "complaint"
    found = complaint.read(COMPLAINT)
    threat = _containing(found, "Next time it's your head.")
    assert (threat.speaker, threat.recipient, threat.speech) == (
        "Silas Wintermute",
        "Marisol Ebbe",
        "verbatim",
    )


def test_an_order_the_informant_gave_is_part_of_her_account() -> None:
    found = complaint.read(COMPLAINT)
    account = _containing(found, "that when informant told the defendant to leave")
    assert (account.speaker, account.recipient, account.speech) == (
        "Marisol Ebbe",
        "Renske Albers",
        "reported",
    )
    assert not [p for p in found if p.text.startswith("to leave")]


def test_words_at_the_stationhouse_after_warnings_are_an_interview() -> None:
    found = complaint.read(COMPLAINT)
    denial = _containing(found, "I only threw it at the wall.")
    assert (denial.speaker, denial.setting, denial.recipient) == (
        "Silas Wintermute",
        "police_interview",
        "Renske Albers",
    )


def test_the_informant_s_supporting_deposition_is_her_own_sworn_statement() -> None:
    found = complaint.read(COMPLAINT)
    sworn = _containing(found, "I, Marisol Ebbe, have read")
    assert (sworn.speaker, sworn.setting, sworn.speech, sworn.date) == (
        "Marisol Ebbe",
        "sworn_statement",
        "reported",
        "2026-05-04",
    )


def test_a_long_lead_in_of_place_and_time_is_no_statement_of_the_deponent() -> None:
    found = complaint.read(COMPLAINT)
    assert not [p for p in found if p.text.startswith("that at the 12th Precinct")]


HEARD = "\n".join(
    [
        "MADE UP TEXT FOR TESTING",
        "CRIMINAL COURT OF THE CITY OF CALDER",
        "THE PEOPLE OF THE STATE OF NEW HALDEN",
        "-against-",
        "ORLA FINNEGAN-DUBE,",
        "Defendant.",
        "MISDEMEANOR COMPLAINT",
        "Police Officer Tobias Renn, Shield No. 881, of the 9th Precinct, states as follows:",
        "Deponent is informed by defendant's own statement that defendant took the phone from"
        " the counter.",
        "Deponent observed defendant standing over the informant and heard defendant state in"
        " substance: I'M GOING TO BREAK YOUR ARM.",
        "",
    ]
)


def test_the_defendant_s_own_statement_and_words_the_deponent_heard() -> None:
    found = complaint.read(HEARD)
    own = _containing(found, "that defendant took the phone")
    assert (own.speaker, own.speech, own.recipient, own.pin) == (
        "Orla Finnegan-Dube",
        "reported",
        "Tobias Renn",
        "¶ 9",
    )
    heard = _containing(found, "I'M GOING TO BREAK YOUR ARM.")
    assert heard.text.startswith("I'M GOING")
    assert (heard.speaker, heard.speech, heard.pin) == ("Orla Finnegan-Dube", "reported", "¶ 10")
    assert heard.recipient == ""  # overheard; the text does not say to whom
