"""Whom a transcript's turns are spoken to where the exchange itself says it: a juror's
question goes to the witness on the stand; the witness or the defendant answers whoever put
the question (or the request: "State your name for the record.") just before, and that
question, or a warning that calls him by name, was put to the one who answers it (the court's
allocution, the clerk's plea); a turn that calls the witness or the defendant by name or rank
("If you know, Detective.", "Thank you, Mr. Roe.") and no one else is spoken to them."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from app.core.intake.proposal import Proposal
from app.core.intake.transcript_cast import Person

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
        and ("?" in previous.text or _REQUEST.match(previous.text))  # a warning may follow
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


# A request put to the one who answers it ("Please state your name for the record.").
_REQUEST = re.compile(r"(?i)^\W*(?:please\s+)?(?:state|spell|tell|give)\s+(?:us\s+)?your\b")

# Labels of the one answering the court or the clerk rather than a lawyer's Q.
_ANSWERING = ("THE WITNESS", "THE DEPONENT", "THE DEFENDANT", "DEFENDANT")


def called_by_name(
    proposal: Proposal, listeners: list[Person | None], others: list[Person | None]
) -> None:
    """A turn (not a Q or an A) that, as it opens, calls one of ``listeners`` (the witness on
    the stand, the defendant) by name or rank and no one else ("I'll allow it. If you know,
    Detective."; "Thank you, Mr. Roe. I have considered ...") is spoken to that listener.
    Calling counsel or the bench too ("Thank you, Detective. Ms. Doe, any questions?") leaves
    the turn with no one recipient."""
    if proposal.recipient or proposal.label.upper() in _QA_LABELS:
        return
    opening = _opening(proposal.text)
    if _BENCH_AND_BAR.search(opening):
        return
    called = {
        person.name
        for person in (*listeners, *others)
        if person is not None and person.name and person.name != proposal.speaker
        if _calling(person.name, person.title).search(opening)
    }
    if len(called) == 1:
        name = called.pop()
        if any(person is not None and person.name == name for person in listeners):
            proposal.recipient = name


_QA_LABELS = ("Q", "A", "QUESTION", "ANSWER")
_OPENERS = r"(?i:(?:thank\s+you|thanks|all\s+right|okay|now|and|yes|no|well|so)[,.]?\s+)?"
# A sentence's end, not the stop of a title ("Mr. Roe", "Det. Roe").
_SENTENCE_END = re.compile(r"(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bDet)(?<!\bSgt)[.?!]\s+")


def _opening(words: str) -> str:
    """The first two sentences of ``words``, where one calls the one spoken to."""
    ends = [m.end() for m in islice(_SENTENCE_END.finditer(words), 2)]
    return words[: ends[1]] if len(ends) > 1 else words


def _called(forms: str) -> re.Pattern[str]:
    """Someone called by one of ``forms``: at the head of a sentence ("Mr. Roe, ...",
    "Thank you, Mr. Roe.") or closing one after a comma ("..., Detective.")."""
    head = rf"(?:^|[.?!]\s+)\W*{_OPENERS}(?:{forms})\s*[,.?!]"
    tail = rf",\s*(?:{forms})\s*[.?!]"
    return re.compile(rf"{head}|{tail}")


_BENCH_AND_BAR = _called(r"(?i:counsel|your\s+honou?r|judge|justice)")


@lru_cache(maxsize=256)
def _calling(name: str, title: str) -> re.Pattern[str]:
    """How a court calls the person ``name``: "Mr. Roe", "Jane Roe", her rank with or
    without her surname ("Detective", "Officer Roe"); never her first name alone."""
    surname = re.escape(name.split()[-1])
    forms = [rf"(?:Mr|Ms|Mrs|Miss|Dr)\.?\s+{surname}", re.escape(name)]
    ranks = [w for w in title.split() if w.lower().strip(".") not in ("mr", "ms", "mrs")]
    for start in range(len(ranks)):
        rank = r"\s+".join(re.escape(w) for w in ranks[start:])
        forms.append(rf"{rank}(?:\s+{surname})?")
    return _called("|".join(forms))
