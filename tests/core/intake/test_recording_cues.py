"""Caption cues that carry a speaker without a label: an opening introduction, dash lines."""

from __future__ import annotations

from app.core.intake import recording

# Made up: an SRT interview whose first cue names the voices, with two voices in one cue.
CUES = """1
00:00:01,000 --> 00:00:06,000
This is Ines Varga-Holt, investigator with the county defender's office.
It's Tuesday, March 4th, 2025, at the library on Elm Street.
I'm here with Tobias Renn, and his sister Mara Renn is with him.

2
00:00:07,000 --> 00:00:09,000
VARGA-HOLT: Tobias, where were you that night?

3
00:00:10,000 --> 00:00:12,000
TOBIAS RENN: At home.

4
00:00:13,000 --> 00:00:16,000
- MARA RENN: He was with me.
- TOBIAS RENN: She's right.

5
00:00:17,000 --> 00:00:21,000
VARGA-HOLT: Mara, hold on a second. Tobias, who else was home?

6
00:00:22,000 --> 00:00:25,000
TOBIAS RENN: Nobody. My sister was out.

7
00:00:25,200 --> 00:00:27,000
She came back at ten.

8
00:00:28,000 --> 00:00:29,000
VARGA-HOLT: That ends it.
It's 4:18 p.m.
"""


def test_an_unlabelled_opening_cue_that_introduces_its_speaker_is_her_turn() -> None:
    found = recording.read(CUES)
    first = found[0]
    assert first.text.startswith("This is Ines Varga-Holt")
    assert first.speaker == "Ines Varga-Holt"
    assert first.pin == "[00:00:01]"
    assert {p.setting for p in found} == {"police_interview"}
    assert {p.date for p in found} == {"2025-03-04"}


def test_each_dash_line_of_a_cue_is_its_own_speaker_turn() -> None:
    at = [p for p in recording.read(CUES) if p.pin == "[00:00:13]"]
    assert [(p.speaker, p.text) for p in at] == [
        ("Mara Renn", "He was with me."),
        ("Tobias Renn", "She's right."),
    ]


def test_a_clock_time_is_no_speaker_label() -> None:
    last = [p for p in recording.read(CUES) if p.pin == "[00:00:28]"]
    assert [p.speaker for p in last] == ["Ines Varga-Holt"]
    assert last[0].text.endswith("It's 4:18 p.m.")


def test_a_turn_that_puts_off_one_voice_asks_the_one_it_questions() -> None:
    by_pin = {p.pin: p for p in recording.read(CUES)}
    assert by_pin["[00:00:17]"].recipient == "Tobias Renn"


def test_a_cue_without_a_label_goes_on_with_the_turn_before_it() -> None:
    at = [p for p in recording.read(CUES) if p.speaker == "Tobias Renn"]
    assert at[-1].pin == "[00:00:22]"
    assert at[-1].text == "Nobody. My sister was out.\nShe came back at ten."


def test_a_dash_that_opens_a_line_of_words_goes_on_with_the_turn() -> None:
    lines = (
        "[00:00:01] OFFICER 1: Step back, sir.\n"
        "- and keep your hands where I can see them.\n"
        "[00:00:04] OFFICER 2: Clear.\n"
        "[00:00:06] OFFICER 1: Thanks.\n"
    )
    first = recording.read(lines)[0]
    assert first.text.endswith("where I can see them.")
