"""An officer in several cases, built with the services, for the tests of a person's
statements across cases (core, command line, report, window).

Officer Kenneth Thomas (tax registry 912345) speaks in People v. Baker (twice, entered
out of date order) and People v. Cole (with a new shield after a promotion). A second
record of him, entered again in People v. Diaz with the same tax registry number,
is the same officer. "Ken Thomas" in People v. Evans has no number: a near match,
never included. The clients speak too, and must never be listed as his.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.services import cases, documents, people, statements
from app.core.storage.workspace import Workspace

TAX_ID = "912345"


@dataclass
class OfficerCases:
    ws: Workspace
    thomas: int  # person ids
    thomas_again: int
    ken: int
    baker: int  # case ids
    cole: int
    diaz: int
    evans: int
    thomas_in_cole: int  # party id
    october: int  # statement ids, in the order they must come out
    november: int
    february: int
    may: int
    client_statement: int


def build_officer_cases(ws: Workspace) -> OfficerCases:
    baker = cases.add_case(ws, caption="People v. Baker", docket_number="CR-2025-0042")
    cole = cases.add_case(ws, caption="People v. Cole", docket_number="CR-2026-0007")
    diaz = cases.add_case(ws, caption="People v. Diaz", docket_number="CR-2026-0300")
    evans = cases.add_case(ws, caption="People v. Evans", docket_number="CR-2026-0411")

    in_baker = people.add_person_to_case(
        ws, baker, ["police_officer"], name="Kenneth Thomas", title="Officer", tax_id=TAX_ID
    )
    people.update_party(ws, in_baker, shield_number="4410", command="10th Precinct")
    thomas = people.get_party(ws, in_baker)["person_id"]
    client = people.add_person_to_case(ws, baker, ["client"], name="Alan Baker")
    report = documents.add_document(ws, baker, title="Arrest report", kind="police_report")
    november = statements.add_statement(
        ws, baker, speaker_id=in_baker, date="2025-11-02", setting="police_report",
        text="I saw the defendant drop a bag.", source_document_id=report, pin_cite="p. 1",
        recipient_party_id=client,
    )  # fmt: skip
    october = statements.add_statement(
        ws, baker, speaker_id=in_baker, date="2025-10-01", setting="sworn_testimony",
        text="I was on patrol that night.", recipient_text="the grand jury",
        pin_cite="14:2-15:6", sworn=True,
    )  # fmt: skip
    client_statement = statements.add_statement(
        ws, baker, speaker_id=client, date="2025-10-02", setting="interview", text="Not mine."
    )

    in_cole = people.add_party(
        ws, cole, person_id=thomas, roles=["police_officer", "witness"], shield_number="5120"
    )
    february = statements.add_statement(
        ws, cole, speaker_id=in_cole, date="2026-02-03", setting="criminal_complaint",
        text="The defendant ran from me.",
    )  # fmt: skip

    in_diaz = people.add_person_to_case(
        ws, diaz, ["police_officer"], name="Kenneth R. Thomas", tax_id=TAX_ID
    )
    thomas_again = people.get_party(ws, in_diaz)["person_id"]
    may = statements.add_statement(
        ws, diaz, speaker_id=in_diaz, date="2026-05", setting="police_report",
        text="Recovered a knife.",
    )  # fmt: skip

    in_evans = people.add_person_to_case(ws, evans, ["witness"], name="Ken Thomas")
    ken = people.get_party(ws, in_evans)["person_id"]
    statements.add_statement(ws, evans, speaker_id=in_evans, text="Ken's words, not his.")
    return OfficerCases(
        ws, thomas, thomas_again, ken, baker, cole, diaz, evans, in_cole,
        october, november, february, may, client_statement,
    )  # fmt: skip
