"""The words of a reported clause, split at the quotations inside it: each stretch of the
speaker's own words between quotations is an entry, unless it is too short to say anything
(a lead-in of fewer than four words), the author's words about the quotation (", which the
video contradicts") or the quotation's own tag ("that S-1 stated to him,").
"""

from __future__ import annotations

import re

from app.core.intake.extract_attribution import MASK_START
from app.core.intake.quotes import Quote

_AFTER_QUOTE_NOT_SPEECH = re.compile(
    # ", which the video contradicts", "before imposing the sentence": the author's words;
    # "before he was pulled onto the porch" is still the speaker's.
    r"(?:which|who|whom|whose|when|with|according|as|during|in|on|at|for|from|"
    r"(?:before|after|while)\s+\w+ing)\b",
    re.IGNORECASE,
)


def words_in(text: str) -> int:
    bare = re.sub(r"^\W*(?:and|but|or)\s+", "", text.strip(" ,;:"), flags=re.IGNORECASE)
    return len([w for w in bare.split() if any(c.isalnum() for c in w)])


_RESTRICTIVE = re.compile(r"(?:(?:in|on|of|to|by|for|from|under|with)\s+)?which\b", re.I)
_RELAY = re.compile(
    r"^\W*(?:that\s+)?\S+(?:\s+\S+)?\s+(?:stated|said|told|advised|yelled|replied)"
    r"(?:\s+to\s+\S+|\s+(?:him|her|them))?\s*[,:]?\s*$"
)


def pieces_of(
    sentence: str, start: int, end: int, inside: list[tuple[int, int, Quote]]
) -> list[tuple[int, int]]:
    """The reported words of ``sentence[start:end]``, split at its verbatim quotations."""
    cuts: list[tuple[int, int]] = []
    for q_start, q_end, quote in inside:
        if not start <= q_start < end or quote.drop:
            continue  # a name in quotation marks ("a man named “Rico”") is part of the words
        after = sentence[q_end:end]
        scare = re.search(r"\b(?:a|an|the|some|any|no)\s*$", sentence[:q_start], re.IGNORECASE)
        if quote.words <= 2 and scare and words_in(after.split(MASK_START)[0]) >= 4:
            quote.drop = True  # a word or two quoted inside the reported clause
            continue
        cuts.append((q_start, q_end))
    spans: list[tuple[int, int]] = []
    cursor = start
    for q_start, q_end in cuts + [(end, end)]:
        piece = sentence[cursor:q_start]
        lead = len(piece) - len(piece.lstrip(" ,;:\u00a0\t"))
        tail = len(piece.rstrip())
        # '"nine more cases" in which a match was ...': no comma, the clause is the speaker's.
        restrictive = "," not in piece[:lead] and _RESTRICTIVE.match(piece[lead:])
        if cursor > start and _AFTER_QUOTE_NOT_SPEECH.match(piece[lead:]) and not restrictive:
            pass  # ", which the video contradicts": the author's words about the quotation
        elif q_start < end and _RELAY.search(piece):
            pass  # "advised by radio that S-1 stated to him, "..."": the quotation's own tag
        elif tail > lead and (words_in(piece) >= 4 or (not cuts and words_in(piece) >= 2)):
            spans.append((cursor + lead, cursor + tail))
        cursor = q_end
    return spans
