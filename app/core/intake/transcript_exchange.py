"""Whom a transcript's turns are spoken to where the exchange itself says it: a juror's
question goes to the witness on the stand; the witness or the defendant answers whoever put
the question just before, and that question, or a warning that calls him by name, was put
to the one who answers it (the court's allocution, the clerk's plea)."""

from __future__ import annotations

import re

from app.core.intake.proposal import Proposal

# "A JUROR", "GRAND JUROR", "JUROR NO. 7", "JUROR 3": a juror's own question to the witness.
_JUROR = re.compile(r"^(?:(?:A|THE)\s+)?(?:GRAND\s+)?JUROR\b")


def answering(proposal: Proposal, previous: Proposal | None, witness: str) -> None:
    """Recipients the exchange fixes: a juror's question goes to the witness on the stand;
    the witness or the defendant answers whoever put the question just before, and that
    question was put to the one who answers it (the court's allocution, the clerk's plea)."""
    if _JUROR.match(proposal.label.upper()) and proposal.text.endswith("?"):
        proposal.recipient = witness
    elif (
        proposal.label.upper() in _ANSWERING
        and previous is not None
        and "?" in previous.text  # a question, though a warning may follow it
        and previous.label.upper() not in ("Q", "A", "QUESTION", "ANSWER", *_ANSWERING)
    ):
        proposal.recipient = previous.speaker
        previous.recipient = previous.recipient or proposal.speaker
    elif (
        proposal.label.upper() in _ANSWERING
        and previous is not None
        and previous.label.upper() in ("Q", "QUESTION")
        and previous.speaker_kind == "person"
    ):
        proposal.recipient = previous.speaker  # the witness answering a Q under her label
    elif previous is not None and _addresses(previous.text, proposal):
        # "THE COURT: Mr. Roe, you are to stay away ..." "THE DEFENDANT: I understand."
        proposal.recipient = previous.speaker
        previous.recipient = previous.recipient or proposal.speaker


def _addresses(words: str, reply: Proposal) -> bool:
    """Whether ``words`` open by calling the one who replies (a defendant) by name."""
    if reply.label.upper() not in _ANSWERING or reply.speaker_kind != "person":
        return False
    surname = re.escape(reply.speaker.split()[-1])
    given = re.escape(reply.speaker.split()[0])
    return bool(re.match(rf"\W*(?:(?:Mr|Ms|Mrs|Miss)\.?\s+|{given}\s+)?{surname}\b", words))


# Labels of the one answering the court or the clerk rather than a lawyer's Q.
_ANSWERING = ("THE WITNESS", "THE DEPONENT", "THE DEFENDANT", "DEFENDANT")
