"""The CPL 30.30(1) limit of a case: which tier its charges put it in, and how many days.

The statute speaks of the top charge's maximum term: a felony gives the People six
calendar months, a misdemeanor punishable by more than three months 90 days, one
punishable by three months or less 60 days, violations (and traffic infractions)
alone 30 days. Homicide charges take the action out of 30.30 altogether
(30.30(3)(a)). Staff type a charge's class as free text, so it is read here; a class
that cannot be read is named as missing, never guessed.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from enum import IntEnum

from dateutil.relativedelta import relativedelta

from app.core.clock.ledger import ChargeEntry

# The sections 30.30(3)(a) names; vehicular and aggravated manslaughter (125.11-125.14,
# 125.21, 125.22) are not among them.
HOMICIDE_SECTIONS = frozenset({"125.10", "125.15", "125.20", "125.25", "125.26", "125.27"})
# Counts still charged: a reduced count was charged at its own class until the reduction.
CHARGED_STATUSES = frozenset({"pending", "reduced"})


class Tier(IntEnum):
    """The 30.30(1) tiers, least serious first, so ``max`` picks the top charge."""

    VIOLATION = 1
    MISDEMEANOR_B = 2
    MISDEMEANOR_A = 3
    FELONY = 4


TIER_DAYS = {Tier.VIOLATION: 30, Tier.MISDEMEANOR_B: 60, Tier.MISDEMEANOR_A: 90}
TIER_TEXT = {
    Tier.FELONY: "felony: 6 calendar months (CPL 30.30(1)(a))",
    Tier.MISDEMEANOR_A: "misdemeanor punishable by more than 3 months: 90 days (CPL 30.30(1)(b))",
    Tier.MISDEMEANOR_B: "misdemeanor punishable by 3 months or less: 60 days (CPL 30.30(1)(c))",
    Tier.VIOLATION: "violation or traffic infraction only: 30 days (CPL 30.30(1)(d))",
}

_FELONY_CODE = re.compile(r"^(?:[a-e](?:i{1,2}|1|2)?f|f)$")  # NY codes: DF, AIF, A1F, F
_TERM = re.compile(r"(\d+)\s*(day|days|month|months|mo|year|years|yr|yrs)\b")


@dataclass(frozen=True)
class Reading:
    """What a class text says: a tier, or why it says none."""

    tier: Tier | None
    problem: str = ""


@functools.lru_cache(maxsize=512)  # an office types the same few classes again and again
def read_class(text: str) -> Reading:
    """The tier ``text`` names ("Class D felony", "A misd.", "violation", "BM"), else
    what is missing from it."""
    words = re.sub(r"[^a-z0-9]+", " ", text.lower().replace("-", "")).split()
    if not words:
        return Reading(None, "no class")
    joined = " ".join(words)
    if any(w in ("felony", "fel") or _FELONY_CODE.match(w) for w in words):
        return Reading(Tier.FELONY)
    if "infraction" in words or any(w in ("violation", "viol", "v", "ti") for w in words):
        return Reading(Tier.VIOLATION)
    misdemeanor = any(w.startswith("misd") or w in ("mis", "am", "bm", "um") for w in words)
    if not misdemeanor:
        return Reading(None, f"a class that is not recognised ({text.strip()!r})")
    if "am" in words:
        return Reading(Tier.MISDEMEANOR_A)
    if "bm" in words:
        return Reading(Tier.MISDEMEANOR_B)
    if "unclassified" in words or "um" in words:
        term = _max_term_days(joined)
        if term is None:
            return Reading(None, "an unclassified misdemeanor without its maximum term")
        return Reading(Tier.MISDEMEANOR_A if term > 92 else Tier.MISDEMEANOR_B)
    letters = [w for w in words if len(w) == 1 and w in "ab"]
    if letters == ["a"]:
        return Reading(Tier.MISDEMEANOR_A)
    if letters == ["b"]:
        return Reading(Tier.MISDEMEANOR_B)
    return Reading(None, "a misdemeanor without its class (A or B)")


def _max_term_days(text: str) -> int | None:
    """The maximum term written in an unclassified misdemeanor's class text, in days
    ("unclassified misdemeanor, up to 6 months")."""
    found = _TERM.search(text)
    if found is None:
        return None
    number, unit = int(found.group(1)), found.group(2)
    if unit.startswith("d"):
        return number
    if unit.startswith("m"):
        return number * 31 if number <= 3 else number * 30
    return number * 365


def is_homicide(statute: str) -> bool:
    """Whether ``statute`` names one of the Penal Law sections 30.30(3)(a) exempts."""
    return any(found in HOMICIDE_SECTIONS for found in re.findall(r"125\.\d\d", statute))


def six_months_from(commenced_on: dt.date) -> dt.date:
    """The same day six calendar months later (the month's last day when it has no such
    day: 08-31 -> 02-28); the calendar's last day past the year 9999."""
    try:
        return commenced_on + relativedelta(months=6)
    except (OverflowError, ValueError):
        return dt.date.max


