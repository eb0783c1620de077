"""An account retold sentence by sentence: "In that statement, Collins admitted that she was
driving ... When she looked up, she noticed ... She turned and drove back ...". An opinion
(or a story) that opens a paragraph's retelling of someone's statement with "In that
statement," goes on telling its content in plain sentences about the speaker; each such
sentence is the speaker's reported words, until the paragraph turns to someone else.
"""

from __future__ import annotations

import re

from app.core.intake.extract_attribution import MASK_START, PRONOUNS, Registry, fold
from app.core.intake.prose_reported import Reported, find_reported
from app.core.intake.quotes import Quote

_FRAME = re.compile(
    r"^\W*In\s+(?:that|the|this|his|her|their)\s+(?:\w+\s+)?"
    r"(?:statement|confession|interview|account)\s*,",
    re.IGNORECASE,
)
# "When she looked up, she noticed ...": a clause of time before the subject.
_LEAD = re.compile(r"^(?:When|While|After|Before|Then|As|Once)\b[^,]{1,80},\s*")
_NOT_ACCOUNT = re.compile(r"\b(?:we|our|this court|the court)\b", re.IGNORECASE)


def reported_in_account(
    registry: Registry,
    sentence: str,
    offset: int,
    index: int,
    quotes: list[tuple[int, int, Quote]],
    *,
    author_speaks: bool,
) -> list[Reported]:
    """The reported speech of one sentence (see :func:`find_reported`), and the sentences
    that go on telling an account a frame ("In that statement,") opened."""
    found = find_reported(registry, sentence, offset, index, quotes, author_speaks=author_speaks)
    account = registry.account
    if found:
        speaker = found[0].speaker
        if _FRAME.match(sentence) and speaker is not None:
            registry.account = (index, speaker)
        elif account is not None and speaker is not account[1]:
            registry.account = None
        return found
    if account is None or account[0] != index:
        return []
    return _goes_on(registry, sentence, offset, index)


def _goes_on(registry: Registry, sentence: str, offset: int, index: int) -> list[Reported]:
    account = registry.account
    assert account is not None
    speaker = account[1]
    body = sentence.strip()
    if not body or MASK_START in body or _NOT_ACCOUNT.search(body):
        return []
    rest = body[_LEAD.match(body).end() :] if _LEAD.match(body) else body
    first = fold(rest.split()[0]) if rest.split() else ""
    surname = fold(speaker.name.split()[-1]) if speaker.name else ""
    gender = PRONOUNS.get(first, "")
    fits = gender in ("m", "f") and speaker.gender in ("", gender)
    if not fits and first != surname:
        registry.account = None  # the paragraph turns to someone else
        return []
    if fits and not speaker.gender:
        speaker.gender = gender  # the account calls the speaker "she"
    lead = len(sentence) - len(sentence.lstrip())
    item = Reported(
        index,
        offset + lead,
        offset + len(sentence.rstrip()),
        speaker,
        speaker.name,
        "said",
        "",
        how=f"the account {speaker.name} gave goes on",
    )
    item.clause_start = item.start
    return [item]
