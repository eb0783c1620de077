"""Court records for the sample case, which has none of its own (the article it comes
from gives only the surrender and the arraignment): appearances, filings and deadlines
with blanks and ties enough to test the lists' sort and the forms' loading."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.services import appearances, deadlines, filings
from app.core.storage.workspace import Workspace

COURT_LISTS = ("court", "filings", "deadlines")


@dataclass(frozen=True)
class CourtRecords:
    arraignment: int
    conference: int
    motion: int
    readiness: int
    motion_filed: int
    motion_due: int
    reply_due: int


def add_court_records(ws: Workspace, case_id: int) -> CourtRecords:
    arraignment = appearances.add_appearance(
        ws,
        case_id,
        date="2020-08-06",
        time="09:30",
        purpose="arraignment",
        part="AR-3",
        judge="Hon. Kevin McGrath",
        outcome="Arraigned on the complaint; released.",
        custody_after="out",
        adjourned_to="2020-09-24",
        requested_by="people",
        people_ready=False,
        people_asked_days=7,
    )
    conference = appearances.add_appearance(
        ws,
        case_id,
        date="2020-09-24",
        purpose="conference",
        part="AP-7",
        judge="Hon. Rosa Diaz",
        adjourned_to="2020-11-05",
        requested_by="defense",
        excludable="defense-request",
    )
    motion = appearances.add_appearance(
        ws,
        case_id,
        date="2020-11-05",
        purpose="motion",
        part="AP-7",
        judge="Hon. Rosa Diaz",
        requested_by="court",
        excludable="motions",
        arguable=True,
        people_ready=True,
    )
    readiness = filings.add_filing(
        ws,
        case_id,
        date="2020-10-15",
        kind="readiness",
        with_coc=True,
        title="Statement of readiness and certificate of compliance",
    )
    motion_filed = filings.add_filing(ws, case_id, date="2020-10-30", kind="motion")
    motion_due = deadlines.add_deadline(
        ws,
        case_id,
        title="Omnibus motion due",
        kind="motion",
        date="2020-10-30",
        time="17:00",
        met_on="2020-10-30",
    )
    reply_due = deadlines.add_deadline(
        ws, case_id, title="Reply to the People's response", kind="response", date="2020-12-01"
    )
    return CourtRecords(
        arraignment, conference, motion, readiness, motion_filed, motion_due, reply_due
    )
