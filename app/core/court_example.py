"""A made-up example case with a realistic CPL 30.30 ledger, for trying the speedy-trial
clock: ``casefile demo-data --court-example`` adds it.

Everything in it is invented and says so: its caption, its summary and a note call it a
made-up example; no real person, case or court date is in it. (The built-in sample case,
built from a news article, gets no court dates: the article gives only the surrender and
the arraignment.)

The ledger is a class A misdemeanor (90 days) in a New York City criminal court: an
arraignment the People were not ready at; a statement of readiness filed before any
certificate of compliance (illusory); a certificate and then a real statement of
readiness; adjournments asked by the defense, on consent and by the People (who asked
for 7 days and were given 21); motions and their decision; a bench warrant; and a trial
date the court's calendar set. The case is added in one transaction, once per workspace.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.errors import ValidationError
from app.core.services import records
from app.core.services.appearances import APPEARANCE
from app.core.services.cases import CASE
from app.core.services.charges import CHARGE
from app.core.services.filings import FILING
from app.core.services.notes import NOTE
from app.core.services.people import PARTY, PERSON
from app.core.storage.models import Case
from app.core.storage.workspace import Workspace

# The example's fixed uid: how a second copy is recognised (and refused).
EXAMPLE_UID = "c0a7e5a3-3030-4030-8030-000000003030"
MADE_UP = (
    "MADE-UP EXAMPLE. This case, its people and its court dates are invented to show the "
    "speedy-trial (CPL 30.30) ledger and clock. It is not a real case."
)

CASE_FIELDS: Mapping[str, Any] = {
    "caption": "People v. Alex Rowan (made-up example)",
    "docket_number": "CR-EXAMPLE-3030",
    "court": "Criminal Court of the City of New York (example)",
    "jurisdiction": "New York County",
    "status": "open",
    "opened_on": "2025-01-10",
    "commenced_on": "2025-01-10",
    "custody": "out",
    "summary": MADE_UP,
}
PEOPLE: tuple[tuple[list[str], Mapping[str, Any]], ...] = (
    (["client"], {"name": "Alex Rowan", "notes": "A made-up person."}),
    (["prosecutor"], {"name": "Sam Ortiz", "title": "ADA", "notes": "A made-up person."}),
    (["complainant"], {"name": "Robin Hale", "notes": "A made-up person."}),
)
CHARGES: tuple[Mapping[str, Any], ...] = (
    {
        "count_number": 1,
        "statute": "PL 120.00(1)",
        "description": "Assault in the third degree",
        "offense_class": "Class A misdemeanor",
        "offense_date": "2025-01-09",
    },
    {
        "count_number": 2,
        "statute": "PL 240.26(1)",
        "description": "Harassment in the second degree",
        "offense_class": "Violation",
        "offense_date": "2025-01-09",
    },
)
# The ledger, in date order. Part and judge are made up too.
APPEARANCES: tuple[Mapping[str, Any], ...] = (
    {
        "date": "2025-01-10",
        "time": "10:00",
        "purpose": "arraignment",
        "part": "AR-2",
        "judge": "Hon. P. Example",
        "outcome": "Arraigned on the complaint; released on recognizance. People not ready.",
        "custody_after": "out",
        "people_ready": False,
        "requested_by": "people",
        "adjourned_to": "2025-02-19",
    },
    {
        "date": "2025-02-19",
        "time": "09:30",
        "purpose": "conference",
        "part": "B",
        "judge": "Hon. P. Example",
        "outcome": "People not ready; the defense asked for time to review discovery.",
        "people_ready": False,
        "requested_by": "defense",
        "excludable": "defense-request",
        "adjourned_to": "2025-03-26",
    },
    {
        "date": "2025-03-26",
        "time": "09:30",
        "purpose": "conference",
        "part": "B",
        "judge": "Hon. P. Example",
        "outcome": "People ready. Motion schedule set; adjourned on consent.",
        "people_ready": True,
        "requested_by": "consent",
        "excludable": "consent",
        "arguable": True,
        "notes": "The defense did not agree to the whole period: arguable.",
        "adjourned_to": "2025-04-23",
    },
    {
        "date": "2025-04-23",
        "time": "09:30",
        "purpose": "motion",
        "part": "B",
        "judge": "Hon. P. Example",
        "outcome": "Omnibus motion argued; decision reserved.",
        "excludable": "motions",
        "adjourned_to": "2025-05-28",
    },
    {
        "date": "2025-05-28",
        "time": "09:30",
        "purpose": "hearing",
        "part": "B",
        "judge": "Hon. P. Example",
        "outcome": "The defendant did not appear; a bench warrant was issued.",
        "excludable": "absent",
        "adjourned_to": "2025-06-25",
    },
    {
        "date": "2025-06-25",
        "time": "09:30",
        "purpose": "hearing",
        "part": "B",
        "judge": "Hon. P. Example",
        "outcome": "Warrant vacated. People not ready (officer on vacation); they asked for "
        "7 days, the court gave 21.",
        "people_ready": False,
        "people_asked_days": 7,
        "requested_by": "people",
        "adjourned_to": "2025-07-16",
    },
    {
        "date": "2025-07-16",
        "time": "09:30",
        "purpose": "hearing",
        "part": "B",
        "judge": "Hon. P. Example",
        "outcome": "Mapp/Huntley hearing held; People ready for trial. Adjourned for trial "
        "to the court's first available date.",
        "people_ready": True,
        "requested_by": "court",
        "adjourned_to": "2025-08-13",
    },
)
FILINGS: tuple[Mapping[str, Any], ...] = (
    {
        "date": "2025-02-05",
        "kind": "readiness",
        "title": "Filed before any certificate of compliance",
        "notes": "Illusory: no certificate of compliance was filed before or with it.",
    },
    {"date": "2025-02-28", "kind": "coc", "title": "Discovery complete"},
    {"date": "2025-03-10", "kind": "readiness", "title": "Filed after the certificate"},
    {"date": "2025-04-01", "kind": "motion", "title": "Omnibus motion (defense)"},
    {"date": "2025-05-20", "kind": "decision", "title": "Mapp/Huntley hearing ordered"},
)


def add_court_example(ws: Workspace) -> int:
    """Add the made-up example case in one transaction and return its id; refused if the
    workspace already has it."""
    with ws.session() as session:
        if session.scalar(select(Case.id).where(Case.uid == EXAMPLE_UID)) is not None:
            raise ValidationError(
                "court-example", "this workspace already has the made-up court example case"
            )
        case = records.create(session, CASE, CASE_FIELDS)
        case.uid = EXAMPLE_UID
        _add_records(session, case.id)
        return int(case.id)


def _add_records(session: Session, case_id: int) -> None:
    for roles, person in PEOPLE:
        new_person = records.create(session, PERSON, person)
        records.create(
            session, PARTY, {"person_id": new_person.id, "roles": roles}, case_id=case_id
        )
    for charge in CHARGES:
        records.create(session, CHARGE, charge, case_id=case_id)
    for appearance in APPEARANCES:
        records.create(session, APPEARANCE, appearance, case_id=case_id)
    for filing in FILINGS:
        records.create(session, FILING, filing, case_id=case_id)
    records.create(session, NOTE, {"body": MADE_UP}, case_id=case_id)
