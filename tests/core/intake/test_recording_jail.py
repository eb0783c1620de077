"""A jail call whose voice labels include INMATE, a word the header also uses as a field
("Inmate: ROE, JANE"): under a stamp it is a speaker. Made-up names."""

from __future__ import annotations

from app.core.intake import recording

CALL = """MADE UP TRANSCRIPT - JAIL CALL
Halden County Jail - Inmate Telephone System
Inmate: MARROW, TOBIAS   Booking: 24-1199   Date: 2024-09-14
[00:00:00] AUTOMATED VOICE: This is a prepaid call from an inmate at Halden County Jail.
[00:00:09] INMATE: Hey, it's me.
[00:00:11] FEMALE: Toby? Why are you calling?
[00:00:15] INMATE: Listen, did Dre get the car?
[00:00:19] FEMALE: He got it.
"""


def test_inmate_under_a_stamp_is_a_voice_named_by_the_header() -> None:
    found = {p.pin: p for p in recording.read(CALL)}
    hey = found["[00:00:09]"]
    assert (hey.text, hey.speaker, hey.label) == ("Hey, it's me.", "Tobias Marrow", "INMATE")
    assert hey.setting == "phone_call"
    assert found["[00:00:11]"].recipient == "Tobias Marrow"
    assert found["[00:00:15]"].speaker == "Tobias Marrow"
    assert found["[00:00:15]"].recipient == "FEMALE"


def test_after_a_recorded_prompt_the_call_goes_on_between_its_parties() -> None:
    text = CALL + "[00:00:31] AUTOMATED VOICE: You have one minute remaining.\n"
    text += "[00:00:33] FEMALE: Okay. I love you.\n"
    found = {p.pin: p for p in recording.read(text)}
    assert found["[00:00:33]"].recipient == "Tobias Marrow"
