"""A report's people by code: the parties its header lists under codes or roles ("V-1:
HOLT, Adam T.", "Victim: ROE, Ann M.") and its author, whom the narrative then names only by
the code ("V-1 stated"), an abbreviation ("told R/O") or "this member". The codes are
registered from the header by ``prose_layout.header_cast``; this module finds them in the
narrative.
"""

from __future__ import annotations

import re
from typing import Protocol, TypeVar


class _Seen(Protocol):
    last_seen: int  # when the reader last met the person (extract_attribution.Entity)


Person = TypeVar("Person", bound=_Seen)

CODE = re.compile(r"(?<![\w/-])(?:[A-Z]{1,2}-\d{1,2}|[A-Z]{1,3}/[A-Z]{1,3})(?![\w/-])")


def codes_out(
    masked: str, codes: dict[str, Person], clock: int, found: list[tuple[int, int, Person]]
) -> str:
    """Find the codes ("S-1", "R/O") in a sentence as the people they stand for, and blank
    them so "Elm Barracks S-1" is not read as a name."""
    for match in CODE.finditer(masked):
        entity = codes.get(match.group(0))
        if entity is not None:
            entity.last_seen = clock
            found.append((match.start(), match.end(), entity))
            masked = masked[: match.start()] + " " * len(match.group(0)) + masked[match.end() :]
    return masked


def code_for(codes: dict[str, Person], phrase: str) -> Person | None:
    """The person a report's code or "this member" stands for, when the phrase is one."""
    text = re.sub(r"\s+", " ", phrase).strip(" ,;:—–-")
    return codes.get(text) or codes.get(text.lower())
