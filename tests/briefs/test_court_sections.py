"""The case brief's court sections: the speedy-trial clock, the court dates and
deadlines, and the at-a-glance next court date, built and read back from Word and PDF.

The figures are those of the hand-worked ledger in tests/briefs/court_case.py: as of
Tuesday, May 19, 2026, 27 + 28 + 29 = 84 of 90 days chargeable (the defense's 45 days
excluded but argued), 6 remain, so the last day is May 19 + 6 = Monday, May 25, 2026,
which is Memorial Day.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from app.briefs.build import build_brief
from app.briefs.clock import clock_exhibit
from app.briefs.court import NO_COMMENCEMENT, deadline_row
from app.briefs.export import export_brief
from app.briefs.profiles import CLIENT, FULL, with_sections
from app.core.services import appearances, charges
from app.core.storage.workspace import Workspace
from tests.briefs.conftest import TODAY, SmallCase
from tests.briefs.court_case import PREPARED, CourtCase, build_court_case
from tests.briefs.helpers import docx_text, pdf_pages, pdf_text, squash

HEADLINE = "84 of 90 chargeable days used; 6 remain; last day Monday, May 25, 2026"
BESIDE = "With the 45 arguable days: 129 of 90 chargeable days used; 39 over the limit"
PERIODS = [
    ["From", "To", "Days", "Chargeable", "Arguable", "Reason"],
    ["Jan 10, 2026", "Feb 6, 2026", "27", "27", "",
     "Adjourned at the People's request; People not ready \u2014 chargeable"],
    ["Feb 6, 2026", "Mar 6, 2026", "28", "28", "",
     "People answered ready without a certificate of compliance: readiness illusory "
     "(CPL 30.30(5)); adjourned by the court (court congestion); People not ready "
     "\u2014 chargeable"],
    ["Mar 6, 2026", "Apr 20, 2026", "45", "0", "45",
     "Adjourned at the defense's request (30.30(4)(b)) \u2014 excludable; the defense "
     "argues chargeable"],
    ["Apr 20, 2026", "May 19, 2026", "29", "29", "",
     "Adjourned by the court (court congestion); People not ready \u2014 chargeable"],
    ["Total", "", "129", "84", "45", ""],
]  # fmt: skip
COURT_DATES = [
    ["Date", "Time", "Court date", "Part / judge"],
    ["Thu, May 28, 2026", "09:30", "Hearing", "Part TAP-B, Hon. Ruiz"],
    ["Fri, Jun 12, 2026", "", "Adjourned date (set at the appearance of April 20, 2026)", ""],
]
# Discovery: 35 days after the January 10 arraignment, out of custody = Saturday,
# February 14, never met: overdue (the most pressing flag wins over the weekend). The
# bill of particulars fell on a Sunday and was met on February 27. The 30.30 motion
# falls on Saturday, May 23; the clock's last day on Memorial Day.
DEADLINES = [
    ["Due", "Deadline", "Basis", "Status"],
    ["Sat, Feb 14, 2026", "The People's automatic discovery due", "CPL 245.10(1)(a)", "Overdue"],
    ["Sun, Mar 1, 2026", "Bill of particulars request", "Added by hand",
     "Falls on a weekend; Met February 27, 2026"],
    ["Sat, May 23, 2026", "30.30 motion to dismiss due", "Added by hand", "Falls on a weekend"],
    ["Mon, May 25, 2026", "Speedy-trial last day", "CPL 30.30(1)", "Court holiday (Memorial Day)"],
]  # fmt: skip


@pytest.fixture
def court_case(sqlite_workspace: Workspace) -> CourtCase:
    return build_court_case(sqlite_workspace)


def test_the_clock_section_holds_the_hand_worked_figures(court_case: CourtCase) -> None:
    brief = build_brief(court_case.ws, court_case.case_id, today=PREPARED)
    assert brief.sections[:5] == ("cover", "glance", "charges", "clock", "dates")
    clock = brief.clock
    assert clock is not None and clock.periods is not None
    assert clock.headline == HEADLINE
    assert clock.beside == BESIDE
    assert dict(clock.facts) == {
        "Limit": "Count 1 (PL 120.00(1)): misdemeanor punishable by more than 3 months: "
        "90 days (CPL 30.30(1)(b))",
        "Commenced": "January 10, 2026 (day 0, not counted)",
        "People ready": "Not ready",
        "Last day": "Monday, May 25, 2026 (Memorial Day, a court holiday: flagged, not moved)",
        "Computed as of": "May 19, 2026",
    }
    assert [clock.periods.header, *clock.periods.rows] == PERIODS
    # The at-a-glance page carries the same headline.
    assert brief.glance is not None and brief.glance.speedy_trial == HEADLINE
    notes = "\n".join(clock.notes)
    assert "February 6, 2026: People answered ready without a certificate of compliance" in notes
    assert "The last day, Monday, May 25, 2026, is not a court day (Memorial Day" in notes


def test_the_brief_and_the_exhibit_print_the_same_period_table(court_case: CourtCase) -> None:
    brief = build_brief(court_case.ws, court_case.case_id, today=PREPARED)
    exhibit = clock_exhibit(court_case.ws, court_case.case_id, PREPARED)
    assert brief.clock is not None and brief.clock.periods == exhibit.periods


def test_court_dates_and_deadlines_with_their_flags(court_case: CourtCase) -> None:
    brief = build_brief(court_case.ws, court_case.case_id, today=PREPARED)
    assert brief.dates is not None
    shown = [[r.date, r.time, r.what, r.where] for r in brief.dates.court_dates]
    assert shown == COURT_DATES[1:]
    assert [[d.date, d.title, d.basis, d.status] for d in brief.dates.deadlines] == DEADLINES[1:]
    # The appearance's own notes are the office's: no court section shows them.
    assert "STAFF-ONLY" not in repr(brief.dates) + repr(brief.clock)


def test_the_next_court_date_comes_from_the_court_records(court_case: CourtCase) -> None:
    ws, case_id = court_case.ws, court_case.case_id
    # On May 19 the hearing recorded for May 28 comes first.
    glance = build_brief(ws, case_id, today=PREPARED).glance
    assert glance is not None
    assert (
        glance.next_court_date == "May 28, 2026, 09:30 \u2014 Hearing \u2014 Part TAP-B, Hon. Ruiz"
    )
    # After it, the date the April 20 appearance was adjourned to.
    glance = build_brief(ws, case_id, today=dt.date(2026, 5, 29)).glance
    assert glance is not None
    assert glance.next_court_date == "June 12, 2026 \u2014 adjourned date (set April 20, 2026)"
    # Once June 12 passes with nothing recorded, it stays the next court date and says
    # so (as in the case list): an appearance nobody recorded must not vanish.
    later = build_brief(ws, case_id, today=dt.date(2026, 6, 13))
    assert later.glance is not None and later.glance.next_court_date == (
        "June 12, 2026 \u2014 adjourned date (set April 20, 2026); it has passed and no "
        "appearance is recorded on it"
    )
    assert later.dates is not None and later.dates.court_dates[0].what == (
        "Adjourned date (set at the appearance of April 20, 2026): passed, and no "
        "appearance is recorded on it"
    )
    # Recording the appearance on that day ends the pending date.
    appearances.add_appearance(ws, case_id, date="2026-06-12", purpose="conference")
    recorded = build_brief(ws, case_id, today=dt.date(2026, 6, 13))
    assert recorded.glance is not None and recorded.glance.next_court_date == "None scheduled"
    assert recorded.dates is not None and recorded.dates.court_dates == []


def test_court_appearance_events_still_give_the_next_date_without_court_records(
    small_case: SmallCase,
) -> None:
    # The small case has court-appearance events but no appearances.
    brief = build_brief(small_case.ws, small_case.case_id, today=TODAY)
    assert brief.glance is not None
    assert brief.glance.next_court_date.startswith("July 14, 2026, 09:30")


def test_a_case_without_court_records_says_what_the_clock_needs(
    small_case: SmallCase, tmp_path: Path
) -> None:
    brief = build_brief(small_case.ws, small_case.case_id, today=TODAY)
    assert brief.clock is not None and brief.clock.periods is None
    assert brief.clock.headline == NO_COMMENCEMENT
    assert ("Commenced", "Not recorded") in brief.clock.facts
    assert any(label == "Missing" and "commencement date" in v for label, v in brief.clock.facts)
    assert brief.dates is not None and brief.dates.court_dates == []
    # The discovery rule has nothing to count from yet, and says so.
    discovery = next(d for d in brief.dates.deadlines if d.title.startswith("The People's"))
    assert discovery.date == "Not yet known"
    assert discovery.status.startswith("Not computed: no arraignment")
    for fmt in ("pdf", "docx"):
        path = tmp_path / f"brief.{fmt}"
        export_brief(small_case.ws, small_case.case_id, path, today=TODAY)
        text = squash(pdf_text(path) if fmt == "pdf" else docx_text(path))
        assert squash(NO_COMMENCEMENT) in text, fmt
        assert squash("No upcoming court date is recorded.") in text, fmt


def test_a_charge_without_a_class_names_what_is_missing(court_case: CourtCase) -> None:
    charges.add_charge(
        court_case.ws, court_case.case_id, count_number=2, statute="PL 165.40",
        offense_class="serious",
    )  # fmt: skip
    clock = build_brief(court_case.ws, court_case.case_id, today=PREPARED).clock
    assert clock is not None
    # The 84 chargeable days still count; the limit (and so the last day) does not.
    assert clock.headline.startswith("84 chargeable days so far; the limit is not known")
    facts = dict(clock.facts)
    assert facts["Limit"].startswith("Not known: Count 2 (PL 165.40) has a class that is not")
    assert "Last day" not in facts


def test_the_client_meeting_brief_keeps_the_dates_but_not_the_clock(
    court_case: CourtCase, tmp_path: Path
) -> None:
    brief = build_brief(court_case.ws, court_case.case_id, CLIENT, today=PREPARED)
    assert "clock" not in brief.sections and brief.clock is None
    assert brief.glance is not None and brief.glance.speedy_trial == ""
    assert brief.dates is not None
    assert [d.title for d in brief.dates.deadlines] == [
        "The People's automatic discovery due",
        "Bill of particulars request",
        "30.30 motion to dismiss due",
    ]
    # Chosen by hand, the clock is still left out of a client brief.
    assert with_sections(CLIENT, "clock,dates").sections == ("dates",)
    assert with_sections(FULL, "clock,dates").sections == ("clock", "dates")
    path = tmp_path / "client.pdf"
    export_brief(court_case.ws, court_case.case_id, path, profile="client", today=PREPARED)
    text = squash(pdf_text(path))
    assert squash("Court dates and deadlines") in text
    assert "Speedy-trial" not in text and "chargeable" not in text


def test_the_word_brief_reads_back_with_the_figures(court_case: CourtCase, tmp_path: Path) -> None:
    path = tmp_path / "brief.docx"
    export_brief(court_case.ws, court_case.case_id, path, today=PREPARED)
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[2:4] == ["Speedy-trial clock (CPL 30.30)", "Court dates and deadlines"]
    paragraphs = [p.text for p in document.paragraphs]
    assert HEADLINE in paragraphs and BESIDE in paragraphs
    glance = paragraphs.index("Speedy-trial clock")
    assert paragraphs[glance - 2 : glance + 2] == [
        "Next court date",
        "May 28, 2026, 09:30 \u2014 Hearing \u2014 Part TAP-B, Hon. Ruiz",
        "Speedy-trial clock",
        HEADLINE,
    ]
    tables = {t.rows[0].cells[0].text: t for t in document.tables}
    periods = tables["From"]
    assert [[c.text for c in row.cells] for row in periods.rows] == PERIODS
    # Figures right-aligned, the totals row bold.
    days = periods.rows[1].cells[2].paragraphs[0]
    assert days.paragraph_format.alignment is not None and days.alignment == 2  # RIGHT
    assert all(r.bold for r in periods.rows[-1].cells[0].paragraphs[0].runs)
    # A period is never split across a page break.
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in periods.rows)
    assert [[c.text for c in row.cells] for row in tables["Date"].rows] == COURT_DATES
    assert [[c.text for c in row.cells] for row in tables["Due"].rows] == DEADLINES
    facts = [[c.text for c in row.cells] for row in tables["Limit"].rows]
    assert [
        "Last day",
        "Monday, May 25, 2026 (Memorial Day, a court holiday: flagged, not moved)",
    ] in facts  # noqa: E501
    for table in (periods, tables["Date"], tables["Due"]):
        assert table.rows[0]._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None


def test_the_pdf_brief_reads_back_with_the_figures(court_case: CourtCase, tmp_path: Path) -> None:
    path = tmp_path / "brief.pdf"
    export_brief(court_case.ws, court_case.case_id, path, today=PREPARED)
    text = squash(pdf_text(path))
    for shown in (
        "Speedy-trial clock (CPL 30.30)",
        "Speedy-trial clock" + HEADLINE,  # at a glance
        HEADLINE,
        BESIDE,
        "CommencedJanuary 10, 2026 (day 0, not counted)",
        "Jan 10, 2026Feb 6, 20262727",
        "Mar 6, 2026Apr 20, 202645045",
        "Total1298445",
        "Thu, May 28, 202609:30HearingPart TAP-B, Hon. Ruiz",
        "Fri, Jun 12, 2026Adjourned date (set at the appearance of April 20, 2026)",
        "Sat, Feb 14, 2026The People's automatic discovery dueCPL 245.10(1)(a)Overdue",
        "Mon, May 25, 2026Speedy-trial last dayCPL 30.30(1)Court holiday (Memorial Day)",
    ):
        assert squash(shown) in text, shown


def test_a_long_period_table_repeats_its_header_and_totals_once(
    court_case: CourtCase, tmp_path: Path
) -> None:
    # 80 more adjournments at the defense's request, a day apart from May 20, 2026 on:
    # 84 periods, more than a page, and more than a table is laid out in one piece.
    for day in range(80):
        date = dt.date(2026, 5, 20) + dt.timedelta(days=day)
        appearances.add_appearance(
            court_case.ws, court_case.case_id, date=date.isoformat(), purpose="conference",
            adjourned_to=(date + dt.timedelta(days=1)).isoformat(), requested_by="defense",
        )  # fmt: skip
    as_of = dt.date(2026, 8, 31)
    brief = build_brief(court_case.ws, court_case.case_id, today=as_of)
    assert brief.clock is not None and brief.clock.periods is not None
    assert len(brief.clock.periods.rows) > 80
    path = tmp_path / "long.pdf"
    export_brief(court_case.ws, court_case.case_id, path, sections="clock", today=as_of)
    pages = [squash(p) for p in pdf_pages(path)]
    with_periods = [p for p in pages if "Adjourned" in p]
    assert len(with_periods) >= 2
    header = squash("FromToDaysChargeable")
    assert all(header in p for p in with_periods)
    assert sum(p.count("Total") for p in pages) == 1
    # Every period once: none lost or repeated where the table breaks across pages.
    for row in brief.clock.periods.rows[:-1]:
        assert sum(p.count(squash(f"{row[0]}{row[1]}")) for p in pages) == 1, row


def test_a_deadline_met_late_says_by_how_many_days() -> None:
    from app.core.dates import PartialDate
    from app.core.schedule.items import CaseRef, DeadlineItem

    # Due Saturday, February 14; the certificate came on Friday, February 20: 6 days late.
    item = DeadlineItem(
        CaseRef(1, "u1", "CR-1"), "discovery", dt.date(2026, 2, 14), "Discovery due",
        key="rule-x", citation="CPL 245.10(1)(a)", met_on=PartialDate(2026, 2, 20),
    )  # fmt: skip
    row = deadline_row(item)
    assert (row.date, row.status) == ("Sat, Feb 14, 2026", "Met February 20, 2026, 6 days late")
    on_time = deadline_row(DeadlineItem(
        CaseRef(1, "u1", "CR-1"), "other", dt.date(2026, 2, 14), "Reply", key="deadline-1",
        met_on=PartialDate(2026, 2, 14), record_id=1,
    ))  # fmt: skip
    assert (on_time.basis, on_time.status) == ("Added by hand", "Met February 14, 2026")
