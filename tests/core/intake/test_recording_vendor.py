"""A transcription vendor's body-worn camera transcript, made up: a job header naming the
media file ("BWC_ROE_..._2210.mp4") and the camera wearer, the bare elapsed time at the left
of each turn, continuation lines hung under the words, bracketed descriptions of action
before the words, and people labelled UNIDENTIFIED MALE until they are named."""

from __future__ import annotations

from app.core.intake import forms, recording
from app.core.intake.proposal import Proposal

VENDOR = """\
                    HALLBRIGHT TRANSCRIPTION SERVICES

Client:          Office of the Public Defender
Job No.:         HT-1002
Media File:      BWC_ORMSBY_3318_20260314_201500.mp4
Agency:          Wendover Police Department
Date Recorded:   03/14/2026

SPEAKERS:
  OFFICER ORMSBY    Ofc. Calla Ormsby, #3318 (camera wearer)
  OFFICER TWELVES   Ofc. Ruben Twelves, #2904

-----------------------------------------------------------------------

00:00:02    OFFICER TWELVES:  -- said she's on the porch. Dispatch has her
                              as the wife.

00:00:04    UNIDENTIFIED FEMALE:  Over here! Over here.

00:00:05    OFFICER ORMSBY:  Ma'am, Wendover Police. Are you the one
                             who called?

00:00:09    UNIDENTIFIED FEMALE:  Yes. He's in the garage.

00:00:12    OFFICER ORMSBY:  What's your name?

00:00:14    UNIDENTIFIED FEMALE:  Noor Haddad.

00:00:20    UNIDENTIFIED MALE:  [From the garage.] Noor, shut the door!
                                [Door slams.] Who called them?

00:00:24    OFFICER TWELVES:  Sir, come out here and show me your hands.

00:00:28    UNIDENTIFIED MALE:  What did I do?

00:00:31    OFFICER ORMSBY:  Nobody said you did anything.

00:00:35    UNIDENTIFIED FEMALE:  Where are you taking him?

00:00:37    OFFICER ORMSBY:  He's going to sit in the car for now.
"""


def _by_pin(proposals: list[Proposal]) -> dict[str, Proposal]:
    return {p.pin: p for p in proposals}


def test_a_camera_file_named_bwc_or_a_camera_wearer_makes_it_a_police_encounter() -> None:
    assert forms.detect(VENDOR) == "recording"
    found = _by_pin(recording.read(VENDOR))
    assert {p.setting for p in found.values()} == {"police_encounter"}
    legend = VENDOR.replace("BWC_ORMSBY", "CAM_ORMSBY")
    assert {p.setting for p in recording.read(legend)} == {"police_encounter"}


def test_a_voice_called_after_a_bracketed_description_is_the_recipient() -> None:
    found = _by_pin(recording.read(VENDOR))
    shout = found["[00:00:20]"]
    assert shout.text.startswith("[From the garage.] Noor, shut the door!")
    assert shout.recipient == "Noor Haddad"


def test_a_question_back_to_the_voice_that_spoke_to_him_goes_to_that_voice() -> None:
    found = _by_pin(recording.read(VENDOR))
    assert found["[00:00:24]"].recipient == "UNIDENTIFIED MALE"
    assert found["[00:00:28]"].recipient == "Ruben Twelves"


def test_an_officer_speaking_of_someone_to_no_one_in_particular_speaks_to_the_partner() -> None:
    found = _by_pin(recording.read(VENDOR))
    assert found["[00:00:02]"].recipient == "Calla Ormsby"
    assert found["[00:00:37]"].recipient == "Noor Haddad"  # an answer goes to the one asking


STOP = """\
[00:01:00] OFFICER 1: Do you mind if I look in the trunk?
[00:01:03] SPEAKER 1: Yeah, I mind. It's my cousin's car.
[00:01:06] SPEAKER 2: You can't open it. He said no.
[00:01:09] OFFICER 1: Ma'am, stay in the car.
"""


def test_a_voice_cutting_in_to_tell_over_what_was_just_said_speaks_to_the_one_asked() -> None:
    found = _by_pin(recording.read(STOP))
    assert found["[00:01:03]"].recipient == "OFFICER 1"
    assert found["[00:01:06]"].recipient == "OFFICER 1"
