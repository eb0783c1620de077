"""The rules every service area shares, checked once per area and per backend.

Each area (cases, people, parties, statements, charges, documents, events, issues,
notes, court appearances, filings, deadlines) is described by an ``Area`` below; the
tests add, read back, change, delete and restore a record through the public service
functions and look at the database itself to prove that a refused call wrote nothing.

The helpers (``CaseFile``, ``table_counts``) are imported by the other
``test_services_*`` modules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import inspect, text

from app.core.dates import PartialDate
from app.core.errors import ConflictError, NotFoundError, ValidationError
from app.core.services import (
    appearances,
    cases,
    charges,
    deadlines,
    documents,
    events,
    filings,
    issues,
    notes,
    people,
    records,
    statements,
)
from app.core.storage.workspace import Workspace, open_workspace

# -- helpers shared with the other service test modules ------------------------------


def table_counts(ws: Workspace) -> dict[str, int]:
    """Rows per table, straight from the database (every table the schema has)."""
    names = [n for n in inspect(ws.engine).get_table_names() if n != "alembic_version"]
    with ws.engine.connect() as connection:
        return {
            name: connection.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one()
            for name in names
        }


def row(ws: Workspace, table: str, record_id: int) -> dict[str, Any] | None:
    with ws.engine.connect() as connection:
        found = connection.execute(
            text(f'SELECT * FROM "{table}" WHERE id = :id'), {"id": record_id}
        ).mappings()
        first = found.first()
        return dict(first) if first is not None else None


@dataclass
class CaseFile:
    """A small case with one of everything, and a second case to link across."""

    case_id: int
    other_case_id: int
    client_person: int
    witness_person: int
    client: int  # party ids
    witness: int
    other_case_party: int
    issue: int
    other_case_issue: int
    document: int
    other_case_document: int

    @classmethod
    def build(cls, ws: Workspace) -> CaseFile:
        case_id = cases.add_case(ws, caption="People v. Derrick Ingram", docket_number="CR-1")
        other = cases.add_case(ws, caption="People v. Someone Else", docket_number="CR-2")
        client_person = people.add_person(ws, name="Derrick Ingram")
        witness_person = people.add_person(ws, name="Officer Ramos")
        return cls(
            case_id=case_id,
            other_case_id=other,
            client_person=client_person,
            witness_person=witness_person,
            client=people.add_party(ws, case_id, person_id=client_person, roles=["client"]),
            witness=people.add_party(
                ws, case_id, person_id=witness_person, roles=["witness", "police_officer"]
            ),
            other_case_party=people.add_party(ws, other, person_id=witness_person, roles=["judge"]),
            issue=issues.add_issue(ws, case_id, title="Suppression of the statement"),
            other_case_issue=issues.add_issue(ws, other, title="Speedy trial"),
            document=documents.add_document(ws, case_id, title="Criminal complaint"),
            other_case_document=documents.add_document(ws, other, title="Someone's complaint"),
        )


# -- the areas ---------------------------------------------------------------------------

Values = Callable[[Workspace, CaseFile], dict[str, Any]]


@dataclass(frozen=True)
class Area:
    name: str
    table: str
    entity: records.Entity
    add: Callable[..., int]
    get: Callable[[Workspace, int], dict[str, Any]]
    update: Callable[..., None]
    delete: Callable[[Workspace, int], None]
    listed: Callable[[Workspace, int], list[Any]]
    valid: Values  # the least a record needs
    rich: Values  # nearly every field set, links included
    change: tuple[str, Any]  # an edit that must stick
    edit: tuple[str, Any]  # another edit, to another field
    required: str  # a required field (given as empty text or None, it is refused)
    bad: tuple[str, Any]  # an invalid value for a field


def _new_person(ws: Workspace, name: str) -> int:
    return people.add_person(ws, name=name)


AREAS = [
    Area(
        name="cases",
        table="cases",
        entity=cases.CASE,
        add=lambda ws, _case_id, **v: cases.add_case(ws, **v),
        get=cases.get_case,
        update=cases.update_case,
        delete=cases.delete_case,
        listed=lambda ws, _case_id: cases.list_cases(ws),
        valid=lambda ws, cf: {"caption": "People v. New"},
        rich=lambda ws, cf: {
            "caption": "People v. Rich",
            "docket_number": "CR-2020-0042",
            "court": "Criminal Court of the City of New York",
            "jurisdiction": "New York County",
            "status": "on_hold",
            "opened_on": PartialDate(2020, 8, 7),
            "closed_on": PartialDate(2021, approximate=True),
            "assigned_staff": "A. Lawyer",
            "commenced_on": PartialDate(2020, 8, 6),
            "custody": "out",
            "summary": "Line one.\nLine two.",
            "notes": "Privileged.",
        },
        change=("status", "closed"),
        edit=("caption", "People v. Edited"),
        required="caption",
        bad=("status", "lost"),
    ),
    Area(
        name="people",
        table="people",
        entity=people.PERSON,
        add=lambda ws, _case_id, **v: people.add_person(ws, **v),
        get=people.get_person,
        update=people.update_person,
        delete=people.delete_person,
        listed=lambda ws, _case_id: people.find_people(ws, ""),
        valid=lambda ws, cf: {"name": "Jane Roe"},
        rich=lambda ws, cf: {
            "name": "Warriors in the Garden",
            "kind": "organization",
            "aliases": ["WITG", "the collective"],
            "title": "",
            "affiliation": "Protest collective",
            "phone": "555-0100",
            "email": "info@example.org",
            "address": "1 Main St\nNew York",
            "date_of_birth": PartialDate(2020, 6),
            "nysid": "12345678K",
            "tax_id": "931045",
            "language": "Spanish",
            "needs_interpreter": True,
            "notes": "Founded 2020.",
        },
        change=("aliases", ["D."]),
        edit=("name", "Jane Edited"),
        required="name",
        bad=("kind", "robot"),
    ),
    Area(
        name="parties",
        table="parties",
        entity=people.PARTY,
        add=people.add_party,
        get=people.get_party,
        update=people.update_party,
        delete=people.delete_party,
        listed=people.parties_of_case,
        valid=lambda ws, cf: {"person_id": _new_person(ws, "Pat Doe"), "roles": ["witness"]},
        rich=lambda ws, cf: {
            "person_id": _new_person(ws, "Sam Poe"),
            "roles": ["complainant", "victim", "police_officer", "client"],
            "shield_number": "4471",
            "command": "75th Precinct",
            "custody_status": "bail_set",
            "custody_note": "$2,500 cash",
            "subpoenaed": True,
            "subpoena_served_on": PartialDate(2026, 12, 3),
            "notes": "Called 911.",
        },
        change=("roles", ["victim"]),
        edit=("notes", "Edited."),
        required="person_id",
        bad=("roles", ["client", "sidekick"]),
    ),
    Area(
        name="statements",
        table="statements",
        entity=statements.STATEMENT,
        add=statements.add_statement,
        get=statements.get_statement,
        update=statements.update_statement,
        delete=statements.delete_statement,
        listed=statements.statements_of_case,
        valid=lambda ws, cf: {"speaker_id": cf.client, "text": "I did nothing wrong."},
        rich=lambda ws, cf: {
            "speaker_id": cf.witness,
            "recipient_party_id": cf.client,
            "recipient_text": "the press",
            "date": PartialDate(2020, 8, 7, approximate=True),
            "setting": "press_statement",
            "text": "He shouted.\n\nThen he left.",
            "source_document_id": cf.document,
            "pin_cite": "p. 3, ¶ 2",
            "sworn": True,
            "reported": True,
            "notes": "Compare the complaint.",
            "issue_ids": [cf.issue],
        },
        change=("text", "Corrected quote."),
        edit=("notes", "Edited."),
        required="text",
        bad=("setting", "dream"),
    ),
    Area(
        name="charges",
        table="charges",
        entity=charges.CHARGE,
        add=charges.add_charge,
        get=charges.get_charge,
        update=charges.update_charge,
        delete=charges.delete_charge,
        listed=charges.charges_of_case,
        valid=lambda ws, cf: {"statute": "PL 120.00"},
        rich=lambda ws, cf: {
            "count_number": 2,
            "statute": "PL 120.05",
            "description": "Assault in the second degree",
            "offense_class": "D felony",
            "offense_date": PartialDate(2020, 6, 14),
            "status": "dismissed",
            "disposition": "Dismissed on motion.",
            "disposition_date": PartialDate(2021, 3),
            "notes": "",
        },
        change=("status", "reduced"),
        edit=("notes", "Edited."),
        required="statute",
        bad=("count_number", 0),
    ),
    Area(
        name="documents",
        table="documents",
        entity=documents.DOCUMENT,
        add=documents.add_document,
        get=documents.get_document,
        update=documents.update_document,
        delete=documents.delete_document,
        listed=documents.documents_of_case,
        valid=lambda ws, cf: {"title": "Police report"},
        rich=lambda ws, cf: {
            "title": "Gothamist article",
            "kind": "news_article",
            "date": PartialDate(2020, 8),
            "author": "Gothamist",
            "provenance": "Printed from the website.",
            "privileged": True,
            "bates_start": "DEF-0001",
            "bates_end": "DEF-0004",
            "notes": "",
            "issue_ids": [cf.issue],
            "file_sha256": "ab" * 32,
            "file_size": 1234,
            "file_media_type": "text/plain",
            "file_name": "article.txt",
        },
        change=("privileged", False),
        edit=("notes", "Edited."),
        required="title",
        bad=("kind", "rumor"),
    ),
    Area(
        name="events",
        table="events",
        entity=events.EVENT,
        add=events.add_event,
        get=events.get_event,
        update=events.update_event,
        delete=events.delete_event,
        listed=events.events_of_case,
        valid=lambda ws, cf: {"title": "Arrest"},
        rich=lambda ws, cf: {
            "kind": "arrest",
            "date": PartialDate(2020, 8, 7),
            "time": "07:05",
            "title": "Arrest at the apartment",
            "description": "Dozens of officers.",
            "place": "Hell's Kitchen",
            "source_document_id": cf.document,
            "pin_cite": "¶ 4",
            "party_ids": sorted([cf.client, cf.witness]),
            "issue_ids": [cf.issue],
        },
        change=("time", "23:59"),
        edit=("place", "Edited"),
        required="title",
        bad=("time", "25:00"),
    ),
    Area(
        name="issues",
        table="issues",
        entity=issues.ISSUE,
        add=issues.add_issue,
        get=issues.get_issue,
        update=issues.update_issue,
        delete=issues.delete_issue,
        listed=issues.issues_of_case,
        valid=lambda ws, cf: {"title": "Identification"},
        rich=lambda ws, cf: {
            "title": "Excessive force",
            "description": "Video shows ...",
            "status": "resolved",
        },
        change=("status", "open"),
        edit=("description", "Edited."),
        required="title",
        bad=("status", "maybe"),
    ),
    Area(
        name="notes",
        table="notes",
        entity=notes.NOTE,
        add=notes.add_note,
        get=notes.get_note,
        update=notes.update_note,
        delete=notes.delete_note,
        listed=notes.notes_of_case,
        valid=lambda ws, cf: {"body": "Call the client."},
        rich=lambda ws, cf: {
            "body": "Ask for the video.\n- body cam\n- helicopter",
            "is_todo": True,
            "done": False,
            "staff_only": True,
        },
        change=("done", True),
        edit=("body", "Edited."),
        required="body",
        bad=("is_todo", "perhaps"),
    ),
    Area(
        name="appearances",
        table="appearances",
        entity=appearances.APPEARANCE,
        add=appearances.add_appearance,
        get=appearances.get_appearance,
        update=appearances.update_appearance,
        delete=appearances.delete_appearance,
        listed=appearances.appearances_of_case,
        valid=lambda ws, cf: {"date": PartialDate(2026, 12, 1)},
        rich=lambda ws, cf: {
            "date": PartialDate(2026, 12, 1),
            "time": "09:30",
            "purpose": "arraignment",
            "part": "AP-2",
            "judge": "Hon. A. Judge",
            "outcome": "Arraigned; not guilty plea entered.",
            "custody_after": "out",
            "adjourned_to": PartialDate(2027, 1, 12),
            "requested_by": "people",
            "people_ready": False,
            "people_asked_days": 7,
            "excludable": "other",
            "excludable_other": "Court closed by snow",
            "arguable": True,
            "notes": "Ask about the video.",
        },
        change=("requested_by", "defense"),
        edit=("part", "AP-3"),
        required="date",
        bad=("excludable", "lunch"),
    ),
    Area(
        name="filings",
        table="filings",
        entity=filings.FILING,
        add=filings.add_filing,
        get=filings.get_filing,
        update=filings.update_filing,
        delete=filings.delete_filing,
        listed=filings.filings_of_case,
        valid=lambda ws, cf: {"date": PartialDate(2026, 12, 20)},
        rich=lambda ws, cf: {
            "date": PartialDate(2026, 12, 20),
            "kind": "readiness",
            "with_coc": True,
            "title": "Statement of readiness and certificate of compliance",
            "notes": "Served by e-mail.",
        },
        change=("date", PartialDate(2026, 12, 21)),
        edit=("title", "Off-calendar statement of readiness"),
        required="date",
        bad=("kind", "letter"),
    ),
    Area(
        name="deadlines",
        table="deadlines",
        entity=deadlines.DEADLINE,
        add=deadlines.add_deadline,
        get=deadlines.get_deadline,
        update=deadlines.update_deadline,
        delete=deadlines.delete_deadline,
        listed=deadlines.deadlines_of_case,
        valid=lambda ws, cf: {"title": "Omnibus motion", "date": PartialDate(2027, 1, 15)},
        rich=lambda ws, cf: {
            "title": "Omnibus motion due",
            "kind": "motion",
            "date": PartialDate(2027, 1, 15),
            "time": "17:00",
            "met_on": PartialDate(2027, 1, 14),
            "notes": "45 days from arraignment (CPL 255.20).",
        },
        change=("met_on", PartialDate(2027, 1, 13)),
        edit=("title", "Omnibus motion and memo"),
        required="title",
        bad=("date", "2027-01"),
    ),
]


@pytest.fixture(params=AREAS, ids=lambda area: area.name)
def area(request: pytest.FixtureRequest) -> Area:
    return request.param


@pytest.fixture
def case_file(workspace: Workspace) -> CaseFile:
    return CaseFile.build(workspace)


@pytest.fixture
def other_user(workspace: Workspace) -> Iterator[Workspace]:
    """A second user with their own engine on the same workspace (another desk)."""
    ws = open_workspace(workspace.url, store_root=workspace.store.root, user="colleague")
    yield ws
    ws.close()


def _version(ws: Workspace, area: Area, record_id: int) -> int:
    found = row(ws, area.table, record_id)
    assert found is not None
    return int(found["version"])


# -- add / get / update / delete / restore: one record's life ----------------------------------


def test_a_record_s_life(workspace: Workspace, case_file: CaseFile, area: Area) -> None:
    # Defaults fill what is not given.
    plain = area.add(workspace, case_file.case_id, **area.valid(workspace, case_file))
    snapshot = area.get(workspace, plain)
    assert set(snapshot) == set(area.entity.fields)
    given = area.valid(workspace, case_file)
    for name, spec in area.entity.fields.items():
        if name not in given:
            assert snapshot[name] == (spec.empty() if callable(spec.empty) else spec.empty), name

    # Add reads back exactly; the list of the case shows it.
    values = area.rich(workspace, case_file)
    record_id = area.add(workspace, case_file.case_id, **values)
    assert area.get(workspace, record_id) == values
    assert record_id in [item.id for item in area.listed(workspace, case_file.case_id)]
    assert _version(workspace, area, record_id) == 1

    # A snapshot fed back to update changes nothing, not even updated_at.
    stored = row(workspace, area.table, record_id)
    area.update(workspace, record_id, expected_version=1, **area.get(workspace, record_id))
    assert row(workspace, area.table, record_id) == stored

    # An update changes only its field and moves the version.
    field, value = area.change
    assert values[field] != value
    area.update(workspace, record_id, expected_version=1, **{field: value})
    changed = area.get(workspace, record_id)
    assert changed == {**values, field: value}
    assert _version(workspace, area, record_id) == 2

    # Delete, then restore from the snapshot under the same id (what undo does).
    area.delete(workspace, record_id)
    assert row(workspace, area.table, record_id) is None
    with pytest.raises(NotFoundError, match=str(record_id)):
        area.get(workspace, record_id)
    with pytest.raises(NotFoundError):
        area.delete(workspace, record_id)
    assert area.add(workspace, case_file.case_id, record_id=record_id, **changed) == record_id
    assert area.get(workspace, record_id) == changed

    # Restoring over a live record is refused, and writes nothing.
    other_values = area.valid(workspace, case_file)
    before = table_counts(workspace)
    with pytest.raises(ConflictError, match=f"already a .* with id {record_id}"):
        area.add(workspace, case_file.case_id, record_id=record_id, **other_values)
    assert table_counts(workspace) == before

    # The ids handed out next are fresh.
    fresh = area.add(workspace, case_file.case_id, **area.valid(workspace, case_file))
    assert fresh not in (plain, record_id)


# -- validation: the field is named and nothing is written ----------------------------------------


def test_invalid_input_is_refused_and_nothing_is_written(
    workspace: Workspace, case_file: CaseFile, area: Area
) -> None:
    values = area.valid(workspace, case_file)
    before = table_counts(workspace)

    def refused(field: str, call: Callable[[], object]) -> None:
        with pytest.raises(ValidationError) as caught:
            call()
        assert caught.value.field == field
        assert caught.value.message and str(caught.value).startswith(f"{field}: ")
        assert table_counts(workspace) == before

    for empty in ("", "   ", None):
        refused(
            area.required,
            lambda empty=empty: area.add(
                workspace, case_file.case_id, **{**values, area.required: empty}
            ),
        )
    field, bad = area.bad
    refused(field, lambda: area.add(workspace, case_file.case_id, **{**values, field: bad}))
    refused("colour", lambda: area.add(workspace, case_file.case_id, **values, colour="red"))
    if area.entity.case_scoped:
        with pytest.raises(NotFoundError, match="no case with id 999"):
            area.add(workspace, 999, **values)
        assert table_counts(workspace) == before

    # On update, the valid half of a refused change is not kept either.
    record_id = area.add(workspace, case_file.case_id, **values)
    stored = row(workspace, area.table, record_id)
    with pytest.raises(ValidationError) as caught:
        area.update(workspace, record_id, **dict([area.edit]), **{field: bad})
    assert caught.value.field == field
    change_field, change_value = area.change
    with pytest.raises(ValidationError) as caught:
        area.update(workspace, record_id, **{change_field: change_value, area.required: ""})
    assert caught.value.field == area.required
    assert row(workspace, area.table, record_id) == stored

    for call in (
        lambda: area.get(workspace, 999),
        lambda: area.update(workspace, 999, **dict([area.edit])),
        lambda: area.delete(workspace, 999),
    ):
        with pytest.raises(NotFoundError, match="999"):
            call()


# -- optimistic locking ---------------------------------------------------------------------------


def test_a_save_from_an_old_copy_is_a_conflict(
    workspace: Workspace, other_user: Workspace, case_file: CaseFile, area: Area
) -> None:
    record_id = area.add(workspace, case_file.case_id, **area.rich(workspace, case_file))
    field, value = area.change

    # The form was opened at version 1; someone saved since.
    area.update(other_user, record_id, expected_version=1, **{field: value})
    stored = row(workspace, area.table, record_id)
    with pytest.raises(ConflictError, match="changed by"):
        area.update(workspace, record_id, expected_version=1, **dict([area.edit]))
    assert row(workspace, area.table, record_id) == stored

    # Two desks at once: this session read version 2, the other desk saves version 3, and
    # the ORM's version check (StaleDataError) on our UPDATE reaches us as ConflictError.
    with pytest.raises(ConflictError, match="since you opened it"):
        with workspace.session() as session:
            stale = records.get(session, area.entity, record_id)  # held: the map is weak
            area.update(other_user, record_id, **dict([area.edit]))
            records.update(
                session, area.entity, record_id, {field: area.rich(workspace, case_file)[field]}
            )
    del stale
    assert area.get(workspace, record_id)[field] == value
    assert _version(workspace, area, record_id) == 3

    # Deleting from an old copy is refused the same way.
    with pytest.raises(ConflictError, match="since you opened it"):
        with workspace.session() as session:
            stale = records.get(session, area.entity, record_id)
            area.update(other_user, record_id, **{field: area.rich(workspace, case_file)[field]})
            records.delete(session, area.entity, record_id)
    del stale
    assert row(workspace, area.table, record_id) is not None
    assert _version(workspace, area, record_id) == 4


# -- links stay within the case -------------------------------------------------------------------

LINKED = [
    ("statements", "issue_ids", "other_case_issue"),
    ("documents", "issue_ids", "other_case_issue"),
    ("events", "issue_ids", "other_case_issue"),
    ("events", "party_ids", "other_case_party"),
]


@pytest.mark.parametrize(("area_name", "field", "foreign"), LINKED)
def test_links_stay_within_the_case_and_move_the_version(
    workspace: Workspace, case_file: CaseFile, area_name: str, field: str, foreign: str
) -> None:
    area = next(a for a in AREAS if a.name == area_name)
    values = area.valid(workspace, case_file)
    before = table_counts(workspace)
    for wrong in (getattr(case_file, foreign), 999):
        with pytest.raises(ValidationError) as caught:
            area.add(workspace, case_file.case_id, **values, **{field: [wrong]})
        assert caught.value.field == field
        assert f"{wrong} is not part of this case" in caught.value.message
    assert table_counts(workspace) == before

    record_id = area.add(workspace, case_file.case_id, **values)
    with pytest.raises(ValidationError):
        area.update(workspace, record_id, **{field: [getattr(case_file, foreign)]})
    assert area.get(workspace, record_id)[field] == []
    assert _version(workspace, area, record_id) == 1

    # Link rows live in their own table; the record's version must still move, or a
    # colleague's save from an older copy would silently drop the new links.
    mine = case_file.issue if field == "issue_ids" else case_file.client
    area.update(workspace, record_id, expected_version=1, **{field: [mine]})
    assert area.get(workspace, record_id)[field] == [mine]
    assert _version(workspace, area, record_id) == 2
    with pytest.raises(ConflictError):
        area.update(workspace, record_id, expected_version=1, **{field: []})
    assert area.get(workspace, record_id)[field] == [mine]


def test_a_deleted_issue_leaves_the_links(workspace: Workspace, case_file: CaseFile) -> None:
    spare = issues.add_issue(workspace, case_file.case_id, title="Spare")
    statement = statements.add_statement(
        workspace,
        case_file.case_id,
        speaker_id=case_file.client,
        text="Words.",
        issue_ids=[spare, case_file.issue],
    )
    assert statements.get_statement(workspace, statement)["issue_ids"] == sorted(
        [case_file.issue, spare]
    )
    issues.delete_issue(workspace, spare)
    assert statements.get_statement(workspace, statement)["issue_ids"] == [case_file.issue]
    assert table_counts(workspace)["statement_issues"] == 1
