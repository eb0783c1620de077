"""A workspace with court dates and deadlines around today, for the calendar, Today,
reminder and export tests. Import the fixtures into a test module to use them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from app.context import AppContext
from app.core.services import appearances, cases, deadlines
from app.gui.settings import QSettingsMapping
from tests.gui.recording import RecordingInteraction


def today() -> dt.date:
    """Today, asked each time: a run that passes midnight must not compare against the day
    the module was imported on."""
    return dt.date.today()


def day(offset: int) -> dt.date:
    return today() + dt.timedelta(days=offset)


@dataclass(frozen=True)
class Office:
    mine: int  # a case assigned to the tester
    theirs: int  # a case assigned to someone else
    hearing: int  # an appearance in theirs, today + 2 at 10:15
    overdue: int  # a hand-added deadline in theirs, 3 days ago, not met
    ahead: int  # a hand-added deadline in mine, in 5 days
    met: int  # a hand-added deadline in mine, in 1 day, already met


@pytest.fixture
def cal_ctx(empty_ctx: AppContext, qsettings: Any) -> AppContext:
    empty_ctx.interaction = RecordingInteraction()
    empty_ctx.settings = QSettingsMapping(qsettings)  # type: ignore[assignment]
    return empty_ctx


def add_office(ctx: AppContext) -> Office:
    ws = ctx.workspace
    mine = cases.add_case(ws, caption="People v. Mine", docket_number="CR-MINE",
                          assigned_staff="tester")  # fmt: skip
    theirs = cases.add_case(ws, caption="People v. Theirs", docket_number="CR-THEIRS",
                            assigned_staff="someone else")  # fmt: skip
    hearing = appearances.add_appearance(
        ws, theirs, date=day(2).isoformat(), time="10:15", purpose="hearing", part="AP-7"
    )
    overdue = deadlines.add_deadline(ws, theirs, title="Omnibus motion due", kind="motion",
                                     date=day(-3).isoformat())  # fmt: skip
    ahead = deadlines.add_deadline(ws, mine, title="Witness list due", kind="other",
                                   date=day(5).isoformat())  # fmt: skip
    met = deadlines.add_deadline(ws, mine, title="Reply filed", kind="motion",
                                 date=day(1).isoformat(), met_on=today().isoformat())  # fmt: skip
    return Office(mine, theirs, hearing, overdue, ahead, met)


@pytest.fixture
def office(cal_ctx: AppContext) -> Office:
    return add_office(cal_ctx)
