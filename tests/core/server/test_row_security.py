"""Row security on a real PostgreSQL 15, read with raw SQL as each login (what ``psql``
shows a colleague): a walled case is empty to everyone off its team, the team reads
all of it, policy "team" hides other teams' cases, and no staff login can alter the
policies, the staff table or the audit trail."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from app.core.server.policies import CASE_TABLES, LINK_TABLES
from app.core.server.teams import set_policy
from app.core.services import cases
from tests.casebuilder import CAPTION
from tests.core.server.conftest import Office


def connect(office: Office, login: str) -> psycopg.Connection[Any]:
    info = make_conninfo(
        host=str(office.server.socket_dir), port=office.server.port, user=login, dbname="office"
    )
    return psycopg.connect(info, autocommit=True)


@pytest.fixture(scope="module")
def as_login(office: Office) -> Iterator[dict[str, psycopg.Connection[Any]]]:
    connections = {login: connect(office, login) for login in ("ada", "bea", "cy", "sam", "pat")}
    yield connections
    for connection in connections.values():
        connection.close()


def count(connection: psycopg.Connection[Any], query: str, *params: Any) -> int:
    return int(connection.execute(query, params).fetchone()[0])  # type: ignore[index]


def case_rows(connection: psycopg.Connection[Any], case_id: int) -> dict[str, int]:
    """How many rows of the case each table shows this login."""
    shown = {"cases": count(connection, "SELECT count(*) FROM cases WHERE id = %s", case_id)}
    for table in CASE_TABLES:
        shown[table] = count(
            connection, f"SELECT count(*) FROM {table} WHERE case_id = %s", case_id
        )
    shown["audit_log"] = count(
        connection, "SELECT count(*) FROM audit_log WHERE case_id = %s", case_id
    )
    return shown


def test_a_screened_colleague_reads_nothing_of_a_walled_case(
    office: Office, as_login: dict[str, psycopg.Connection[Any]]
) -> None:
    case_id = office.walled.case_id
    team = case_rows(as_login["bea"], case_id)
    assert team["cases"] == 1 and team["statements"] == 2 and team["documents"] == 2
    assert team["parties"] == 2 and team["audit_log"] > 10
    for login in ("cy", "sam", "pat", "ada"):  # a supervisor and an admin too: a wall is a wall
        shown = case_rows(as_login[login], case_id)
        assert set(shown.values()) == {0}, (login, shown)
        # The links between its records, its people (the client's name), its search index.
        for table in LINK_TABLES:
            assert count(as_login[login], f"SELECT count(*) FROM {table}") == 0
        assert (
            count(as_login[login], "SELECT count(*) FROM people WHERE name LIKE '%%Ingram%%'") == 0
        )
        hits = count(
            as_login[login],
            "SELECT count(*) FROM statements WHERE search_vector @@ to_tsquery('simple', 'thomas')",
        )
        assert hits == 0
        assert count(as_login[login], "SELECT count(*) FROM cases WHERE caption = %s", CAPTION) == 0
    assert count(as_login["bea"], "SELECT count(*) FROM people WHERE name LIKE '%%Ingram%%'") == 1


def test_the_audit_entries_of_a_walled_case_and_its_people_are_screened(
    office: Office, as_login: dict[str, psycopg.Connection[Any]]
) -> None:
    person_entries = "SELECT count(*) FROM audit_log WHERE table_name = 'people'"
    assert count(as_login["bea"], person_entries) >= 2
    assert count(as_login["cy"], person_entries) == 0
    # Bea reads, in the case's trail, that Ada walled it.
    walls = (
        as_login["bea"]
        .execute(
            "SELECT \"user\", note FROM audit_log WHERE table_name = 'case_walls' AND case_id = %s",
            (office.walled.case_id,),
        )
        .fetchall()
    )
    assert walls == [("ada", "by ada")]


def test_policy_team_hides_other_teams_cases_and_supervisors_see_all(
    office: Office, as_login: dict[str, psycopg.Connection[Any]]
) -> None:
    ada = office.open_as("ada")
    pat_case = cases.add_case(office.open_as("pat"), caption="People v. Pat's", docket_number="P1")
    query = "SELECT count(*) FROM cases WHERE id = %s"
    assert count(as_login["cy"], query, pat_case) == 1  # "open": everyone
    set_policy(ada, "team")
    try:
        assert count(as_login["cy"], query, pat_case) == 0
        assert count(as_login["cy"], query, office.open_case) == 1  # Cy's own team
        assert count(as_login["pat"], query, pat_case) == 1
        assert count(as_login["sam"], query, pat_case) == 1  # the supervisor
        assert count(as_login["sam"], query, office.walled.case_id) == 0  # but not a wall
        # A new case stays with whoever opened it, under "team" too.
        mine = cases.add_case(office.open_as("cy"), caption="People v. New", docket_number="N1")
        assert count(as_login["cy"], query, mine) == 1
        assert count(as_login["pat"], query, mine) == 0
    finally:
        set_policy(ada, "open")


STAFF_MAY_NOT = [
    "DROP POLICY casefile_staff ON statements",
    "ALTER TABLE statements DISABLE ROW LEVEL SECURITY",
    "ALTER TABLE statements NO FORCE ROW LEVEL SECURITY",
    "CREATE POLICY mine ON statements USING (true)",
    "INSERT INTO staff (login, name, role) VALUES ('eve', 'Eve', 'admin')",
    "INSERT INTO case_walls (case_id, reason) VALUES (1, 'x')",
    "INSERT INTO case_team (case_id, login) VALUES ({walled}, '{me}')",
    "UPDATE audit_log SET note = 'changed'",
    "DELETE FROM audit_log",
    "TRUNCATE audit_log",
    'INSERT INTO audit_log (id, "user", action, table_name, changes, note, prev_hash, hash)'
    " VALUES (999999, 'bea', 'create', 'x', '{{}}', '', '', '')",
    "UPDATE audit_head SET last_id = 0, entries = 0",
    "DELETE FROM audit_head",
    "ALTER FUNCTION casefile_visible_cases(name) OWNER TO {me}",
    "SET ROLE office_owner",
]


@pytest.mark.parametrize("login", ["cy", "sam", "ada"])
def test_no_staff_login_can_alter_the_policies_the_staff_or_the_trail(
    office: Office, as_login: dict[str, psycopg.Connection[Any]], login: str
) -> None:
    connection = as_login[login]
    before = count(connection, "SELECT count(*) FROM audit_log")
    for statement in STAFF_MAY_NOT:
        if login == "ada" and "staff" in statement.split()[:3] + ["x"]:
            continue  # an admin adds staff (the command does, audited)
        sql = statement.format(walled=office.walled.case_id, me=login)
        if login == "ada" and ("case_walls" in sql or "case_team" in sql):
            continue  # and changes teams and walls
        with pytest.raises(psycopg.Error):
            connection.execute(sql)
    # Updates the row security hides change nothing rather than fail.
    for sql in (
        "UPDATE staff SET role = 'admin' WHERE login = 'cy'",
        "UPDATE office_policy SET policy = 'team'",
        "DELETE FROM case_walls",
        "DELETE FROM staff",
    ):
        if login != "ada":
            assert connection.execute(sql).rowcount == 0
    assert count(connection, "SELECT count(*) FROM audit_log") == before
    owner = connection.execute(
        "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'"
    ).fetchall()
    assert owner == [("office_owner",)]


def test_the_imported_trail_mark_is_the_archive_importer_s() -> None:
    from app.core.archive.history import IMPORTED
    from app.core.server.policies import IMPORTED_NOTE

    assert IMPORTED_NOTE == IMPORTED


def test_the_team_deletes_a_walled_case_and_undo_brings_it_back_behind_its_wall(
    office: Office, as_login: dict[str, psycopg.Connection[Any]]
) -> None:
    from app.core.server.teams import set_wall
    from app.core.services import people, restore

    bea = office.open_as("bea")
    case_id = cases.add_case(bea, caption="People v. Undone", docket_number="U1")
    people.add_person_to_case(bea, case_id, ["client"], name="Una Undone")
    set_wall(office.open_as("ada"), str(case_id), True)
    captured = restore.capture(bea, [("cases", case_id)])
    cases.delete_case(bea, case_id)
    assert count(as_login["bea"], "SELECT count(*) FROM cases WHERE id = %s", case_id) == 0
    restore.restore(bea, captured)
    assert case_rows(as_login["bea"], case_id)["parties"] == 1
    assert set(case_rows(as_login["cy"], case_id).values()) == {0}
    assert count(as_login["cy"], "SELECT count(*) FROM people WHERE name = 'Una Undone'") == 0


def test_a_search_uses_its_index_without_a_system_function_marked_leakproof(
    office: Office, as_login: dict[str, psycopg.Connection[Any]]
) -> None:
    """Text search's match stays as PostgreSQL ships it; the search finds its best
    matches through casefile_search_top, as the owner role (whose policy lets the index
    be used), keeping only what the login asking may see."""
    from app.core.search.query import _pg_statement

    with psycopg.connect(office.server.conninfo("office"), autocommit=True) as admin:
        assert admin.execute(
            "SELECT proleakproof FROM pg_proc WHERE proname = 'ts_match_vq'"
        ).fetchone() == (False,)
        admin.execute("SET ROLE office_owner")
        admin.execute("SET enable_seqscan = off")
        plan = "\n".join(
            row[0]
            for row in admin.execute(
                "EXPLAIN SELECT id FROM statements"
                " WHERE search_vector @@ to_tsquery('simple', 'thomas')"
            )
        )
    assert "ix_statements_search_vector" in plan, plan
    query = "SELECT hit_id FROM casefile_search_top('statement', to_tsquery('simple', %s), 50, %s)"
    walled = office.walled.case_id
    word = "headphones"  # in the walled case's statements (tests/casebuilder.py)
    assert as_login["bea"].execute(query, (word, None)).fetchall()
    assert as_login["bea"].execute(query, (word, walled)).fetchall()
    assert as_login["cy"].execute(query, (word, None)).fetchall() == []
    assert as_login["cy"].execute(query, (word, walled)).fetchall() == []
    app_sql = str(_pg_statement(("statement",), False, True))
    assert "casefile_search_top('statement'" in app_sql


def test_every_table_that_holds_case_data_is_guarded(
    office: Office, as_login: dict[str, psycopg.Connection[Any]]
) -> None:
    """A new table with a case's rows (a case_id, or a link to a guarded table) must get
    its policy in app.core.server.policies, or this fails."""
    from app.core.server.policies import OFFICE_TABLES, guarded_tables
    from app.core.storage.models import Base

    guarded = set(guarded_tables())
    for table in Base.metadata.sorted_tables:
        linked = {fk.column.table.name for fk in table.foreign_keys} & guarded
        if "case_id" in table.c or linked:
            assert table.name in guarded | set(OFFICE_TABLES), table.name
    rows = (
        as_login["ada"]
        .execute(
            "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class"
            " WHERE relname = ANY (%s)",
            (sorted(guarded),),
        )
        .fetchall()
    )
    assert {name for name, *_ in rows} == guarded
    assert all(enabled and forced for _name, enabled, forced in rows), rows


def test_the_helper_answers_only_for_the_login_asking(
    office: Office, as_login: dict[str, psycopg.Connection[Any]]
) -> None:
    walled = office.walled.case_id
    ask = "SELECT casefile_can_see(%s)"
    assert as_login["bea"].execute(ask, (walled,)).fetchone() == (True,)
    assert as_login["cy"].execute(ask, (walled,)).fetchone() == (False,)
    # Cy asking on Bea's behalf learns nothing: the helper answers for Cy alone.
    on_behalf = "SELECT casefile_can_see(%s, 'bea'), casefile_office_role('bea')"
    assert as_login["cy"].execute(on_behalf, (walled,)).fetchone() == (False, None)
    assert list(as_login["cy"].execute("SELECT casefile_visible_cases('bea')")) == []
