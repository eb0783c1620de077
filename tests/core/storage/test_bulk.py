"""insert_rows: many rows at once, stored exactly as a Core INSERT would store them."""

from __future__ import annotations

from sqlalchemy import insert, select

from app.core.dates import PartialDate
from app.core.storage.bulk import insert_rows
from app.core.storage.models import Case, Person
from app.core.storage.workspace import Workspace

SKIP = {"id", "uid", "created_at", "updated_at"}


def _people(n: int, tag: str) -> list[dict[str, object]]:
    return [
        {"name": f"{tag} {i}", "aliases": [f"alias {i}"] if i % 2 else [], "uid": f"{tag}-{i}"}
        for i in range(n)
    ]


def test_rows_match_a_core_insert_and_ids_follow_the_rows(workspace: Workspace) -> None:
    table = Person.__table__
    with workspace.session() as session:
        session.add(Case(caption="People v. Bulk"))
        session.flush()  # the transaction now writes, as an import's does
        ids = insert_rows(session, table, _people(300, "fast"))
        session.execute(insert(table), _people(300, "core"))
    assert len(ids) == 300 and ids == sorted(ids) and len(set(ids)) == 300
    with workspace.session() as session:
        by_id = {p.id: p for p in session.scalars(select(Person))}
        assert [by_id[i].name for i in ids] == [f"fast {i}" for i in range(300)]
        fast = {p.name.split()[1]: p for p in by_id.values() if p.name.startswith("fast")}
        core = {p.name.split()[1]: p for p in by_id.values() if p.name.startswith("core")}
        for key, person in fast.items():
            ours = {c: getattr(person, c) for c in Person.__table__.columns.keys() if c not in SKIP}
            theirs = {
                c: getattr(core[key], c) for c in Person.__table__.columns.keys() if c not in SKIP
            }
            assert {**ours, "name": ""} == {**theirs, "name": ""}
            assert person.created_at is not None and person.version == 1


def test_types_are_converted_as_the_columns_convert_them(sqlite_workspace: Workspace) -> None:
    from app.core.storage.models import Party, Statement

    with sqlite_workspace.session() as session:
        case = Case(caption="People v. Dates")
        person = Person(name="Speaker")
        session.add_all([case, person])
        session.flush()
        party = Party(case_id=case.id, person_id=person.id, roles=["witness"])
        session.add(party)
        session.flush()
        rows = [
            {"case_id": case.id, "speaker_id": party.id, "text": f"said {i}",
             "date": PartialDate(2020, 6, i + 1) if i < 3 else None}
            for i in range(5)
        ]  # fmt: skip
        ids = insert_rows(session, Statement.__table__, rows)
    with sqlite_workspace.session() as session:
        stored = {s.id: s for s in session.scalars(select(Statement))}
        assert [stored[i].date for i in ids] == [
            PartialDate(2020, 6, 1), PartialDate(2020, 6, 2), PartialDate(2020, 6, 3), None, None,
        ]  # fmt: skip
        stored_text = (
            session.connection()
            .exec_driver_sql("SELECT date FROM statements ORDER BY id")
            .scalars()
        )
        assert list(stored_text) == ["2020-06-01", "2020-06-02", "2020-06-03", None, None]
