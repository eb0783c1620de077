"""What a login learns of the cases it may not see, and no more: for the conflict check,
whom to ask about a possible conflict (no name, caption, role or case number); for an
import, that an archive's case or person is already there, out of sight.

For the conflict check the database answers through a security-definer function
(``policies``): the surnames and first initials of the name checked go in; for each
screened case where someone has such a surname, the names of its attorneys (else its
team) come out.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, text

from app.core.storage.workspace import Workspace

SCREENED_MESSAGE = "a possible conflict in a screened case; ask {ask}"
_FUNCTION = "casefile_screened_conflicts(text[], text[])"


def may_call(connection: Connection, signature: str) -> bool:
    """Whether the office server has this helper and the login may call it."""
    if connection.dialect.name != "postgresql":
        return False
    return bool(
        connection.execute(
            text(
                "SELECT has_function_privilege(f, 'EXECUTE') "
                "FROM to_regprocedure(:signature) AS f WHERE f IS NOT NULL"
            ),
            {"signature": signature},
        ).scalar()
    )


def screened_conflicts(
    ws: Workspace, surnames: Iterable[str], initials: Iterable[str]
) -> list[str]:
    """One message per screened case that may hold this person (empty on SQLite, on a
    server without an office, and for a login that sees every case)."""
    wanted = sorted({s for s in surnames if s})
    if ws.is_sqlite or not wanted:
        return []
    with ws.reader() as session:
        connection = session.connection()
        if not may_call(connection, _FUNCTION):
            return []
        rows = connection.execute(
            text(f"SELECT ask FROM {_FUNCTION.split('(')[0]}(:surnames, :initials)"),
            {"surnames": wanted, "initials": sorted({i for i in initials if i})},
        ).scalars()
        return [SCREENED_MESSAGE.format(ask=ask) for ask in sorted(rows)]


def uids_out_of_sight(connection: Connection, table: str, uids: Iterable[str]) -> set[str]:
    """Which of ``uids`` (none the login can see) a case or person (``table``: "cases" or
    "people") already has behind a wall: they must not be taken again."""
    wanted = sorted(set(uids))
    if not wanted or not may_call(connection, "casefile_taken_uids(text, text[])"):
        return set()
    rows = connection.execute(
        text("SELECT casefile_taken_uids(:table, :uids)"), {"table": table, "uids": wanted}
    ).scalars()
    return set(rows)
