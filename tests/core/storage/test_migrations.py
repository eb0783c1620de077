"""Schema migrations: old workspaces open with their data, and models never drift from them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import URL

from app.core.dates import PartialDate
from app.core.errors import WorkspaceError
from app.core.services import cases, people, statements
from app.core.storage import db
from app.core.storage.models import Base
from app.core.storage.workspace import open_workspace

FIRST = "0001"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> URL:
    """An empty database (no tables at all) on each backend."""
    if request.param == "sqlite":
        return db.resolve_url(tmp_path / "old.casefile")
    return db.resolve_url(request.getfixturevalue("pg_url"))


@pytest.fixture
def engine(database_url: URL) -> Iterator[Engine]:
    engine = db.make_engine(database_url)
    yield engine
    engine.dispose()


def _insert(connection, sql: str, **params: object) -> int:  # type: ignore[no-untyped-def]
    return int(connection.execute(text(sql + " RETURNING id"), params).scalar_one())


def _fill_first_schema(engine: Engine) -> dict[str, int]:
    """Rows as Casefile 0.1 (schema 0001) wrote them, in plain SQL."""
    with engine.begin() as connection:
        case_id = _insert(
            connection,
            "INSERT INTO cases (uid, caption, docket_number, court, jurisdiction, status,"
            " opened_on, closed_on, assigned_staff, summary, notes) VALUES"
            " (:uid, :caption, 'CR-2020-0042', 'Criminal Court', 'New York County', 'open',"
            " '2020-08', NULL, 'A. Lawyer', 'Summary.', '')",
            uid="5d0c7f3e-0000-4000-8000-000000000001",
            caption="People v. Derrick Ingram",
        )
        person_id = _insert(
            connection,
            "INSERT INTO people (uid, kind, name, aliases, title, affiliation, phone, email,"
            " address, date_of_birth, notes) VALUES (:uid, 'individual', 'Derrick Ingram',"
            " :aliases, '', 'Warriors in the Garden', '', '', '', '1992~', '')",
            uid="0b6c0000-0000-4000-8000-000000000002",
            aliases='["D. Ingram"]',
        )
        party_id = _insert(
            connection,
            "INSERT INTO parties (case_id, person_id, roles, notes)"
            " VALUES (:case_id, :person_id, :roles, 'Our client.')",
            case_id=case_id,
            person_id=person_id,
            roles='["client"]',
        )
        statement_id = _insert(
            connection,
            "INSERT INTO statements (case_id, speaker_id, recipient_party_id, recipient_text,"
            " date, setting, text, source_document_id, pin_cite, sworn, notes) VALUES"
            " (:case_id, :speaker_id, NULL, 'Gothamist', '2020-08~', 'interview',"
            " :said, NULL, 'para. 9', :sworn, '')",
            case_id=case_id,
            speaker_id=party_id,
            said="I was scared.\nThey came with helicopters.",
            sworn=False,
        )
    return {"case": case_id, "person": person_id, "party": party_id, "statement": statement_id}


def test_the_migrations_form_one_line(tmp_path: Path) -> None:
    script = ScriptDirectory.from_config(db.alembic_config())
    assert script.get_heads() == [db.head_revision()], "migrations must not branch"
    revisions = list(script.walk_revisions())  # newest first
    assert revisions[-1].revision == FIRST and revisions[-1].down_revision is None
    for revision in revisions:
        path = Path(revision.path)
        assert path.name.startswith(f"{revision.revision}_"), path.name


def test_a_first_revision_workspace_opens_at_head_with_its_data(
    database_url: URL, engine: Engine, tmp_path: Path
) -> None:
    db.upgrade(engine, FIRST)
    assert db.current_revision(engine) == FIRST
    ids = _fill_first_schema(engine)
    engine.dispose()

    ws = open_workspace(database_url, store_root=tmp_path / "store", user="tester")
    try:
        assert db.current_revision(ws.engine) == db.head_revision()
        case = cases.get_case(ws, ids["case"])
        assert case["caption"] == "People v. Derrick Ingram"
        assert case["docket_number"] == "CR-2020-0042"
        assert case["opened_on"] == PartialDate(2020, 8)
        assert cases.resolve_case_id(ws, "cr-2020-0042") == ids["case"]

        person = people.get_person(ws, ids["person"])
        assert person["aliases"] == ["D. Ingram"]
        assert person["date_of_birth"] == PartialDate(1992, approximate=True)

        assert people.get_party(ws, ids["party"])["roles"] == ["client"]
        assert [p.person.name for p in people.parties_of_case(ws, ids["case"])] == [
            "Derrick Ingram"
        ]
        statement = statements.get_statement(ws, ids["statement"])
        assert statement["speaker_id"] == ids["party"]
        assert statement["date"] == PartialDate(2020, 8, approximate=True)
        assert statement["text"] == "I was scared.\nThey came with helicopters."
        assert statement["sworn"] is False

        # Old rows keep working with the current services: optimistic locking and new ids.
        statements.update_statement(ws, ids["statement"], expected_version=1, pin_cite="para. 10")
        new_id = statements.add_statement(
            ws, ids["case"], speaker_id=ids["party"], text="A new statement."
        )
        assert new_id != ids["statement"]
        assert len(statements.statements_of_case(ws, ids["case"])) == 2
    finally:
        ws.close()

    # Opening again is a no-op.
    again = open_workspace(database_url, store_root=tmp_path / "store", user="tester")
    try:
        assert db.current_revision(again.engine) == db.head_revision()
        assert len(statements.statements_of_case(again, ids["case"])) == 2
    finally:
        again.close()


@pytest.mark.parametrize("made_at", [FIRST, "0005"])
def test_an_older_workspace_finds_court_records_added_after_it_opens(
    database_url: URL, engine: Engine, tmp_path: Path, made_at: str
) -> None:
    """0002 indexes the tables of its day; 0006 indexes the court records it adds."""
    from app.core.search.query import search
    from app.core.services import appearances, filings

    db.upgrade(engine, made_at)
    ids = _fill_first_schema(engine)
    engine.dispose()
    ws = open_workspace(database_url, store_root=tmp_path / "store", user="tester")
    try:
        assert db.current_revision(ws.engine) == db.head_revision()
        assert cases.get_case(ws, ids["case"])["commenced_on"] is None
        appearances.add_appearance(
            ws, ids["case"], date="2020-08-07", purpose="arraignment", judge="Hon. Okonkwo",
            outcome="Released on his own recognizance",
        )  # fmt: skip
        filings.add_filing(ws, ids["case"], date="2020-09-01", kind="coc", title="Okonkwo COC")
        found = {(hit.kind, hit.case_id) for hit in search(ws, "okonkwo")}
        assert found == {("appearance", ids["case"]), ("filing", ids["case"])}
        assert [hit.kind for hit in search(ws, "recognizance")] == ["appearance"]
        assert [hit.kind for hit in search(ws, "helicopters")] == ["statement"]
    finally:
        ws.close()


def _outside_the_models(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Leave out only the search index: raw DDL the ORM cannot declare (FTS5 virtual tables
    and their shadow tables on SQLite; generated ``tsvector`` columns and their GIN indexes
    on PostgreSQL). See ``app.core.search.query``. Anything the models declare is compared."""
    if not reflected or compare_to is not None or name is None:
        return True
    if type_ == "table" and name.startswith("search_"):
        return False
    if type_ == "column" and name == "search_vector":
        return False
    return not (type_ == "index" and name.endswith("_search_vector"))


