"""Hand-made proposals as the transcript and complaint readers make them (the readers
are written alongside; these fix the fields the review and apply build on)."""

from __future__ import annotations

from app.core.intake.proposal import Proposal

TRANSCRIPT = """\
                                                            12
 1   DIRECT EXAMINATION BY MS. JONES:
 2   Q.  Officer Walsh, where were you on March 3rd?
 3   A.  I was on patrol on Fulton Street.
 4   Q.  What did you see?
 5   A.  I saw the defendant run from the store.
 6   THE COURT:  Let's take a short recess.
[00:03:12] OFFICER 1: Stop right there, hands where I can see them.
[00:03:15] SPEAKER 2: I didn't do anything, man.
[00:03:20] OFFICER 1: Turn around.
"""


def _at(words: str, text: str = TRANSCRIPT) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def transcript_proposals() -> list[Proposal]:
    """Two Q/A pairs of a direct examination, a word from the bench, and three lines
    of a body-camera recording under two unresolved labels."""

    def made(words: str, speaker: str, label: str, named_by: str, **fields: object) -> Proposal:
        start, end = _at(words)
        s_start, s_end = _at(named_by)
        values: dict[str, object] = {
            "text": words,
            "speaker": speaker,
            "label": label,
            "start": start,
            "end": end,
            "speaker_start": s_start,
            "speaker_end": s_end,
            "context": TRANSCRIPT[max(0, start - 80) : end + 40],
        }
        values.update(fields)
        return Proposal(**values)  # type: ignore[arg-type]

    hearing = {"form": "transcript", "date": "2026-03-10"}
    return [
        made(
            "Officer Walsh, where were you on March 3rd?", "Ms. Jones", "Q", "MS. JONES",
            setting="in_court", pin="12:2", confidence=0.92, speaker_kind="person",
            how="Q in the direct examination of Officer Walsh by Ms. Jones", **hearing,
        ),
        made(
            "I was on patrol on Fulton Street.", "Officer Walsh", "A", "Officer Walsh",
            setting="sworn_testimony", pin="12:3", confidence=0.9, speaker_title="Officer",
            how="A in the direct examination of Officer Walsh by Ms. Jones", **hearing,
        ),
        made(
            "What did you see?", "Ms. Jones", "Q", "MS. JONES",
            setting="in_court", pin="12:4", confidence=0.92,
            how="Q in the direct examination of Officer Walsh by Ms. Jones", **hearing,
        ),
        made(
            "I saw the defendant run from the store.", "Officer Walsh", "A", "Officer Walsh",
            setting="sworn_testimony", pin="12:5", confidence=0.9, speaker_title="Officer",
            how="A in the direct examination of Officer Walsh by Ms. Jones", **hearing,
        ),
        made(
            "Let's take a short recess.", "THE COURT", "THE COURT", "THE COURT",
            setting="in_court", pin="12:6", confidence=0.55, speaker_kind="label",
            how="the bench (THE COURT:)", **hearing,
        ),
        made(
            "Stop right there, hands where I can see them.", "", "OFFICER 1", "OFFICER 1",
            setting="police_encounter", pin="[00:03:12]", confidence=0.4,
            speaker_kind="label", form="recording", how="speaker label OFFICER 1",
        ),
        made(
            "I didn't do anything, man.", "", "SPEAKER 2", "SPEAKER 2",
            setting="police_encounter", pin="[00:03:15]", confidence=0.4,
            speaker_kind="label", form="recording", how="speaker label SPEAKER 2",
        ),
        made(
            "Turn around.", "", "OFFICER 1", "OFFICER 1", setting="police_encounter",
            pin="[00:03:20]", confidence=0.4, speaker_kind="label", form="recording",
            how="speaker label OFFICER 1",
        ),
    ]  # fmt: skip


COMPLAINT = (
    "1. Deponent states that on or about March 3, 2026, the defendant stated in "
    "substance that he had taken the phone from the counter."
)


def complaint_proposal() -> Proposal:
    words = "he had taken the phone from the counter"
    start = COMPLAINT.index(words)
    return Proposal(
        text=words,
        speaker="the defendant",
        speaker_kind="unnamed",
        start=start,
        end=start + len(words),
        speaker_start=COMPLAINT.index("the defendant"),
        speaker_end=COMPLAINT.index("the defendant") + len("the defendant"),
        context=COMPLAINT,
        setting="sworn_statement",
        speech="reported",
        pin="¶ 1",
        date="2026-03-03",
        form="complaint",
        how="the defendant's words as the deponent reports them",
        confidence=0.7,
    )
