"""Frames that say whose words a quotation holds without a plain speech verb before it:
"X can be heard saying", "X's statement that he ...", "in X's own words:".
"""

from __future__ import annotations

import re

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
