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
    "clock": "Speedy-trial clock (CPL 30.30)",
    "dates": "Court dates and deadlines",
    "people": "People",
    "chronology": "Chronology",
    "timeline": "Timeline",
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
    # Sections this audience never gets, even when chosen by hand.
    withheld_sections: frozenset[str] = frozenset()
    # Witnesses' phone, email and address in the people section: not in a brief the
    # client may keep (a complaining witness may be protected by an order).
    witness_contacts: bool = True

    @property
    def speedy_trial(self) -> bool:
        """Whether the CPL 30.30 figures are shown: the clock section, and the clock's
        last day among the deadlines (a lone date, without the computation that
        qualifies it, reads as the day the case ends)."""
        return "clock" not in self.withheld_sections


FULL = Profile("full", "Full", "Internal case review")
# The client-meeting brief may be handed to the client. It keeps the court dates and
# deadlines (a client who misses a court date gets a warrant) but not the speedy-trial
# clock: its arguable days are the defense's litigation position, and its last day is
# a projection that moves with every adjournment, not the day the case ends.
CLIENT = Profile(
    "client",
    "Client meeting",
    "Client meeting",
    sections=tuple(s for s in ALL_SECTIONS if s != "clock"),
    internal_notes=False,
    staff_only_notes=False,
    privileged_details=False,
    withheld_sections=frozenset({"clock"}),
    witness_contacts=False,
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
    """``profile`` with a custom choice of sections (its redactions unchanged: a
    section the profile withholds is left out even when chosen)."""
    chosen = tuple(s for s in parse_sections(sections) if s not in profile.withheld_sections)
    if not chosen:
        raise ValidationError(
            "sections", f"the {profile.label.lower()} brief leaves out every section chosen"
        )
    if chosen == profile.sections:
        return profile
    return replace(profile, sections=chosen)
