"""The recording-transcript reader: labels, stamps, cues, who the labels are."""

from __future__ import annotations

from app.core.intake import forms, recording

STAMPED = """MADE UP BODY-WORN CAMERA TRANSCRIPT
Date: 03/05/2024   Device 7 (Officer 1)
Speakers: OFFICER 1 (wearer); SPEAKER 1 (driver)

[00:00:02] [Recording begins.]
[00:00:05] OFFICER 1: Good evening. License, please.
[00:00:09] SPEAKER 1: Sure, it's right here.
[00:00:15] [radio traffic]
[00:00:20] SPEAKER 1: [inaudible]
[00:01:02] OFFICER 1: Mr. Quenby, step out of the car.
And keep your hands where I can see them.
[00:01:07] SPEAKER 1: Why? I did nothing.
[00:01:09] UNIDENTIFIED MALE: Leave him alone!
"""


def test_stamped_turns_become_proposals_with_pins_setting_and_date() -> None:
    found = recording.read(STAMPED)
    assert [p.pin for p in found] == [
        "[00:00:05]",
        "[00:00:09]",
        "[00:01:02]",
        "[00:01:07]",
        "[00:01:09]",
    ]
    first = found[0]
    assert first.text == "Good evening. License, please."
    assert (first.speaker, first.speaker_kind, first.label) == ("OFFICER 1", "label", "OFFICER 1")
    assert STAMPED[first.speaker_start : first.speaker_end] == "OFFICER 1"
    assert {p.setting for p in found} == {"police_encounter"}
    assert {p.date for p in found} == {"2024-03-05"}
    assert {p.speech for p in found} == {"verbatim"}
    assert found[2].text.endswith("where I can see them.")  # the turn runs on
    assert found[4].speaker == "UNIDENTIFIED MALE"


def test_a_voice_addressed_by_name_is_resolved_keeping_its_label() -> None:
    found = recording.read(STAMPED)
    driver = [p for p in found if p.label == "SPEAKER 1"]
    assert {p.speaker for p in driver} == {"Quenby"}


def test_header_mapping_and_role_fields_name_the_labels() -> None:
    text = """MADE UP COUNTY JAIL - INMATE TELEPHONE SYSTEM
Inmate: FARROW, JUDE   Date: 2024-11-02
Speaker identification: SPEAKER 1 = inmate; SPEAKER 2 = called party
OFFICER 1 = P.O. Mara Tellis

[00:00:01] SPEAKER 2: Hello?
[00:00:03] SPEAKER 1: It's me.
[00:00:06] OFFICER 1: Time's up.
"""
    found = recording.read(text)
    assert [p.speaker for p in found] == ["SPEAKER 2", "Jude Farrow", "Mara Tellis"]
    assert [p.label for p in found] == ["SPEAKER 2", "SPEAKER 1", "OFFICER 1"]
    assert found[2].speaker_title == "P.O."
    assert {p.setting for p in found} == {"phone_call"}
    assert {p.date for p in found} == {"2024-11-02"}


def test_webvtt_cues_voice_tags_and_an_officer_who_introduces_themself() -> None:
    text = """WEBVTT

NOTE Interview room 2, recorded interview, January 9, 2025

1
00:00:01.500 --> 00:00:04.000
<v DET. ORLOV>I'm Detective Nadia Orlov. Do you understand your rights?

2
00:00:04.900 --> 00:00:06.000
<v Unknown male>Yeah.

3
00:00:06.200 --> 00:00:09.000
SPEAKER 3: I'm Officer Tam Reyk, for the record.
"""
    found = recording.read(text)
    assert [p.pin for p in found] == ["[00:00:01]", "[00:00:04]", "[00:00:06]"]
    assert (found[0].speaker, found[0].speaker_title) == ("Nadia Orlov", "Det.")
    assert (found[1].speaker, found[1].label) == ("Unknown male", "Unknown male")
    assert (found[2].speaker, found[2].label) == ("Tam Reyk", "SPEAKER 3")
    assert {p.setting for p in found} == {"police_interview"}
    assert {p.date for p in found} == {"2025-01-09"}


