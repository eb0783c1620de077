"""The brief tests use the shared small case (tests/casebuilder.py, fixture ``small_case``).

Its marker strings are named here too, where the brief tests import them from.
"""

from __future__ import annotations

from tests.casebuilder import (
    CASE_NOTE,
    CHARGE_NOTE,
    OPEN_NOTE,
    PARTY_NOTE,
    PERSON_NOTE,
    PRIVILEGED_TITLE,
    QUOTE_TEXT,
    STAFF_NOTE,
    STATEMENT_NOTE,
    TODAY,
    SmallCase,
    build_small_case,
)

__all__ = [
    "CASE_NOTE",
    "CHARGE_NOTE",
    "OPEN_NOTE",
    "PARTY_NOTE",
    "PERSON_NOTE",
    "PRIVILEGED_TITLE",
    "QUOTE_TEXT",
    "STAFF_NOTE",
    "STATEMENT_NOTE",
    "TODAY",
    "SmallCase",
    "build_small_case",
]
