"""Live colleagues: on PostgreSQL, every committed change to a case's records sends a
NOTIFY on ``casefile_changes``, so the other windows open on the server re-read it.

A trigger, not the application's commit hook: the command line, a restore, a cascade
and any other writer notify too, and PostgreSQL delivers the notification only when
(and if) the transaction commits. One notification per statement, not per row (an
import of thousands of rows sends a handful), made from the statement's transition
table. The payload holds ids only, never content: every login on the server may
LISTEN, so a walled case's records must not travel in it. The listener
(``app.core.storage.notify``) re-reads through row security and ignores what its
login may not see. At most 50 (id, case) pairs, else the distinct cases (at most 200),
else none ("re-read everything"): always far below NOTIFY's 8,000 bytes.

Nothing on SQLite: one person, one window.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# Table -> (its id column, the expression of its case): what a notification names.
WATCHED = {
    "cases": ("id", "id"),
    "people": ("id", "NULL::integer"),
    **{
        table: ("id", "case_id")
        for table in (
            "parties",
            "statements",
            "charges",
            "documents",
            "events",
            "issues",
            "notes",
            "appearances",
            "filings",
            "deadlines",
        )
    },  # fmt: skip
    "case_clocks": ("case_id", "case_id"),
    # Who may see a case: a wall or a team changing changes what a colleague's list shows.
    "case_team": ("case_id", "case_id"),
    "case_walls": ("case_id", "case_id"),
}
ROWS_NAMED = 50
CASES_NAMED = 200

FUNCTION = f"""
CREATE OR REPLACE FUNCTION casefile_notify_changes() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $fn$
DECLARE
  changed text := CASE WHEN TG_OP = 'DELETE' THEN 'old_rows' ELSE 'new_rows' END;
  total integer;
  named jsonb;
  cases jsonb;
  message jsonb;
BEGIN
  EXECUTE format(
    'SELECT count(*), (SELECT jsonb_agg(jsonb_build_array(r.%1$I, %2$s)) '
    'FROM (SELECT * FROM %3$I LIMIT {ROWS_NAMED}) r) FROM %3$I',
    TG_ARGV[0], TG_ARGV[1], changed) INTO total, named;
  IF total = 0 THEN
    RETURN NULL;
  END IF;
  message := jsonb_build_object(
    't', TG_TABLE_NAME, 'op', left(TG_OP, 1), 'pid', pg_backend_pid(), 'n', total);
  IF total <= {ROWS_NAMED} THEN
    message := message || jsonb_build_object('rows', named);
  ELSE
    EXECUTE format(
      'SELECT jsonb_agg(c) FROM (SELECT DISTINCT %1$s AS c FROM %2$I LIMIT {CASES_NAMED + 1}) d',
      TG_ARGV[1], changed) INTO cases;
    IF jsonb_array_length(coalesce(cases, '[]'::jsonb)) <= {CASES_NAMED} THEN
      message := message || jsonb_build_object('cases', cases);
    END IF;
  END IF;
  PERFORM pg_notify('casefile_changes', message::text);
  RETURN NULL;
END
$fn$
"""

EVENTS = {"INSERT": "NEW TABLE AS new_rows", "UPDATE": "NEW TABLE AS new_rows",
          "DELETE": "OLD TABLE AS old_rows"}  # fmt: skip


def _trigger(table: str, event: str) -> str:
    return f"casefile_live_{event.lower()}_{table}"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(FUNCTION)
    for table, (id_column, case_of) in WATCHED.items():
        for event, transition in EVENTS.items():
            op.execute(
                f"CREATE OR REPLACE TRIGGER {_trigger(table, event)} AFTER {event} ON {table} "
                f"REFERENCING {transition} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION casefile_notify_changes('{id_column}', '{case_of}')"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in WATCHED:
        for event in EVENTS:
            op.execute(f"DROP TRIGGER IF EXISTS {_trigger(table, event)} ON {table}")
    op.execute("DROP FUNCTION IF EXISTS casefile_notify_changes()")
