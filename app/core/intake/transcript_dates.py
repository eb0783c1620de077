"""The dates a transcript's title block or running head states ("June 22, 2026",
"6/22/2026", "22 June 2026", "2026-06-22"), as YYYY-MM-DD."""

from __future__ import annotations

import re

MONTHS = (
    "january february march april may june july august september october november december"
).split()
_DATE_WORDS = re.compile(
    r"\b("
    + "|".join(m.capitalize() for m in MONTHS)
    + r")\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b",
    re.IGNORECASE,
)
_DATE_NUMBERS = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_DATE_DAY_FIRST = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE
)
_DATE_ISO = re.compile(r"\b(\d{4})-(\d\d)-(\d\d)\b")


def find_date(text: str) -> str:
    """The first date ``text`` states, as YYYY-MM-DD, or ""."""
    found = []
    match = _DATE_WORDS.search(text)
    if match:
        month = MONTHS.index(match.group(1).lower()) + 1
        found.append((match.start(), f"{match.group(3)}-{month:02d}-{int(match.group(2)):02d}"))
    numbers = _DATE_NUMBERS.search(text)
    if numbers and 1 <= int(numbers.group(1)) <= 12 and 1 <= int(numbers.group(2)) <= 31:
        found.append(
            (
                numbers.start(),
                f"{numbers.group(3)}-{int(numbers.group(1)):02d}-{int(numbers.group(2)):02d}",
            )
        )
    day_first = _DATE_DAY_FIRST.search(text)
    if day_first:
        month = MONTHS.index(day_first.group(2).lower()) + 1
        day = int(day_first.group(1))
        found.append((day_first.start(), f"{day_first.group(3)}-{month:02d}-{day:02d}"))
    iso = _DATE_ISO.search(text)
    if iso and 1 <= int(iso.group(2)) <= 12 and 1 <= int(iso.group(3)) <= 31:
        found.append((iso.start(), iso.group(0)))
    return min(found)[1] if found else ""
