"""The brief tests use the shared small case (tests/casebuilder.py, fixture ``small_case``)
and an intake day's case (tests/briefs/intake_case.py, fixture ``intake``).

The small case's marker strings are named here too, where the brief tests import them from.
"""

from __future__ import annotations

import pytest

from app.core.storage.workspace import Workspace
from tests.briefs.intake_case import IntakeCase, build_intake_case
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


@pytest.fixture
def intake(sqlite_workspace: Workspace) -> IntakeCase:
    """People v. Maria Lopez, as typed in on the day of her arraignment."""
    return build_intake_case(sqlite_workspace)
