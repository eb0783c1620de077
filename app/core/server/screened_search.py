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
would join them by reading whole tables.
"""

from __future__ import annotations

SEARCH_PATH = "SET search_path = pg_catalog, public, pg_temp"
SIGNATURE = "casefile_search_top(text, tsquery, integer, integer)"


def function(tables: dict[str, str]) -> str:
    """The function for these kinds (kind code -> table), made as the owner role. Its
    ``%`` are doubled: the driver reads the text for placeholders."""
    branches = "\n".join(
        f"            WHEN {_literal(kind)} THEN {_literal(table)}"
        for kind, table in tables.items()
    )
    # The policies' tests (app.core.server.screen), per row; %1$I the table, %2$I the
    # column that names the row's case.
    case_test = (
        "(CASE WHEN $4 THEN r.%2$I NOT IN (SELECT unnest($5))"
        " ELSE r.%2$I IN (SELECT unnest($5)) END) AND ($3 IS NULL OR r.%2$I = $3)"
    )
    person_test = (
        "(CASE WHEN $4 THEN r.id NOT IN (SELECT unnest($6)) ELSE r.id IN (SELECT unnest($6))"
        " OR NOT EXISTS (SELECT 1 FROM parties x WHERE x.person_id = r.id) END)"
        " AND ($3 IS NULL OR EXISTS (SELECT 1 FROM parties x"
        " WHERE x.person_id = r.id AND x.case_id = $3))"
    )
    rank = "SELECT r.id, ts_rank(r.search_vector, $1) FROM %1$I r WHERE r.search_vector @@ $1"
    order = " ORDER BY 2 DESC, 1 LIMIT $2"
    body = f"""CREATE OR REPLACE FUNCTION casefile_search_top(kind text, query tsquery,
          size integer, wanted_case integer)
          RETURNS TABLE (hit_id integer, hit_score real)
        LANGUAGE plpgsql STABLE SECURITY DEFINER {SEARCH_PATH} ROWS 20 AS $$
        DECLARE
          who name := session_user;
          target text := CASE kind
{branches}
          END;
          open_view boolean;
          listed integer[];
          listed_people integer[];
        BEGIN
          IF target IS NULL OR casefile_office_role(who) IS NULL THEN
            RETURN;
          END IF;
          SELECT m.sees_open, m.cases, m.people INTO open_view, listed, listed_people
            FROM casefile_screen m WHERE m.login = who;
          IF open_view IS NULL THEN
            RETURN;
          END IF;
          IF wanted_case IS NOT NULL AND NOT (CASE WHEN open_view
              THEN wanted_case <> ALL (listed) ELSE wanted_case = ANY (listed) END) THEN
            RETURN;
          END IF;
          RETURN QUERY EXECUTE format(
            CASE WHEN kind = 'person' THEN {_literal(rank + " AND " + person_test + order)}
                 ELSE {_literal(rank + " AND " + case_test + order)} END,
            target, CASE WHEN kind = 'case' THEN 'id' ELSE 'case_id' END)
            USING query, size, wanted_case, open_view, listed, listed_people;
        END $$"""
    return body.replace("%", "%%")


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
