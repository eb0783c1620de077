"""A stored case with a speedy-trial ledger, shared by the loader, exhibit and CLI tests.

Appearances and filings are added as ORM rows: the clock reads the tables, whoever
wrote them.
"""

from __future__ import annotations

from app.core.dates import PartialDate
from app.core.storage.models import Appearance, Case, Charge, Filing
from app.core.storage.workspace import Workspace


def pd(text: str) -> PartialDate:
    return PartialDate.from_iso(text)


def make_case(ws: Workspace, *, commenced: str | None = "2026-01-10") -> int:
    """A class A misdemeanor (90 days) commenced 2026-01-10: the People's adjournment to
    02-10 (31 chargeable), the defense's to 03-10 (28 excluded, arguable), the court's
    to 04-14 (chargeable), a certificate of compliance on 03-20 (not readiness by
    itself) and a statement of readiness on 04-10. As of 2026-04-01: 53 of 90 used,
    81 with the arguable days, 37 remain, last day 2026-05-08."""
    with ws.session() as session:
        case = Case(caption="People v. Example", docket_number="CR-1",
                    commenced_on=pd(commenced) if commenced else None)  # fmt: skip
        session.add(case)
        session.flush()
        session.add_all([
            Charge(case_id=case.id, count_number=1, statute="PL 120.00",
                   offense_class="Class A misdemeanor"),
            Charge(case_id=case.id, count_number=2, statute="PL 120.05",
                   offense_class="Class D felony", status="dismissed"),
            Appearance(case_id=case.id, date=pd("2026-01-10"), adjourned_to=pd("2026-02-10"),
                       purpose="arraignment", requested_by="people", people_ready=False),
            Appearance(case_id=case.id, date=pd("2026-03-10"), adjourned_to=pd("2026-04-14"),
                       requested_by="court", people_ready=False),
            Appearance(case_id=case.id, date=pd("2026-02-10"), adjourned_to=pd("2026-03-10"),
                       requested_by="defense", arguable=True),
            Filing(case_id=case.id, date=pd("2026-03-20"), kind="coc"),
            Filing(case_id=case.id, date=pd("2026-04-10"), kind="readiness"),
        ])  # fmt: skip
        return case.id
