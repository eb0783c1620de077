"""The case of an intake day, as a paralegal would type it in (through the services).

People v. Maria Lopez: the client; a complaining witness who is both complainant and
witness; the arresting officer; a statement by each of the other two on the day of
the arrest (November 30); one charge; the arraignment on December 1 at 09:30 in
Part AP-2, kept both as an event and as a court appearance; the statement of readiness
filed; and the next court date the arraignment was adjourned to (January 12, 2027).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.core.services import (
    appearances,
    cases,
    charges,
    events,
    filings,
    people,
    statements,
)
from app.core.storage.workspace import Workspace

CAPTION = "People v. Maria Lopez"
# The brief is prepared the day after the arraignment: the next court date is ahead.
PREPARED = dt.date(2026, 12, 2)


@dataclass
class IntakeCase:
    ws: Workspace
    case_id: int
    client: int  # party ids
    complainant: int
    officer: int


def build_intake_case(ws: Workspace) -> IntakeCase:
    case_id = cases.add_case(
        ws, caption=CAPTION, docket_number="CR-2026-0312", court="Criminal Court, Bronx County"
    )
    client = people.add_person_to_case(ws, case_id, ["client"], name="Maria Lopez")
    complainant = people.add_person_to_case(
        ws, case_id, ["complainant", "witness"], name="Jordan Pike"
    )
    officer = people.add_person_to_case(
        ws, case_id, ["police_officer"], name="Daniel Reyes", title="Police Officer",
        affiliation="NYPD, 44th Precinct",
    )  # fmt: skip
    charges.add_charge(
        ws, case_id, count_number=1, statute="PL 155.25", description="Petit larceny",
        offense_class="Class A misdemeanor",
    )  # fmt: skip
    statements.add_statement(
        ws, case_id, speaker_id=complainant, date="2026-11-30", setting="criminal_complaint",
        text="I saw her take the bag from the counter.",
    )  # fmt: skip
    statements.add_statement(
        ws, case_id, speaker_id=officer, date="2026-11-30", setting="police_report",
        text="Defendant was stopped outside the store at 18:40.",
    )  # fmt: skip
    events.add_event(
        ws, case_id, kind="court_appearance", date="2026-12-01", time="09:30",
        title="Arraignment", place="Part AP-2", description="Client arraigned",
    )  # fmt: skip
    appearances.add_appearance(
        ws, case_id, date="2026-12-01", time="09:30", purpose="arraignment", part="AP-2",
        judge="Hon. Bell", outcome="Released on her own recognizance",
        adjourned_to="2027-01-12", requested_by="people", people_ready=False,
    )  # fmt: skip
    filings.add_filing(ws, case_id, date="2026-12-01", kind="readiness", title="SOR")
    return IntakeCase(ws, case_id, client, complainant, officer)
