"""The two roles ``server init`` makes for a database, and who the connected login is.

The owner role owns every table and the security-definer helpers; it cannot log in, and
no staff login is a member of it, so no staff login can alter a table, a policy or the
trail. The staff group holds the grants every staff login receives. Their names are
stored in the database (``workspace_settings``), so every command finds them; they are
made from the database's name, so two Casefile databases on one server keep apart.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from sqlalchemy import Connection, text

from app.core.errors import CasefileError

ROLES_SETTING = "server_roles"
_PLAIN = re.compile(r"[^a-z0-9_]+")
# A PostgreSQL identifier is at most 63 bytes; leave room for "_owner".
_PREFIX_BYTES = 50


@dataclass(frozen=True)
class OfficeRoles:
    owner: str
    staff: str


def roles_for(database: str) -> OfficeRoles:
    """The owner and staff group names for a database called ``database``."""
    prefix = _PLAIN.sub("_", database.lower()).strip("_")[:_PREFIX_BYTES] or "casefile"
    return OfficeRoles(owner=f"{prefix}_owner", staff=f"{prefix}_staff")


def quote(connection: Connection, name: str) -> str:
    """``name`` as a quoted SQL identifier (a login may hold any character)."""
    return connection.dialect.identifier_preparer.quote_identifier(name)


def literal(value: str) -> str:
    """``value`` as a SQL string literal, for DDL that takes no parameters."""
    return "'" + value.replace("'", "''") + "'"


def stored_roles(connection: Connection) -> OfficeRoles | None:
    """The roles ``server init`` recorded in this database; None before it ran (and on
    SQLite, where there are none)."""
    if connection.dialect.name != "postgresql":
        return None
    value = connection.execute(
        text("SELECT value FROM workspace_settings WHERE key = :key"), {"key": ROLES_SETTING}
    ).scalar_one_or_none()
    if not value:
        return None
    names = json.loads(value)
    return OfficeRoles(owner=names["owner"], staff=names["staff"])


def require_roles(connection: Connection) -> OfficeRoles:
    roles = stored_roles(connection)
    if roles is None:
        if connection.dialect.name != "postgresql":
            raise CasefileError(
                "staff, teams and walls belong to a shared PostgreSQL server; a workspace "
                "file has one person and no walls"
            )
        raise CasefileError(
            "this server database has no staff yet: the database owner runs "
            "'casefile --db URL server init' first"
        )
    return roles


def role_exists(connection: Connection, name: str) -> bool:
    return bool(
        connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": name}
        ).first()
    )


def current_login(connection: Connection) -> str:
    """The login the server knows this connection by (never an environment variable)."""
    return str(connection.execute(text("SELECT current_user")).scalar_one())


def may_create_roles(connection: Connection) -> bool:
    row = connection.execute(
        text("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")
    ).first()
    return bool(row and row[0])


def is_superuser(connection: Connection) -> bool:
    row = connection.execute(
        text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    ).first()
    return bool(row and row[0])
