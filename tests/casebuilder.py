"""The small case the brief and form tests share, built with the services.

One case with one of most things: a client and a police officer who is also a
witness, a statement by each, a privileged memo and a police report, one charge,
three events and two issues. A marker string sits in every kind of internal note
so that the brief tests can tell which profile shows what, and the ids of the
records the form tests open are kept on ``SmallCase``.

The form tests count what hangs off these records (a delete names "2 parties,
2 statements, ..."), so adding to the case changes what they expect.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from app.core.services import (
    cases,
    charges,
    documents,
    events,
    issues,
    notes,
    people,
    statements,
)
from app.core.storage.workspace import Workspace

# The day the brief tests export on: the hearing on July 14, 2026 is still to come.
TODAY = dt.date(2026, 6, 1)

CAPTION = "People v. Ingram & <Ortiz>"  # markup characters that must come out literally
DOCKET = "CR-2026-0117"

# Each of these must appear in the full brief and be absent from the client brief.
CASE_NOTE = "CASENOTE-INTERNAL-7731"
PARTY_NOTE = "PARTYNOTE-INTERNAL-4410"
PERSON_NOTE = "PERSONNOTE-INTERNAL-5120"
STATEMENT_NOTE = "STMTNOTE-INTERNAL-9902"
CHARGE_NOTE = "CHARGENOTE-INTERNAL-3381"
STAFF_NOTE = "STAFFONLY-SECRET-6650"
PRIVILEGED_TITLE = "PRIVMEMO-TITLE-2208"
# ...and these are in every profile.
OPEN_NOTE = "Bring the client's work schedule to the next meeting"
QUOTE_TEXT = "I was at work at the warehouse until nine that night & I can prove it."


@dataclass
class SmallCase:
    """The case and the ids of the records tests open, edit and delete."""

    ws: Workspace
    case_id: int
    ingram: int  # party ids: the client, Derrick Ingram
    thomas: int  # Officer Kenneth Thomas, police officer and witness
    thomas_person: int
    retaliation: int  # issue ids: "Alibi: at work that night" (open)
    identification: int  # "Identification" (resolved)
    complaint: int  # document ids: the police report, source of Thomas's statement
    memo: int  # the privileged memo, source of Ingram's statement
    statement: int  # Thomas's statement
    client_statement: int
    charge: int
    event: int  # the incident, with both parties, the alibi issue and the report
    note: int  # the open to-do


def build_small_case(ws: Workspace) -> SmallCase:
    case_id = cases.add_case(
        ws,
        caption=CAPTION,
        docket_number=DOCKET,
        court="Criminal Court, Kings County",
        jurisdiction="Kings County, NY",
        assigned_staff="Dana Whitfield, Staff Attorney",
        summary="Client is charged with petit larceny after a store incident.\nHe denies it.",
        notes=CASE_NOTE,
    )
    ingram = people.add_person_to_case(
        ws, case_id, ["client"], name="Derrick Ingram", party_notes=PARTY_NOTE, notes=PERSON_NOTE
    )
    thomas = people.add_person_to_case(
        ws, case_id, ["police_officer", "witness"], name="Kenneth Thomas", title="Officer"
    )
    thomas_person = people.get_party(ws, thomas)["person_id"]
    retaliation = issues.add_issue(ws, case_id, title="Alibi: at work that night")
    identification = issues.add_issue(ws, case_id, title="Identification", status="resolved")
    memo = documents.add_document(
        ws, case_id, title=PRIVILEGED_TITLE, kind="correspondence", privileged=True
    )
    complaint = documents.add_document(
        ws,
        case_id,
        title="Complaint report",
        kind="police_report",
        date="2026-03-02",
        bates_start="ALV-0001",
        bates_end="ALV-0004",
        file_sha256="ab" * 32,
        issue_ids=[identification],
    )
    charge = charges.add_charge(
        ws,
        case_id,
        count_number=1,
        statute="PL 155.25",
        description="Petit larceny",
        offense_class="Class A misdemeanor",
        notes=CHARGE_NOTE,
    )
    event = events.add_event(
        ws,
        case_id,
        kind="incident",
        date="about March 2026",
        title="Store incident",
        party_ids=[ingram, thomas],
        issue_ids=[retaliation],
        source_document_id=complaint,
    )
    events.add_event(ws, case_id, kind="court_appearance", date="2026-03-03", title="Arraignment")
    events.add_event(
        ws,
        case_id,
        kind="court_appearance",
        date="2026-07-14",
        time="09:30",
        title="Hearing on motions",
        place="Part AP2",
    )
    client_statement = statements.add_statement(
        ws,
        case_id,
        speaker_id=ingram,
        date="2026-03-02",
        setting="interview",
        text=QUOTE_TEXT + "\nMy manager saw me clock out.",
        source_document_id=memo,
        pin_cite="p. 2",
        notes=STATEMENT_NOTE,
        issue_ids=[retaliation],
    )
    statement = statements.add_statement(
        ws,
        case_id,
        speaker_id=thomas,
        recipient_party_id=ingram,
        date="2026-03",
        setting="police_report",
        text="I saw a man in a red jacket take the headphones.",
        source_document_id=complaint,
        pin_cite="p. 3",
        issue_ids=[identification],
    )
    note = notes.add_note(ws, case_id, body=OPEN_NOTE, is_todo=True)
    notes.add_note(ws, case_id, body=STAFF_NOTE, staff_only=True)
    return SmallCase(
        ws=ws,
        case_id=case_id,
        ingram=ingram,
        thomas=thomas,
        thomas_person=thomas_person,
        retaliation=retaliation,
        identification=identification,
        complaint=complaint,
        memo=memo,
        statement=statement,
        client_statement=client_statement,
        charge=charge,
        event=event,
        note=note,
    )


@pytest.fixture
def small_case(sqlite_workspace: Workspace) -> SmallCase:
    """The small case in this test's SQLite workspace (the one ``form_ctx`` holds too)."""
    return build_small_case(sqlite_workspace)
