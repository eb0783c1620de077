"""Search under the walls without altering a system function.

Row security applies a query's own conditions after its policies unless they are
leakproof, and text search's match (``@@``) is not marked so: under row security the
search index (GIN) would go unused and every search would read every row it may see.
Earlier versions marked ``ts_match_vq`` leakproof in the database, which needs a
superuser and changes a system function. Instead, ``casefile_search_top(kind, query, n,
case)`` finds the best ``n`` matches of one kind as the owner role (its policies let
the index be used), keeping only what the login asking may see, decided as the
policies decide (the login's row of ``casefile_screen``: app.core.server.screen); a case
named to search in must itself be one it may see. It returns ids and scores only; the
search (app.core.search.query) reads the rows themselves as the login, under row
security as ever. ``server init`` makes the function and takes back the old marking.
It says it returns 20 rows (a search's usual few): told the default 1,000, the planner
would join them by reading whole tables. Each kind's query is written out in it, so
the server plans it once per session, not once per call.
"""

from __future__ import annotations

SEARCH_PATH = "SET search_path = pg_catalog, public, pg_temp"
SIGNATURE = "casefile_search_top(text, tsquery, integer, integer)"


def function(tables: dict[str, str]) -> str:
    """The function for these kinds (kind code -> table), made as the owner role. Its
    ``%`` are doubled: the driver reads the text for placeholders."""
    branches = "\n          ELS".join(_branch(kind, table) for kind, table in tables.items())
    body = f"""CREATE OR REPLACE FUNCTION casefile_search_top(kind text, query tsquery,
          size integer, wanted_case integer)
          RETURNS TABLE (hit_id integer, hit_score real)
        LANGUAGE plpgsql STABLE SECURITY DEFINER {SEARCH_PATH} ROWS 20 AS $$
        DECLARE
          who name := session_user;
          open_view boolean;
          listed integer[];
          listed_people integer[];
        BEGIN
          -- A login of the staff, and its row of the screen; the staff row read here
          -- rather than through casefile_office_role, a SQL function planned anew at
          -- each call (a fifth of this function's time).
          SELECT m.sees_open, m.cases, m.people INTO open_view, listed, listed_people
            FROM casefile_screen m JOIN staff s ON s.login = m.login WHERE m.login = who;
          IF open_view IS NULL THEN
            RETURN;
          END IF;
          IF wanted_case IS NOT NULL AND NOT (CASE WHEN open_view
              THEN wanted_case <> ALL (listed) ELSE wanted_case = ANY (listed) END) THEN
            RETURN;
          END IF;
          {branches}
          END IF;
        END $$"""
    return body.replace("%", "%%")


def _branch(kind: str, table: str) -> str:
    """One kind's query, written out rather than made with ``EXECUTE``: PL/pgSQL keeps
    its plan for the session, where a query made each call was planned each call (~0.5
    ms, a search of every kind paying it once per kind). The policies' tests, per row
    (app.core.server.screen)."""
    if kind == "person":
        test = (
            "(CASE WHEN open_view THEN r.id NOT IN (SELECT unnest(listed_people))"
            " ELSE r.id IN (SELECT unnest(listed_people))"
            " OR NOT EXISTS (SELECT 1 FROM parties x WHERE x.person_id = r.id) END)"
            " AND (wanted_case IS NULL OR EXISTS (SELECT 1 FROM parties x"
            " WHERE x.person_id = r.id AND x.case_id = wanted_case))"
        )
    else:
        column = "r.id" if kind == "case" else "r.case_id"
        test = (
            f"(CASE WHEN open_view THEN {column} NOT IN (SELECT unnest(listed))"
            f" ELSE {column} IN (SELECT unnest(listed)) END)"
            f" AND (wanted_case IS NULL OR {column} = wanted_case)"
        )
    return (
        f"IF kind = {_literal(kind)} THEN\n"
        f"            RETURN QUERY SELECT r.id, ts_rank(r.search_vector, query) FROM {table} r\n"
        f"              WHERE r.search_vector @@ query AND {test}\n"
        "              ORDER BY 2 DESC, 1 LIMIT size;"
    )


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
