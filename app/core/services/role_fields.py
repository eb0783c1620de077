"""The fields of a criminal case's people by role, and the rules they are saved by.

Where each field lives (the person, or their part in one case) is explained in
:mod:`app.core.storage.role_fields`. This module gives the field-table entries the
people service adds to ``PERSON`` and ``PARTY``, the one rule across fields (a served
date needs the subpoena ticked), and :data:`ROLE_GROUPS`: which roles show which
fields, read by the person form (a group per role) and the brief (a line per group).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.core import vocab
from app.core.errors import ValidationError
from app.core.services import fields as f

_NYSID = re.compile(r"^\d{8}[A-Z]$")
_NYSID_NOISE = re.compile(r"[\s.\-]")
NYSID_EXAMPLE = "12345678K"


def nysid(name: str, value: Any) -> str:
    """A NYSID number, 8 digits and a check letter, stored as ``12345678K`` however
    it was typed (``1234-5678 k``); empty when not known."""
    typed = f.text(40)(name, value)
    if not typed:
        return ""
    cleaned = _NYSID_NOISE.sub("", typed).upper()
    if not _NYSID.match(cleaned):
        raise ValidationError(
            name, f"must be 8 digits and a letter, like {NYSID_EXAMPLE}, not {typed!r}"
        )
    return cleaned


PERSON_ROLE_FIELDS: dict[str, f.Field] = {
    "nysid": f.Field("NYSID number", nysid),
    "tax_id": f.Field("Tax registry number", f.text(20)),
    "language": f.Field("Language", f.text(100)),
    "needs_interpreter": f.Field("Needs an interpreter", f.boolean, False),
}

PARTY_ROLE_FIELDS: dict[str, f.Field] = {
    "shield_number": f.Field("Shield number", f.text(20)),
    "command": f.Field("Command", f.text(300)),
    "custody_status": f.Field(
        "Custody", f.optional_code(vocab.CUSTODY_STATUSES), None, vocab.CUSTODY_STATUSES
    ),
    "custody_note": f.Field("Custody details", f.text(300)),
    "subpoenaed": f.Field("Subpoenaed", f.boolean, False),
    "subpoena_served_on": f.Field("Subpoena served on", f.date, None),
}


def served_needs_subpoena(_session: Session | None, party: Any, _cleaned: dict[str, Any]) -> None:
    """A subpoena served on a day was a subpoena: refuse the date without the tick,
    rather than keep a date the brief would not show."""
    if party.subpoena_served_on is not None and not party.subpoenaed:
        raise ValidationError(
            "subpoena_served_on", "is filled in, but the person is not marked as subpoenaed"
        )


@dataclass(frozen=True)
class RoleGroup:
    """The fields one kind of role brings: shown when a party has any of ``roles``."""

    key: str
    title: str
    roles: frozenset[str]
    person_fields: tuple[str, ...]
    party_fields: tuple[str, ...]

    @property
    def fields(self) -> tuple[str, ...]:
        return self.person_fields + self.party_fields

    def applies(self, roles: Iterable[str] | None) -> bool:
        return not self.roles.isdisjoint(roles or ())


OFFICER = RoleGroup(
    "officer",
    "Officer",
    frozenset({"police_officer"}),
    ("tax_id",),
    ("shield_number", "command"),
)
CLIENT = RoleGroup(
    "client",
    "Client",
    frozenset({"client", "co_defendant"}),
    ("nysid", "language", "needs_interpreter"),
    ("custody_status", "custody_note"),
)
WITNESS = RoleGroup(
    "witness",
    "Witness",
    frozenset({"complainant", "victim", "witness"}),
    (),
    ("subpoenaed", "subpoena_served_on"),
)
ROLE_GROUPS: tuple[RoleGroup, ...] = (OFFICER, CLIENT, WITNESS)


def groups_for(roles: Iterable[str] | None) -> list[RoleGroup]:
    """The role groups a party with ``roles`` has, in the order of :data:`ROLE_GROUPS`."""
    chosen = set(roles or ())
    return [group for group in ROLE_GROUPS if group.applies(chosen)]
