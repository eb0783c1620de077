"""A report's people by code: the parties its header lists under codes or roles ("V-1:
HOLT, Adam T.", "Victim: ROE, Ann M.") and its author, whom the narrative then names only by
the code ("V-1 stated"), an abbreviation ("told R/O") or "this member".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.core.intake.extract_attribution import Entity, Registry
    from app.core.intake.prose_layout import Layout

CODE = re.compile(r"(?<![\w/-])(?:[A-Z]{1,2}-\d{1,2}|[A-Z]{1,3}/[A-Z]{1,3})(?![\w/-])")
_SELF_WORDS = (
    "this member",
    "this officer",
    "this writer",
    "this trooper",
    "this deputy",
    "this detective",
    "this investigator",
    "the undersigned",
)


def header_cast(layout: Layout, registry: Registry) -> None:
    """Know a report's header people before its narrative is read, and what codes name them."""
    for label, full in layout.cast.items():
        if full:
            person = registry.add_person(full, "" if "-" in label else label)
            person.listed = True  # "Jonah R. Pale" in the narrative is the name to give
            if "-" in label:
                registry.codes[label] = person
    if layout.kind == "report" and layout.author:
        author = registry.resolve_phrase(layout.author)[1] or registry.add_person(layout.author, "")
        for alias in (layout.author_abbr, *_SELF_WORDS):
            if alias:
                registry.codes[alias] = author


def codes_out(
    masked: str, codes: dict[str, Entity], clock: int, found: list[tuple[int, int, Entity]]
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


def code_for(codes: dict[str, Entity], phrase: str) -> Entity | None:
    """The person a report's code or "this member" stands for, when the phrase is one."""
    text = re.sub(r"\s+", " ", phrase).strip(" ,;:—–-")
    return codes.get(text) or codes.get(text.lower())
