"""Field rules shared by the services: how each kind of input is checked and cleaned.

Every service describes its record as a mapping of field name to a ``Field``.
Cleaning turns what a form, the CLI or an archive hands in into the value that
is stored, or raises a ``ValidationError`` naming the field. Nothing is written
before every field is clean. A value of the wrong type is refused the same way
(an archive can hold anything JSON can say), and every value is kept within the
limits of app/core/limits.py: text to ``MAX_FIELD_CHARS``, numbers to what the
database's column holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.core.dates import PartialDate, Precision, coerce_date
from app.core.errors import ValidationError
from app.core.limits import MAX_FIELD_CHARS, MAX_RECORD_ID, MAX_SMALL_INT
from app.core.textrules import storage_problem

Cleaner = Callable[[str, Any], Any]


@dataclass(frozen=True)
class Field:
    """One editable field: its label for people, its cleaner and its empty value."""

    label: str
    clean: Cleaner
    empty: Any = ""
    vocabulary: Mapping[str, str] | None = field(default=None, compare=False)


def storable(name: str, value: str) -> str:
    """Refuse text no database can keep, naming the field (the rule is
    :func:`app.core.textrules.storage_problem`: no NUL, no lone surrogate)."""
    problem = storage_problem(value)
    if problem is not None:
        raise ValidationError(name, problem)
    return value


def _too_long(name: str, value: str) -> None:
    # Checked before any other work on the text: a 50 MB "field" is refused at once.
    if len(value) > MAX_FIELD_CHARS:
        raise ValidationError(
            name, f"is {len(value):,} characters, more than the limit of {MAX_FIELD_CHARS:,}"
        )


def text(
    max_length: int | None = None, *, required: bool = False, multiline: bool = False
) -> Cleaner:
    def clean(name: str, value: Any) -> str:
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise ValidationError(name, f"expected text, got {type(value).__name__}")
        _too_long(name, value)
        storable(name, value)
        if not multiline:
            value = " ".join(value.split())
        elif not value.strip():
            value = ""
        if required and not value.strip():
            raise ValidationError(name, "is required")
        if max_length is not None and len(value) > max_length:
            raise ValidationError(name, f"is longer than {max_length} characters")
        return value

    return clean


_MAX_DATE_CHARS = 100  # "about the 14th of September, 2020" and then some


def date(name: str, value: Any) -> PartialDate | None:
    if isinstance(value, str) and len(value) > _MAX_DATE_CHARS:
        raise ValidationError(name, f"{_short(value)} is not a date")
    return coerce_date(value, name)


def day(name: str, value: Any) -> PartialDate:
    """A required date to the day: court dates and filings are counted in days."""
    cleaned = optional_day(name, value)
    if cleaned is None:
        raise ValidationError(name, "is required")
    return cleaned


def optional_day(name: str, value: Any) -> PartialDate | None:
    cleaned = date(name, value)
    if cleaned is not None and (cleaned.precision is not Precision.DAY or cleaned.approximate):
        raise ValidationError(name, f"{cleaned.display()} is not a full date like 2026-12-07")
    return cleaned


def time_of_day(name: str, value: Any) -> str | None:
    """A time as people type it ("9:30", "9.30", "930", "9:30 pm", "9 am", "noon"),
    stored as ``HH:MM`` on the 24-hour clock so it sorts as text."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str) or len(value) > _MAX_TIME_CHARS:
        raise ValidationError(
            name, f"must be a time of day like 9:30 or 2:30 pm, not {_short(value)}"
        )
    typed = " ".join(value.lower().split())
    if typed in _TIME_WORDS:
        return _TIME_WORDS[typed]
    match = _TIME_TYPED.match(typed)
    if match is None:
        raise ValidationError(
            name, f"must be a time of day like 9:30, 9:30 pm or 14:30, not {_short(value)}"
        )
    hour_text, minute_text, compact, half = match.group("hour", "minute", "compact", "half")
    if compact is not None:  # "930", "0930", "1430": the last two digits are the minutes
        hour_text, minute_text = (
            (compact[:-2], compact[-2:]) if len(compact) > 2 else (compact, None)
        )
    hour, minute = int(hour_text), int(minute_text or 0)
    if minute > 59:
        raise ValidationError(
            name, f"must be a time of day: {_short(value)} has {minute} minutes (0 to 59)"
        )
    if half is not None:
        if not 1 <= hour <= 12:
            raise ValidationError(
                name,
                f"must be a time of day: {_short(value)} has hour {hour} (1 to 12 with am or pm)",
            )
        hour = hour % 12 + (12 if half.startswith("p") else 0)
    elif hour > 23:
        raise ValidationError(
            name, f"must be a time of day: {_short(value)} has hour {hour} (0 to 23)"
        )
    return f"{hour:02d}:{minute:02d}"


_MAX_TIME_CHARS = 40
_TIME_WORDS = {"noon": "12:00", "midday": "12:00", "midnight": "00:00"}
# "9", "9:30", "9.30", "09h30" or digits alone ("930", "0930"), then am/pm/a.m./p.m.
_TIME_TYPED = re.compile(
    r"^(?:(?P<hour>\d{1,2})\s?[:.h]\s?(?P<minute>\d{2})|(?P<compact>\d{1,4}))"
    r"\s?(?:(?P<half>[ap])\.?\s?m?\.?)?$"
)


