"""When a complaint's reported words were said: the day of the telling, not a day the
words themselves name, and "the next day" running past a witness's initials. Made up."""

from __future__ import annotations

from app.core.intake import complaint
from app.core.intake.proposal import Proposal

AFFIDAVIT = """MADE UP AFFIDAVIT FOR TESTING
United States of America
v.
PERPETUA HOLLOWAY,
Defendant(s)
AFFIDAVIT IN SUPPORT OF A CRIMINAL COMPLAINT
I, Dorian Vasquez-Lenz, being first duly sworn, hereby depose and state as follows:

     1. I am a Special Agent with the Federal Bureau of Investigation.

     2. On June 9, 2026, I interviewed a courier ("Witness-1"). Witness-1 told me that on
     June 2, 2026, he delivered a parcel to the warehouse. According to Witness-1, the
     woman who signed for it wore gloves.

     3. On June 3, 2026, K.M. saw the van. The next day, at the depot, K.M. told me that the
     van had no plates and that the driver had said to him, "Keep your mouth shut."

     4. On June 10, 2026, after being advised of her Miranda rights, HOLLOWAY said,
     "I never signed for anything."
"""


def _containing(found: list[Proposal], words: str) -> Proposal:
    return next(p for p in found if words in p.text)


def test_a_day_named_inside_the_reported_words_is_not_the_day_they_were_said() -> None:
    found = complaint.read(AFFIDAVIT)
    assert _containing(found, "he delivered a parcel").date == "2026-06-09"
    assert _containing(found, "woman who signed").date == "2026-06-09"


def test_the_next_day_runs_past_a_witness_s_initials() -> None:
    found = complaint.read(AFFIDAVIT)
    told = _containing(found, "van had no plates")
    assert (told.speaker, told.date) == ("K.M.", "2026-06-04")


def test_the_defendant_of_a_caption_set_on_lines_of_its_own() -> None:
    found = complaint.read(AFFIDAVIT)
    denial = _containing(found, "I never signed for anything.")
    assert (denial.speaker, denial.setting) == ("Perpetua Holloway", "police_interview")


def test_words_quoted_inside_an_account_are_dated_with_the_events_it_tells() -> None:
    found = complaint.read(AFFIDAVIT)
    assert _containing(found, "Keep your mouth shut.").date == "2026-06-03"
