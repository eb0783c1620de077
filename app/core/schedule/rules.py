"""Deadline rules kept as data: the shipped New York table, and an office's own.

A rules file is TOML (``rules/new_york.toml`` is the one shipped)::

    [jurisdiction]
    name = "New York"
    timezone = "America/New_York"          # the zone of appearance times (ICS export)
    holidays = { country = "US", subdiv = "NY" }   # the `holidays` library's calendar
    holidays_courts_open = ["Susan B. Anthony Day"] # its days the courts stay open
    closed_days = { 2026-12-24 = "Court closed" }   # more days an office's courts close

    [[rule]]
    code = "ny-discovery"                  # stable: names the rule in output and UIDs
    kind = "discovery"                     # vocab.DEADLINE_KINDS
    title = "The People's automatic discovery due"
    citation = "CPL 245.10(1)(a)"
    after = "arraignment"                  # the first appearance with this purpose
    days = { in = 20, out = 35 }           # calendar days, by custody; or one number
    met_by = ["coc", "readiness+coc"]      # filing kinds; readiness+coc = with a COC

An office extends the rules with its own ``*.toml`` files, read in name order after the
shipped ones, from the folder named by ``$CASEFILE_RULES``, else from ``rules`` in
Casefile's user config folder (``platformdirs.user_config_dir("Casefile")``, e.g.
``~/.config/Casefile/rules`` on Linux). A ``[[rule]]`` with a code already known replaces
that rule (to change a day count), ``enabled = false`` switches it off, a new code adds
a rule; keys of a ``[jurisdiction]`` table replace the shipped ones. A file that cannot
be read is an error naming the file and the key, never a silently skipped rule.

Dates are counted in calendar days and never moved: a due date on a weekend or court
holiday is flagged (``court_holiday``), because whether a roll-over applies is a
question for the lawyer (see /work/shared/design/SPEEDY-TRIAL.md).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from app.core import vocab
from app.core.clock.court_days import built_in_court_holiday, use_court_holidays
from app.core.errors import ValidationError

SHIPPED_DIR = Path(__file__).resolve().parent / "rules"
RULES_ENV = "CASEFILE_RULES"
# A filing kind that meets a rule only when filed with a certificate of compliance.
READINESS_WITH_COC = "readiness+coc"
FIELD = "rules"  # what an error about a rules file names


@dataclass(frozen=True)
class Rule:
    """One computed deadline: ``days`` after the first appearance of purpose ``after``."""

    code: str
    kind: str
    title: str
    citation: str
    after: str
    days_by_custody: Mapping[str, int]  # custody code -> days; key "" when custody does not matter
    met_by: tuple[str, ...] = ()

    @property
    def needs_custody(self) -> bool:
        return "" not in self.days_by_custody

    def days_for(self, custody: str | None) -> int | None:
        if not self.needs_custody:
            return self.days_by_custody[""]
        return self.days_by_custody.get(custody or "")

    @property
    def day_range(self) -> tuple[int, int]:
        counts = self.days_by_custody.values()
        return min(counts), max(counts)


@dataclass(frozen=True)
class Jurisdiction:
    name: str = ""
    timezone: str = "America/New_York"
    holiday_country: str = "US"
    holiday_subdiv: str | None = "NY"
    holidays_courts_open: frozenset[str] = frozenset()
    closed_days: tuple[tuple[dt.date, str], ...] = ()


@dataclass(frozen=True)
class RuleBook:
    """Every rule in force and the jurisdiction they count in."""

    jurisdiction: Jurisdiction
    rules: tuple[Rule, ...] = field(default_factory=tuple)

    def court_holiday(self, day: dt.date) -> str | None:
        """The name of the court holiday on ``day``, or None."""
        return dict(self.jurisdiction.closed_days).get(day) or _holidays_of(
            self.jurisdiction, day.year
        ).get(day)


def office_rules_dir() -> Path:
    """Where an office keeps its own rules files."""
    named = os.environ.get(RULES_ENV)
    if named:
        return Path(named).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("Casefile", appauthor=False)) / "rules"


def rule_files(extra_dirs: Iterable[Path] | None = None) -> list[Path]:
    """The shipped files, then the office's, each folder in name order."""
    folders = [SHIPPED_DIR, *(extra_dirs if extra_dirs is not None else [office_rules_dir()])]
    files: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            files.extend(sorted(folder.glob("*.toml")))
    return files


def load_rules(extra_dirs: Iterable[Path] | None = None) -> RuleBook:
    """The rules in force: shipped, then the office's (``extra_dirs`` replaces its folder)."""
    files = rule_files(extra_dirs)
    stamp = tuple((str(p), _mtime(p)) for p in files)
    return _load(stamp)


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1


@functools.lru_cache(maxsize=8)
def _load(stamp: tuple[tuple[str, int], ...]) -> RuleBook:
    jurisdiction: dict[str, Any] = {}
    rules: dict[str, Rule | None] = {}
    for name, _ in stamp:
        path = Path(name)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ValidationError(FIELD, f"cannot read {path}: {exc}") from None
        jurisdiction.update(_table(data.get("jurisdiction", {}), path, "jurisdiction"))
        entries = data.get("rule", [])
        if not isinstance(entries, list):
            raise ValidationError(FIELD, f"{path}: 'rule' must be a list of [[rule]] tables")
        for index, entry in enumerate(entries, start=1):
            where = f"{path}: rule {index}"
            entry = _table(entry, path, f"rule {index}")
            code = _text(entry, "code", where)
            if entry.get("enabled", True) is False:
                rules[code] = None
                continue
            previous = rules.get(code)
            rules[code] = _rule(entry, where, previous)
    return RuleBook(_jurisdiction(jurisdiction), tuple(r for r in rules.values() if r))


