"""A case with a hand-worked speedy-trial ledger, court dates and deadlines, for the
brief's court sections (added through the services, as staff would)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.core.services import appearances, cases, charges, deadlines
from app.core.storage.workspace import Workspace

# The brief is prepared on this day: the clock and the deadlines are computed as of it.
PREPARED = dt.date(2026, 5, 19)


@dataclass
class CourtCase:
    ws: Workspace
    case_id: int


def build_court_case(ws: Workspace) -> CourtCase:
    """People v. Alvarez: a class A misdemeanor (90 days, CPL 30.30(1)(b)), no "commenced
    on", so day 0 is the arraignment on Saturday, January 10, 2026.

    The ledger, worked by hand (each period counts the days after its first date up
    to and including its last):

    ======  ======  ====  ==========  ========  ===========================================
    from    to      days  chargeable  arguable  why
    ======  ======  ====  ==========  ========  ===========================================
    01-10   02-06    27        27           0   the People's adjournment, not ready
    02-06   03-06    28        28           0   "ready" in court without a certificate of
                                                compliance: illusory (30.30(5)), runs on
    03-06   04-20    45         0          45   the defense's adjournment: excludable, but
                                                marked arguable
    04-20   05-19    29        29           0   the court's adjournment (congestion), to
                                                06-12, counted up to the as-of date
    total           129        84          45
    ======  ======  ====  ==========  ========  ===========================================

    So as of 2026-05-19: 84 of 90 chargeable days used, 6 remain; with the 45 arguable
    days 129 of 90, 39 over the limit. The People are not ready and the current period
    is chargeable, so the last day is 05-19 + 6 = Monday, May 25, 2026: Memorial Day,
    a court holiday, flagged and not moved.

    Court dates: a hearing recorded ahead for Thursday, May 28 (Part TAP-B), and the
    adjourned date of Friday, June 12 set on April 20 (nothing recorded on it yet).

    Deadlines: the People's discovery, 35 days after the arraignment out of custody =
    Saturday, February 14, 2026, never met (no certificate filed) so overdue; a
    bill-of-particulars request due March 1 (a Sunday) met February 27; a 30.30
    motion due Saturday, May 23 (weekend); the speedy-trial last day (holiday).
    """
    case_id = cases.add_case(ws, caption="People v. Alvarez", docket_number="CR-7781-26")
    charges.add_charge(
        ws, case_id, count_number=1, statute="PL 120.00(1)", description="Assault 3",
        offense_class="Class A misdemeanor",
    )  # fmt: skip
    add = appearances.add_appearance
    add(ws, case_id, date="2026-01-10", purpose="arraignment", part="AR-2", custody_after="out",
        adjourned_to="2026-02-06", requested_by="people", people_ready=False)  # fmt: skip
    add(ws, case_id, date="2026-02-06", purpose="conference", adjourned_to="2026-03-06",
        requested_by="court", people_ready=True)  # fmt: skip
    add(ws, case_id, date="2026-03-06", purpose="conference", adjourned_to="2026-04-20",
        requested_by="defense", arguable=True)  # fmt: skip
    add(ws, case_id, date="2026-04-20", purpose="hearing", adjourned_to="2026-06-12",
        requested_by="court", people_ready=False, notes="STAFF-ONLY-COURT-NOTE")  # fmt: skip
    add(ws, case_id, date="2026-05-28", time="09:30", purpose="hearing", part="TAP-B",
        judge="Hon. Ruiz")  # fmt: skip
    deadlines.add_deadline(
        ws, case_id, date="2026-03-01", kind="other", title="Bill of particulars request",
        met_on="2026-02-27",
    )  # fmt: skip
    deadlines.add_deadline(
        ws, case_id, date="2026-05-23", kind="motion", title="30.30 motion to dismiss due"
    )
    return CourtCase(ws, case_id)
