"""The brief's people section: each person once, under all their roles, with a line
for each kind of role they have in the case.

An officer gets "Shield 4471, 75th Precinct, tax registry no. 931045"; a client (or
co-defendant) "Born March 4, 1990; NYSID 12345678K; Bail set: $2,500 cash; Spanish,
needs an interpreter"; a witness (complainant, victim) their contact and "Subpoenaed,
served December 3, 2026" or "Not subpoenaed". Which roles bring which fields is
:data:`app.core.services.role_fields.ROLE_GROUPS`, the same table the person form
shows its groups from. A profile without ``witness_contacts`` (the brief a client may
keep) leaves out witnesses' phone, email and address.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import SimpleNamespace
from typing import Any

from app.briefs import text as t
from app.briefs.chronology import date_text
from app.briefs.model import PeopleGroup, PersonEntry
from app.briefs.profiles import FULL, Profile
from app.briefs.roles import group_by_roles
from app.core import vocab
from app.core.dates import PartialDate
from app.core.lists.case_loader import PartyRecord
from app.core.services.role_fields import CLIENT, OFFICER, WITNESS, RoleGroup, groups_for


def people_section(parties: list[PartyRecord], p: Profile) -> list[PeopleGroup]:
    """Each person once, under all their roles ("Complainant and witness")."""
    by_name = sorted(parties, key=lambda x: t.line(x.person.name).lower())
    return [
        PeopleGroup(label, [person_entry(party, p) for party in group])
        for label, group in group_by_roles(by_name, lambda party: party.roles)
    ]


def person_entry(party: PartyRecord, p: Profile) -> PersonEntry:
    person = party.person
    bits = [t.line(person.title), t.line(person.affiliation)]
    details = ", ".join(b for b in bits if b)
    aliases = [t.line(a) for a in person.aliases or [] if t.line(a)]
    if aliases:
        details += ("; " if details else "") + "also known as " + ", ".join(aliases)
    facts = role_facts(party, p)
    notes = t.paragraphs(party.notes) + t.paragraphs(person.notes) if p.internal_notes else []
    return PersonEntry(t.line(person.name), details, notes, facts)


def role_facts(party: PartyRecord, p: Profile) -> list[str]:
    """One line for each kind of role the person has in the case (officer, client,
    witness), leaving out kinds with nothing to say."""
    return [fact for _title, fact in titled_role_facts(party, p)]


def titled_role_facts(party: PartyRecord, p: Profile) -> list[tuple[str, str]]:
    """:func:`role_facts` with the title of each line's kind of role ("Officer")."""
    return [
        (group.title, fact)
        for group in groups_for(party.roles)
        if (fact := _FACTS[group](party, p))
    ]


def role_facts_of_fields(fields: Mapping[str, Any], p: Profile = FULL) -> list[tuple[str, str]]:
    """:func:`titled_role_facts` from one flat record of a person in a case (the person's and
    the party's fields side by side, dates as ISO text), as ``show`` and the People
    section's details have them."""
    values = dict(fields)
    for key in ("date_of_birth", "subpoena_served_on"):
        values[key] = PartialDate.from_iso(values[key]) if values.get(key) else None
    record = SimpleNamespace(**values, person=SimpleNamespace(**values))
    return titled_role_facts(record, p)  # type: ignore[arg-type]  # it has every field read


def officer_line(party: PartyRecord, _p: Profile) -> str:
    """ "Shield 4471, 75th Precinct, tax registry no. 931045"."""
    shield, tax_id = t.line(party.shield_number), t.line(party.person.tax_id)
    parts = [
        f"Shield {shield}" if shield else "",
        t.line(party.command),
        f"tax registry no. {tax_id}" if tax_id else "",
    ]
    return _capital(", ".join(x for x in parts if x))


def client_line(party: PartyRecord, _p: Profile) -> str:
    """ "Born March 4, 1990; NYSID 12345678K; Bail set: $2,500 cash; Spanish, needs an
    interpreter"."""
    person = party.person
    custody = vocab.label(vocab.CUSTODY_STATUSES, party.custody_status)
    note = t.line(party.custody_note)
    custody = f"{custody}: {note}" if custody and note else custody or note
    language = t.line(person.language)
    if person.needs_interpreter:
        speaks = f"{language}, needs an interpreter" if language else "Needs an interpreter"
    else:
        speaks = f"speaks {language}" if language else ""
    parts = [
        f"Born {date_text(person.date_of_birth)}" if person.date_of_birth else "",
        f"NYSID {t.line(person.nysid)}" if person.nysid else "",
        custody,
        speaks,
    ]
    return _capital("; ".join(x for x in parts if x))


def witness_line(party: PartyRecord, p: Profile) -> str:
    """ "Contact: 718-555-0100, jp@example.org, 12 Main St, Bronx; subpoenaed, served
    December 3, 2026"."""
    person = party.person
    parts = []
    if p.witness_contacts:
        contact = [t.line(person.phone), t.line(person.email), t.line(person.address)]
        if any(contact):
            parts.append("Contact: " + ", ".join(x for x in contact if x))
    if party.subpoenaed:
        served = party.subpoena_served_on
        parts.append(f"subpoenaed, served {date_text(served)}" if served else "subpoenaed")
    else:
        parts.append("not subpoenaed")
    return _capital("; ".join(parts))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


_FACTS: dict[RoleGroup, Callable[[PartyRecord, Profile], str]] = {
    OFFICER: officer_line,
    CLIENT: client_line,
    WITNESS: witness_line,
}
