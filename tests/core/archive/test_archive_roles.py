"""The role fields of people and parties travel in a case archive (format version 3),
an archive of version 2 reads them empty, and a bad one is refused naming the field."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.archive.transfer import export_case, import_archive
from app.core.errors import ArchiveError
from app.core.lists.casedump import case_dump
from app.core.services import cases, people
from app.core.storage.workspace import Workspace, open_workspace
from tests.core.archive.test_archive import (
    assert_nothing_imported,
    case_json,
    make_zip,
    minimal,
)


@pytest.fixture
def second(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_workspace(tmp_path / "second.casefile", user="tester")
    yield ws
    ws.close()


def test_role_fields_go_out_and_come_back(
    sqlite_workspace: Workspace, second: Workspace, tmp_path: Path
) -> None:
    ws = sqlite_workspace
    case_id = cases.add_case(ws, caption="People v. Maria Lopez")
    client = people.add_person_to_case(
        ws, case_id, ["client"], name="Maria Lopez", nysid="12345678K", language="Spanish",
        needs_interpreter=True,
    )  # fmt: skip
    people.update_party(ws, client, custody_status="bail_set", custody_note="$2,500 cash")
    officer = people.add_person_to_case(ws, case_id, ["police_officer"], name="Daniel Reyes")
    people.update_party(ws, officer, shield_number="4471", command="75th Precinct")
    people.update_person(ws, people.get_party(ws, officer)["person_id"], tax_id="931045")
    witness = people.add_person_to_case(ws, case_id, ["witness"], name="Jordan Pike")
    people.update_party(ws, witness, subpoenaed=True, subpoena_served_on="2026-12-03")

    path = export_case(ws, case_id, tmp_path / "lopez.zip")
    data = case_json(path)
    assert data["format_version"] >= 3
    by_name = {p["name"]: p for p in data["people"]}
    assert by_name["Maria Lopez"]["nysid"] == "12345678K"
    assert by_name["Maria Lopez"]["needs_interpreter"] is True
    parties = {p["person"]: p for p in data["parties"]}
    officer_party = parties[by_name["Daniel Reyes"]["ref"]]
    assert (officer_party["shield_number"], officer_party["command"]) == ("4471", "75th Precinct")
    assert parties[by_name["Jordan Pike"]["ref"]]["subpoena_served_on"] == "2026-12-03"

    copy = import_archive(second, path)

    def shown(workspace: Workspace, case: int) -> list[dict[str, object]]:
        return [
            {k: v for k, v in p.items() if k not in ("id", "person_id")}
            for p in case_dump(workspace, case)["people"]
        ]

    assert shown(second, copy) == shown(ws, case_id)
    assert shown(second, copy)[0]["shield_number"] == "4471"  # Daniel Reyes, first by name


def test_a_version_2_archive_reads_the_role_fields_empty(sqlite_workspace: Workspace) -> None:
    case_id = import_archive(sqlite_workspace, make_zip(minimal(format_version=2)))
    (party,) = people.parties_of_case(sqlite_workspace, case_id)
    assert (party.shield_number, party.command, party.custody_status) == ("", "", None)
    assert party.subpoenaed is False and party.subpoena_served_on is None
    assert (party.person.nysid, party.person.tax_id, party.person.language) == ("", "", "")


@pytest.mark.parametrize(
    ("section", "values", "problem"),
    [
        ("people", {"nysid": "1234"}, r"people\[0\].*nysid: must be 8 digits and a letter"),
        ("parties", {"custody_status": "jail"}, r"parties\[0\].*custody_status"),
        ("parties", {"subpoena_served_on": "2026-12-03"}, r"parties\[0\].*subpoena_served_on"),
    ],
)
def test_a_bad_role_field_refuses_the_archive(
    sqlite_workspace: Workspace, section: str, values: dict[str, object], problem: str
) -> None:
    data = minimal(format_version=3)
    data[section] = [{**data[section][0], **values}]
    with pytest.raises(ArchiveError, match=problem):
        import_archive(sqlite_workspace, make_zip(data))
    assert_nothing_imported(sqlite_workspace)
