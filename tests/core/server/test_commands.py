"""The office commands on a real PostgreSQL 15, and every command that names a case as
a screened colleague: a walled case is reported in the very words of a case that does
not exist, and search finds nothing in it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import psycopg
import psycopg.types.json
import pytest

from app.cli import main
from tests.casebuilder import DOCKET
from tests.core.server.conftest import Office

MISSING = 999999


def run(
    office: Office, login: str, *args: str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--db", office.url_as(login), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_walled_case_is_not_found_for_a_screened_colleague_in_every_command(
    office: Office, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    walled = str(office.walled.case_id)
    commands = [
        ["show", "{case}"],
        ["brief", "{case}", "-o", str(tmp_path / "b.pdf")],
        ["export", "{case}", "-o", str(tmp_path / "a.zip")],
        ["search", "--case", "{case}", "Thomas"],
        ["team", "{case}"],
        ["clock", "{case}"],
        ["timeline", "{case}", "-o", str(tmp_path / "t.svg")],
    ]
    for command in commands:
        screened = run(office, "cy", *(a.format(case=walled) for a in command), capsys=capsys)
        missing = run(office, "cy", *(a.format(case=MISSING) for a in command), capsys=capsys)
        assert screened[0] == missing[0] == 1, (command, screened, missing)
        assert screened[2].replace(walled, "N") == missing[2].replace(str(MISSING), "N"), command
        # By docket number too.
        by_docket = run(office, "cy", *(a.format(case=DOCKET) for a in command), capsys=capsys)
        assert by_docket[0] == 1 and "no case" in by_docket[2], command
    # The team reads it all.
    code, out, _ = run(office, "bea", "show", walled, capsys=capsys)
    assert code == 0 and "Ingram" in out
    assert not list(tmp_path.iterdir())  # no brief, archive or picture of it was written


def test_history_of_a_walled_case_is_that_of_a_case_that_does_not_exist(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    walled = str(office.walled.case_id)
    screened = run(office, "cy", "history", walled, "--json", capsys=capsys)
    missing = run(office, "cy", "history", str(MISSING), "--json", capsys=capsys)
    assert screened == (0, "[]\n", "") == missing
    # The team's history is whole (the chain checks out through the entries it cannot
    # read), and says who walled the case.
    code, out, err = run(office, "bea", "history", walled, "--json", capsys=capsys)
    assert code == 0 and err == ""
    walls = [e for e in json.loads(out) if e["table"] == "case_walls"]
    assert walls and walls[0]["user"] == "ada"
    code, _, err = run(office, "cy", "history", str(office.open_case), capsys=capsys)
    assert (code, err) == (0, "")


def test_search_and_the_case_list_show_nothing_of_a_walled_case_to_a_colleague(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    walled = office.walled.case_id
    for words in (["Thomas"], ["Ingram"], ["alibi"]):
        code, out, _ = run(office, "bea", "search", *words, "--json", capsys=capsys)
        assert code == 0 and {hit["case"] for hit in json.loads(out)} == {walled}, words
        code, out, _ = run(office, "cy", "search", *words, "--json", capsys=capsys)
        assert (code, json.loads(out)) == (0, []), words
    code, out, _ = run(office, "cy", "cases", "--json", capsys=capsys)
    assert walled not in [c["id"] for c in json.loads(out)]
    assert office.open_case in [c["id"] for c in json.loads(out)]
    code, out, _ = run(office, "bea", "cases", "--json", capsys=capsys)
    assert walled in [c["id"] for c in json.loads(out)]


def test_whoami_staff_and_team_commands(office: Office, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(office, "cy", "whoami", "--json", capsys=capsys)
    assert code == 0
    assert json.loads(out) == {
        "login": "cy", "name": "Cy Young", "role": "attorney", "policy": "open", "server": True,
    }  # fmt: skip
    code, out, _ = run(office, "pat", "staff", "list", "--json", capsys=capsys)
    logins = {m["login"]: m["role"] for m in json.loads(out)}
    assert logins == {"ada": "admin", "bea": "attorney", "cy": "attorney", "pat": "paralegal",
                      "sam": "supervisor"}  # fmt: skip
    walled = str(office.walled.case_id)
    code, out, _ = run(office, "bea", "team", walled, "--json", capsys=capsys)
    team = json.loads(out)
    assert team["walled"] and [m["login"] for m in team["members"]] == ["bea"]
    # Admin-only changes: refused for everyone else, with a clear message.
    for login, args in [
        ("bea", ["team", walled, "add", "cy"]),
        ("bea", ["wall", walled, "off"]),
        ("sam", ["policy", "team"]),
        ("cy", ["staff", "add", "eve", "--name", "Eve", "--role", "admin"]),
        ("cy", ["staff", "remove", "bea"]),
    ]:
        code, _, err = run(office, login, *args, capsys=capsys)
        assert code == 1 and "only an admin may" in err, (login, args, err)


def test_an_admin_adds_themselves_to_a_walled_team_in_view_of_the_team(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    walled = str(office.walled.case_id)
    # Ada cannot read the walled case, yet manages its team by its id.
    assert run(office, "ada", "show", walled, capsys=capsys)[0] == 1
    code, out, err = run(office, "ada", "team", walled, "add", "ada", capsys=capsys)
    assert code == 0, err
    try:
        assert run(office, "ada", "show", walled, capsys=capsys)[0] == 0
        code, out, _ = run(office, "bea", "history", walled, "--json", capsys=capsys)
        joined = [e for e in json.loads(out) if e["table"] == "case_team"]
        assert joined[-1]["user"] == "ada" and joined[-1]["changes"]["login"] == [None, "ada"]
        # The team's own view of its members says who put the admin there, and when.
        code, out, _ = run(office, "bea", "team", walled, capsys=capsys)
        ada_line = next(line for line in out.splitlines() if line.strip().startswith("ada"))
        assert "(added themselves, " in ada_line and "UTC)" in ada_line, out
        code, out, _ = run(office, "bea", "team", walled, "--json", capsys=capsys)
        member = next(m for m in json.loads(out)["members"] if m["login"] == "ada")
        assert member["added_by"] == "ada" and member["added_at"].startswith("20")
    finally:
        code, _, err = run(office, "ada", "team", walled, "remove", "ada", capsys=capsys)
        assert code == 0, err
    assert run(office, "ada", "show", walled, capsys=capsys)[0] == 1


def test_staff_add_creates_a_login_with_its_password_and_remove_takes_it_off(
    office: Office, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    secret = tmp_path / "pw"
    secret.write_text("correct horse\n", encoding="utf-8")
    code, out, err = run(
        office, "ada", "staff", "add", "dee", "--name", "Dee Park", "--role", "investigator",
        "--password-file", str(secret), capsys=capsys,
    )  # fmt: skip
    assert code == 0, err
    assert run(office, "dee", "whoami", capsys=capsys)[1].startswith("dee: Dee Park, investigator")
    assert run(office, "dee", "show", str(office.open_case), capsys=capsys)[0] == 0
    with _admin(office) as c:
        stored = c.execute("SELECT rolpassword FROM pg_authid WHERE rolname = 'dee'").fetchone()
        assert stored is not None and stored[0].startswith("SCRAM-SHA-256$")
    code, _, err = run(office, "ada", "staff", "remove", "dee", capsys=capsys)
    assert code == 0, err
    # Out of the staff group, the login may not even connect to the office's database.
    code, out, err = run(office, "dee", "whoami", capsys=capsys)
    assert code == 1 and "permission denied for database" in err, err
    assert run(office, "dee", "show", str(office.open_case), capsys=capsys)[0] == 1


def _admin(office: Office) -> psycopg.Connection[Any]:
    return psycopg.connect(office.server.conninfo("office"), autocommit=True)


def test_the_conflict_check_through_a_wall_names_only_the_attorney_to_ask(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    # Derrick Ingram is the client in Bea's walled case; Cy checks him as a complainant.
    code, out, _ = run(
        office, "cy", "conflicts", "Derrick Ingram", "--role", "complainant", capsys=capsys
    )
    assert code == 3
    assert out.strip() == "CONFLICT a possible conflict in a screened case; ask Bea Ortiz"
    code, out, _ = run(office, "cy", "conflicts", "Derrick Ingram", "--json", capsys=capsys)
    (hit,) = json.loads(out)["hits"]
    shown = json.dumps(hit)
    for secret in ("Ingram", "Derrick", "Ortiz>", "CR-2026", "client", str(office.walled.case_id)):
        assert secret not in shown.replace("Bea Ortiz", ""), secret
    assert hit["reasons"] == ["a possible conflict in a screened case; ask Bea Ortiz"]
    # Another first initial, another surname: no conflict; the team sees the real hit.
    assert run(office, "cy", "conflicts", "Zed Ingram", capsys=capsys)[1].startswith("no matches")
    assert run(office, "cy", "conflicts", "Derrick Ingle", capsys=capsys)[1].startswith("no match")
    code, out, _ = run(office, "bea", "conflicts", "Derrick Ingram", capsys=capsys)
    assert "Ingram" in out and "screened" not in out


def test_an_archive_of_a_walled_case_is_imported_as_a_copy_beside_it(
    office: Office, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from app.core.server.teams import set_wall
    from app.core.services import cases, people

    bea = office.open_as("bea")
    hidden = cases.add_case(bea, caption="People v. Hidden", docket_number="H1")
    people.add_person_to_case(bea, hidden, ["client"], name="Wanda Hidden", notes="SECRET-88")
    set_wall(office.open_as("ada"), str(hidden), True)
    archive = tmp_path / "walled.zip"
    code, _, err = run(
        office, "bea", "export", str(hidden), "-o", str(archive), "--plain", capsys=capsys
    )
    assert code == 0, err
    # Cy gets a copy: a new case of Cy's, with new people; the walled one stays unseen.
    code, out, err = run(office, "cy", "import", str(archive), capsys=capsys)
    assert code == 0, err + out
    copy = int(out.strip())
    assert copy != hidden
    code, out, _ = run(office, "cy", "show", str(copy), "--json", capsys=capsys)
    assert code == 0 and "People v. Hidden" in out and "Wanda Hidden" in out
    assert run(office, "cy", "show", str(hidden), capsys=capsys)[0] == 1
    # Its client is a new record of Cy's: nothing of the walled one became visible.
    with _admin(office) as c:
        uids = c.execute("SELECT uid FROM people WHERE name = 'Wanda Hidden'").fetchall()
    assert len(set(uids)) == 2


def test_the_check_through_a_wall_folds_accents_and_apostrophes_as_the_check_does(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.core.server.teams import set_wall
    from app.core.services import cases, people

    bea = office.open_as("bea")
    case = cases.add_case(bea, caption="People v. Accented", docket_number="AC-1")
    people.add_person_to_case(bea, case, ["complainant"], name="Ramón O’Brien-Díaz")
    set_wall(office.open_as("ada"), str(case), True)
    for name in ("Ramon O'Brien", "Ramón Díaz", "R. Obrien-Diaz"):
        code, out, _ = run(office, "cy", "conflicts", name, capsys=capsys)
        assert code == 3 and "screened case; ask Bea Ortiz" in out, (name, out)
    assert run(office, "cy", "conflicts", "Ramon Brien", capsys=capsys)[0] == 0


def test_the_conflict_report_of_a_check_through_a_wall_names_only_whom_to_ask(
    office: Office, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from pypdf import PdfReader

    report = tmp_path / "check.pdf"
    code, _, err = run(
        office, "cy", "conflicts", "Derrick Ingram", "--report", str(report), capsys=capsys
    )
    assert code == 3, err
    text = " ".join(page.extract_text() for page in PdfReader(report).pages)
    text = " ".join(text.split())
    assert "a possible conflict in a screened case; ask Bea Ortiz" in text
    assert "Ingram" in text  # the name checked, and nothing of the case:
    for secret in ("Ortiz>", "CR-2026", "0%"):
        assert secret not in text, secret


def test_check_as_a_screened_colleague_finds_the_trail_whole(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(office, "cy", "check", capsys=capsys)
    assert code == 0, out + err
    # A gap cut into the trail behind the wall still shows to everyone (the entry is put
    # back afterwards, so the office's trail stays whole for the other tests).
    with _admin(office) as c:
        c.execute("ALTER TABLE audit_log DISABLE TRIGGER USER")
        cursor = c.execute(
            "SELECT * FROM audit_log WHERE id = (SELECT min(id) + 3 FROM audit_log"
            " WHERE case_id = %s)",
            (office.walled.case_id,),
        )
        names = [column.name for column in cursor.description or []]
        entry = dict(zip(names, cursor.fetchone() or (), strict=True))
        entry["changes"] = psycopg.types.json.Json(entry["changes"])
        try:
            c.execute("DELETE FROM audit_log WHERE id = %s", (entry["id"],))
            code, out, err = run(office, "cy", "check", capsys=capsys)
            assert code != 0 and "missing" in out + err, out + err
        finally:
            columns = ", ".join(f'"{name}"' for name in entry)
            marks = ", ".join(["%s"] * len(entry))
            c.execute(f"INSERT INTO audit_log ({columns}) VALUES ({marks})", list(entry.values()))
            c.execute("ALTER TABLE audit_log ENABLE TRIGGER USER")
    assert run(office, "cy", "check", capsys=capsys)[0] == 0


def test_an_admin_cannot_make_themselves_the_owner_or_take_over_a_login(
    office: Office,
) -> None:
    """PostgreSQL 15's CREATEROLE would let an admin grant themselves the owner role:
    no admin holds it; logins are made by functions that refuse anything but an
    ordinary colleague's login, for an admin only."""
    import psycopg

    ada = psycopg.connect(office.server.conninfo("office"), user="ada", autocommit=True)
    bea = psycopg.connect(office.server.conninfo("office"), user="bea", autocommit=True)
    try:
        attrs = ada.execute(
            "SELECT rolcreaterole, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'ada'"
        ).fetchone()
        assert attrs == (False, False, False)
        for statement in (
            "GRANT office_owner TO ada",
            "GRANT office_logins TO ada",
            "ALTER ROLE ada CREATEROLE",
            "CREATE ROLE mallory LOGIN SUPERUSER",
            "SET ROLE office_owner",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                ada.execute(statement)
        for target in ("office_owner", "office_staff", "office_logins", "postgres"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="not an ordinary"):
                ada.execute("SELECT casefile_make_login(%s, 'pw')", (target,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="only an admin"):
            bea.execute("SELECT casefile_make_login('zed', NULL)")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="only an admin"):
            bea.execute("SELECT casefile_unmake_login('cy')")
        # What it is for still works: an ordinary login, in the staff group, no more.
        ada.execute("SELECT casefile_make_login('zed', NULL)")
        made = ada.execute(
            "SELECT rolcanlogin, rolcreaterole, pg_has_role('zed', 'office_staff', 'MEMBER'),"
            " pg_has_role('zed', 'office_owner', 'MEMBER') FROM pg_roles WHERE rolname = 'zed'"
        ).fetchone()
        assert made == (True, False, True, False)
    finally:
        ada.close()
        bea.close()


def test_a_screened_colleague_reads_no_audit_entry_of_a_walled_case(office: Office) -> None:
    """Not even its id and hashes: the chain check gets the entries the login may read
    and, for each run of the others, one stand-in the server checked."""
    walled = office.walled.case_id
    with _admin(office) as admin:
        hidden = {
            row[0]
            for row in admin.execute("SELECT id FROM audit_log WHERE case_id = %s", (walled,))
        }
    assert hidden
    with psycopg.connect(office.server.conninfo("office"), user="cy", autocommit=True) as cy:
        assert cy.execute(
            "SELECT count(*) FROM audit_log WHERE case_id = %s", (walled,)
        ).fetchone() == (0,)
        rows = cy.execute("SELECT * FROM casefile_audit_trail(0, 100000)").fetchall()
        assert not cy.execute(
            "SELECT to_regprocedure('casefile_audit_links(integer, integer)')"
        ).fetchone()[0]
    shown = {row[0] for row in rows if row[3] == 0}
    assert shown and not shown & hidden
    assert sum(row[3] for row in rows) >= len(hidden)
    assert all(len(row) == 4 for row in rows)  # id, prev_hash, hash, hidden: no content
