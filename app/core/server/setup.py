"""``casefile server init``: roles, schema, grants and row security for an office.

Run by the database's owner (a login that may create roles), on an empty database or
on one opened before without it, which is converted in place: its tables, sequences,
functions and search configuration move to the owner role. Running it again brings the
schema to this version of Casefile and renews the policies and grants (the upgrade an
office runs after installing a new Casefile), so it is safe to repeat.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from app.core.errors import CasefileError
from app.core.server import logins, policies, screened_search
from app.core.server.attachments import MovedFolder, move_folder_into_database
from app.core.server.roles import (
    ROLES_SETTING,
    OfficeRoles,
    is_superuser,
    literal,
    may_create_roles,
    quote,
    role_exists,
    roles_for,
)
from app.core.storage import db

# Objects of the public schema that move to the owner role when a database is converted.
_RELATIONS = """
    SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'S', 'v', 'm')
      AND pg_get_userbyid(c.relowner) <> :owner
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
"""
_FUNCTIONS = """
    SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) NOT IN (:owner, :maker)
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
"""
_SEARCH_CONFIGS = """
    SELECT c.cfgname FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace
    WHERE n.nspname = 'public' AND pg_get_userbyid(c.cfgowner) <> :owner
"""
_KIND = {"r": "TABLE", "p": "TABLE", "S": "SEQUENCE", "v": "VIEW", "m": "MATERIALIZED VIEW"}


@dataclass(frozen=True)
class InitReport:
    roles: OfficeRoles
    admin: str | None
    converted: int  # objects that moved to the owner role (a database opened before)
    attachments: MovedFolder | None = None  # the folder's files copied into the database


def server_init(url: URL, admin: str | None = None) -> InitReport:
    """Make the database at ``url`` an office server; see the module's docstring."""
    if db.is_sqlite(url):
        raise CasefileError(
            "server init sets up a shared PostgreSQL database; give its URL with --db "
            "(a workspace file has one person and no walls)"
        )
    engine = db.make_engine(url)
    try:
        with _translated("server init"):
            return _init(engine, admin)
    finally:
        engine.dispose()


def _init(engine: Engine, admin: str | None) -> InitReport:
    with engine.begin() as connection:
        if not may_create_roles(connection):
            raise CasefileError(
                "server init must be run by the database's owner with a login that may "
                "create roles (CREATEROLE), e.g. as the 'postgres' user"
            )
        roles = roles_for(_database(connection))
        _make_roles(connection, roles)
        _offer_unaccent(connection)
        converted = _convert(connection, roles.owner)
    _migrate_as(engine, roles.owner)
    moved = move_folder_into_database(engine, roles.owner)  # before the roles switch stores
    with engine.begin() as connection:
        owner, staff = quote(connection, roles.owner), quote(connection, roles.staff)
        connection.exec_driver_sql(f"SET LOCAL ROLE {owner}")
        unaccent = connection.execute(
            text("SELECT 1 FROM pg_extension WHERE extname = 'unaccent'")
        ).first()
        for statement in policies.helper_functions(unaccent=unaccent is not None):
            connection.exec_driver_sql(statement)
        for statement in policies.row_security(owner, staff) + policies.triggers():
            connection.exec_driver_sql(statement)
        connection.exec_driver_sql(screened_search.function(_searched_tables()))
        connection.exec_driver_sql("RESET ROLE")
        _make_login_functions(connection, roles)
        database = quote(connection, _database(connection))
        for statement in policies.grants(owner, staff, database):
            connection.exec_driver_sql(statement)
        maker = quote(connection, logins.logins_role(roles.owner))
        for statement in logins.grants(staff, maker):
            connection.exec_driver_sql(statement)
        if is_superuser(connection):
            # Earlier versions marked text search's match leakproof so that searches
            # could use their index under row security; casefile_search_top does without
            # (app.core.server.screened_search): the system function is left as shipped.
            connection.exec_driver_sql(
                "ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) NOT LEAKPROOF"
            )
        _record_roles(connection, roles)
        if admin:
            _make_admin(connection, roles, admin)
    return InitReport(roles, admin, converted, moved)


def _searched_tables() -> dict[str, str]:
    from app.core.search.schema import SOURCES

    return {source.kind: source.table for source in SOURCES}


def _make_login_functions(connection: Connection, roles: OfficeRoles) -> None:
    """The functions that make staff logins, owned by the one role that may create roles
    (app.core.server.logins): admins need no CREATEROLE of their own."""
    maker = quote(connection, logins.logins_role(roles.owner))
    names = [literal(name) for name in (roles.owner, roles.staff)]
    names.append(literal(logins.logins_role(roles.owner)))
    connection.exec_driver_sql(f"SET LOCAL ROLE {maker}")
    for statement in logins.functions(*names):
        connection.exec_driver_sql(statement)
    connection.exec_driver_sql("RESET ROLE")


