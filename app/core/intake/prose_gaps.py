"""Quotations no tag attributes: a message quoted by what it "reads" (the words of the one it
is from, to the one it is to), another quotation of the paragraph, a colon's lead-in, the
sentence's subject, or, as a last guess, the last one who spoke.
"""

from __future__ import annotations

import re

from app.core.intake.extract_attribution import Entity, Registry
from app.core.intake.quotes import Paragraph, Quote

# "The message reads:", "The email read, ": a written message quoted by its own words.
_MESSAGE_READS = re.compile(
    r"\b(?:the|this|that|his|her|their)\s+(?:text\s+)?"
    r"(?:message|text|email|e-mail|letter|note|post|voicemail)\s+"
    r"(?:reads|read|says|said|stated|states)(?:\s+in\s+part)?\s*[:,]?\s*[“\"]?$",
    re.IGNORECASE,
)
# "from Mr. Orr's phone to his cousin, Ada Orr-Bell": who sent a message, and to whom.
_FROM_TO = re.compile(
    r"\bfrom\s+(?P<sender>(?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w\-]*)"
    r"(?:['’]s(?:\s+[\w\-]+){1,2})?\s+to\s+(?P<to>[^.()]+?)\s*(?:\(|\.\s|\.$|$)"
)


def _message(registry: Registry, quote: Quote, paras: list[Paragraph]) -> bool:
    """ "(c) Text message, ... from X's phone to his sister, Y. The message reads: "...""."""
    index, start, _end = quote.pieces[0]
    before = paras[index].text[:start]
    if not _MESSAGE_READS.search(before):
        return False
    found = list(_FROM_TO.finditer(before))
    if not found:
        return False
    phrase, entity = registry.resolve_phrase(found[-1].group("sender"))
    if entity is None:
        return False
    to = found[-1].group("to").split(",")[-1].strip()  # "his sister, Ada": the name
    people = [e for _s, _e, e in registry.scan(to) if e.kind == "person"]
    quote.speaker, quote.phrase, quote.has_verb = entity, phrase, True
    quote.recipient = people[-1].name if people and to[:1].isupper() else to
    quote.how, quote.confidence = "the sender's message", 0.8
    return True


def fill_gaps(
    quotes: list[Quote],
    by_para: dict[int, list[tuple[int, int, Quote]]],
    paras: list[Paragraph],
    colon_attribution: dict[int, tuple[str, Entity | None]],
    registry: Registry,
) -> None:
    for quote in quotes:
        if quote.drop or quote.speaker is not None or quote.phrase:
            continue
        if _message(registry, quote, paras):
            continue
        index = quote.pieces[0][0]
        same = [q for _s, _e, q in sorted(by_para.get(index, []), key=lambda x: x[0])]
        position = same.index(quote)
        neighbours = [q for q in reversed(same[:position])] + same[position + 1 :]
        for other in neighbours:
            if other is not quote and (other.speaker is not None or other.phrase):
                quote.speaker, quote.phrase = other.speaker, other.phrase
                if not quote.recipient and other.recipient:
                    quote.recipient, quote.extras["held"] = other.recipient, True
                quote.how, quote.confidence = "another quotation in the paragraph", 0.8
                break
        else:
            if index - 1 in colon_attribution and quote.pieces[0][1] <= 1:
                quote.phrase, quote.speaker = colon_attribution[index - 1]
                quote.how, quote.confidence = "introduced by a colon", 0.8
            elif quote.sentence_subject is not None:
                quote.speaker = quote.sentence_subject
                quote.how, quote.confidence = "subject of the sentence (a guess)", 0.5
            elif registry.last_subject is not None and quote.words > 3:
                quote.speaker = registry.last_subject
                quote.how, quote.confidence = "last speaker (a guess)", 0.3
        if quote.words <= 3 and not quote.has_verb:
            quote.drop = True
