"""The Deadlines section shows the deadlines computed from the rules above the ones added
by hand, with their state in words, and follows a change to the ledger."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt

from app.context import AppContext
from app.core.services import appearances, cases, charges, filings
from app.core.services.operations import Changes
from app.gui.sections.deadlines import DeadlinesSection
from app.gui.widgets.style import error_color
from app.gui.window.main_window import MainWindow


def _rows(section: DeadlinesSection) -> list[list[str]]:
    tree = section.computed
    return [
        [tree.topLevelItem(r).text(c) for c in range(tree.columnCount())]
        for r in range(tree.topLevelItemCount())
    ]


def test_computed_deadlines_are_listed_with_their_state_and_follow_the_ledger(
    qtbot: Any, empty_ctx: AppContext
) -> None:
    ws = empty_ctx.workspace
    today = dt.date.today()
    arraigned = today - dt.timedelta(days=30)
    case_id = cases.add_case(ws, caption="People v. Due")
    charges.add_charge(ws, case_id, statute="PL 155.25", offense_class="Class A misdemeanor")
    appearances.add_appearance(
        ws, case_id, date=arraigned.isoformat(), purpose="arraignment", custody_after="in"
    )
    window = MainWindow(empty_ctx)
    qtbot.addWidget(window)
    window.open_case(case_id)
    window.show_section("deadlines")
    section = window.case_view.current_section()
    assert isinstance(section, DeadlinesSection)

    # In custody: discovery due 20 days after the arraignment, ten days ago: overdue.
    discovery, last_day = _rows(section)
    due = arraigned + dt.timedelta(days=20)
    assert discovery[0] == f"{due:%B} {due.day}, {due.year}"
    assert discovery[1] == "The People's automatic discovery due (CPL 245.10(1)(a))"
    assert discovery[2] == "Overdue"
    overdue = section.computed.topLevelItem(0)
    assert overdue.foreground(2).color() == error_color(section.palette())
    assert overdue.data(0, Qt.ItemDataRole.AccessibleTextRole).endswith(": Overdue")
    # 90 days from the arraignment, every day chargeable so far.
    end = arraigned + dt.timedelta(days=90)
    assert last_day[:2] == [
        f"{end:%B} {end.day}, {end.year}",
        "Speedy-trial last day (CPL 30.30(1))",
    ]

    # The certificate comes five days late: met, and how late is said.
    coc = filings.add_filing(ws, case_id, date=(due + dt.timedelta(days=5)).isoformat(), kind="coc")
    window.case_view.refresh(Changes.of([("filing", coc)]))
    assert _rows(section)[0][2].endswith(", 5 days late")
    assert _rows(section)[0][2].startswith("Met ")
