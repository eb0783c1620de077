"""A small case built with the services, with a marker string in every kind of note."""

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

TODAY = dt.date(2026, 6, 1)

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
    ws: Workspace
    case_id: int


def build_small_case(ws: Workspace) -> int:
    case_id = cases.add_case(
        ws,
        caption="People v. Alvarez & <Ortiz>",
        docket_number="CR-2026-0117",
        court="Criminal Court, Kings County",
        jurisdiction="Kings County, NY",
        assigned_staff="Dana Whitfield, Staff Attorney",
        summary="Client is charged with petit larceny after a store incident.\nHe denies it.",
        notes=CASE_NOTE,
    )
    client = people.add_person_to_case(
        ws, case_id, ["client"], name="Luis Alvarez", party_notes=PARTY_NOTE, notes=PERSON_NOTE
    )
    witness = people.add_person_to_case(
        ws, case_id, ["witness"], name="Maria Chen", affiliation="Store security"
    )
    officer = people.add_person_to_case(
        ws, case_id, ["police_officer"], name="P.O. James Reed", title="Police officer"
    )
    memo = documents.add_document(
        ws, case_id, title=PRIVILEGED_TITLE, kind="correspondence", privileged=True
    )
    report = documents.add_document(
        ws,
        case_id,
        title="Complaint report",
        kind="police_report",
        date="2026-03-02",
        bates_start="ALV-0001",
        bates_end="ALV-0004",
        file_sha256="ab" * 32,
    )
    alibi = issues.add_issue(ws, case_id, title="Alibi: at work that night")
    issues.add_issue(ws, case_id, title="Identification", status="resolved")
    charges.add_charge(
        ws,
        case_id,
        count_number=1,
        statute="PL 155.25",
        description="Petit larceny",
        offense_class="Class A misdemeanor",
        notes=CHARGE_NOTE,
    )
    events.add_event(ws, case_id, kind="incident", date="about March 2026", title="Store incident")
    events.add_event(ws, case_id, kind="court_appearance", date="2026-03-03", title="Arraignment")
    events.add_event(
        ws,
        case_id,
        kind="court_appearance",
        date="2026-07-14",
        time="09:30",
        title="Hearing on motions",
        place="Part AP2",
        issue_ids=[alibi],
    )
    statements.add_statement(
        ws,
        case_id,
        speaker_id=client,
        date="2026-03-02",
        setting="interview",
        text=QUOTE_TEXT + "\nMy manager saw me clock out.",
        source_document_id=memo,
        pin_cite="p. 2",
        notes=STATEMENT_NOTE,
        issue_ids=[alibi],
    )
    statements.add_statement(
        ws,
        case_id,
        speaker_id=witness,
        date="2026-03",
        setting="police_report",
        text="I saw a man in a red jacket take the headphones.",
        source_document_id=report,
        pin_cite="p. 3",
        recipient_party_id=officer,
    )
    notes.add_note(ws, case_id, body=OPEN_NOTE, is_todo=True)
    notes.add_note(ws, case_id, body=STAFF_NOTE, staff_only=True)
    return case_id


@pytest.fixture
def small_case(sqlite_workspace: Workspace) -> SmallCase:
    return SmallCase(sqlite_workspace, build_small_case(sqlite_workspace))
