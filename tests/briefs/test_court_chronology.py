"""Court appearances and filings in the brief's chronology, in both Word and PDF: dated,
with time, purpose and part, and the date each was adjourned to."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.briefs.build import build_brief
from app.briefs.export import export_brief
from app.core.services import appearances, filings
from tests.briefs.conftest import TODAY, SmallCase
from tests.briefs.helpers import docx_text, pdf_text, squash


@pytest.fixture
def court_case(small_case: SmallCase) -> SmallCase:
    appearances.add_appearance(
        small_case.ws, small_case.case_id, date="2026-03-04", time="09:30",
        purpose="arraignment", part="AR-3", judge="Hon. Ferris", outcome="Released",
        adjourned_to="2026-04-15", requested_by="defense", notes="STAFF-ONLY-COURT-NOTE",
    )  # fmt: skip
    filings.add_filing(
        small_case.ws, small_case.case_id, date="2026-03-20", kind="readiness", with_coc=True,
        title="SOR and COC",
    )  # fmt: skip
    return small_case


def test_court_dates_and_filings_take_their_place_in_the_chronology(
    court_case: SmallCase,
) -> None:
    brief = build_brief(court_case.ws, court_case.case_id, today=TODAY)
    dates = [(e.date, e.time, e.kind) for e in brief.chronology]
    assert dates == [
        ("March 2026", "", "Statement"),
        ("March 2, 2026", "", "Statement"),
        ("March 3, 2026", "", "Event: Court appearance"),
        ("March 4, 2026", "09:30", "Court appearance"),
        ("March 20, 2026", "", "Filing"),
        ("about March 2026", "", "Event: Incident"),
        ("July 14, 2026", "09:30", "Event: Court appearance"),
    ]
    appearance, filing = brief.chronology[3], brief.chronology[4]
    assert appearance.title == "Arraignment \u2014 Part AR-3, Hon. Ferris"
    assert appearance.detail == "Released. Adjourned to April 15, 2026 (asked by the defense)."
    assert filing.title == "Statement of readiness with a certificate of compliance: SOR and COC"
    # The appearance's notes are the office's own: the chronology leaves them out.
    assert all("STAFF-ONLY" not in e.detail + e.title for e in brief.chronology)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_both_writers_print_the_court_dates(
    court_case: SmallCase, tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"brief.{fmt}"
    export_brief(court_case.ws, court_case.case_id, path, today=TODAY)
    text = squash(pdf_text(path) if fmt == "pdf" else docx_text(path))
    # Word sets the time beside its date, the PDF under it; both read date, time, text.
    assert ("March4,2026,09:30" if fmt == "docx" else "March4,202609:30") + "Arraign" in text
    for shown in (
        "Arraignment\u2014PartAR-3,Hon.Ferris",
        "AdjournedtoApril15,2026(askedbythedefense).",
        "Statementofreadinesswithacertificateofcompliance:SORandCOC",
    ):
        assert shown in text, shown
