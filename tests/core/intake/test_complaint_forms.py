"""A police report that numbers its complaint and says "Complainant stated" is still a
report for the prose reader; a complaint titled as one is a complaint. Made up."""

from __future__ import annotations

from app.core.intake import forms

REPORT = """MADE UP TEXT FOR TESTING
HARLOW POLICE DEPARTMENT - INCIDENT REPORT
Complaint No.: 26-00412     Date: 05/02/2026     Reporting Officer: Ofc. D. Marsh #221
Offense: Theft from vehicle
NARRATIVE:
On 05/02/2026 at 0815 hrs I responded to 14 Pell Court. Complainant stated that someone broke
her car window overnight and took a laptop bag.
Complainant further stated that her neighbor saw a man in a red jacket near the car.
"""

COMPLAINT = """MADE UP TEXT FOR TESTING
FELONY COMPLAINT
Complainant, Police Officer Dana Marsh, being duly sworn, deposes and says:
Complainant states that on May 2, 2026 the defendant broke a car window at 14 Pell Court.
"""


def test_a_police_report_with_a_complaint_number_stays_a_report() -> None:
    assert forms.detect(REPORT) == "prose"


def test_a_complaint_titled_as_one_is_a_complaint() -> None:
    assert forms.detect(COMPLAINT) == "complaint"