def boolean(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in (0, 1, None):
        return bool(value)
    raise ValidationError(name, f"expected yes or no, got {_short(value)}")


def optional_boolean(name: str, value: Any) -> bool | None:
    """Yes, no or not said (None): whether the People answered ready is often unknown."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().lower() in _YES_NO:
        return _YES_NO[value.strip().lower()]
    return boolean(name, value)


_YES_NO = {"yes": True, "y": True, "true": True, "no": False, "n": False, "false": False}


def optional_count(name: str, value: Any) -> int | None:
    """A number of days or the like: zero or more, or None when not said."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str) and value.strip() == "0":
        return 0
    if isinstance(value, int) and not isinstance(value, bool) and value <= 0:
        if value < 0:
            raise ValidationError(name, "must be zero or more")
        return 0
    return positive_int(name, value)


def positive_int(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValidationError(name, f"expected a whole number, got {_kind(value)}")
    if isinstance(value, str):
        # A few digits more than the limit has are enough to tell it is too big.
        digits = value.strip()
        if not digits.isascii() or not digits.isdigit():
            raise ValidationError(name, f"{_short(value)} is not a whole number")
        value = int(digits[:20]) if len(digits) <= 20 else MAX_SMALL_INT + 1
    if value < 1:
        raise ValidationError(name, "must be 1 or more")
    if value > MAX_SMALL_INT:
        raise ValidationError(name, f"must be at most {MAX_SMALL_INT:,}")
    return value


def _kind(value: Any) -> str:
    """What a value of the wrong type is, without printing all of it."""
    return type(value).__name__ if isinstance(value, list | dict | str) else _short(value)


def _short(value: Any, limit: int = 40) -> str:
    """A value for a message, never all of a huge one (an archive's can be)."""
    if isinstance(value, list | tuple | dict | set | frozenset):
        return f"a {type(value).__name__}"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() >= 128:
        return "a huge number"
    shown = repr(value[:limit] if isinstance(value, str) else value)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def record_id_in(text: str) -> int | None:
    """The record id a person typed (``"42"``), or None when ``text`` is not one that
    can exist: not plain digits, or past the largest id a database holds."""
    text = text.strip()
    if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_RECORD_ID)):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_RECORD_ID else None


def code(vocabulary: Mapping[str, str]) -> Cleaner:
    def clean(name: str, value: Any) -> str:
        if not isinstance(value, str) or value not in vocabulary:
            choices = ", ".join(vocabulary)
            raise ValidationError(name, f"{_short(value)} is not one of: {choices}")
        return value

    return clean


def optional_code(vocabulary: Mapping[str, str]) -> Cleaner:
    """A code from ``vocabulary`` or None (empty): "nobody asked", "no ground"."""
    required = code(vocabulary)

    def clean(name: str, value: Any) -> str | None:
        if value is None or value == "":
            return None
        return str(required(name, value))

    return clean


def codes(vocabulary: Mapping[str, str], *, at_least_one: bool = False) -> Cleaner:
    def clean(name: str, value: Any) -> list[str]:
        if value is None:
            value = []
        if isinstance(value, str) or not isinstance(value, list | tuple | set | frozenset):
            raise ValidationError(name, f"expected a list, got {type(value).__name__}")
        result: list[str] = []
        for item in value:
            if not isinstance(item, str) or item not in vocabulary:
                choices = ", ".join(vocabulary)
                raise ValidationError(name, f"{_short(item)} is not one of: {choices}")
            if item not in result:
                result.append(item)
        if at_least_one and not result:
            raise ValidationError(name, "needs at least one")
        return result

    return clean


def text_list(name: str, value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise ValidationError(name, f"expected a list of names, got {type(value).__name__}")
    result: list[str] = []
    for item in value:
        if not isinstance(item, str):
            raise ValidationError(name, f"expected text, got {type(item).__name__}")
        _too_long(name, item)
        item = " ".join(storable(name, item).split())
        if item and item not in result:
            result.append(item)
    return result


def optional_id(name: str, value: Any) -> int | None:
    if value is None or value == "":
        return None
    return _record_id(name, value)


def _record_id(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(name, f"expected a record id, got {_kind(value)}")
    if not 1 <= value <= MAX_RECORD_ID:
        raise ValidationError(name, f"{_short(value)} is not a record id")
    return value


def required_id(name: str, value: Any) -> int:
    if value is None or value == "":
        raise ValidationError(name, "is required")
    cleaned = optional_id(name, value)
    assert cleaned is not None
    return cleaned


def id_list(name: str, value: Any) -> list[int]:
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, list | tuple | set | frozenset):
        raise ValidationError(name, f"expected a list of record ids, got {_kind(value)}")
    result: list[int] = []
    for item in value:
        item = _record_id(name, item)
        if item not in result:
            result.append(item)
    return result


def clean_values(
    fields: Mapping[str, Field], values: Mapping[str, Any], *, partial: bool
) -> dict[str, Any]:
    """Clean ``values``; with ``partial`` only the given fields, else all with defaults."""
    unknown = sorted(set(values) - set(fields))
    if unknown:
        raise ValidationError(unknown[0], "is not a field of this record")
    cleaned: dict[str, Any] = {}
    for name, spec in fields.items():
        if name in values:
            cleaned[name] = spec.clean(name, values[name])
        elif not partial:
            empty = spec.empty() if callable(spec.empty) else spec.empty
            cleaned[name] = spec.clean(name, empty)
    return cleaned
