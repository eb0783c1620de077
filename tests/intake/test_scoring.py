"""The evaluation set's scorer is itself right: tiny made-up keys and proposals whose scores
are counted by hand (the whole set is scored by ``benchmarks/bench_intake.py``, not here)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from tests.intake.scoring import (
    Candidate,
    Places,
    Tally,
    copy_offsets,
    entry_offsets,
    pin_start,
    score,
    table,
)

NEWS = (
    "Sheriff Whitlock On Raids: What We Know\n"
    "By a reporter, June 11, 2025\n"
    '"We had information," Sheriff Dana Whitlock said at a news conference Tuesday.\n'
    'Aguirre said deputies broke the door. "We had information," she told the Courier.\n'
)


def entry(**fields: Any) -> dict[str, Any]:
    base = {
        "quote_start": "",
        "quote_end": "",
        "speech": "verbatim",
        "speaker": "",
        "speaker_title": None,
        "setting": None,
        "recipient": None,
        "date": None,
        "pin": "",
    }
    return base | fields


NEWS_KEY = {
    "pin_form": "paragraph",
    "paragraphs": "lines",
    "statements": [
        entry(
            quote_start="We had information,",
            speaker="Dana Whitlock",
            setting="press_conference",
            date="2025-06-10",
            pin="¶ 3",
        ),
        entry(
            quote_start="deputies broke the door",
            speech="reported",
            speaker="Rosalind Aguirre",
            pin="¶ 4",
        ),
        entry(
            quote_start="We had information,",
            speaker="Rosalind Aguirre",
            speaker_alt=["Aguirre"],
            recipient="Harlan Courier",
            pin="¶ 4",
        ),
    ],
}


@dataclass
class Old:
    """A proposal as the current extractor makes it: no setting, date or speech."""

    text: str
    speaker: str
    pin_cite: str
    recipient: str = ""
    start: int = -1
    end: int = -1


def test_paragraph_key_counts_by_hand() -> None:
    offsets = entry_offsets(NEWS_KEY, NEWS)
    assert offsets == [NEWS.index("We had"), NEWS.index("deputies"), NEWS.rindex("We had")]
    proposals = [
        # The first entry: found, speaker right, no setting or date proposed, pin right.
        Old("We had information,", "Dana Whitlock", "¶ 3"),
        # The third: same words, placed by its own pin at ¶ 4; "Courier" is a shorter string.
        Old("We had information,", "Aguirre", "¶ 4", recipient="Courier"),
        # Words in no entry: a proposal that finds nothing.
        Old("What We Know", "Whitlock On Raids", "¶ 1"),
    ]
    tally = score(NEWS_KEY, proposals, offsets)
    assert (tally.entries, tally.found, tally.speaker_right) == (3, 2, 2)
    assert (tally.with_setting, tally.setting_right) == (1, 0)
    assert (tally.with_date, tally.date_right) == (1, 0)
    assert (tally.with_recipient, tally.recipient_right) == (1, 0)
    assert (tally.pin_right, tally.speech_right) == (2, 2)  # no speech given: verbatim
    assert (tally.reported, tally.reported_found, tally.verbatim_found) == (1, 0, 2)
    assert (tally.proposals, tally.matched_proposals) == (3, 2)
    figures = tally.figures()
    assert figures["recall"] == 2 / 3 and figures["speaker"] == 1.0
    assert figures["precision"] == 2 / 3 and figures["recall_reported"] == 0.0
    assert len(tally.misses) == 1 and "deputies" in tally.misses[0]
    assert len(tally.wrong) == 1 and "'Courier' != 'Harlan Courier'" in tally.wrong[0]


def test_speaker_must_be_the_name_exactly() -> None:
    offsets = entry_offsets(NEWS_KEY, NEWS)
    for said, right in [
        ("Dana Whitlock", True),
        ("dana  whitlock", True),
        ("Sheriff Dana Whitlock", False),  # longer
        ("Whitlock", False),  # shorter
        ("", False),
    ]:
        tally = score(NEWS_KEY, [Old("We had information", said, "¶ 3")], offsets)
        assert tally.found == 1
        assert tally.speaker_right == right, said
    # speaker_alt is accepted, and a leading "the" is not part of the name.
    alt = score(NEWS_KEY, [Old("We had information", "the Aguirre", "¶ 4")], offsets)
    assert alt.speaker_right == 1


def test_place_is_the_pin_or_the_span() -> None:
    offsets = entry_offsets(NEWS_KEY, NEWS)
    second = NEWS.rindex('"We had')
    # A span decides the place over a pin: the words at ¶ 4's offsets find ¶ 4's entry,
    # though the pin cite (scored apart) is wrong; with no span, the pin ¶ 2 finds nothing.
    by_span = Old("We had information", "Aguirre", "¶ 9", start=second, end=second + 20)
    tally = score(NEWS_KEY, [by_span], offsets)
    assert (tally.found, tally.with_recipient, tally.speaker_right) == (1, 1, 1)
    assert tally.pin_right == 0
    assert score(NEWS_KEY, [Old("We had information", "x", "¶ 2")], offsets).found == 0
    # One proposal finds one entry at most, however many starts it holds.
    both = Old("We had information, We had information", "x", "¶ 3", start=0, end=len(NEWS))
    assert score(NEWS_KEY, [both], offsets).found == 1


def test_set_fields_are_scored_where_given() -> None:
    offsets = entry_offsets(NEWS_KEY, NEWS)
    full = [
        Candidate(
            "We had information",
            "Dana Whitlock",
            pin="¶¶ 3–4",  # compared on its start
            setting="press_conference",
            date="2025-06-10",
        ),
        Candidate("deputies broke the door.", "Rosalind Aguirre", pin="¶ 4", speech="reported"),
        Candidate(
            "We had information", "Aguirre", recipient="Harlan Courier", pin="¶ 4", speech="x"
        ),
    ]
    tally = score(NEWS_KEY, full, offsets)
    assert tally.found == tally.speaker_right == tally.pin_right == 3
    assert tally.setting_right == tally.date_right == tally.recipient_right == 1
    assert tally.speech_right == 2  # "x" is neither verbatim nor reported
    assert tally.reported_found == 1 and tally.wrong == []


TRANSCRIPT = (
    "MADE UP\n\n"
    "                                                                      41\n"
    " 1         THE COURT: Good morning. Call your\n"
    " 2   witness.\n"
    " 3   Q.   Where were you?\n"
    " 4   A.   Home.\n"
    "\f\n"
    "                                                                      42\n"
    " 1   Q.   Where were you?\n"
    " 2   A.   Home, I said.\n"
)
TRANSCRIPT_KEY = {
    "pin_form": "page_line",
    "statements": [
        entry(quote_start="Good morning.", speaker="Miriam Kessler", pin="41:1-2"),
        entry(quote_start="Where were you?", speaker="Owen Pratley", pin="41:3"),
        entry(quote_start="Home.", speaker="Renata Holm", pin="41:4"),
        entry(quote_start="Where were you?", speaker="Owen Pratley", pin="42:1"),
        entry(quote_start="Home, I said.", speaker="Renata Holm", pin="42:2"),
    ],
}


def test_transcript_places_and_repeated_words() -> None:
    places = Places(TRANSCRIPT, "page_line")
    assert places.at(TRANSCRIPT.index("witness.")) == "41:2"
    assert places.at(TRANSCRIPT.rindex("Where")) == "42:1"
    offsets = entry_offsets(TRANSCRIPT_KEY, TRANSCRIPT)
    assert offsets[1] == TRANSCRIPT.index("Where") and offsets[3] == TRANSCRIPT.rindex("Where")
    # "Home." (41:4) is not taken for the start of "Home, I said." and the reverse.
    assert offsets[2] == TRANSCRIPT.index("Home.") and offsets[4] == TRANSCRIPT.index("Home,")
    proposals = [
        Candidate("Where were you?", "Owen Pratley", pin="42:1"),  # only the second one
        Candidate("Where were you?", "Q", pin="41:3-4"),
        Candidate("Good morning. Call your witness.", "THE COURT", pin="¶ 3"),  # not this form
    ]
    tally = score(TRANSCRIPT_KEY, proposals, offsets)
    assert (tally.found, tally.speaker_right, tally.pin_right) == (2, 1, 2)
    assert tally.matched_proposals == 2


def test_pin_forms() -> None:
    assert pin_start("12:22-13:3", "page_line") == "12:22"
    assert pin_start("¶ 12", "page_line") is None
    assert pin_start("[00:03:12.480]", "timestamp") == "[00:03:12]"
    assert pin_start("[0:03:12]", "timestamp") == "[00:03:12]"
    assert pin_start("00:03:12", "timestamp") is None
    assert pin_start("¶¶ 15–16", "paragraph") == "¶ 15"
    assert pin_start("", "paragraph") is None


def test_timestamps_and_numbered_paragraphs() -> None:
    vtt = (
        "WEBVTT\n\n00:00:04.120 --> 00:00:07.900\n<v A>Hello there.\n\n"
        "00:00:11.300 --> 00:00:12.000\n<v B>Hello there.\n"
    )
    key = {
        "pin_form": "timestamp",
        "statements": [
            entry(quote_start="Hello there.", speaker="A", pin="[00:00:04]"),
            entry(quote_start="Hello there.", speaker="B", pin="[00:00:11]"),
        ],
    }
    assert entry_offsets(key, vtt) == [vtt.index("Hello"), vtt.rindex("Hello")]
    complaint = (
        "THE COMPLAINT\n1. Deponent states that he ran.\n\n2. Informant states that he ran.\n"
    )
    numbered = {
        "pin_form": "paragraph",
        "paragraphs": "numbered",
        "statements": [entry(quote_start="that he ran", speaker="X", pin="¶ 2")],
    }
    assert entry_offsets(numbered, complaint) == [complaint.rindex("that he ran")]
    assert Places(complaint, "paragraph", "numbered").at(complaint.index("Informant")) == "¶ 2"
    assert Places(complaint, "paragraph", "lines").at(complaint.index("Informant")) == "¶ 3"


def test_a_copy_keeps_the_places_of_its_text() -> None:
    # A PDF's text layer: other line breaks and spacing, curly quotes, the same words.
    copy = TRANSCRIPT.replace("\f\n", "").replace("   ", " ").replace("witness.", "witness.\n")
    offsets = copy_offsets(TRANSCRIPT_KEY, TRANSCRIPT, copy)
    assert offsets[3] == copy.rindex("Where") and offsets[4] == copy.index("Home,")
    assert copy_offsets(TRANSCRIPT_KEY, TRANSCRIPT, "nothing alike") == [None] * 5


def test_held_out_keeps_counts_only_and_tallies_add_up() -> None:
    offsets = entry_offsets(NEWS_KEY, NEWS)
    hidden = score(NEWS_KEY, [Old("We had information", "Nobody", "¶ 3")], offsets, details=False)
    assert (hidden.found, hidden.speaker_right) == (1, 0)
    assert hidden.misses == [] and hidden.wrong == []
    both = hidden + score(NEWS_KEY, [], offsets)
    assert (both.texts, both.entries, both.found, both.proposals) == (2, 6, 1, 1)
    assert both.figures()["precision"] == 1.0
    assert Tally().figures()["recall"] is None
    row = table([("news", both)]).splitlines()[-1]
    assert row.startswith("| news | 2 | 6 | 17% | 0% |")


def test_a_proposal_is_read_through_its_attributes() -> None:
    @dataclass
    class New:
        text: str
        speaker: str
        pin: str
        setting: str
        date: Any
        speech: str
        start: int | None = None

    read = Candidate.of(New("Hi.", "A", "2:3", "in_court", datetime.date(2025, 3, 4), "reported"))
    assert (read.pin, read.setting, read.date, read.speech) == (
        "2:3",
        "in_court",
        "2025-03-04",
        "reported",
    )
    assert (read.start, read.end, read.recipient) == (-1, -1, "")
    assert Candidate.of(Old("Hi.", "A", "¶ 1")).speech == "verbatim"
