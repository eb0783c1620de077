"""Which cases and people each login may see, kept ready in one small table the
policies read.

Row security asks "may this login see this row's case?" for every table a query reads:
a search reads a dozen tables, each with its own copy of the question. Answered by a
security-definer function, each copy cost ~0.5 ms (the call, its plan, its set), and
most of a search's time went there. So the answer is kept ready, one row per staff
login in ``casefile_screen``:

- ``sees_open``: the login sees every case that is not walled (the office is "open",
  or they supervise);
- ``cases``: for such a login, the walled cases whose team they are not on (what they
  may not see); for any other, the cases on their team (all they may see);
- ``people``: for such a login, the people whose every part is in those walled cases
  (whom they may not see); for any other, the people in their team's cases (whom they
  see, with everyone in no case).

A policy reads the login's row and hashes its array once per table a query reads (one
index look-up: a few microseconds, and cheap enough in the planner's eyes that a join of
a few rows stays a nested loop of index look-ups). The rows are made again by
``casefile_refresh_screen()``: a trigger runs it after every change to the staff, a
team, a wall or the policy, under a lock so that two admins' changes never leave out
one another's, and after a change of parties in a walled case or of someone hidden.
Each login reads only its own row (row security); nobody but the owner role writes it.
"""

from __future__ import annotations

SEARCH_PATH = "SET search_path = pg_catalog, public, pg_temp"
# What the refresh reads, and what fires it.
SOURCES = ("staff", "case_team", "case_walls", "office_policy")
_MINE = "FROM casefile_screen m WHERE m.login = current_user"


def _set(array: str) -> str:
    return f"(SELECT unnest(m.{array}) {_MINE})"


def visible(column: str) -> str:
    """The policy condition: ``column`` names a case the current login may see."""
    return (
        f"(CASE WHEN (SELECT m.sees_open {_MINE})"
        f" THEN {column} NOT IN {_set('cases')} ELSE {column} IN {_set('cases')} END)"
    )


def visible_person() -> str:
    """The policy condition on ``people``: in a case the login may see, or in none."""
    return (
        f"(CASE WHEN (SELECT m.sees_open {_MINE}) THEN people.id NOT IN {_set('people')}"
        f" ELSE people.id IN {_set('people')} OR NOT casefile_in_a_case(people.id) END)"
    )


def tables() -> list[str]:
    """The table (made by ``server init`` as the owner role: office machinery, like the
    policies, not part of a workspace's schema)."""
    return [
        "CREATE TABLE IF NOT EXISTS casefile_screen ("
        " login name PRIMARY KEY, sees_open boolean NOT NULL,"
        " cases integer[] NOT NULL, people integer[] NOT NULL)",
    ]


_PEOPLE = """
          UPDATE casefile_screen m SET people = coalesce((
            SELECT array_agg(h.person_id ORDER BY h.person_id) FROM (
              SELECT x.person_id, count(*) AS parts FROM parties x
              WHERE x.case_id = ANY (m.cases) GROUP BY x.person_id) AS h
            WHERE NOT m.sees_open
               OR h.parts = (SELECT count(*) FROM parties y WHERE y.person_id = h.person_id)
          ), '{}');"""


def functions() -> list[str]:
    return [
        f"""CREATE OR REPLACE FUNCTION casefile_refresh_screen() RETURNS void
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER {SEARCH_PATH} AS $$
        BEGIN
          -- One refresh at a time; each statement below then reads what the others
          -- committed (a fresh snapshot per statement, in READ COMMITTED).
          LOCK TABLE casefile_screen IN EXCLUSIVE MODE;
          DELETE FROM casefile_screen;
          INSERT INTO casefile_screen (login, sees_open, cases, people)
          SELECT o.login, o.sees_open, CASE WHEN o.sees_open THEN
              ARRAY(SELECT w.case_id FROM case_walls w WHERE NOT EXISTS (
                SELECT 1 FROM case_team t WHERE t.case_id = w.case_id AND t.login = o.login)
                ORDER BY w.case_id)
            ELSE
              ARRAY(SELECT t.case_id FROM case_team t WHERE t.login = o.login
                ORDER BY t.case_id)
            END, '{{}}'
          FROM (SELECT s.login, s.role IN ('supervisor', 'admin') OR coalesce(
                  (SELECT p.policy FROM office_policy p WHERE p.id = 1), 'open') = 'open'
                  AS sees_open
                FROM staff s) AS o;
          {_PEOPLE}
        END $$""",
        f"""CREATE OR REPLACE FUNCTION casefile_screen_changed() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER {SEARCH_PATH} AS $$
        BEGIN
          PERFORM casefile_refresh_screen();
          RETURN NULL;
        END $$""",
        # A change of parties matters to a login that sees only its team's cases (whose
        # people are listed), and otherwise only in a walled case or for someone hidden.
        f"""CREATE OR REPLACE FUNCTION casefile_parties_changed() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER {SEARCH_PATH} AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM casefile_screen m WHERE NOT m.sees_open)
             OR EXISTS (SELECT 1 FROM changed_parties c
                        WHERE c.case_id IN (SELECT w.case_id FROM case_walls w)
                           OR EXISTS (SELECT 1 FROM casefile_screen m
                                      WHERE c.person_id = ANY (m.people)))
          THEN
            LOCK TABLE casefile_screen IN EXCLUSIVE MODE;
            {_PEOPLE}
          END IF;
          RETURN NULL;
        END $$""",
    ]


def security(owner: str, staff: str) -> list[str]:
    table = "casefile_screen"
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS casefile_owner ON {table}",
        f"DROP POLICY IF EXISTS casefile_own_row ON {table}",
        f"CREATE POLICY casefile_owner ON {table} TO {owner} USING (true) WITH CHECK (true)",
        f"CREATE POLICY casefile_own_row ON {table} FOR SELECT TO {staff}"
        " USING (login = current_user)",
    ]


def triggers() -> list[str]:
    out: list[str] = []
    for table in SOURCES:
        out += [
            f"DROP TRIGGER IF EXISTS casefile_screen_changed ON {table}",
            f"CREATE TRIGGER casefile_screen_changed AFTER INSERT OR UPDATE OR DELETE"
            f" OR TRUNCATE ON {table} FOR EACH STATEMENT"
            " EXECUTE FUNCTION casefile_screen_changed()",
        ]
    for event, which in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
        name = f"casefile_parties_{event.lower()}"
        out += [
            f"DROP TRIGGER IF EXISTS {name} ON parties",
            f"CREATE TRIGGER {name} AFTER {event} ON parties"
            f" REFERENCING {which} TABLE AS changed_parties FOR EACH STATEMENT"
            " EXECUTE FUNCTION casefile_parties_changed()",
        ]
    return [*out, "SELECT casefile_refresh_screen()", "ANALYZE casefile_screen"]


def grants(staff: str) -> list[str]:
    return [
        f"GRANT SELECT ON casefile_screen TO {staff}",
        "REVOKE ALL ON FUNCTION casefile_refresh_screen() FROM PUBLIC",
    ]
