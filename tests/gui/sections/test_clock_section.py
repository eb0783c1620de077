"""The Clock section of a case: the figure, the period table, the red state with its
words, the as-of chooser, re-reading after a change, and saving the exhibit.

The ledgers are made with the services, and each expected figure is worked out here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate

from app.context import AppContext
from app.core.services import appearances, cases, charges, filings
from app.core.services.operations import Changes
from app.gui.sections.clock import NEAR, PAST, WITHIN, ClockSection, clock_state
from app.gui.widgets.style import error_color
from app.gui.window.main_window import MainWindow
from tests.gui.recording import RecordingInteraction


@pytest.fixture
def talk(empty_ctx: AppContext) -> RecordingInteraction:
    empty_ctx.interaction = RecordingInteraction()
    return empty_ctx.interaction


def class_a_case(ctx: AppContext) -> int:
    """A class A misdemeanor (90 days) commenced 2026-01-10: the People's adjournment to
    02-10 (31 chargeable), the defense's to 03-10 (28 excluded but arguable), the court's
    to 04-14 (chargeable: congestion), a certificate of compliance on 03-20 and the
    statement of readiness on 04-10."""
    ws = ctx.workspace
    case_id = cases.add_case(ws, caption="People v. Clockwork", docket_number="CR-90",
                             commenced_on="2026-01-10")  # fmt: skip
    charges.add_charge(ws, case_id, statute="PL 120.00", offense_class="Class A misdemeanor")
    appearances.add_appearance(ws, case_id, date="2026-01-10", purpose="arraignment",
                               adjourned_to="2026-02-10", requested_by="people",
                               people_ready=False)  # fmt: skip
    appearances.add_appearance(ws, case_id, date="2026-02-10", purpose="conference",
                               adjourned_to="2026-03-10", requested_by="defense",
                               arguable=True)  # fmt: skip
    appearances.add_appearance(ws, case_id, date="2026-03-10", purpose="conference",
                               adjourned_to="2026-04-14", requested_by="court",
                               people_ready=False)  # fmt: skip
    filings.add_filing(ws, case_id, date="2026-03-20", kind="coc")
    filings.add_filing(ws, case_id, date="2026-04-10", kind="readiness")
    return case_id


def class_b_case(ctx: AppContext) -> int:
    """A class B misdemeanor (60 days) commenced 2026-01-10, adjourned at the People's
    request to 03-01 while not ready: every day from 01-11 is chargeable."""
    ws = ctx.workspace
    case_id = cases.add_case(ws, caption="People v. Hourglass", commenced_on="2026-01-10")
    charges.add_charge(ws, case_id, statute="PL 240.20", offense_class="Class B misdemeanor")
    appearances.add_appearance(ws, case_id, date="2026-01-10", purpose="arraignment",
                               adjourned_to="2026-03-01", requested_by="people",
                               people_ready=False)  # fmt: skip
    return case_id


def section_as_of(qtbot: Any, ctx: AppContext, case_id: int, day: str) -> ClockSection:
    section = ClockSection(ctx)
    qtbot.addWidget(section)
    section.set_case(case_id)
    section.as_of.setDate(QDate.fromString(day, "yyyy-MM-dd"))
    return section


def rows(section: ClockSection) -> list[list[str]]:
    table = section.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_the_figure_and_the_period_table_of_a_hand_made_ledger(
    qtbot: Any, empty_ctx: AppContext
) -> None:
    case_id = class_a_case(empty_ctx)
    section = section_as_of(qtbot, empty_ctx, case_id, "2026-04-01")
    # 31 (01-10 to 02-10) + 22 (03-10 to 04-01, the court's) = 53 of 90; the defense's
    # 28 days are excluded but arguable: 81 with them, 9 remain that way.
    assert section.figure.text() == "53 of 90 days used — 37 remain"
    assert "with them" not in section.arguable.text()
    assert section.arguable.text() == ("With the 28 days the defense argues: 81 of 90 — 9 remain")
    assert clock_state(section.clock) == WITHIN  # type: ignore[arg-type]
    assert section.state.text() == "Within the limit: 37 days remain"
    assert section.limit.text().startswith("Count 1 (PL 120.00): misdemeanor punishable")
    assert "90 days" in section.limit.text()
    assert section.commenced.text() == "January 10, 2026"
    # Not ready: the last day, if every day from 04-01 is chargeable, is 37 days later.
    assert section.readiness.text() == "People not ready; the last day is May 8, 2026"
    table = rows(section)
    assert [row[:5] for row in table] == [
        ["2026-01-10", "2026-02-10", "31", "31", ""],
        ["2026-02-10", "2026-03-10", "28", "0", "28"],
        ["2026-03-10", "2026-03-20", "10", "10", ""],  # the certificate starts a period
        ["2026-03-20", "2026-04-01", "12", "12", ""],  # but is not readiness by itself
        ["Total", "", "81", "53", "28"],
    ]
    assert "defense" in table[1][5].lower()
    assert section.save_button.isEnabled()


def test_the_as_of_chooser_counts_again(qtbot: Any, empty_ctx: AppContext) -> None:
    case_id = class_a_case(empty_ctx)
    section = section_as_of(qtbot, empty_ctx, case_id, "2026-04-01")
    # Ready on 04-10 with the certificate filed before: 31 + 31 (03-10 to 04-10) = 62.
    section.as_of.setDate(QDate(2026, 5, 1))
    assert section.figure.text() == "62 of 90 days used — 28 remain"
    assert section.readiness.text() == "People ready since April 10, 2026"


def test_near_and_past_the_limit_are_red_and_said_in_words(
    qtbot: Any, empty_ctx: AppContext
) -> None:
    case_id = class_b_case(empty_ctx)
    # 01-10 to 02-10 is 31 days and 02-10 to 03-01 is 19: 50 of 60, 10 remain (<= 14).
    section = section_as_of(qtbot, empty_ctx, case_id, "2026-03-01")
    assert section.figure.text() == "50 of 60 days used — 10 remain"
    assert clock_state(section.clock) == NEAR  # type: ignore[arg-type]
    assert section.state.text() == "⚠ Warning: near the limit, 10 days remain"
    red = error_color(section.figure.palette())
    assert section.figure.palette().color(section.figure.foregroundRole()) == red
    assert "near the limit" in section.figure.accessibleName()
    # 19 days later: 69 of 60, 9 over. The last day was day 60: 2026-03-11.
    section.as_of.setDate(QDate(2026, 3, 20))
    assert section.figure.text() == "69 of 60 days used — 9 days over the limit"
    assert clock_state(section.clock) == PAST  # type: ignore[arg-type]
    assert section.figure.accessibleName().endswith("Warning: past the limit by 9 days")
    assert section.readiness.text() == "People not ready; the last day was March 11, 2026"
    section.as_of.setDate(QDate(2026, 1, 20))  # 10 of 60: black again
    assert clock_state(section.clock) == WITHIN  # type: ignore[arg-type]
    assert section.figure.palette().color(section.figure.foregroundRole()) != red


def test_a_charge_without_a_class_says_what_is_missing(qtbot: Any, empty_ctx: AppContext) -> None:
    ws = empty_ctx.workspace
    case_id = cases.add_case(ws, caption="People v. Unknown", commenced_on="2026-01-10")
    charges.add_charge(ws, case_id, statute="PL 999.99")
    section = section_as_of(qtbot, empty_ctx, case_id, "2026-01-20")
    assert section.figure.text() == "10 days chargeable — no limit yet"
    assert section.missing.isVisibleTo(section)
    assert "PL 999.99" in section.missing.text()
    assert section.state.text().startswith("Cannot count to a limit: ")


def test_the_window_shows_the_clock_and_counts_again_after_a_change(
    qtbot: Any, empty_ctx: AppContext
) -> None:
    case_id = class_b_case(empty_ctx)
    window = MainWindow(empty_ctx)
    qtbot.addWidget(window)
    window.open_case(case_id)
    window.show_section("clock")
    section = window.case_view.current_section()
    assert isinstance(section, ClockSection)
    section.as_of.setDate(QDate(2026, 3, 25))
    assert section.figure.text() == "74 of 60 days used — 14 days over the limit"
    # The defense asked for the adjournment at 03-01: the days after it are excluded.
    new = appearances.add_appearance(
        empty_ctx.workspace, case_id, date="2026-03-01", purpose="conference",
        adjourned_to="2026-04-01", requested_by="defense",
    )  # fmt: skip
    window.case_view.refresh(Changes.of([("appearance", new)]))
    assert section.figure.text() == "50 of 60 days used — 10 remain"
    window.case_view.refresh(Changes.of([("note", 1)]))  # a note is not in the ledger
    assert section.figure.text() == "50 of 60 days used — 10 remain"
    assert window.case_view.sidebar.currentItem().text() == "Clock"


def test_save_exhibit_writes_the_pdf_chosen(
    qtbot: Any, empty_ctx: AppContext, talk: RecordingInteraction, tmp_path: Path
) -> None:
    case_id = class_a_case(empty_ctx)
    section = section_as_of(qtbot, empty_ctx, case_id, "2026-04-01")
    target = tmp_path / "exhibit"
    talk.saves.append(str(target))
    section.save_exhibit()
    # The suggested name says whose exhibit it is and as of when, safe on every system.
    caption = cases.get_case(empty_ctx.workspace, case_id)["caption"]
    assert talk.said("save_file", f"{caption} - speedy-trial exhibit 2026-04-01.pdf")
    written = tmp_path / "exhibit.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    assert talk.said("inform", str(written))
    talk.saves.append(str(tmp_path / "no-such-folder" / "x.txt"))
    section.save_exhibit()
    assert talk.said("warn", "not pdf or docx")
    # A new section, or another case, counts as of today.
    assert ClockSection(empty_ctx).as_of_date() == dt.date.today()
    section.set_case(class_b_case(empty_ctx))
    assert section.as_of_date() == dt.date.today()


def test_a_homicide_is_exempt_and_not_red(qtbot: Any, empty_ctx: AppContext) -> None:
    ws = empty_ctx.workspace
    case_id = cases.add_case(ws, caption="People v. Exempt", commenced_on="2026-01-10")
    charges.add_charge(ws, case_id, statute="PL 125.25", offense_class="Class A-I felony")
    section = section_as_of(qtbot, empty_ctx, case_id, "2026-12-01")
    assert section.figure.text() == "Exempt from CPL 30.30"
    assert section.state.text().startswith("Exempt: ")
    assert section.figure.palette().color(section.figure.foregroundRole()) != error_color()
