"""The conflict check, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select

from app.core.intake import conflicts
from app.core.intake.names import NICKNAME_GROUPS, compare, parse_name
from app.core.services import people
from app.core.storage.models import Case, Party, Person
from app.core.storage.workspace import Workspace


def _cases(hits: list[conflicts.ConflictHit]) -> set[str]:
    return {h.case_caption for h in hits}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ingram, Derrick", "Derrick Ingram"),
        ("DERRICK J. INGRAM", "Derrick Ingram"),
        ("Derek Ingram", "Derrick Ingram"),
        ("Bob Smith", "Robert Smith"),
        ("Liz Taylor", "Elizabeth Taylor"),
        ("Jose Garcia", "José García-Márquez"),
        ("William DeBlasio", "Bill de Blasio"),
        ("Derrick Ingrem", "Derrick Ingram"),
    ],
)
def test_names_that_differ_the_way_people_write_them_match(a: str, b: str) -> None:
    assert compare(parse_name(a), parse_name(b)).score >= 85


@pytest.mark.parametrize(
    ("a", "b"), [("John Smith", "Joan Smith"), ("John Smith", "John Jones"), ("Ann Lee", "Bo Lee")]
)
def test_different_people_with_a_shared_name_part_do_not(a: str, b: str) -> None:
    assert compare(parse_name(a), parse_name(b)).score < 85


def test_a_client_elsewhere_who_is_the_complainant_here_is_a_conflict(
    workspace: Workspace, office: dict[str, int]
) -> None:
    hits = conflicts.check_person(workspace, "Ingram, Derrick", roles=["complainant"])
    assert [h.case_id for h in hits] == [office["ingram"]]
    hit = hits[0]
    assert hit.adverse and hit.roles_there == ["client"] and hit.score == 100
    assert hit.reasons[0] == "same name" and hit.docket == "CR-2020-001"


def test_an_alias_matches_and_roles_decide_adversity(
    workspace: Workspace, office: dict[str, int]
) -> None:
    hits = conflicts.check_person(workspace, "Dwreck", roles=["witness"])
    assert [(h.person_name, h.adverse) for h in hits] == [("Derrick Ingram", True)]
    assert "alias" in hits[0].reasons
    # Witness here and witness there is information, not a conflict.
    info = conflicts.check_person(workspace, "John Smith", roles=["witness"])
    assert [(h.person_name, h.adverse) for h in info] == [("John Smith", False)]


def test_date_of_birth_raises_and_lowers_the_score(
    workspace: Workspace, office: dict[str, int]
) -> None:
    same = conflicts.check_person(workspace, "Rob Smyth", dob="1980-01-01", roles=["client"])
    assert [h.person_name for h in same] == ["Robert Smith"]
    assert "same date of birth" in same[0].reasons
    # The same close spelling without a date of birth is not enough ...
    assert "Robert Smith" not in {
        h.person_name for h in conflicts.check_person(workspace, "Rob Smyth", roles=["client"])
    }
    # ... and a different date of birth rules out even the exact name.
    assert conflicts.check_person(workspace, "Robert Smith", dob="1999-12-31") == []


def test_common_names_do_not_flood(workspace: Workspace, office: dict[str, int]) -> None:
    hits = conflicts.check_person(workspace, "Joan Smith", roles=["client"])
    assert hits == []
    # "Smith" alone does not name anyone with enough certainty.
    assert conflicts.check_person(workspace, "Smith") == []


def test_check_party_leaves_out_its_own_case_and_finds_the_same_person_elsewhere(
    workspace: Workspace, office: dict[str, int]
) -> None:
    ingram = people.parties_of_case(workspace, office["ingram"])
    person_id = next(p.person_id for p in ingram if p.roles == ["client"])
    party_id = people.add_party(
        workspace, office["delaney"], person_id=person_id, roles=["complainant"]
    )
    hits = conflicts.check_party(workspace, party_id)
    assert [h.case_id for h in hits] == [office["ingram"]]
    assert hits[0].adverse and hits[0].reasons == ["same person record"]


def test_check_against_twenty_thousand_people_finds_the_one(sqlite_workspace: Workspace) -> None:
    ws = sqlite_workspace
    with ws.session() as session:
        session.add(Case(id=1, caption="Big case"))
        session.flush()
        # 100 first names x 200 surnames: realistic spellings, every name different.
        firsts = sorted(set(NICKNAME_GROUPS) - {"al", "ed", "em", "jo", "v"})[:100]
        heads = [
            "Har",
            "Bel",
            "Cor",
            "Dun",
            "Ell",
            "Fair",
            "Gold",
            "Hol",
            "Ken",
            "Lang",
            "Mar",
            "North",
            "Oak",
            "Pen",
            "Ray",
            "Sel",
            "Thorn",
            "Wal",
            "West",
            "York",
        ]
        tails = ["wood", "ford", "ton", "ley", "man", "worth", "by", "field", "ridge", "stone"]
        lasts = [h + t for h in heads for t in tails]
        rows = [
            {
                "id": i + 1,
                "uid": f"u{i}",
                "name": f"{firsts[i % 100].title()} {lasts[i // 100]}",
                "aliases": [],
                "kind": "individual",
            }
            for i in range(20_000)
        ]
        session.execute(insert(Person), rows)
        session.execute(
            insert(Party),
            [{"case_id": 1, "person_id": i, "roles": ["witness"]} for i in range(1, 20_001)],
        )
    with ws.reader() as session:
        assert len(session.scalars(select(Person.id)).all()) == 20_000
        target = session.get(Person, 1234)
        assert target is not None
        first, last = target.name.split()
    hits = conflicts.check_person(ws, f"{last}, {first}", roles=["client"])
    assert 1234 in [h.person_id for h in hits] and len(hits) < 10, hits
    assert conflicts.check_person(ws, "Mary Johnson77", roles=["client"]) == []
