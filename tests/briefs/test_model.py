from __future__ import annotations

import datetime as dt

import pytest

from app.briefs.build import brief_from_records, build_brief
from app.briefs.profiles import CLIENT, FULL, get_profile, parse_sections, with_sections
from app.core.errors import ValidationError
from app.core.lists.case_loader import (
    CaseRecord,
    CaseRecords,
    DocumentRecord,
    IssueRecord,
    PartyRecord,
    PersonRecord,
    StatementRecord,
)
from app.core.services import events, statements
from tests.briefs.conftest import STAFF_NOTE, TODAY, SmallCase


def test_glance_next_court_date_is_the_earliest_future_appearance(small_case: SmallCase) -> None:
    brief = build_brief(small_case.ws, small_case.case_id, today=TODAY)
    assert brief.glance is not None
    assert brief.glance.next_court_date.startswith("July 14, 2026, 09:30")
    assert "Hearing on motions" in brief.glance.next_court_date
    assert brief.glance.counts == {"statements": 2, "documents": 2, "events": 3}
    assert brief.glance.open_issues == ["Alibi: at work that night"]
    assert ("Client", ["Derrick Ingram"]) in brief.glance.key_people


def test_no_future_court_date_says_none_scheduled(small_case: SmallCase) -> None:
    brief = build_brief(small_case.ws, small_case.case_id, today=dt.date(2027, 1, 1))
    assert brief.glance is not None and brief.glance.next_court_date == "None scheduled"


def test_an_earlier_appearance_added_later_becomes_next(small_case: SmallCase) -> None:
    events.add_event(
        small_case.ws, small_case.case_id, kind="court_appearance", date="2026-06-20", title="Conf"
    )
    brief = build_brief(small_case.ws, small_case.case_id, today=TODAY)
    assert brief.glance is not None and brief.glance.next_court_date.startswith("June 20, 2026")


def test_chronology_interleaves_events_and_statements_and_marks_approximate(
    small_case: SmallCase,
) -> None:
    brief = build_brief(small_case.ws, small_case.case_id, today=TODAY)
    dates = [(e.date, e.time, e.kind) for e in brief.chronology]
    assert dates == [
        ("March 2026", "", "Statement"),
        ("March 2, 2026", "", "Statement"),
        ("March 3, 2026", "", "Event: Court appearance"),
        # An approximate month sorts after the exact dates inside it (PartialDate order).
        ("about March 2026", "", "Event: Incident"),
        ("July 14, 2026", "09:30", "Event: Court appearance"),
    ]
    assert brief.chronology[-1].title == "Hearing on motions \u2014 Part AP2"  # and where


def test_statements_grouped_by_speaker_or_issue(small_case: SmallCase) -> None:
    by_speaker = build_brief(small_case.ws, small_case.case_id, today=TODAY)
    assert [g.title for g in by_speaker.statement_groups] == ["Derrick Ingram", "Kenneth Thomas"]
    entry = by_speaker.statement_groups[0].statements[0]
    assert entry.paragraphs[1] == "My manager saw me clock out."
    assert entry.source == "PRIVMEMO-TITLE-2208, p. 2"
    witness = by_speaker.statement_groups[1].statements[0]
    assert "to Derrick Ingram" in witness.meta
    # Both statements of the case are linked to an issue: add one that is not.
    statements.add_statement(
        small_case.ws, small_case.case_id, speaker_id=small_case.thomas, text="No comment."
    )
    by_issue = build_brief(small_case.ws, small_case.case_id, today=TODAY, by_issue=True)
    assert [g.title for g in by_issue.statement_groups] == [
        "Alibi: at work that night",
        "Identification",
        "Not linked to a legal issue",
    ]
    assert by_issue.section_title("statements") == "Statements by legal issue"


def test_client_profile_leaves_material_out_of_the_model(small_case: SmallCase) -> None:
    brief = build_brief(small_case.ws, small_case.case_id, CLIENT, today=TODAY)
    assert brief.case_notes == []
    assert all(STAFF_NOTE not in p for n in brief.notes for p in n.paragraphs)
    assert [d.title for d in brief.documents] == ["Complaint report"]
    assert brief.withheld_documents == 1
    entry = brief.statement_groups[0].statements[0]
    assert entry.source == "a privileged document" and entry.notes == []
    assert brief.charges[0].notes == ""


def test_sections_and_profiles() -> None:
    assert parse_sections("notes, cover") == ("cover", "notes")
    assert with_sections(FULL, ["glance"]).sections == ("glance",)
    assert get_profile("co-counsel").staff_only_notes is False
    for bad in ("nope", ""):
        with pytest.raises(ValidationError, match="section"):
            parse_sections(bad)


def test_case_with_only_a_caption(sqlite_workspace) -> None:  # type: ignore[no-untyped-def]
    from app.core.services.cases import add_case

    case_id = add_case(sqlite_workspace, caption="In re Nobody")
    brief = build_brief(sqlite_workspace, case_id, today=TODAY)
    assert brief.glance is not None and brief.glance.next_court_date == "None scheduled"
    assert brief.statement_groups == [] and brief.toc is False


def _records() -> CaseRecords:
    """A case made by hand, with no database behind it (unnamed fields are empty)."""
    person = PersonRecord(7, "u7", name=" Dana\tReyes ")
    return CaseRecords(
        case=CaseRecord(1, "u1", caption="People v. Reyes", docket_number="D-1"),
        parties=[PartyRecord(3, person_id=7, roles=["witness"], person=person)],
        documents=[DocumentRecord(5, title="Memo", kind="memo", privileged=True)],
        statements=[
            StatementRecord(
                11,
                speaker_id=3,
                setting="interview",
                text="Said it.",
                source_document_id=5,
                pin_cite="p. 2",
            ),
            StatementRecord(12, speaker_id=3, setting="interview", text="Again."),
        ],
        charges=[],
        events=[],
        issues=[IssueRecord(9, title="Bias", status="open")],
        notes=[],
        statement_issues={11: [9]},
    )


def test_a_brief_is_built_from_plain_records() -> None:
    full = brief_from_records(_records(), FULL, today=TODAY, by_issue=True)
    assert [(g.title, len(g.statements)) for g in full.statement_groups] == [
        ("Bias", 1),
        ("Not linked to a legal issue", 1),
    ]
    assert full.statement_groups[0].statements[0].heading == "Dana Reyes"
    assert full.statement_groups[0].statements[0].source == "Memo, p. 2"
    assert full.issues[0].statements == ["Dana Reyes, Date unknown: \u201cSaid it.\u201d"]
    client = brief_from_records(_records(), CLIENT, today=TODAY)
    assert client.statement_groups[0].statements[0].source == "a privileged document"
    assert client.documents == [] and client.withheld_documents == 1
