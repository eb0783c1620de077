"""Who works in the office: each PostgreSQL login mapped to a name and an office role.

Admins add and remove staff; each change is one transaction with its audit entry,
recorded under the login the server knows the admin by. Adding a login the server does
not know creates it (through app.core.server.logins: the admin needs no CREATEROLE); its
password, if any, is set from a file, never from the command line, and Casefile stores
none.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from app.core.errors import CasefileError, NotFoundError, ValidationError
from app.core.server.roles import (
    current_login,
    require_roles,
    role_exists,
    stored_roles,
)
from app.core.storage import audit, db
from app.core.storage.workspace import Workspace

ROLES = ("attorney", "paralegal", "investigator", "supervisor", "admin")
STAFF_TABLE = "staff"
MAX_LOGIN_BYTES = 63  # PostgreSQL's identifier limit


@dataclass(frozen=True)
class StaffMember:
    login: str
    name: str
    role: str


@dataclass(frozen=True)
class Identity:
    """Who is working: the login, and on a server set up for an office, their staff entry."""

    login: str
    name: str
    role: str | None  # None: not on the staff (or no office on this workspace)
    policy: str | None  # "open" / "team" on an office server, else None
    server: bool

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def office_role(connection: Connection) -> str | None:
    """The connected login's office role (None: not on the staff)."""
    return connection.execute(
        text("SELECT role FROM staff WHERE login = current_user")
    ).scalar_one_or_none()


def require_admin(connection: Connection, doing: str) -> str:
    """The admin's login, or a clear refusal naming what was asked."""
    require_roles(connection)
    login = current_login(connection)
    if office_role(connection) != "admin":
        raise CasefileError(f"only an admin may {doing}; {login} is not an admin of this office")
    return login


def whoami(ws: Workspace) -> Identity:
    with ws.reader() as session:
        connection = session.connection()
        if connection.dialect.name != "postgresql":
            return Identity(ws.user, ws.user, None, None, server=False)
        login = current_login(connection)
        if stored_roles(connection) is None:
            return Identity(login, login, None, None, server=True)
        row = connection.execute(
            text("SELECT name, role FROM staff WHERE login = :login"), {"login": login}
        ).first()
        policy = connection.execute(
            text("SELECT policy FROM office_policy WHERE id = 1")
        ).scalar_one_or_none()
        name, role = (row.name, row.role) if row is not None else (login, None)
        return Identity(login, name or login, role, policy or "open", server=True)


def list_staff(ws: Workspace) -> list[StaffMember]:
    with ws.reader() as session:
        connection = session.connection()
        require_roles(connection)
        rows = connection.execute(text("SELECT login, name, role FROM staff ORDER BY login"))
        return [StaffMember(row.login, row.name, row.role) for row in rows]


def check_login(login: str) -> str:
    login = login.strip()
    if not login:
        raise ValidationError("login", "a login cannot be empty")
    if len(login.encode()) > MAX_LOGIN_BYTES:
        raise ValidationError("login", f"a login is at most {MAX_LOGIN_BYTES} bytes")
    if "\x00" in login:
        raise ValidationError("login", "a login cannot hold a NUL character")
    return login


def add_staff(
    ws: Workspace, login: str, *, name: str, role: str, password: str | None = None
) -> StaffMember:
    """Add (or update) a staff member; create their login when the server has none."""
    login = check_login(login)
    if role not in ROLES:
        raise ValidationError("role", f"the role is one of {', '.join(ROLES)}, not {role!r}")
    if password is not None and ("\x00" in password or not password):
        raise ValidationError("password", "the password file holds no usable password")
    with ws.session() as session:
        connection = session.connection()
        me = require_admin(connection, "add staff")
        roles = require_roles(connection)
        if login in (roles.owner, roles.staff):
            raise ValidationError("login", f"{login} is one of Casefile's own roles, not a person")
        _refuse_unscreened(connection, login, roles.owner)
        _give_login(connection, login, password, roles.staff)
        before = connection.execute(
            text("SELECT name, role FROM staff WHERE login = :login"), {"login": login}
        ).first()
        connection.execute(
            text(
                "INSERT INTO staff (login, name, role) VALUES (:login, :name, :role) "
                "ON CONFLICT (login) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role"
            ),
            {"login": login, "name": name.strip(), "role": role},
        )
        changes = {
            "login": (before and login, login),
            "name": (before and before.name, name.strip()),
            "role": (before and before.role, role),
        }
        action = audit.UPDATE if before is not None else audit.CREATE
        audit.record(session, action, STAFF_TABLE, None, None, changes, note=f"by {me}")
    return StaffMember(login, name.strip(), role)


def _refuse_unscreened(connection: Connection, login: str, owner: str) -> None:
    """A superuser, a login that bypasses row security or one that may act as the owner
    role would read every walled case: staff get ordinary logins."""
    row = connection.execute(
        text(
            "SELECT rolsuper OR rolbypassrls AS unscreened, pg_has_role(oid, :owner, 'MEMBER') "
            "AS owner FROM pg_roles WHERE rolname = :login"
        ),
        {"login": login, "owner": owner},
    ).first()
    if row is not None and (row.unscreened or row.owner):
        why = "is a superuser or bypasses row security" if row.unscreened else "owns the tables"
        raise CasefileError(
            f"{login} {why}, so walls would not screen anything from it; "
            "give the person an ordinary login of their own"
        )


def _give_login(connection: Connection, login: str, password: str | None, group: str) -> None:
    """The login exists and belongs to the staff group: made (or given its password) by
    ``casefile_make_login``, which the server lets an admin call (app.core.server.logins)."""
    member = (
        role_exists(connection, login)
        and connection.execute(
            text("SELECT pg_has_role(:login, :group, 'MEMBER')"), {"login": login, "group": group}
        ).scalar_one()
    )
    if member and password is None:
        return
    try:
        with connection.begin_nested():
            connection.execute(
                text("SELECT casefile_make_login(:login, :secret)"),
                {"login": login, "secret": password},
            )
    except DBAPIError as exc:
        raise CasefileError(f"cannot give {login} a login: {db.reason(exc)}") from None


def remove_staff(ws: Workspace, login: str) -> StaffMember:
    """Take a login off the staff: off every team, out of the staff group. The login
    itself stays (the server's administrator drops it), so the trail still names it."""
    with ws.session() as session:
        connection = session.connection()
        me = require_admin(connection, "remove staff")
        require_roles(connection)
        if login == me:
            raise CasefileError("an admin cannot remove themselves; ask another admin")
        row = connection.execute(
            text("SELECT name, role FROM staff WHERE login = :login"), {"login": login}
        ).first()
        if row is None:
            raise NotFoundError(f"{login} is not on the staff")
        connection.execute(text("DELETE FROM case_team WHERE login = :login"), {"login": login})
        connection.execute(text("DELETE FROM staff WHERE login = :login"), {"login": login})
        if role_exists(connection, login):
            try:
                with connection.begin_nested():
                    connection.execute(
                        text("SELECT casefile_unmake_login(:login)"), {"login": login}
                    )
            except DBAPIError as exc:
                raise CasefileError(
                    f"cannot take {login} off the staff: {db.reason(exc)}"
                ) from None
        changes = {"login": (login, None), "name": (row.name, None), "role": (row.role, None)}
        audit.record(session, audit.DELETE, STAFF_TABLE, None, None, changes, note=f"by {me}")
    return StaffMember(login, row.name, row.role)