def _offer_unaccent(connection: Connection) -> None:
    """Accent folding for search, made by this login (the owner role may not create
    extensions); a server without the contrib module searches accent-sensitively."""
    try:
        with connection.begin_nested():
            connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
    except DBAPIError:
        pass


def _database(connection: Connection) -> str:
    return str(connection.execute(text("SELECT current_database()")).scalar_one())


def _make_roles(connection: Connection, roles: OfficeRoles) -> None:
    owner, staff = quote(connection, roles.owner), quote(connection, roles.staff)
    if not role_exists(connection, roles.owner):
        connection.exec_driver_sql(f"CREATE ROLE {owner} NOLOGIN")
    if not role_exists(connection, roles.staff):
        connection.exec_driver_sql(f"CREATE ROLE {staff} NOLOGIN")
    maker_name = logins.logins_role(roles.owner)
    maker = quote(connection, maker_name)
    if not role_exists(connection, maker_name):
        connection.exec_driver_sql(f"CREATE ROLE {maker} NOLOGIN CREATEROLE")
    if not is_superuser(connection):
        # The database owner acts as the owner role to make and move its objects.
        connection.exec_driver_sql(f"GRANT {owner} TO CURRENT_USER")
        connection.exec_driver_sql(f"GRANT {maker} TO CURRENT_USER")
    connection.exec_driver_sql(f"GRANT USAGE, CREATE ON SCHEMA public TO {owner}")
    connection.exec_driver_sql(f"GRANT USAGE, CREATE ON SCHEMA public TO {maker}")


def _convert(connection: Connection, owner_role: str) -> int:
    """Give the owner role every object of a database opened before without init."""
    owner = quote(connection, owner_role)
    moved = 0
    for name, kind in connection.execute(text(_RELATIONS), {"owner": owner_role}).all():
        if kind == "S" and _owned_by_a_column(connection, name):
            continue  # a serial's sequence follows its table
        connection.exec_driver_sql(
            f"ALTER {_KIND[kind]} {quote(connection, name)} OWNER TO {owner}"
        )
        moved += 1
    maker = logins.logins_role(owner_role)
    found = connection.execute(text(_FUNCTIONS), {"owner": owner_role, "maker": maker})
    for (signature,) in found.all():
        connection.exec_driver_sql(f"ALTER FUNCTION {signature} OWNER TO {owner}")
        moved += 1
    for (name,) in connection.execute(text(_SEARCH_CONFIGS), {"owner": owner_role}).all():
        connection.exec_driver_sql(
            f"ALTER TEXT SEARCH CONFIGURATION {quote(connection, name)} OWNER TO {owner}"
        )
        moved += 1
    return moved


def _owned_by_a_column(connection: Connection, sequence: str) -> bool:
    return bool(
        connection.execute(
            text(
                "SELECT 1 FROM pg_depend d JOIN pg_class c ON c.oid = d.objid "
                "WHERE c.relname = :name AND c.relkind = 'S' AND d.deptype IN ('a', 'i')"
            ),
            {"name": sequence},
        ).first()
    )


def _migrate_as(engine: Engine, owner_role: str) -> None:
    """Bring the schema to this version's head while acting as the owner role, so every
    table a migration makes is the owner's."""
    migrating = db.make_engine(engine.url)

    @event.listens_for(migrating, "connect")
    def _act_as_owner(dbapi_connection: object, _record: object) -> None:
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        cursor.execute(f'SET ROLE "{owner_role.replace(chr(34), chr(34) * 2)}"')
        cursor.close()
        dbapi_connection.commit()  # type: ignore[attr-defined]

    try:
        db.upgrade(migrating)
    finally:
        migrating.dispose()


def _record_roles(connection: Connection, roles: OfficeRoles) -> None:
    value = json.dumps({"owner": roles.owner, "staff": roles.staff})
    connection.execute(
        text(
            "INSERT INTO workspace_settings (key, value) VALUES (:key, :value) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
        ),
        {"key": ROLES_SETTING, "value": value},
    )


def _make_admin(connection: Connection, roles: OfficeRoles, login: str) -> None:
    """The first admin: their login (made when missing; without CREATEROLE, which on
    PostgreSQL 15 would let them grant themselves the owner role: they make their
    colleagues' logins through app.core.server.logins), in the staff group and the
    staff table."""
    name = quote(connection, login)
    if not role_exists(connection, login):
        connection.exec_driver_sql(f"CREATE ROLE {name} LOGIN")
    connection.exec_driver_sql(f"GRANT {quote(connection, roles.staff)} TO {name}")
    connection.execute(
        text(
            "INSERT INTO staff (login, name, role) VALUES (:login, :login, 'admin') "
            "ON CONFLICT (login) DO UPDATE SET role = 'admin'"
        ),
        {"login": login},
    )


@contextmanager
def _translated(what: str) -> Iterator[None]:
    try:
        yield
    except DBAPIError as exc:
        raise CasefileError(f"{what} failed: {db.reason(exc)}") from None
