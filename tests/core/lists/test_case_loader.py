"""The whole-case loader: plain records, in id order, with the links, in a few queries."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import event

from app.core.dates import PartialDate
from app.core.errors import NotFoundError
from app.core.lists import case_loader
from app.core.lists.case_loader import load_case, read_case
from app.core.services import cases, charges, documents, events, issues, notes, people, statements
from app.core.storage.workspace import Workspace


def _build(ws: Workspace) -> dict[str, int]:
    case_id = cases.add_case(ws, caption="People v. Rivera", docket_number="CR-7", opened_on="2020")
    other = cases.add_case(ws, caption="People v. Other", docket_number="CR-8")
    ids = {"case": case_id, "other": other}
    ids["client"] = people.add_person_to_case(
        ws, case_id, ["client"], name="Ana Rivera", aliases=["Annie"]
    )
    ids["officer"] = people.add_person_to_case(ws, case_id, ["police_officer"], name="Brown")
    people.add_person_to_case(ws, other, ["client"], name="Someone Else")
    ids["issue"] = issues.add_issue(ws, case_id, title="Identification")
    ids["issue2"] = issues.add_issue(ws, case_id, title="Stop")
    ids["doc"] = documents.add_document(
        ws, case_id, title="Report", kind="police_report", issue_ids=[ids["issue2"], ids["issue"]]
    )
    ids["statement"] = statements.add_statement(
        ws,
        case_id,
        speaker_id=ids["officer"],
        recipient_party_id=ids["client"],
        date="2020-06",
        text="He ran.",
        source_document_id=ids["doc"],
        issue_ids=[ids["issue"]],
    )
    statements.add_statement(ws, case_id, speaker_id=ids["client"], text="I did not.")
    ids["event"] = events.add_event(
        ws,
        case_id,
        title="Arrest",
        kind="arrest",
        date="2020-06-14",
        party_ids=[ids["officer"], ids["client"]],
        issue_ids=[ids["issue2"]],
    )
    charges.add_charge(ws, case_id, count_number=2, statute="PL 1")
    charges.add_charge(ws, case_id, count_number=1, statute="PL 2")
    notes.add_note(ws, case_id, body="Call back", is_todo=True)
    notes.add_note(ws, other, body="Not this case")
    return ids


def test_loads_one_case_as_plain_records_with_its_links(workspace: Workspace) -> None:
    ids = _build(workspace)
    rec = read_case(workspace, "cr-7")  # a docket number, as the command line takes it
    assert rec.case.id == ids["case"]
    assert rec.case.opened_on == PartialDate.parse("2020")
    assert [p.person.name for p in rec.parties] == ["Ana Rivera", "Brown"]
    assert rec.parties[0].person.aliases == ["Annie"]
    assert rec.parties[0].roles == ["client"]
    assert [s.text for s in rec.statements] == ["He ran.", "I did not."]
    assert rec.statements[0].recipient_party_id == ids["client"]
    assert [c.count_number for c in rec.charges] == [2, 1]  # id order: readers sort
    assert [n.body for n in rec.notes] == ["Call back"]
    assert rec.statement_issues == {ids["statement"]: [ids["issue"]]}
    assert rec.document_issues == {ids["doc"]: sorted([ids["issue"], ids["issue2"]])}
    assert rec.event_issues == {ids["event"]: [ids["issue2"]]}
    assert rec.event_parties == {ids["event"]: sorted([ids["officer"], ids["client"]])}
    # Plain data, usable after the session closed, and never a document's extracted text.
    for record in (rec.case, rec.parties[0], rec.parties[0].person, rec.documents[0]):
        assert dataclasses.is_dataclass(record)
        assert not hasattr(record, "_sa_instance_state")
    assert "extracted_text" not in {f.name for f in dataclasses.fields(rec.documents[0])}


def test_reads_in_a_few_queries_however_many_records(sqlite_workspace: Workspace) -> None:
    ids = _build(sqlite_workspace)
    for n in range(20):
        statements.add_statement(
            sqlite_workspace, ids["case"], speaker_id=ids["client"], text=f"{n}", issue_ids=[]
        )
    seen: list[str] = []

    def listener(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        seen.append(statement)

    with sqlite_workspace.reader() as session:
        engine = session.get_bind()
        event.listen(engine, "before_cursor_execute", listener)
        try:
            rec = load_case(session, ids["case"])
        finally:
            event.remove(engine, "before_cursor_execute", listener)
    assert len(rec.statements) == 22
    # the case, then one per kind of record (7, and 3 court records) and one per link table (4)
    assert len(seen) <= 15


def test_unknown_case_is_not_found(sqlite_workspace: Workspace) -> None:
    with pytest.raises(NotFoundError):
        read_case(sqlite_workspace, 999)


def test_every_record_field_is_a_model_column() -> None:
    # The loader selects columns by the records' field names; a renamed column must fail here.
    from app.core.storage import models

    pairs = {
        case_loader.CaseRecord: models.Case,
        case_loader.PersonRecord: models.Person,
        case_loader.PartyRecord: models.Party,
        case_loader.DocumentRecord: models.Document,
        case_loader.StatementRecord: models.Statement,
        case_loader.ChargeRecord: models.Charge,
        case_loader.EventRecord: models.Event,
        case_loader.IssueRecord: models.Issue,
        case_loader.NoteRecord: models.Note,
    }
    for record, model in pairs.items():
        columns = set(model.__table__.columns.keys())
        names = {f.name for f in dataclasses.fields(record)} - {"person"}
        assert names <= columns, record.__name__