def _schema_differences(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "compare_server_default": False,
                "include_object": _outside_the_models,
            },
        )
        return list(compare_metadata(context, Base.metadata))


def test_models_match_the_migrated_schema(engine: Engine) -> None:
    """Guards against a model change without a migration (or a migration unlike the models).

    Nothing is ignored. Server defaults are not compared: the models give Python-side
    defaults, and the migrations' server defaults (CURRENT_TIMESTAMP, 1) are
    spelled differently by each backend's reflection.
    """
    db.upgrade(engine)
    assert _schema_differences(engine) == []


def test_models_match_a_schema_upgraded_from_the_first_revision(engine: Engine) -> None:
    db.upgrade(engine, FIRST)
    _fill_first_schema(engine)
    db.upgrade(engine)
    assert db.current_revision(engine) == db.head_revision()
    assert _schema_differences(engine) == []


def _schema(engine: Engine) -> dict[str, list[str]]:
    found = inspect(engine)
    return {name: [c["name"] for c in found.get_columns(name)] for name in found.get_table_names()}


def test_a_failed_upgrade_changes_nothing_and_can_be_retried(engine: Engine) -> None:
    """An upgrade applies whole or not at all, on SQLite too (where pysqlite would commit
    each CREATE/ALTER on its own and leave a half-migrated workspace nothing can open)."""
    db.upgrade(engine, FIRST)
    ids = _fill_first_schema(engine)
    # An obstacle for the newest migration: a table already named like the one it creates.
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE audit_log (obstacle INTEGER)"))
    before = _schema(engine)
    with pytest.raises(WorkspaceError, match="could not be upgraded"):
        db.upgrade(engine)
    assert db.current_revision(engine) == FIRST
    assert _schema(engine) == before  # every earlier step of the upgrade was rolled back

    with engine.begin() as connection:
        connection.execute(text("DROP TABLE audit_log"))
    db.upgrade(engine)
    assert db.current_revision(engine) == db.head_revision()
    with engine.connect() as connection:
        caption = connection.execute(
            text("SELECT caption FROM cases WHERE id = :id"), {"id": ids["case"]}
        ).scalar_one()
    assert caption == "People v. Derrick Ingram"


def test_a_0006_workspace_opens_with_its_people_s_role_fields_empty(
    database_url: URL, engine: Engine, tmp_path: Path
) -> None:
    """0007 adds the role fields: old people and parties read them empty, and the new
    numbers are searchable once written (the people's index is rebuilt with them, the
    parties' made)."""
    from app.core.search.query import search

    db.upgrade(engine, "0006")
    ids = _fill_first_schema(engine)
    engine.dispose()
    ws = open_workspace(database_url, store_root=tmp_path / "store", user="tester")
    try:
        assert db.current_revision(ws.engine) == db.head_revision()
        person = people.get_person(ws, ids["person"])
        assert person["aliases"] == ["D. Ingram"]  # the old fields as they were
        assert (person["nysid"], person["tax_id"], person["language"]) == ("", "", "")
        assert person["needs_interpreter"] is False
        party = people.get_party(ws, ids["party"])
        assert party["roles"] == ["client"] and party["notes"] == "Our client."
        assert (party["shield_number"], party["command"], party["custody_note"]) == ("", "", "")
        assert party["custody_status"] is None and party["subpoena_served_on"] is None
        assert party["subpoenaed"] is False
        # The old index still finds what it found, and the new columns join it.
        assert [hit.kind for hit in search(ws, "warriors")] == ["person"]
        people.update_person(ws, ids["person"], nysid="12345678K")
        people.update_party(ws, ids["party"], shield_number="4471", command="75th Precinct")
        assert [(h.kind, h.id) for h in search(ws, "12345678K")] == [("person", ids["person"])]
        found = [(h.kind, h.id, h.case_id) for h in search(ws, "4471")]
        assert found == [("party", ids["party"], ids["case"])]
        assert [h.title for h in search(ws, "75th precinct")] == ["Derrick Ingram"]
    finally:
        ws.close()