def felony_days(commenced_on: dt.date) -> int:
    """Six calendar months from commencement, in days (181 to 184)."""
    return (six_months_from(commenced_on) - commenced_on).days


def count_name(charge: ChargeEntry) -> str:
    statute = f" ({charge.statute.strip()})" if charge.statute.strip() else ""
    return f"Count {charge.count}{statute}"


@dataclass(frozen=True)
class Limit:
    """The limit the charges give, before any reduction is applied.

    ``tier`` is the top tier of the counts charged now (``None`` when unknown);
    ``reduced_from`` is the top tier of counts since reduced and ``reduced_on`` the
    latest reduction of a felony count, for the rule of 30.30(1)/People v. Cooper."""

    tier: Tier | None
    top_charge: str
    exempt: bool
    exempt_reason: str
    missing: tuple[str, ...]
    notes: tuple[str, ...]
    reduced_from: Tier | None = None
    reduced_charge: str = ""
    reduced_on: dt.date | None = None


def charges_limit(charges: tuple[ChargeEntry, ...]) -> Limit:
    """The tier of the most serious count still charged, what keeps it from being known,
    and whether a felony was reduced (a reduced count keeps its class until the
    reduction; what it became is the count still pending)."""
    charged = [c for c in charges if c.status in CHARGED_STATUSES]
    for charge in charged:
        if is_homicide(charge.statute):
            reason = (
                f"{count_name(charge)} is a homicide charge: CPL 30.30 does not apply (30.30(3)(a))"
            )
            return Limit(None, count_name(charge), True, reason, (), ())
    if not charged:
        return Limit(None, "", False, "", ("a pending charge (no count is pending)",), ())
    pending = [c for c in charged if c.status == "pending"] or charged
    reduced = [c for c in charged if c.status == "reduced"] if pending is not charged else []
    top, top_name, unknown = _top(pending)
    missing: list[str] = []
    notes: list[str] = []
    if unknown and top != Tier.FELONY:
        missing += [f"{count_name(c)} has {problem}" for c, problem in unknown]
        top = None
    elif unknown:
        notes += [
            f"{count_name(c)} has {problem}; it cannot change the limit: a felony's is the longest"
            for c, problem in unknown
        ]
    if pending is charged and any(c.status == "reduced" for c in charged):
        notes.append(
            "every count is marked reduced and none pending: the reduced counts' classes apply"
        )
    limit = Limit(top, top_name, False, "", tuple(missing), tuple(notes))
    felonies = [c for c in reduced if read_class(c.offense_class).tier == Tier.FELONY]
    if top is None or top == Tier.FELONY or not felonies:
        return limit
    dated = [c for c in felonies if c.disposition_date is not None]
    if len(dated) < len(felonies):
        undated = next(c for c in felonies if c.disposition_date is None)
        return Limit(
            None, top_name, False, "",
            (f"{count_name(undated)} is marked reduced but has no full disposition date "
             "(the day of the reduction)",),
            tuple(notes),
        )  # fmt: skip
    latest = max(dated, key=lambda c: c.disposition_date or dt.date.min)
    return Limit(
        top, top_name, False, "", (), tuple(notes),
        reduced_from=Tier.FELONY, reduced_charge=count_name(latest),
        reduced_on=latest.disposition_date,
    )  # fmt: skip


def _top(charges: list[ChargeEntry]) -> tuple[Tier | None, str, list[tuple[ChargeEntry, str]]]:
    top: Tier | None = None
    top_name = ""
    unknown: list[tuple[ChargeEntry, str]] = []
    for charge in charges:
        reading = read_class(charge.offense_class)
        if reading.tier is None:
            unknown.append((charge, reading.problem))
        elif top is None or reading.tier > top:
            top, top_name = reading.tier, count_name(charge)
    return top, top_name, unknown
