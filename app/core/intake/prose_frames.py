"""Frames that say whose words a quotation holds without a plain speech verb before it:
"X can be heard saying", "heard the suspect yell", "X sent a text message to Y that
read:", "X's statement that he ...", "in X's own words:"; and quoted words that are a
name or a scare quote, not a statement.
"""

from __future__ import annotations

import re

from app.core.intake.extract_attribution import MASK_START, TITLE_WORDS, fold
from app.core.intake.quotes import Quote

# "the defendant sent a text message to Cole Baird that read:": the sender's words, to Baird.
SENT = re.compile(
    r"(?P<np>\b(?:the|a|an)\s+[a-z]+|\b[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,2})\s+"
    r"(?:sent|texted|wrote|left|signed|gave|made)\s+(?:\w+\s+){0,2}?(?:a|an)\s+(?:\w+\s+)?"
    # "signed a sworn statement which reads in part:": the signer's words
    r"(?:message|text|letter|email|e-mail|note|voicemail|statement|affidavit|deposition)"
    r"(?:\s+to\s+(?P<rec>(?:[A-Z][\w'’.\-]*\s*){1,4}|(?:the|his|her)\s+[a-z]+))?"
    r"\s*,?\s*(?:that|which)?\s*(?:read|reads|said|saying|reading|stating)(?:\s+in\s+part)?"
    r"\s*[:,]?\s*$"
)
HEARD = re.compile(
    r"(?P<np>(?:\b(?:the|a|an|one)\s+)?(?:[\w'’.\-]+\s+){0,3}?[\w'’.\-]+)\s+"
    r"(?:can|could|is|was|were|are|may)\s+(?:be\s+|being\s+)?(?:heard|seen)\s+$",
    re.IGNORECASE,
)

STATEMENT_THAT = re.compile(
    r"(?P<np>\b[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3}|\b(?:his|her|their))(?:['’]s?)?\s+"
    r"(?:own\s+)?(?:statement|admission|confession|claim|remark|boast)\s+that\s+"
    r"(?:he|she|they|I|we)?\s*$"
)

WORDS_OF = re.compile(
    r"(?:\b(?:in|by)\s+)?(?P<np>\b[\w'’.\- ]{1,40}?)['’]s?\s+(?:own\s+)?"
    r"(?:words|answer|reply|response|message|note|text|statement)\b(?:\s+(?:were|was|are|is))?"
    r"\s*:\s*$",
    re.IGNORECASE,
)

POSSESSIVE_WORDS = re.compile(
    r"\b(?:in\s+)?(?P<np>his|her|their|my|our)\s+(?:own\s+)?"
    r"(?:words|answer|reply|response|message)\b(?:\s+(?:were|was))?\s*:\s*$",
    re.IGNORECASE,
)

# "heard the suspect yell, "..."": the words of the one heard, not of the witness who heard.
HEARD_SAY = re.compile(
    r"\b(?:heard|hear|overheard)\s+(?P<np>(?:the|a|an)\s+[a-z]+|(?:him|her|them)|"
    r"[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,2})\s+"
    r"(?:shout|yell|scream|say|tell|ask|whisper|call out|cry out)\w*\s*,?\s*:?\s*$"
)


def nickname_or_scare(quote: Quote, text: str, start: int, end: int) -> None:
    """Drop a quoted name, nickname or scare quote: not a statement."""
    before = text[max(0, start - 30) : start]
    after = text[end : end + 30]
    if quote.words <= 3 and re.search(r"\b(?:named|called|nicknamed|known as|alias)\s*$", before):
        quote.drop = True  # an individual named “Luis”: a name, not a statement
    elif (
        quote.words <= 2 and re.search(r"[A-Z][a-z]+\s*$", before) and re.match(r"^\s*[A-Z]", after)
    ):
        quote.drop = True  # Derrick “Dwreck” Ingram: a nickname, not a statement
    elif quote.words <= 3 and not quote.has_verb:
        quote.drop = True  # a scare quote or a title, not a statement


def blank_aside(match: re.Match[str]) -> str:
    """An aside in brackets, blanked unless it names a person by title or holds a quotation."""
    inner = match.group(0)[1:].split()
    if inner and fold(inner[0]).rstrip(".") in TITLE_WORDS and len(inner) >= 3:
        return match.group(0)
    if MASK_START in match.group(0):
        return match.group(0)  # "(the manager says the camera "is dead")": its own attribution
    return " " * len(match.group(0))
