"""Migration 0004 chains the audit trail an older (0003) workspace already has, so it
opens, verifies, and goes on chaining; on both backends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.engine import URL

from app.core.safety.check import check_workspace
from app.core.services import cases
from app.core.storage import audit_chain, db
from app.core.storage.workspace import open_workspace

_OLD_LOG = sa.table(
    "audit_log",
    sa.column("id", sa.Integer()),
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("user", sa.String()),
    sa.column("action", sa.String()),
    sa.column("table_name", sa.String()),
    sa.column("record_id", sa.Integer()),
    sa.column("case_id", sa.Integer()),
    sa.column("changes", sa.JSON()),
    sa.column("note", sa.Text()),
)
# PostgreSQL's sequence leaves gaps after a rollback: the chain must not need dense ids.
_OLD_IDS = (1, 2, 5)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> URL:
    if request.param == "sqlite":
        return db.resolve_url(tmp_path / "old.casefile")
    return db.resolve_url(request.getfixturevalue("pg_url"))


@pytest.fixture
def engine(database_url: URL) -> Iterator[Engine]:
    engine = db.make_engine(database_url)
    yield engine
    engine.dispose()


def _old_trail(engine: Engine) -> None:
    at = dt.datetime(2024, 3, 1, 9, 30, 15, 123456, tzinfo=dt.UTC)
    rows = [
        {
            "id": n,
            "at": at + dt.timedelta(minutes=n),
            "user": "alice",
            "action": "update",
            "table_name": "cases",
            "record_id": 7,
            "case_id": 7,
            "changes": {"caption": [f"old {n}", f"new {n}"], "issue_ids": [[1, 2], []]},
            "note": "" if n != 5 else "a note, with ünïcode",
        }
        for n in _OLD_IDS
    ]
    with engine.begin() as connection:
        connection.execute(sa.insert(_OLD_LOG), rows)


def test_an_old_workspace_with_history_upgrades_and_verifies(
    database_url: URL, engine: Engine, tmp_path: Path
) -> None:
    db.upgrade(engine, "0003")
    _old_trail(engine)
    # Checked before it was ever opened by this version: noted, not damage.
    report = check_workspace(database_url, store_root=tmp_path / "store")
    assert not report.damaged
    assert any("not chained yet" in p.message for p in report.problems)
    engine.dispose()

    ws = open_workspace(database_url, store_root=tmp_path / "store", user="tester")
    try:
        with ws.reader() as session:
            connection = session.connection()
            assert audit_chain.verify(connection).problems == []
            head = audit_chain.head_of(connection)
            entries = list(audit_chain.chain_entries(connection))
        assert head is not None
        assert (head["last_id"], head["entries"]) == (5, 3)
        assert [e["id"] for e in entries] == list(_OLD_IDS)
        assert entries[0]["prev_hash"] == audit_chain.GENESIS

        # New entries go on from the old chain's end.
        cases.add_case(ws, caption="New after the upgrade")
        with ws.reader() as session:
            entries = list(audit_chain.chain_entries(session.connection()))
            assert audit_chain.verify(session.connection()).problems == []
        assert entries[-1]["id"] == 6 and entries[-1]["prev_hash"] == entries[-2]["hash"]
    finally:
        ws.close()
    report = check_workspace(database_url, store_root=tmp_path / "store")
    assert not report.damaged, report.problems
    assert not any("audit" in p.message for p in report.problems)


def test_the_database_still_refuses_changes_to_the_trail_after_the_upgrade(
    engine: Engine,
) -> None:
    db.upgrade(engine, "0003")
    _old_trail(engine)
    db.upgrade(engine)
    for sql in (
        "UPDATE audit_log SET note = 'x'",
        "DELETE FROM audit_log",
        "DELETE FROM audit_head",
    ):
        with pytest.raises(sa.exc.DBAPIError, match="cannot be"), engine.begin() as connection:
            connection.exec_driver_sql(sql)
