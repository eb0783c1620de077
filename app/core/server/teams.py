"""Each case's team, ethical walls, and the office's policy: what admins change.

Every change is one transaction with its audit entry (under the admin's login, about
the case), so the team of a walled case reads in its history who changed the team or
the wall, including an admin who added themselves. An admin may manage the team and
wall of a case they cannot read: such a case is named by its id.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from app.core.errors import CasefileError, NotFoundError, ValidationError
from app.core.server.roles import require_roles
from app.core.server.staff import office_role, require_admin
from app.core.storage import audit
from app.core.storage.audit_chain import Unreadable, stored_changes, stored_time
from app.core.storage.workspace import Workspace

POLICIES = ("open", "team")


@dataclass(frozen=True)
class Team:
    case_id: int
    walled: bool
    reason: str
    members: list[dict[str, str]]  # login, name, role, added_by, added_at (ISO, UTC)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def case_for(session: Session, reference: str, *, admin: bool) -> int:
    """The case's id. A case the login may not see is not found, in the very words of
    a case that does not exist; an admin may name one they cannot read by its id."""
    from app.core.services.cases import find_case
    from app.core.services.fields import record_id_in

    try:
        return find_case(session, reference).id
    except NotFoundError:
        case_id = record_id_in(str(reference).strip())
        if admin and case_id is not None and _exists_for_admin(session.connection(), case_id):
            return case_id
        raise


def _exists_for_admin(connection: Connection, case_id: int) -> bool:
    return bool(
        connection.execute(text("SELECT casefile_case_exists(:id)"), {"id": case_id}).scalar()
    )


def team_of(ws: Workspace, reference: str) -> Team:
    with ws.reader() as session:
        connection = session.connection()
        require_roles(connection)
        case_id = case_for(session, reference, admin=office_role(connection) == "admin")
        return _team(connection, case_id)


def _team(connection: Connection, case_id: int) -> Team:
    rows = connection.execute(
        text(
            "SELECT t.login, coalesce(s.name, t.login) AS name, coalesce(s.role, '') AS role "
            "FROM case_team t LEFT JOIN staff s ON s.login = t.login "
            "WHERE t.case_id = :id ORDER BY t.login"
        ),
        {"id": case_id},
    )
    joined = _joined(connection, case_id)
    members = [
        {"login": r.login, "name": r.name, "role": r.role, **joined.get(r.login, _UNKNOWN)}
        for r in rows
    ]
    wall = connection.execute(
        text("SELECT reason FROM case_walls WHERE case_id = :id"), {"id": case_id}
    ).first()
    return Team(case_id, wall is not None, wall.reason if wall else "", members)


_UNKNOWN = {"added_by": "", "added_at": ""}


def _joined(connection: Connection, case_id: int) -> dict[str, dict[str, str]]:
    """Who put each member on the team, and when (ISO, UTC), from the audit trail as the
    login may read it: an admin who added themselves is named so to the whole team."""
    rows = connection.execute(
        text(
            'SELECT "user", at, changes FROM audit_log WHERE table_name = :table '
            "AND case_id = :id AND action = :action ORDER BY id"
        ),
        {"table": "case_team", "id": case_id, "action": audit.CREATE},
    )
    out: dict[str, dict[str, str]] = {}
    for by, at, changes in rows:
        try:
            login = stored_changes(changes)["login"][1]
            when = stored_time(at).astimezone(dt.UTC).isoformat(timespec="seconds")
        except (Unreadable, KeyError, IndexError, TypeError):
            continue
        if isinstance(login, str):
            out[login] = {"added_by": str(by or ""), "added_at": when}
    return out


def recent_joins(ws: Workspace, case_id: int, since: dt.datetime) -> list[dict[str, str]]:
    """The members put on a case's team since ``since``, as :func:`team_of` shows them
    (none when the login may not see the case or there is no office)."""
    try:
        team = team_of(ws, str(case_id))
    except CasefileError:
        return []
    cutoff = since.astimezone(dt.UTC).isoformat(timespec="seconds")
    return [m for m in team.members if m["added_at"] and m["added_at"] >= cutoff]


def add_to_team(ws: Workspace, reference: str, login: str) -> Team:
    with ws.session() as session:
        connection = session.connection()
        me = require_admin(connection, "change a case's team")
        case_id = case_for(session, reference, admin=True)
        on_staff = connection.execute(
            text("SELECT 1 FROM staff WHERE login = :login"), {"login": login}
        ).first()
        if on_staff is None:
            raise NotFoundError(f"{login} is not on the staff (add them with 'staff add')")
        # The entry first: once an admin's own change hides the case from them, the
        # trail of it could no longer be written (row security checks each statement).
        audit.record(
            session, audit.CREATE, "case_team", None, case_id, {"login": (None, login)}, f"by {me}"
        )
        connection.execute(
            text(
                "INSERT INTO case_team (case_id, login) VALUES (:id, :login) ON CONFLICT DO NOTHING"
            ),
            {"id": case_id, "login": login},
        )
        return _team(connection, case_id)


def remove_from_team(ws: Workspace, reference: str, login: str) -> Team:
    with ws.session() as session:
        connection = session.connection()
        me = require_admin(connection, "change a case's team")
        case_id = case_for(session, reference, admin=True)
        audit.record(
            session, audit.DELETE, "case_team", None, case_id, {"login": (login, None)}, f"by {me}"
        )
        removed = connection.execute(
            text("DELETE FROM case_team WHERE case_id = :id AND login = :login"),
            {"id": case_id, "login": login},
        ).rowcount
        if not removed:
            raise NotFoundError(f"{login} is not on the team of case {case_id}")
        return _team(connection, case_id)


def set_wall(ws: Workspace, reference: str, on: bool, reason: str = "") -> Team:
    """Wall a case off (only its team sees it) or take the wall down."""
    with ws.session() as session:
        connection = session.connection()
        me = require_admin(connection, "put up or take down a wall")
        case_id = case_for(session, reference, admin=True)
        team = _team(connection, case_id)
        if on and not team.members:
            raise CasefileError(
                f"case {case_id} has no team: a wall would hide it from everyone; "
                "add its team first ('team CASE add LOGIN')"
            )
        if team.walled == on and (not on or team.reason == reason.strip()):
            return team
        changes = {
            "walled": (team.walled, on),
            "reason": (team.reason, reason.strip() if on else ""),
        }
        audit.record(session, audit.UPDATE, "case_walls", None, case_id, changes, f"by {me}")
        if on:
            connection.execute(
                text(
                    "INSERT INTO case_walls (case_id, reason, walled_by) "
                    "VALUES (:id, :reason, :me) ON CONFLICT (case_id) DO UPDATE "
                    "SET reason = EXCLUDED.reason, walled_by = EXCLUDED.walled_by"
                ),
                {"id": case_id, "reason": reason.strip(), "me": me},
            )
        else:
            connection.execute(text("DELETE FROM case_walls WHERE case_id = :id"), {"id": case_id})
        return _team(connection, case_id)


def set_policy(ws: Workspace, policy: str) -> str:
    if policy not in POLICIES:
        raise ValidationError("policy", f"the policy is 'open' or 'team', not {policy!r}")
    with ws.session() as session:
        connection = session.connection()
        me = require_admin(connection, "change the office's policy")
        before = connection.execute(
            text("SELECT policy FROM office_policy WHERE id = 1")
        ).scalar_one_or_none()
        if before == policy:
            return policy
        audit.record(
            session,
            audit.UPDATE,
            "office_policy",
            1,
            None,
            {"policy": (before, policy)},
            f"by {me}",
        )
        connection.execute(
            text(
                "INSERT INTO office_policy (id, policy) VALUES (1, :policy) "
                "ON CONFLICT (id) DO UPDATE SET policy = EXCLUDED.policy"
            ),
            {"policy": policy},
        )
    return policy
