"""The speedy-trial exhibit, written as PDF and Word and read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pypdf
import pytest

from app.briefs.clock import ClockExhibit, clock_exhibit, write_clock_exhibit
from app.core.clock.result import Clock, Period
from app.core.errors import CasefileError
from app.core.storage.models import Charge
from app.core.storage.workspace import Workspace
from tests.briefs.helpers import pdf_text, squash
from tests.core.clock.stored import make_case

AS_OF = dt.date(2026, 4, 1)
PERIOD_ROWS = [
    ["From", "To", "Days", "Chargeable", "Arguable", "Reason"],
    ["Jan 10, 2026", "Feb 10, 2026", "31", "31", "",
     "Adjourned at the People's request; People not ready — chargeable"],
    ["Feb 10, 2026", "Mar 10, 2026", "28", "0", "28",
     "Adjourned at the defense's request (30.30(4)(b)) — excludable; "
     "the defense argues chargeable"],
    ["Mar 10, 2026", "Mar 20, 2026", "10", "10", "",
     "Adjourned by the court (court congestion); People not ready — chargeable"],
    ["Mar 20, 2026", "Apr 1, 2026", "12", "12", "",
     "Adjourned by the court (court congestion); People not ready — chargeable"],
    ["Total", "", "81", "53", "28", ""],
]  # fmt: skip


def test_the_word_exhibit_holds_the_table_and_the_figures(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    case_id = make_case(sqlite_workspace)
    exhibit = clock_exhibit(sqlite_workspace, case_id, AS_OF)
    target = tmp_path / "clock.docx"
    assert write_clock_exhibit(exhibit, target) is None
    document = docx.Document(str(target))
    assert document.paragraphs[0].text == "Speedy-trial computation (CPL 30.30)"
    facts, periods, totals = ([[c.text for c in r.cells] for r in t.rows] for t in document.tables)
    assert ["Docket", "CR-1"] in facts
    assert ["Commenced", "January 10, 2026 (day 0, not counted)"] in facts
    assert ["Computed as of", "April 1, 2026"] in facts
    assert facts[3][1].startswith("Count 1 (PL 120.00): misdemeanor punishable by more than")
    assert periods == PERIOD_ROWS
    assert totals == [
        ["Chargeable to the People", "53 days"],
        ["With the days argued chargeable", "81 days"],
        ["Remaining", "37 days"],
        ["Remaining with the arguable days", "9 days"],
        ["Last day", "May 8, 2026"],
    ]
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Computed by Casefile as of April 1, 2026" in body
    assert "must be checked against the court record" in body


def test_the_pdf_exhibit_holds_the_table_and_the_figures(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    make_case(sqlite_workspace)  # found by its docket number
    target = tmp_path / "clock.pdf"
    pages = write_clock_exhibit(clock_exhibit(sqlite_workspace, "CR-1", AS_OF), target)
    assert pages == 1 and len(pypdf.PdfReader(str(target)).pages) == 1
    text = squash(pdf_text(target))
    for expected in (
        "Speedy-trial computation (CPL 30.30)",
        "DocketCR-1",
        "CommencedJanuary 10, 2026 (day 0, not counted)",
        "Jan 10, 2026Feb 10, 20263131",
        "Feb 10, 2026Mar 10, 202628028",
        "Total815328",
        "Chargeable to the People53 days",
        "With the days argued chargeable81 days",
        "Remaining37 days",
        "Last dayMay 8, 2026",
        "must be checked against the court record",
        "Page 1 of 1",
    ):
        assert squash(expected) in text, expected


def test_an_exhibit_without_a_limit_says_what_is_missing(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    case_id = make_case(sqlite_workspace)
    with sqlite_workspace.session() as session:
        session.add(
            Charge(case_id=case_id, count_number=3, statute="PL 165.40", offense_class="serious")
        )
    target = tmp_path / "clock.docx"
    write_clock_exhibit(clock_exhibit(sqlite_workspace, case_id, AS_OF), target)
    facts = [[c.text for c in r.cells] for r in docx.Document(str(target)).tables[0].rows]
    assert [
        "Limit",
        "Not known: Count 3 (PL 165.40) has a class that is not recognised ('serious')",
    ] in (facts)
    pdf = tmp_path / "clock.pdf"
    write_clock_exhibit(clock_exhibit(sqlite_workspace, case_id, AS_OF), pdf)
    assert "Count3(PL165.40)hasaclassthatisnotrecognised" in squash(pdf_text(pdf))


def test_a_failed_write_leaves_nothing_behind(
    sqlite_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.briefs.clock.pdf as writer

    case_id = make_case(sqlite_workspace)
    exhibit = clock_exhibit(sqlite_workspace, case_id, AS_OF)
    out = tmp_path / "out"
    out.mkdir()

    def broken(*_args: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer, "write_pdf", broken)
    with pytest.raises(CasefileError, match="No space left on device"):
        write_clock_exhibit(exhibit, out / "clock.pdf")
    assert list(out.iterdir()) == []


def test_an_exhibit_over_the_limit_with_the_arguable_days_says_so() -> None:
    # 80 of 90 days definite, 100 with 20 arguable days: 10 remain, or 10 over the limit.
    day = dt.date(2026, 4, 1)
    clock = Clock(90, "a class A misdemeanor", day, day, None, 80, 100, 10, day,
                  [Period(day, day, 0, 0, 20, "")], remaining_with_arguable=-10)  # fmt: skip
    totals = dict(ClockExhibit("People v. X", "D-1", "", clock, day).totals())
    assert totals["Remaining"] == "10 days"
    assert totals["Remaining with the arguable days"] == "none: 10 days over the limit"
