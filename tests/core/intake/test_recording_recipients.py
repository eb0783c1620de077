"""Whom a recorded voice speaks to: a call taker who gives only her first name, a voice
called by its name or rank, a dispatcher calling a unit by its call sign. Made-up names."""

from __future__ import annotations

from app.core.intake import recording
from app.core.intake.proposal import Proposal

CALL = """WEBVTT - MADE UP CAPTIONS FOR A TEST

NOTE
Marrow County 911, line 2. Call received May 2, 2026.

00:00:00.000 --> 00:00:03.000
<v Call Taker>Marrow County 911, this is Odile. What's your emergency?

00:00:03.500 --> 00:00:06.000
<v Caller>Someone is breaking into my garage.

00:00:06.500 --> 00:00:08.000
<v Call Taker>What's your name, sir?

00:00:08.500 --> 00:00:10.000
<v Caller>Emeric Vantongeren.

00:00:10.500 --> 00:00:12.000
<v Unidentified Female>Dad, he's at the door!

00:00:12.500 --> 00:00:14.000
<v Caller>Saskia, go upstairs. That's my daughter Saskia.

00:00:14.500 --> 00:00:15.000
<v Unidentified Female>[unintelligible]

00:00:15.500 --> 00:00:17.000
<v Caller>He's inside now.

00:00:17.500 --> 00:00:19.000
<v Call Taker>Emeric, stay on the line.
"""


def _by_pin(proposals: list[Proposal]) -> dict[str, Proposal]:
    return {p.pin: p for p in proposals}


def test_a_call_taker_who_gives_her_first_name_is_that_name() -> None:
    found = _by_pin(recording.read(CALL))
    assert found["[00:00:00]"].speaker == "Odile"
    assert found["[00:00:00]"].recipient == "Emeric Vantongeren"
    assert found["[00:00:03]"].speaker == "Emeric Vantongeren"
    assert found["[00:00:03]"].recipient == "Odile"
    assert found["[00:00:00]"].setting == "phone_call"


def test_a_voice_called_by_its_first_name_is_the_recipient() -> None:
    found = _by_pin(recording.read(CALL))
    assert found["[00:00:12]"].recipient == "Saskia"  # named nowhere else as a voice
    assert found["[00:00:17]"].recipient == "Emeric Vantongeren"


def test_a_turn_with_no_words_is_no_one_s_partner_in_the_exchange() -> None:
    found = _by_pin(recording.read(CALL))
    assert "[00:00:14]" not in found
    assert found["[00:00:15]"].recipient == "Odile"


BODYCAM = """MADE UP BODY-WORN CAMERA TRANSCRIPTION
Recording start: 05/01/2026 22:10:04
[00:00:05] DISPATCH: 3-Baker-21, caller reports a man in the yard.
[00:00:20] OFFICER 1: I'm Officer Pavel Lindgren. Where is he?
[00:00:25] UNIDENTIFIED MALE: Out back.
[00:00:30] OFFICER 1: Stay here. Sergeant Mbatha is on the way.
[00:00:40] OFFICER 2: Lindgren, he's behind the shed.
[00:00:45] UNIDENTIFIED MALE: I live here!
[00:00:50] OFFICER 1: Sarge, can you check the shed?
[00:00:55] UNIDENTIFIED MALE: It's my shed.
[00:01:00] OFFICER 1: Okay. Dispatch, 3-Baker-21, one detained.
"""


def test_a_dispatcher_calling_a_unit_s_call_sign_speaks_to_the_officer_who_uses_it() -> None:
    found = _by_pin(recording.read(BODYCAM))
    assert found["[00:00:05]"].recipient == "Pavel Lindgren"
    assert found["[00:01:00]"].recipient == "DISPATCH"


def test_a_voice_called_by_surname_or_by_a_rank_only_one_person_holds() -> None:
    found = _by_pin(recording.read(BODYCAM))
    assert found["[00:00:40]"].recipient == "Pavel Lindgren"
    assert found["[00:00:50]"].recipient == "Mbatha"


def test_the_one_person_of_a_rank_by_full_name_and_not_a_street() -> None:
    text = BODYCAM.replace("Sergeant Mbatha is", "He turned off Main. Sergeant Ines Okoro is")
    found = _by_pin(recording.read(text))
    assert found["[00:00:50]"].recipient == "Ines Okoro"


DISPATCHER_CALL = """MADE UP 911 CALL TRANSCRIPT
Lowry Emergency Communications - Call ID 2026-04-07-0113
00:00:01 DISPATCHER: 911, what's the address of the emergency?
00:00:04 CALLER: 12 Hatch Lane. My husband fell down the stairs.
00:00:08 DISPATCHER: Ma'am, what's your name?
00:00:10 CALLER: Anneliese Ruiz.
"""


def test_on_a_phone_call_the_dispatcher_is_the_party_spoken_to() -> None:
    found = _by_pin(recording.read(DISPATCHER_CALL))
    assert found["[00:00:04]"].recipient == "DISPATCHER"
    assert found["[00:00:04]"].speaker == "Anneliese Ruiz"
    assert found["[00:00:01]"].recipient == "Anneliese Ruiz"


def test_a_place_the_header_names_is_not_a_call_taker_s_first_name() -> None:
    text = CALL.replace("Marrow County 911, this is Odile.", "911, this is Marrow, go ahead.")
    found = _by_pin(recording.read(text))
    assert found["[00:00:00]"].speaker == "Call Taker"


def test_an_oath_or_an_interjection_at_the_head_of_a_turn_calls_no_one() -> None:
    text = CALL.replace("Saskia, go upstairs.", "God, go upstairs. Oh my God.")
    found = _by_pin(recording.read(text))
    assert found["[00:00:12]"].recipient != "God"


INTERRUPTED = """MADE UP INTERVIEW ROOM TRANSCRIPT
Interview Room 2 recording, 03/14/2026
Speakers: DET. ARKWRIGHT = Det. Solveig Arkwright; MALE 1 = the interviewee.
[00:00:05] MALE 1: My name's Tobias Wren.
[00:00:09] DET. ARKWRIGHT: Where were you Friday night?
[00:00:12] MALE 1: Home.
[00:00:15] UNIDENTIFIED MALE: Solveig, the lab's on line two.
[00:00:18] DET. ARKWRIGHT: Sit tight for a minute, Tobias. Don't go anywhere.
[00:00:22] DET. ARKWRIGHT: Thanks, I'll take it outside.
"""


def test_a_name_called_at_the_close_of_the_first_sentence_is_the_recipient() -> None:
    found = _by_pin(recording.read(INTERRUPTED))
    assert found["[00:00:15]"].recipient == "Solveig Arkwright"
    assert found["[00:00:18]"].recipient == "Tobias Wren"  # not the voice just before
    assert found["[00:00:22]"].recipient == "UNIDENTIFIED MALE"


def test_a_name_read_out_surname_first_calls_no_one() -> None:
    text = INTERRUPTED.replace("Sit tight for a minute, Tobias.", "It comes back Wren, Tobias.")
    found = _by_pin(recording.read(text))
    assert found["[00:00:18]"].recipient == "UNIDENTIFIED MALE"
