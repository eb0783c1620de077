"""A probable-cause affidavit sworn before a magistrate ("personally appeared Officer Jo Roe,
who being by me duly sworn, deposes and says"), the officer writing in the first person.
Made-up names."""

from __future__ import annotations

from app.core.intake import complaint, forms
from app.core.intake.proposal import Proposal

AFFIDAVIT = "\n".join(
    [
        "MADE UP TEXT FOR TESTING",
        "PROBABLE CAUSE AFFIDAVIT",
        "THE STATE OF LAKE MERIDIAN v. DOMINGO ESPARZA-HILL",
        "BEFORE ME, the undersigned authority, on this day personally appeared Officer Tamsin"
        " Oduro, who being by me duly sworn, deposes and says:",
        "My name is Officer Tamsin Oduro and I am a peace officer employed by the Harlow Police"
        " Department.",
        "On January 12, 2026, I responded to 88 Vine Street regarding a disturbance. Upon arrival"
        " I spoke with the complainant, Lydia Fenwick, who stated that her neighbor, Domingo"
        ' Esparza-Hill, kicked in her front door and shouted, "You\'re dead, Lydia."',
        "Fenwick further stated that Esparza-Hill took her phone from the kitchen table.",
        "Sworn to and subscribed before me on January 13, 2026.",
        "",
    ]
)


def _containing(found: list[Proposal], words: str) -> Proposal:
    return next(p for p in found if words in p.text)


def test_an_affidavit_sworn_by_me_is_a_complaint_of_the_officer_who_appeared() -> None:
    assert forms.detect(AFFIDAVIT) == "complaint"
    found = complaint.read(AFFIDAVIT)
    told = _containing(found, "kicked in her front door")
    assert (told.speaker, told.recipient, told.pin, told.date) == (
        "Lydia Fenwick",
        "Tamsin Oduro",
        "¶ 6",
        "2026-01-12",
    )
    shout = _containing(found, "You're dead, Lydia.")
    assert (shout.speaker, shout.speech) == ("Domingo Esparza-Hill", "verbatim")
    assert (shout.recipient, shout.setting) == ("Lydia Fenwick", "")  # not said to the police
    assert _containing(found, "took her phone").speaker == "Lydia Fenwick"
