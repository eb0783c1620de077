"""Making staff logins without giving admins CREATEROLE.

On PostgreSQL 15 a login with CREATEROLE may grant itself any role that is not a
superuser, the owner role included (``GRANT casefile_owner TO ada``), and with it every
walled case. So no admin holds CREATEROLE. ``server init`` makes a third role,
``<database>_logins``: it cannot log in, no staff login is a member of it, and it alone
holds CREATEROLE. It owns two security-definer functions that do exactly what
``staff add`` and ``staff remove`` need, for an admin of the office only:

- ``casefile_make_login(login, password)``: create the login (or set its password) and
  put it in the staff group;
- ``casefile_unmake_login(login)``: take it out of the staff group.

Both refuse Casefile's own roles and any login that is a superuser, bypasses row
security, may create roles or belongs to the owner role: an admin can neither take
over nor reset the password of a login above an ordinary colleague's.
"""

from __future__ import annotations

SEARCH_PATH = "SET search_path = pg_catalog, public, pg_temp"
SIGNATURES = ("casefile_make_login(text, text)", "casefile_unmake_login(text)")


def logins_role(owner: str) -> str:
    """The role that makes logins, named beside the owner role."""
    base = owner[: -len("_owner")] if owner.endswith("_owner") else owner
    return f"{base}_logins"


def _guard(owner: str, staff: str, logins: str) -> str:
    """PL/pgSQL that refuses unless the caller is an admin and ``wanted`` an ordinary
    login (or none yet). Role names come quoted as SQL literals."""
    return f"""
          IF coalesce(casefile_office_role(session_user), '') <> 'admin' THEN
            RAISE EXCEPTION 'only an admin of the office may do this' USING ERRCODE = '42501';
          END IF;
          IF wanted IN ({owner}, {staff}, {logins}) OR EXISTS (
              SELECT 1 FROM pg_roles r WHERE r.rolname = wanted AND (
                r.rolsuper OR r.rolbypassrls OR r.rolcreaterole OR r.rolreplication
                OR pg_has_role(r.oid, {owner}, 'MEMBER')
                OR pg_has_role(r.oid, {logins}, 'MEMBER'))) THEN
            RAISE EXCEPTION '% is not an ordinary login: walls would not screen it', wanted
              USING ERRCODE = '42501';
          END IF;"""


def functions(owner: str, staff: str, logins: str) -> list[str]:
    """The two functions (made while acting as the logins role, so owned by it).
    Arguments are SQL string literals of the role names. Their ``%`` are doubled: the
    driver reads the text for placeholders."""
    guard = _guard(owner, staff, logins)
    made = [
        f"""CREATE OR REPLACE FUNCTION casefile_make_login(wanted text, secret text)
          RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER {SEARCH_PATH} AS $$
        BEGIN
          {guard}
          IF NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = wanted) THEN
            EXECUTE format('CREATE ROLE %I LOGIN', wanted);
          END IF;
          IF secret IS NOT NULL THEN
            EXECUTE format('ALTER ROLE %I PASSWORD %L', wanted, secret);
          END IF;
          IF NOT pg_has_role(wanted, {staff}, 'MEMBER') THEN
            EXECUTE format('GRANT %I TO %I', {staff}, wanted);
          END IF;
        END $$""",
        f"""CREATE OR REPLACE FUNCTION casefile_unmake_login(wanted text) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER {SEARCH_PATH} AS $$
        BEGIN
          {guard}
          IF EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = wanted)
             AND pg_has_role(wanted, {staff}, 'MEMBER') THEN
            EXECUTE format('REVOKE %I FROM %I', {staff}, wanted);
          END IF;
        END $$""",
    ]
    return [statement.replace("%", "%%") for statement in made]


def grants(staff: str, logins: str) -> list[str]:
    """Quoted identifiers. The logins role may ask the office role of a login; the staff
    group may call the two functions (which check for an admin themselves)."""
    return [
        f"GRANT EXECUTE ON FUNCTION casefile_office_role(name) TO {logins}",
        *(f"REVOKE ALL ON FUNCTION {name} FROM PUBLIC" for name in SIGNATURES),
        *(f"GRANT EXECUTE ON FUNCTION {name} TO {staff}" for name in SIGNATURES),
    ]
