"""``server init`` on a real PostgreSQL 15: from an empty database, converting one used
before in place, and refusing what it cannot do; SQLite and a server database never
initialised keep working as they always did."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import make_url

from app.cli import main
from app.core.errors import CasefileError
from app.core.server.setup import server_init
from app.core.server.staff import add_staff
from app.core.server.teams import set_wall
from app.core.services import cases
from app.core.storage.audit import history_of_case
from app.core.storage.workspace import open_workspace
from tests.casebuilder import build_small_case
from tests.pgserver import PostgresServer


def owners(server: PostgresServer, database: str) -> set[str]:
    with psycopg.connect(server.conninfo(database), autocommit=True) as connection:
        rows = connection.execute(
            "SELECT tableowner FROM pg_tables WHERE schemaname = 'public'"
        ).fetchall()
    return {row[0] for row in rows}


def test_init_converts_a_database_used_before_in_place(
    module_pg: PostgresServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = make_url(module_pg.create_database("used"))
    # The login comes from libpq's environment, not the URL; the OS user is someone else.
    monkeypatch.setenv("PGUSER", "postgres")
    monkeypatch.setenv("USER", "mallory")
    monkeypatch.setenv("LOGNAME", "mallory")
    before = open_workspace(url.set(username=None), store_root=tmp_path)
    try:
        case = build_small_case(before).case_id
    finally:
        before.close()
    monkeypatch.delenv("PGUSER")
    assert owners(module_pg, "used") == {"postgres"}

    report = server_init(url, admin="ada")
    assert report.converted > 20 and report.roles.owner == "used_owner"
    assert owners(module_pg, "used") == {"used_owner"}
    ada = open_workspace(url.set(username="ada"), store_root=tmp_path)
    add_staff(ada, "bea", name="Bea", role="attorney")
    bea = open_workspace(url.set(username="bea"), store_root=tmp_path)
    try:
        # Under the "open" policy the office's cases are there for its staff, as before,
        # and their trail names the login that made them, never $USER.
        assert cases.get_case(bea, case)["caption"]
        users = {entry["user"] for entry in history_of_case(bea, case)}
        assert users == {"postgres"}
        # A case nobody is on the team of cannot be walled: it would vanish for everyone.
        with pytest.raises(CasefileError, match="has no team"):
            set_wall(ada, str(case), True)
        # Init again (after an upgrade of Casefile) changes nothing that works.
        assert server_init(url, admin="ada").converted == 0
        assert cases.get_case(bea, case)["caption"]
    finally:
        ada.close()
        bea.close()


def test_init_from_the_command_line_on_an_empty_database(
    module_pg: PostgresServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = module_pg.create_database("empty")
    assert main(["--db", url, "server", "init", "--admin", "ida"]) == 0
    out = capsys.readouterr().out
    assert "owner role empty_owner" in out and "admin ida" in out
    as_ida = make_url(url).set(username="ida").render_as_string(hide_password=False)
    assert main(["--db", as_ida, "whoami", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["role"] == "admin"
    # A staff login cannot run it (it may not create roles), and is told why.
    assert main(["--db", as_ida, "staff", "add", "joe", "--name", "Joe", "--role", "attorney"]) == 0
    as_joe = make_url(url).set(username="joe").render_as_string(hide_password=False)
    capsys.readouterr()
    assert main(["--db", as_joe, "server", "init"]) == 1
    assert "CREATEROLE" in capsys.readouterr().err


def test_a_server_database_never_initialised_works_as_today(
    module_pg: PostgresServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = module_pg.create_database("plain")
    ws = open_workspace(make_url(url), store_root=tmp_path)
    try:
        case = cases.add_case(ws, caption="People v. Plain", docket_number="PL-1")
        assert cases.get_case(ws, case)["caption"] == "People v. Plain"
    finally:
        ws.close()
    assert main(["--db", url, "whoami"]) == 0
    assert "no office set up" in capsys.readouterr().out
    assert main(["--db", url, "staff", "list"]) == 1
    assert "server init" in capsys.readouterr().err
    assert main(["--db", url, "show", str(case)]) == 0
    assert owners(module_pg, "plain") == {"postgres"}


def test_a_workspace_file_has_one_person_and_no_walls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "cases.casefile")
    assert main(["--db", path, "sample"]) == 0
    capsys.readouterr()
    assert main(["--db", path, "whoami"]) == 0
    assert "one person, no walls" in capsys.readouterr().out
    for args in (["staff", "list"], ["wall", "1", "on"], ["team", "1"], ["policy", "team"]):
        assert main(["--db", path, *args]) == 1
        assert "shared PostgreSQL server" in capsys.readouterr().err, args
    assert main(["--db", path, "server", "init"]) == 1
    assert "PostgreSQL" in capsys.readouterr().err
    assert main(["--db", path, "show", "1"]) == 0


def test_staff_get_ordinary_logins_and_an_upgrade_is_left_to_the_owner(
    module_pg: PostgresServer, tmp_path: Path
) -> None:
    url = make_url(module_pg.create_database("guarded"))
    server_init(url, admin="ada")
    ada = open_workspace(url.set(username="ada"), store_root=tmp_path)
    try:
        # The superuser, and the owner who ran init, would see through every wall.
        with pytest.raises(CasefileError, match="superuser or bypasses row security"):
            add_staff(ada, "postgres", name="Root", role="attorney")
        add_staff(ada, "bea", name="Bea", role="attorney")
    finally:
        ada.close()
    # A newer Casefile meets a schema behind it: a staff login may not upgrade it.
    with psycopg.connect(module_pg.conninfo("guarded"), autocommit=True) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0007'")
        connection.execute(
            "DROP TABLE attachment_chunks, attachment_blobs, office_policy, case_walls, "
            "case_team, staff"
        )
        connection.execute("ALTER TABLE statements DROP COLUMN reported")  # added by 0011
    with pytest.raises(CasefileError, match="ask the database's owner to run"):
        open_workspace(url.set(username="bea"), store_root=tmp_path)
    # The owner's init upgrades it, and the staff are back at work.
    server_init(url)
    open_workspace(url.set(username="bea"), store_root=tmp_path).close()


def test_the_command_line_offers_the_office_roles() -> None:
    from app.commands import staff as command
    from app.core.server.staff import ROLES

    assert command.ROLES == ROLES


def test_init_by_a_database_owner_who_is_not_a_superuser(
    module_pg: PostgresServer, tmp_path: Path
) -> None:
    with psycopg.connect(module_pg.conninfo("postgres"), autocommit=True) as connection:
        connection.execute("CREATE ROLE it_person LOGIN CREATEROLE")
        connection.execute("CREATE DATABASE by_it OWNER it_person")
    url = make_url(
        f"postgresql+psycopg://it_person@/by_it?host={module_pg.socket_dir}&port={module_pg.port}"
    )
    report = server_init(url, admin="ida2")
    assert report.roles.owner == "by_it_owner"
    assert owners(module_pg, "by_it") == {"by_it_owner"}
    ida = open_workspace(url.set(username="ida2"), store_root=tmp_path)
    try:
        add_staff(ida, "al", name="Al", role="attorney")
    finally:
        ida.close()
    al = open_workspace(url.set(username="al"), store_root=tmp_path)
    try:
        case = cases.add_case(al, caption="People v. Owned", docket_number="O-1")
        assert cases.get_case(al, case)["caption"] == "People v. Owned"
    finally:
        al.close()
