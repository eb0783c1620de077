"""What a proposal tells is stored (setting, sworn, date, reported speech, pin cite);
a transcript's labels map to a party once; a document's text is cited, not copied."""

from __future__ import annotations

from sqlalchemy import func, select

from app.core.intake import apply as intake_apply
from app.core.services import cases, documents, people
from app.core.storage.models import Document, Party, Person, Statement
from app.core.storage.workspace import Workspace
from tests.core.intake.transcript_proposals import (
    COMPLAINT,
    TRANSCRIPT,
    complaint_proposal,
    transcript_proposals,
)


def _count(ws: Workspace, model: type) -> int:
    with ws.reader() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_setting_date_sworn_and_reported_speech_are_stored(workspace: Workspace) -> None:
    case_id = cases.add_case(workspace, caption="People v. Reyes")
    proposals = transcript_proposals()[:2] + [complaint_proposal()]
    items = [intake_apply.accepted_from(p, "hearing.txt") for p in proposals]
    applied = intake_apply.apply_proposals(workspace, case_id, TRANSCRIPT, "hearing.txt", items)
    with workspace.reader() as session:
        rows = [session.get(Statement, i) for i in applied.statement_ids]
        got = [(s.setting, s.sworn, s.reported, s.pin_cite, s.date.iso()) for s in rows if s]
    assert got == [
        ("in_court", False, False, "12:2", "2026-03-10"),
        ("sworn_testimony", True, False, "12:3", "2026-03-10"),
        ("criminal_complaint", True, True, "¶ 1", "2026-03-03"),
    ]


def test_every_proposal_setting_maps_to_a_statement_setting() -> None:
    from app.core import vocab
    from app.core.intake.proposal import SETTINGS

    for setting in SETTINGS:
        assert intake_apply.statement_setting(setting) in vocab.STATEMENT_SETTINGS, setting
    assert intake_apply.statement_setting("") == "other"
    assert intake_apply.is_sworn("sworn_testimony") and not intake_apply.is_sworn("in_court")


def test_each_label_maps_to_one_party_for_the_whole_transcript(workspace: Workspace) -> None:
    case_id = cases.add_case(workspace, caption="People v. Reyes")
    walsh = people.add_person_to_case(workspace, case_id, ["police_officer"], name="John Walsh")
    client = people.add_person_to_case(workspace, case_id, ["client"], name="Luis Reyes")
    proposals = transcript_proposals()
    items = [intake_apply.accepted_from(p, "bodycam.txt") for p in proposals]
    speakers = {
        "OFFICER 1": intake_apply.Speaker(party_id=walsh),
        "SPEAKER 2": intake_apply.Speaker(party_id=client),
        "Officer Walsh": intake_apply.Speaker(party_id=walsh),
        "THE COURT": intake_apply.Speaker(name="Hon. Ana Cruz", roles=("judge",)),
    }
    people_before = _count(workspace, Person)
    applied = intake_apply.apply_proposals(
        workspace, case_id, TRANSCRIPT, "bodycam.txt", items, speakers=speakers
    )
    with workspace.reader() as session:
        by_text = {
            s.text: s.speaker_id
            for s in session.scalars(select(Statement).where(Statement.case_id == case_id))
        }
        judge = session.scalar(select(Party.id).join(Person).where(Person.name == "Hon. Ana Cruz"))
        jones = session.scalar(select(Party.id).join(Person).where(Person.name == "Ms. Jones"))
        judge_roles = session.get(Party, judge).roles if judge else None
    assert by_text["Stop right there, hands where I can see them."] == walsh
    assert by_text["Turn around."] == walsh
    assert by_text["I didn't do anything, man."] == client
    assert by_text["I saw the defendant run from the store."] == walsh
    assert by_text["Let's take a short recess."] == judge and judge_roles == ["judge"]
    assert by_text["What did you see?"] == jones  # unmapped: a new person once
    # Two new people (the judge and Ms. Jones), each once, for eight statements.
    assert _count(workspace, Person) == people_before + 2
    assert len(applied.statement_ids) == 8


def test_one_undo_step_takes_the_mapped_transcript_back(workspace: Workspace) -> None:
    case_id = cases.add_case(workspace, caption="People v. Reyes")
    items = [intake_apply.accepted_from(p) for p in transcript_proposals()]
    speakers = {"OFFICER 1": intake_apply.Speaker(name="Officer John Walsh")}
    before = [_count(workspace, m) for m in (Document, Person, Party, Statement)]
    applied = intake_apply.apply_proposals(
        workspace, case_id, TRANSCRIPT, "t.txt", items, speakers=speakers
    )
    captured = intake_apply.revert(workspace, applied)
    assert [_count(workspace, m) for m in (Document, Person, Party, Statement)] == before
    intake_apply.reapply(workspace, captured)
    assert _count(workspace, Statement) == before[3] + 8


def test_statements_from_a_document_cite_it_and_add_no_copy(workspace: Workspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    case_id = cases.add_case(workspace, caption="People v. Reyes")
    source = tmp_path / "complaint.txt"
    source.write_text(COMPLAINT, encoding="utf-8")
    document_id = documents.add_document(workspace, case_id, file=source, title="Complaint")
    documents_before = _count(workspace, Document)
    files_before = set(workspace.store.all_hashes())
    item = intake_apply.accepted_from(complaint_proposal(), "Complaint")
    applied = intake_apply.apply_proposals(
        workspace, case_id, COMPLAINT, "Complaint", [item], document_id=document_id
    )
    assert not applied.document_created and applied.document_id == document_id
    assert _count(workspace, Document) == documents_before
    assert set(workspace.store.all_hashes()) == files_before
    with workspace.reader() as session:
        statement = session.get(Statement, applied.statement_ids[0])
        assert statement is not None and statement.source_document_id == document_id
    # Undo leaves the document, which the person attached themselves.
    intake_apply.revert(workspace, applied)
    assert _count(workspace, Document) == documents_before


def test_a_document_of_another_case_is_refused(workspace: Workspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from app.core.errors import ValidationError

    mine = cases.add_case(workspace, caption="People v. Reyes")
    other = cases.add_case(workspace, caption="People v. Someone")
    source = tmp_path / "c.txt"
    source.write_text(COMPLAINT, encoding="utf-8")
    theirs = documents.add_document(workspace, other, file=source, title="Complaint")
    item = intake_apply.accepted_from(complaint_proposal())
    with pytest.raises(ValidationError, match="not in this case"):
        intake_apply.apply_proposals(workspace, mine, COMPLAINT, "c", [item], document_id=theirs)
    assert _count(workspace, Statement) == 0