def test_srt_cue_numbers_and_comma_fractions() -> None:
    text = """1
00:03:12,480 --> 00:03:15,000
SGT. HOLLIS: Step back from the car.

2
00:03:15,200 --> 00:03:17,000
WOMAN: Okay, okay.
"""
    found = recording.read(text + "\n3\n00:03:18,000 --> 00:03:19,000\nSGT. HOLLIS: Thanks.\n")
    assert [(p.pin, p.speaker) for p in found] == [
        ("[00:03:12]", "Hollis"),
        ("[00:03:15]", "WOMAN"),
        ("[00:03:18]", "Hollis"),
    ]
    assert recording.looks_like(text + "\n3\n00:03:18,000 --> 00:03:19,000\nSGT. HOLLIS: Thanks.\n")


def test_looks_like_says_no_to_prose_and_court_transcripts() -> None:
    report = (
        "INCIDENT REPORT\nDate: 01/02/2024\nNarrative: At 21:10 I spoke with the caller.\n"
        'She said, "He left at 9:30." Officer Wu: arrived 21:15.\n'
    )
    court = "\n".join(f"{n:>2}   Q.  Where were you at 10:15?" for n in range(1, 26))
    assert not recording.looks_like(report)
    assert not recording.looks_like(court)
    assert recording.looks_like(STAMPED)
    assert forms.detect(STAMPED) == "recording"


def test_label_lines_with_the_words_below_and_a_header_cue() -> None:
    text = """MADE UP interview transcript
Speaker 1 (00:03):
Okay, we are recording. This is Detective Mara Quill.
It is Tuesday.

Speaker 2 (01:10):
Fine.
Speaker 1 (01:12):
Good.
"""
    assert recording.looks_like(text)
    found = recording.read(text)
    assert [(p.pin, p.speaker, p.label) for p in found] == [
        ("[00:00:03]", "Mara Quill", "Speaker 1"),
        ("[00:01:10]", "Speaker 2", "Speaker 2"),
        ("[00:01:12]", "Mara Quill", "Speaker 1"),
    ]
    assert found[0].text.endswith("It is Tuesday.")
    srt = """1
00:00:00,000 --> 00:00:03,000
MADE UP. Recorded interview, Interview Room 2, 2025-02-03.

2
00:00:04,000 --> 00:00:06,000
DET. QUILL: State your name.
"""
    (only,) = recording.read(srt)
    assert (only.setting, only.date, only.speaker) == ("police_interview", "2025-02-03", "Quill")


def test_an_agency_named_in_a_greeting_is_not_a_person() -> None:
    text = """MADE UP BODY-WORN CAMERA TRANSCRIPT
[00:00:01] OFFICER 1: Hi, this is Halden County Sheriff's Office. Open up.
[00:00:04] SPEAKER 1: Coming.
[00:00:06] OFFICER 1: Thanks.
"""
    assert recording.read(text)[0].speaker == "OFFICER 1"


def test_a_turn_addressing_someone_by_name_or_rank_names_the_recipient() -> None:
    text = """MADE UP BODY-WORN CAMERA TRANSCRIPT
NOTE Sgt. Pia Lorne and Ofc. Bex present
[00:00:01] Sgt. Lorne: Step back, please.
[00:00:03] Ofc. Bex: Sarge, the door is open.
[00:00:05] SPEAKER 1: Nobody lives there.
[00:00:07] Ofc. Bex: Mr. Harrow, stay there.
[00:00:09] SPEAKER 2: My name is Jon Harrow.
"""
    found = recording.read(text)
    assert found[1].recipient == "Pia Lorne"
    assert found[3].recipient == "Jon Harrow"
    assert found[4].speaker == "Jon Harrow"


def test_unlabelled_stamps_continue_the_voice_but_not_after_a_note() -> None:
    text = """MADE UP BODY-WORN CAMERA TRANSCRIPT   Recorded 6/7/24
[00:00:01] OFFICER 1: Hands where I can see them.
[00:00:04] Okay, now turn around.
*door slams*
[00:00:09] [Officer 1 walks away.]
[00:00:12] Who is that?
[00:00:15] SPEAKER 1: Nobody.
[00:00:17] SPEAKER 2: Me.
"""
    found = recording.read(text)
    assert [(p.pin, p.speaker) for p in found] == [
        ("[00:00:01]", "OFFICER 1"),
        ("[00:00:04]", "OFFICER 1"),
        ("[00:00:15]", "SPEAKER 1"),
        ("[00:00:17]", "SPEAKER 2"),
    ]
    assert {p.date for p in found} == {"2024-06-07"}
