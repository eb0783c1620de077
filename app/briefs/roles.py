"""Each person of a case once, under a label that names every role they have in it.

A party may hold several roles (a complaining witness is complainant and witness, an
officer may be a witness too). Grouping people by each role listed such a person once
per role; the brief groups them by the whole set of their roles instead, so each
person appears once, under "Complainant and witness".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from app.briefs import text as t
from app.core import vocab

P = TypeVar("P")
_ORDER = {code: n for n, code in enumerate(vocab.ROLES)}


def ordered_roles(roles: Iterable[str] | None) -> tuple[str, ...]:
    """``roles`` without repeats, in the vocabulary's order (unknown codes last, by
    name); "other" when there are none."""
    unique = set(roles or ()) or {"other"}
    return tuple(sorted(unique, key=lambda r: (_ORDER.get(r, len(_ORDER)), r)))


def roles_label(roles: Sequence[str]) -> str:
    """ "Client", "Complainant and witness", "Police officer, witness and investigator"."""
    labels = [t.line(vocab.label(vocab.ROLES, r)) for r in roles]
    # The first label starts the phrase; the others read as words inside it.
    labels = labels[:1] + [_lower_first(x) for x in labels[1:]]
    if len(labels) < 3:
        return " and ".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def group_by_roles(
    items: Iterable[P], roles_of: Callable[[P], Iterable[str] | None]
) -> list[tuple[str, list[P]]]:
    """``items`` grouped by their whole set of roles, each item once, the groups in the
    order of their roles (a client first); items keep their order within a group."""
    groups: dict[tuple[str, ...], list[P]] = {}
    for item in items:
        groups.setdefault(ordered_roles(roles_of(item)), []).append(item)
    order = sorted(groups, key=lambda roles: [(_ORDER.get(r, len(_ORDER)), r) for r in roles])
    return [(roles_label(roles), groups[roles]) for roles in order]


def _lower_first(label: str) -> str:
    """ "Witness" -> "witness"; an acronym ("DA") or a one-letter label stays."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]
