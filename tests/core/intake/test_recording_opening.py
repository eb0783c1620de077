"""Recording transcripts whose legend, opening words or radio calls tell who and where."""

from __future__ import annotations

from app.core.intake import forms, recording

# Made up: a legend naming the camera wearer only by role, bare stamps, a radio voice.
LEGEND = """MADE UP BODY CAMERA TRANSCRIPT
Camera: Sgt. Nadia Okafor #2210     Recorded: 04/09/2024 21:03
Legend: OFFICER 1 = camera wearer; OFFICER 2 = partner; UM = unidentified male

00:00:02  OFFICER 1: Hey! Hold up!
00:00:05  OFFICER 2: Behind the van!
00:00:09  OFFICER 1: Control, 2210, one detained behind the laundromat.
00:00:13  DISPATCHER: Copy, 2210.
00:00:20  OFFICER 1: Sit down on the curb.
00:00:24  UM: Okay, okay.
00:00:31  OFFICER 2: Gloves are on.
00:00:35  OFFICER 1: Where do you live?
00:00:38  UM: Over on Pine.
"""


def test_the_camera_wearer_of_the_legend_is_named_from_the_camera_field() -> None:
    found = recording.read(LEGEND)
    wearer = [p for p in found if p.label == "OFFICER 1"]
    assert {p.speaker for p in wearer} == {"Nadia Okafor"}
    assert {p.speaker_title for p in wearer} == {"Sgt."}
    assert {p.speaker for p in found if p.label == "OFFICER 2"} == {"OFFICER 2"}
    assert {p.setting for p in found} == {"police_encounter"}
    assert {p.date for p in found} == {"2024-04-09"}
    assert found[0].pin == "[00:00:02]"


def test_a_radio_call_goes_to_dispatch_and_dispatch_is_spoken_to_only_when_called() -> None:
    by_pin = {p.pin: p for p in recording.read(LEGEND)}
    assert by_pin["[00:00:09]"].recipient == "DISPATCHER"
    assert by_pin["[00:00:13]"].recipient == "Nadia Okafor"
    # after the radio exchange the officer speaks to the man, not to the radio
    assert by_pin["[00:00:20]"].recipient == "UM"


def test_a_question_is_put_to_the_voice_that_answers_it() -> None:
    by_pin = {p.pin: p for p in recording.read(LEGEND)}
    asked = by_pin["[00:00:35]"]
    assert asked.text == "Where do you live?"
    assert asked.recipient == "UM"  # not OFFICER 2, who spoke just before
    assert by_pin["[00:00:38]"].recipient == "Nadia Okafor"


# Made up: an SRT interview, names in the cue text, place and day said on the record.
SRT_INTERVIEW = """1
00:00:00,500 --> 00:00:02,000
[Made-up captions for a test]

2
00:00:02,400 --> 00:00:08,100
INV. MARSH: This is Investigator Pell Marsh, Bracken Sheriff, interview room B, March 3, 2025.

3
00:00:08,500 --> 00:00:10,000
SGT. VOSS: Sergeant Ida Voss is also here.

4
00:00:10,400 --> 00:00:13,000
INV. MARSH: Can you tell us where you were on Friday?

5
00:00:13,300 --> 00:00:15,900
LOWRY: Home. All night.
"""


def test_an_srt_interview_states_its_place_and_day_in_the_opening_words() -> None:
    assert forms.detect(SRT_INTERVIEW) == "recording"
    found = recording.read(SRT_INTERVIEW)
    assert [p.pin for p in found] == ["[00:00:02]", "[00:00:08]", "[00:00:10]", "[00:00:13]"]
    assert [p.speaker for p in found] == ["Pell Marsh", "Ida Voss", "Pell Marsh", "Lowry"]
    assert found[0].speaker_title == "Inv."
    assert {p.setting for p in found} == {"police_interview"}
    assert {p.date for p in found} == {"2025-03-03"}
    assert found[2].recipient == "Lowry"  # the question goes to the one who answers
    assert found[3].text == "Home. All night."
    assert found[3].speech == "verbatim"
    assert SRT_INTERVIEW[found[3].speaker_start : found[3].speaker_end] == "LOWRY"


# Made up: role labels whose names the header's fields give.
ROLE_FIELDS = """MADE UP INTERVIEW TRANSCRIPT
Harbor City Police - Recorded Interview     Date: 07/14/2025
Interviewer: Det. Amos Quill     Interviewee: Noor Basri

00:00:03 INTERVIEWER: This is being recorded. Please state your name.
00:00:07 INTERVIEWEE: Noor Basri.
00:00:10 INTERVIEWER: Where were you Tuesday night?
00:00:14 INTERVIEWEE: At work until nine, then home.
"""


def test_role_labels_take_the_names_of_the_header_fields_of_that_role() -> None:
    found = recording.read(ROLE_FIELDS)
    assert [p.speaker for p in found] == ["Amos Quill", "Noor Basri", "Amos Quill", "Noor Basri"]
    assert found[0].speaker_title == "Det."
    assert found[0].speaker_kind == "person"
    assert found[0].label == "INTERVIEWER"  # the label as written stays for the review
    assert [p.recipient for p in found] == ["Noor Basri", "Amos Quill", "Noor Basri", "Amos Quill"]
    assert {p.setting for p in found} == {"police_interview"}
    assert {p.date for p in found} == {"2025-07-14"}
    assert found[3].pin == "[00:00:14]"


# Made up: a name with a bare stamp on its own line, the words below (transcription services).
NAME_LINES = """MADE UP TRANSCRIPT
Detective Marcus Lee  00:00:04
Okay, we're recording. Today is June 3, 2025, interview room one.

Jonah Pratt  00:01:11
Do I need a lawyer?

Detective Marcus Lee  00:01:15
That's up to you.
"""


def test_a_name_line_with_a_bare_stamp_keeps_the_stamp_out_of_the_name() -> None:
    assert forms.detect(NAME_LINES) == "recording"
    found = recording.read(NAME_LINES)
    assert [(p.speaker, p.speaker_title, p.pin) for p in found] == [
        ("Marcus Lee", "Detective", "[00:00:04]"),
        ("Jonah Pratt", "", "[00:01:11]"),
        ("Marcus Lee", "Detective", "[00:01:15]"),
    ]
    assert NAME_LINES[found[1].speaker_start : found[1].speaker_end] == "Jonah Pratt"
    assert found[1].text == "Do I need a lawyer?"
    assert {p.setting for p in found} == {"police_interview"}
    assert {p.date for p in found} == {"2025-06-03"}
