"""The audit trail: who created, changed and deleted what, and when, on both backends."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select, text

from app.cli import main
from app.core.errors import CasefileError
from app.core.services import cases, issues, people, statements
from app.core.storage import audit
from app.core.storage.models import AuditEntry, Case, Statement
from app.core.storage.workspace import Workspace


def _case_with_statement(ws: Workspace) -> tuple[int, int, int, int]:
    case_id = cases.add_case(ws, caption="People v. Ingram", opened_on="2020-06")
    party_id = people.add_person_to_case(ws, case_id, ["client"], name="Derrick Ingram")
    issue_id = issues.add_issue(ws, case_id, title="Suppression")
    statement_id = statements.add_statement(
        ws, case_id, speaker_id=party_id, text="I was at home.", issue_ids=[issue_id]
    )
    return case_id, party_id, issue_id, statement_id


def test_create_update_delete_are_recorded_with_who_and_what(workspace: Workspace) -> None:
    case_id, _party, issue_id, statement_id = _case_with_statement(workspace)
    workspace.user = "alice"
    statements.update_statement(workspace, statement_id, text="I was at work.", issue_ids=[])
    cases.update_case(workspace, case_id, opened_on="2020-06-14~")
    workspace.user = "bob"
    statements.delete_statement(workspace, statement_id)

    trail = audit.history_of_record(workspace, "statements", statement_id)
    assert [e["action"] for e in trail] == ["create", "update", "delete"]
    created, updated, deleted = trail
    assert created["user"] == "tester"
    assert created["case_id"] == case_id
    assert created["changes"]["text"] == [None, "I was at home."]
    assert created["changes"]["issue_ids"] == [None, [issue_id]]
    assert updated["user"] == "alice"
    assert updated["changes"] == {
        "text": ["I was at home.", "I was at work."],
        "issue_ids": [[issue_id], []],
    }
    assert deleted["user"] == "bob"
    assert deleted["changes"]["text"] == ["I was at work.", None]

    case_trail = audit.history_of_record(workspace, "cases", case_id)
    # A PartialDate is stored as its ISO text, approximate marker included.
    assert case_trail[-1]["changes"] == {"opened_on": ["2020-06", "2020-06-14~"]}
    assert case_trail[-1]["at"].endswith("+00:00")


def test_history_of_case_includes_its_people_and_outlives_the_case(workspace: Workspace) -> None:
    case_id, party_id, _issue, _statement = _case_with_statement(workspace)
    person_id = people.get_party(workspace, party_id)["person_id"]
    people.update_person(workspace, person_id, phone="555-0100")
    other = cases.add_case(workspace, caption="Another case")

    tables = {(e["table"], e["action"]) for e in audit.history_of_case(workspace, case_id)}
    assert ("people", "update") in tables
    assert ("statements", "create") in tables
    assert all(e["case_id"] != other for e in audit.history_of_case(workspace, case_id))

    cases.delete_case(workspace, case_id)
    trail = audit.history_of_case(workspace, case_id)
    last = trail[-1]
    assert (last["table"], last["action"]) == ("cases", "delete")
    assert last["changes"]["caption"] == ["People v. Ingram", None]
    # Records the database deleted with the case are counted in its entry.
    assert "1 statements" in last["note"] and "1 parties" in last["note"]


def test_nothing_recorded_when_the_change_is_rolled_back(workspace: Workspace) -> None:
    case_id = cases.add_case(workspace, caption="A")
    with pytest.raises(CasefileError):
        cases.update_case(workspace, case_id, caption="")  # required: refused before flush
    with pytest.raises(RuntimeError), workspace.session() as session:
        session.get(Case, case_id).caption = "B"  # type: ignore[union-attr]
        session.flush()
        raise RuntimeError("user cancelled")
    assert [e["action"] for e in audit.history_of_record(workspace, "cases", case_id)] == ["create"]
    assert cases.get_case(workspace, case_id)["caption"] == "A"


def test_the_audit_log_cannot_be_changed(workspace: Workspace) -> None:
    from sqlalchemy.exc import DBAPIError  # what the database's own refusal arrives as

    cases.add_case(workspace, caption="A")
    with pytest.raises(CasefileError, match="audit log cannot be changed"):
        with workspace.session() as session:
            entry = session.scalars(select(AuditEntry)).first()
            assert entry is not None
            entry.user = "mallory"
    with pytest.raises(CasefileError, match="audit log cannot be changed"):
        with workspace.session() as session:
            session.delete(session.scalars(select(AuditEntry)).first())
    # Even raw SQL is refused by the database's own triggers.
    for sql in ("UPDATE audit_log SET \"user\" = 'mallory'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="audit log cannot be changed"):
            with workspace.engine.begin() as connection:
                connection.execute(text(sql))
    with workspace.reader() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 1
        assert session.scalar(select(AuditEntry.user)) == "tester"


def test_bulk_work_records_one_entry_per_case(workspace: Workspace) -> None:
    case_id = cases.add_case(workspace, caption="Imported")
    party_id = people.add_person_to_case(workspace, case_id, ["client"], name="X")
    before = len(audit.history_of_case(workspace, case_id))
    with workspace.session() as session, audit.suppressed(session):
        for n in range(50):
            session.add(Statement(case_id=case_id, speaker_id=party_id, text=f"line {n}"))
        session.flush()
        audit.record(
            session, audit.IMPORT, "cases", case_id, case_id, {"statements": [0, 50]}, "x.zip"
        )
    trail = audit.history_of_case(workspace, case_id)
    assert len(trail) == before + 1
    assert trail[-1]["action"] == "import"
    assert trail[-1]["changes"] == {"statements": [0, 50]}
    assert trail[-1]["note"] == "x.zip"
    # Outside the block, recording is back on.
    statements.add_statement(workspace, case_id, speaker_id=party_id, text="after")
    assert audit.history_of_case(workspace, case_id)[-1]["action"] == "create"


def test_casefile_history_prints_the_trail(
    sqlite_workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = sqlite_workspace
    case_id, _party, _issue, statement_id = _case_with_statement(ws)
    statements.update_statement(ws, statement_id, text="Changed.")
    path = str(ws.path)
    ws.close()

    assert main(["--db", path, "history", str(case_id)]) == 0
    out = capsys.readouterr().out
    assert "tester  create cases" in out
    assert "text: 'I was at home.' -> 'Changed.'" in out

    assert main(["--db", path, "history", str(case_id), "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert entries[-1]["changes"] == {"text": ["I was at home.", "Changed."]}

    assert main(["--db", path, "history", "no-such-docket"]) == 1
    assert "no case" in capsys.readouterr().err


def test_the_hooks_go_on_every_new_session_factory_even_after_others_are_gone() -> None:
    # Regression: install() asked SQLAlchemy whether it was already listening, and
    # the answer is keyed by the id() of the factory's session class: a new factory
    # reusing a collected one's id was skipped, and its changes went unrecorded.
    import gc

    from sqlalchemy import create_engine, func, select
    from sqlalchemy.orm import sessionmaker

    from app.core.storage.models import AuditEntry, Base, Case

    class Owner:
        user = "tester"

    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    owner = Owner()
    for round_ in range(40):
        factory = sessionmaker(engine)
        audit.install(factory, owner)
        with factory() as session:
            session.add(Case(caption=f"Case {round_}"))
            session.commit()
            entries = session.scalar(select(func.count()).select_from(AuditEntry))
        assert entries == round_ + 1
        del factory
        gc.collect()
