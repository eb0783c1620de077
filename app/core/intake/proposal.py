"""One proposed statement: what every reader of a text form returns.

Readers (app/core/intake/prose.py, transcript.py, recording.py, complaint.py) fill
what their form tells; the review dialog and ``casefile extract`` show it, and
app/core/intake/apply.py writes what the person accepts.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

SETTINGS = (
    "sworn_testimony",  # a witness's answers at a hearing, trial, grand jury or deposition
    "in_court",  # unsworn words in court: the judge, counsel, a question put to a witness
    "sworn_statement",  # a complaint's or affidavit's own allegations
    "police_interview",  # questioning by police or an investigator
    "police_encounter",  # words at a scene, on body-worn camera or told in a report
    "interview",  # to a reporter
    "written_statement",  # "said in a statement", a released statement, a letter
    "press_conference",  # at a news conference, "told reporters" at a briefing
    "social_media",  # "wrote on Instagram"
    "phone_call",  # a recorded or reported call (911, jail call)
)
"""The settings a reader may propose (``Proposal.setting``); empty when the text says none."""


@dataclass
class Proposal:
    """One statement the text seems to contain, for a person to accept, edit or reject."""

    text: str
    speaker: str  # a full name when the text gives one, else the words used ("spokesperson")
    speaker_as_written: str = ""
    speaker_title: str = ""
    speaker_kind: str = "person"  # person, org, unnamed, unknown, label
    recipient: str = ""
    paragraph: int = 0
    end_paragraph: int = 0
    context: str = ""  # the sentence (or transcript turn) the statement sits in
    how: str = ""  # why this speaker: the rule, in words a person reads in the review
    confidence: float = 0.0
    start: int = 0  # offsets of the statement's words in the whole text
    end: int = 0
    setting: str = ""  # one of SETTINGS, or "" when the text states none
    date: str = ""  # YYYY-MM-DD when the text states it or it follows from the text
    speech: str = "verbatim"  # or "reported" (indirect speech, "stated in substance")
    pin: str = ""  # a pin cite in the form's own terms ("12:4-9", "[00:03:12]"); else ¶
    label: str = ""  # a transcript's speaker label as written ("OFFICER 1", "Q"), to map once
    speaker_start: int = -1  # offsets of the words naming the speaker, for highlighting
    speaker_end: int = -1
    form: str = "prose"  # which reader proposed it: prose, transcript, recording, complaint

    @property
    def pin_cite(self) -> str:
        if self.pin:
            return self.pin
        if self.end_paragraph and self.end_paragraph != self.paragraph:
            return f"¶¶ {self.paragraph}–{self.end_paragraph}"
        return f"¶ {self.paragraph}"

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["pin_cite"] = self.pin_cite
        return data