def _table(value: Any, path: Path, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValidationError(FIELD, f"{path}: {name} must be a table")
    return value


def _text(entry: Mapping[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = entry.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(FIELD, f"{where}: '{key}' must be non-empty text")
    return value.strip()


def _rule(entry: Mapping[str, Any], where: str, previous: Rule | None) -> Rule:
    """A rule from its table; keys left out keep the values of the rule it replaces."""
    base = previous
    code = _text(entry, "code", where)
    kind = _text(entry, "kind", where, base.kind if base else None)
    if kind not in vocab.DEADLINE_KINDS:
        raise ValidationError(
            FIELD, f"{where}: kind {kind!r} is not one of {', '.join(vocab.DEADLINE_KINDS)}"
        )
    after = _text(entry, "after", where, base.after if base else None)
    if after not in vocab.APPEARANCE_PURPOSES:
        raise ValidationError(
            FIELD,
            f"{where}: after {after!r} is not an appearance purpose "
            f"({', '.join(vocab.APPEARANCE_PURPOSES)})",
        )
    days = _days(entry["days"], where) if "days" in entry else None
    if days is None:
        if base is None:
            raise ValidationError(FIELD, f"{where}: 'days' is missing")
        days = dict(base.days_by_custody)
    met_by = entry.get("met_by", list(base.met_by) if base else [])
    known = {*vocab.FILING_KINDS, READINESS_WITH_COC}
    if not isinstance(met_by, list) or any(m not in known for m in met_by):
        raise ValidationError(
            FIELD, f"{where}: met_by must be a list of filing kinds ({', '.join(sorted(known))})"
        )
    values = dict(
        code=code,
        kind=kind,
        title=_text(entry, "title", where, base.title if base else None),
        citation=str(entry.get("citation", base.citation if base else "")),
        after=after,
        days_by_custody=days,
        met_by=tuple(met_by),
    )
    return replace(base, **values) if base else Rule(**values)  # type: ignore[arg-type]


def _days(value: Any, where: str) -> dict[str, int]:
    def count(n: Any) -> int:
        if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= 3650:
            raise ValidationError(FIELD, f"{where}: days must be whole numbers from 0 to 3650")
        return n

    if isinstance(value, dict):
        unknown = set(value) - set(vocab.CUSTODY)
        if unknown or not value:
            raise ValidationError(
                FIELD, f"{where}: days by custody takes the keys {', '.join(vocab.CUSTODY)}"
            )
        return {key: count(n) for key, n in value.items()}
    return {"": count(value)}


def _jurisdiction(values: Mapping[str, Any]) -> Jurisdiction:
    holidays = values.get("holidays", {})
    if not isinstance(holidays, dict):
        raise ValidationError(FIELD, "jurisdiction: holidays must be a table (country, subdiv)")
    timezone = str(values.get("timezone", "America/New_York"))
    try:
        import zoneinfo

        zoneinfo.ZoneInfo(timezone)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        raise ValidationError(FIELD, f"jurisdiction: unknown timezone {timezone!r}") from None
    closed = values.get("closed_days", {})
    if not isinstance(closed, dict):
        raise ValidationError(FIELD, "jurisdiction: closed_days must be a table of dates")
    closed_days = []
    for text, name in closed.items():
        try:
            closed_days.append((dt.date.fromisoformat(text), str(name)))
        except ValueError:
            raise ValidationError(
                FIELD, f"jurisdiction: closed_days: {text!r} is not a date like 2026-12-24"
            ) from None
    return Jurisdiction(
        name=str(values.get("name", "")),
        closed_days=tuple(sorted(closed_days)),
        timezone=timezone,
        holiday_country=str(holidays.get("country", "US")),
        holiday_subdiv=holidays.get("subdiv"),
        holidays_courts_open=frozenset(values.get("holidays_courts_open", [])),
    )


@functools.lru_cache(maxsize=64)
def _holidays_of(jurisdiction: Jurisdiction, year: int) -> dict[dt.date, str]:
    """The court holidays of one year: the library's public holidays for the
    jurisdiction (with the days observed in place of a weekend holiday, as the courts
    close them), less the ones the courts stay open on. Names joined by "; " in the
    library (two holidays on one day) are split before the check."""
    import holidays

    try:
        calendar = holidays.country_holidays(
            jurisdiction.holiday_country, subdiv=jurisdiction.holiday_subdiv, years=year
        )
    except NotImplementedError as exc:
        raise ValidationError(FIELD, f"jurisdiction: holidays: {exc}") from None
    days: dict[dt.date, str] = {}
    for day, names in calendar.items():
        kept = [n for n in names.split("; ") if n not in jurisdiction.holidays_courts_open]
        if kept:
            days[day] = "; ".join(kept)
    return days


def _office_court_holiday(day: dt.date) -> str | None:
    """The rule book's court holiday on ``day``; the built-in list while the office's
    rules file cannot be read (the calendar names that problem where it is shown)."""
    try:
        return load_rules().court_holiday(day)
    except ValidationError:
        return built_in_court_holiday(day)


# The speedy-trial clock flags a last day on the office's closed days too.
use_court_holidays(_office_court_holiday)
