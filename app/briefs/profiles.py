"""Brief profiles: which sections a brief has and what it leaves out.

Left-out material is never written to the file (not hidden, not white on white):
the brief model is built without it, so neither writer can leak it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from app.core.errors import ValidationError

SECTIONS: dict[str, str] = {
    "cover": "Cover",
    "glance": "At a glance",
    "charges": "Charges",
    "people": "People",
    "chronology": "Chronology",
    "statements": "Statements",
    "issues": "Legal issues",
    "documents": "Documents",
    "notes": "Notes and to-dos",
}
ALL_SECTIONS: tuple[str, ...] = tuple(SECTIONS)

DEFAULT_MARKING = "PRIVILEGED & CONFIDENTIAL \u2014 ATTORNEY WORK PRODUCT"


@dataclass(frozen=True)
class Profile:
    key: str
    label: str
    purpose: str
    sections: tuple[str, ...] = ALL_SECTIONS
    # Case, party, person, statement, charge and document ``notes`` fields.
    internal_notes: bool = True
    # Notes marked staff-only (Note.staff_only).
    staff_only_notes: bool = True
    # Titles, dates, Bates ranges and hashes of privileged documents.
    privileged_details: bool = True


FULL = Profile("full", "Full", "Internal case review")
CLIENT = Profile(
    "client",
    "Client meeting",
    "Client meeting",
    internal_notes=False,
    staff_only_notes=False,
    privileged_details=False,
)
CO_COUNSEL = Profile("co-counsel", "Co-counsel", "Co-counsel review", staff_only_notes=False)

PROFILES: dict[str, Profile] = {p.key: p for p in (FULL, CLIENT, CO_COUNSEL)}


def get_profile(key: str) -> Profile:
    try:
        return PROFILES[key]
    except KeyError:
        raise ValidationError(
            "profile", f"{key!r} is not a profile; choose one of {', '.join(PROFILES)}"
        ) from None


def parse_sections(value: str | Iterable[str]) -> tuple[str, ...]:
    """Sections from ``"cover,glance"`` or a list, in the brief's own order."""
    names = value.split(",") if isinstance(value, str) else list(value)
    wanted = {name.strip().lower() for name in names if name.strip()}
    unknown = sorted(wanted - set(SECTIONS))
    if unknown:
        raise ValidationError(
            "sections", f"{unknown[0]!r} is not a section; choose from {', '.join(SECTIONS)}"
        )
    if not wanted:
        raise ValidationError("sections", "choose at least one section")
    return tuple(name for name in ALL_SECTIONS if name in wanted)


def with_sections(profile: Profile, sections: str | Iterable[str]) -> Profile:
    """``profile`` with a custom choice of sections (its redactions unchanged)."""
    chosen = parse_sections(sections)
    if chosen == profile.sections:
        return profile
    return replace(profile, sections=chosen)
