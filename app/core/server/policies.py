"""The row security of a server workspace, as SQL: helpers, policies, grants, guards.

Every table that holds case data has row security enabled and forced, with two
policies: one for the owner role (everything: the security-definer helpers run as it)
and one for the staff group, which reads the current login through ``current_user``
and keeps the rows of cases that login may see. Which cases that is, the
security-definer helper ``casefile_visible_cases(login)`` says, reading the office
tables the staff cannot change (an admin's changes excepted):

- a case on the login's team: always;
- a case that is not walled: when the office's policy is "open", or the login is a
  supervisor or an admin;
- a walled case: its team only, whatever the policy.

The helpers answer only for the login asking (``pg_has_role(session_user, ...)``), so
nobody learns through them what a colleague may see. They pin their ``search_path``.
Policies do not call it: a search reads a dozen tables, each with its own copy of the
question, and the call cost ~0.5 ms a copy. They read the answer kept ready per login
by app.core.server.screen instead (two index look-ups, planned with the query).
"""

from __future__ import annotations

from app.core.server import screen

# Tables with a case_id column: the row is the case's.
CASE_TABLES = (
    "parties", "statements", "charges", "documents", "events", "issues", "notes",
    "appearances", "filings", "deadlines", "case_clocks",
)  # fmt: skip
# Link tables: a row is visible when the record that owns it is (the subquery is itself
# under row security, as the login).
LINK_TABLES = {
    "statement_issues": "EXISTS (SELECT 1 FROM statements s WHERE s.id = statement_id)",
    "event_issues": "EXISTS (SELECT 1 FROM events e WHERE e.id = event_id)",
    "document_issues": "EXISTS (SELECT 1 FROM documents d WHERE d.id = document_id)",
    "event_parties": "EXISTS (SELECT 1 FROM events e WHERE e.id = event_id)",
}
# Which cases the login may see, read from the tables app.core.server.screen keeps.
_visible = screen.visible
VISIBLE_CASE = _visible("case_id")
# A person in a case the login may see, or in none (app.core.server.screen).
VISIBLE_PERSON = screen.visible_person()
# The audit trail: an entry about a case the login may see, or about a person they may.
VISIBLE_ENTRY = (
    f"({VISIBLE_CASE}) OR (case_id IS NULL AND (table_name <> 'people' OR "
    "record_id NOT IN (SELECT casefile_people_in_cases()) OR "
    "record_id IN (SELECT person_id FROM parties)))"
)
IS_ADMIN = "casefile_office_role(current_user) = 'admin'"
IMPORTED_NOTE = "imported from archive"  # app.core.archive.history.IMPORTED
OFFICE_TABLES = ("staff", "case_team", "case_walls", "office_policy")
SEARCH_PATH = "SET search_path = pg_catalog, public, pg_temp"


def guarded_tables() -> list[str]:
    """Every table whose rows are screened, in the order the policies are made."""
    return ["cases", "people", *CASE_TABLES, *LINK_TABLES, "audit_log"]


def helper_functions(unaccent: bool = False) -> list[str]:
    """The security-definer helpers (made while acting as the owner role, so owned by it).
    With ``unaccent`` (the extension is there) the conflict check folds accents, as the
    name it is given was folded (app.core.intake.names.fold)."""
    definer = f"SECURITY DEFINER {SEARCH_PATH}"
    name_text = "p.name || ' ' || coalesce(p.aliases::text, '')"
    fold = "unaccent" if unaccent else ""
    folded = f"replace(lower({fold}({name_text})), chr(39), '')"
    return (
        screen.tables()
        + screen.functions()
        + [
            # The login's office role, asked only by that login (or a role it belongs to).
            f"""CREATE OR REPLACE FUNCTION casefile_office_role(who name) RETURNS text
        LANGUAGE sql STABLE {definer} AS $$
          SELECT s.role FROM staff s
          WHERE s.login = who AND pg_has_role(session_user, who, 'MEMBER')
        $$""",
            # Whether someone is in any case at all, seen or not.
            f"""CREATE OR REPLACE FUNCTION casefile_in_a_case(wanted integer) RETURNS boolean
        LANGUAGE plpgsql STABLE {definer} AS $$
        BEGIN
          RETURN EXISTS (SELECT 1 FROM parties x WHERE x.person_id = wanted);
        END $$""",
            # Whether the login is on the case's team now, seeing even what this very statement
            # did: a case it inserts, whose creator a trigger just put on its team, must pass
            # that statement's RETURNING (the stable helpers see the statement's snapshot).
            f"""CREATE OR REPLACE FUNCTION casefile_on_my_team(wanted integer) RETURNS boolean
        LANGUAGE plpgsql VOLATILE {definer} AS $$
        BEGIN
          RETURN casefile_office_role(session_user) IS NOT NULL AND EXISTS (
            SELECT 1 FROM case_team t WHERE t.case_id = wanted AND t.login = session_user);
        END $$""",
            # Volatile: a case inserted in this statement, whose creator a trigger just put
            # on its team, must be visible to that same statement's RETURNING.
            f"""CREATE OR REPLACE FUNCTION casefile_visible_cases(who name) RETURNS SETOF integer
        LANGUAGE sql VOLATILE {definer} AS $$
          WITH me AS (SELECT casefile_office_role(who) AS role),
               office AS (SELECT coalesce(
                 (SELECT policy FROM office_policy WHERE id = 1), 'open') AS policy)
          SELECT t.case_id FROM case_team t, me
          WHERE t.login = who AND me.role IS NOT NULL
          UNION
          SELECT c.id FROM cases c, me, office
          WHERE me.role IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM case_walls w WHERE w.case_id = c.id)
            AND (office.policy = 'open' OR me.role IN ('supervisor', 'admin'))
        $$""",
            f"""CREATE OR REPLACE FUNCTION casefile_can_see(case_id integer,
          who name DEFAULT current_user) RETURNS boolean
        LANGUAGE sql VOLATILE {definer} AS $$
          SELECT case_id IN (SELECT casefile_visible_cases(who))
        $$""",
            # Whether a case exists, for an admin only: an admin manages the team and the
            # wall of a walled case without being able to read it.
            f"""CREATE OR REPLACE FUNCTION casefile_case_exists(wanted integer) RETURNS boolean
        LANGUAGE sql STABLE {definer} AS $$
          SELECT coalesce(casefile_office_role(session_user) = 'admin', false)
             AND EXISTS (SELECT 1 FROM cases c WHERE c.id = wanted)
        $$""",
            # Everyone in some case (the people policy subtracts them, then adds those in the
            # cases the login may see: a person in no case yet is being added, and the form
            # that creates them must read them back).
            f"""CREATE OR REPLACE FUNCTION casefile_people_in_cases() RETURNS SETOF integer
        LANGUAGE sql STABLE {definer} AS $$
          SELECT DISTINCT x.person_id FROM parties x
        $$""",
            "DROP FUNCTION IF EXISTS casefile_audit_links(integer, integer)",
            audit_trail_function(definer),
            # The conflict check through walls: for each case the login may not see where
            # someone has one of these surnames (and a word with one of these initials, when
            # any are given), only whom to ask: the case's attorneys, else its team.
            f"""CREATE OR REPLACE FUNCTION casefile_screened_conflicts(surnames text[],
          initials text[]) RETURNS TABLE (ask text)
        LANGUAGE sql STABLE {definer} AS $$
          WITH hidden AS (
            SELECT c.id FROM cases c
            WHERE casefile_office_role(session_user) IS NOT NULL
              AND c.id NOT IN (SELECT casefile_visible_cases(session_user))
          ), words AS (
            SELECT x.case_id, p.id AS person_id, w.word
            FROM parties x JOIN people p ON p.id = x.person_id,
                 regexp_split_to_table({folded}, '[^a-z0-9]+') AS w(word)
            WHERE x.case_id IN (SELECT id FROM hidden)
          ), matched AS (
            SELECT DISTINCT s.case_id FROM words s
            WHERE s.word = ANY (surnames)
              AND (cardinality(initials) = 0 OR EXISTS (
                SELECT 1 FROM words g WHERE g.person_id = s.person_id
                  AND g.word <> s.word AND left(g.word, 1) = ANY (initials)))
          )
          SELECT coalesce(
            (SELECT string_agg(coalesce(nullif(f.name, ''), t.login), ', ' ORDER BY t.login)
               FROM case_team t JOIN staff f ON f.login = t.login
              WHERE t.case_id = m.case_id AND f.role = 'attorney'),
            (SELECT string_agg(coalesce(nullif(f.name, ''), t.login), ', ' ORDER BY t.login)
               FROM case_team t JOIN staff f ON f.login = t.login WHERE t.case_id = m.case_id),
            'a supervisor')
          FROM matched m
        $$""",
            # Which of these uids a case or person already has, seen or not: an archive
            # holding a screened case (or person) is imported as a copy, not merged into it.
            # (Parameters are named apart from every column: a column wins a clash.)
            f"""CREATE OR REPLACE FUNCTION casefile_taken_uids(wanted_table text,
          wanted_uids text[]) RETURNS SETOF text
        LANGUAGE sql STABLE {definer} AS $$
          SELECT c.uid FROM cases c WHERE wanted_table = 'cases' AND c.uid = ANY (wanted_uids)
          UNION ALL
          SELECT p.uid FROM people p WHERE wanted_table = 'people' AND p.uid = ANY (wanted_uids)
        $$""",
            # Whoever opens a case is on its team (else, under the "team" policy, the case
            # would vanish from its creator the moment it is saved).
            f"""CREATE OR REPLACE FUNCTION casefile_join_new_case() RETURNS trigger
        LANGUAGE plpgsql {definer} AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM staff s WHERE s.login = session_user) THEN
            INSERT INTO case_team (case_id, login) VALUES (NEW.id, session_user)
            ON CONFLICT DO NOTHING;
          END IF;
          RETURN NEW;
        END $$""",
            # The head of the audit chain moves forward only, onto an entry that is there.
            f"""CREATE OR REPLACE FUNCTION casefile_guard_audit_head() RETURNS trigger
        LANGUAGE plpgsql {definer} AS $$
        BEGIN
          IF NEW.id <> OLD.id OR NEW.last_id < OLD.last_id
             OR NEW.entries - OLD.entries <> NEW.last_id - OLD.last_id
             OR (NEW.last_id = OLD.last_id AND NEW.last_hash <> OLD.last_hash)
             OR (NEW.last_id > OLD.last_id AND NOT EXISTS (
                   SELECT 1 FROM audit_log a WHERE a.id = NEW.last_id AND a.hash = NEW.last_hash))
          THEN
            RAISE EXCEPTION 'the audit trail''s head can only follow new entries'
              USING ERRCODE = '42501';
          END IF;
          RETURN NEW;
        END $$""",
        ]
    )


def audit_trail_function(definer: str) -> str:
    """The audit chain as a login may check it: the links (id, hashes) of the entries it
    may read, and for each run of entries it may not, one row: the run's last id, how
    many it holds, the hash before it and its last hash, or NULL for that hash when the
    run's own links do not hold (checked here, where they can be read). Nothing of a
    hidden entry itself: the row of a run carries what the entries around it show."""
    sees = "(SELECT m.sees_open FROM casefile_screen m WHERE m.login = who)"
    cases = "coalesce((SELECT m.cases FROM casefile_screen m WHERE m.login = who), '{}')"
    people = "coalesce((SELECT m.people FROM casefile_screen m WHERE m.login = who), '{}')"
    return f"""CREATE OR REPLACE FUNCTION casefile_audit_trail(after integer, size integer)
          RETURNS TABLE (id integer, prev_hash varchar, hash varchar, hidden integer)
        LANGUAGE plpgsql STABLE {definer} AS $$
        DECLARE
          who name := session_user;
          open_view boolean;
          walled_off integer[];
          hidden_people integer[];
          entry record;
          shown boolean;
          run_count integer := 0;
          run_first varchar;
          run_last varchar;
          run_id integer;
          run_whole boolean := true;
          emitted integer := 0;
        BEGIN
          IF casefile_office_role(who) IS NULL THEN
            RETURN;
          END IF;
          open_view := {sees};
          walled_off := {cases};
          hidden_people := {people};
          FOR entry IN SELECT a.id, a.prev_hash, a.hash, a.case_id, a.table_name, a.record_id
                       FROM audit_log a WHERE a.id > after ORDER BY a.id LOOP
            IF entry.case_id IS NOT NULL THEN
              shown := CASE WHEN open_view THEN entry.case_id <> ALL (walled_off)
                            ELSE entry.case_id = ANY (walled_off) END;
            ELSIF entry.table_name = 'people' AND entry.record_id IS NOT NULL THEN
              shown := CASE WHEN open_view THEN entry.record_id <> ALL (hidden_people)
                            ELSE entry.record_id = ANY (hidden_people)
                              OR NOT casefile_in_a_case(entry.record_id) END;
            ELSE
              shown := true;
            END IF;
            IF NOT shown THEN
              IF run_count = 0 THEN
                run_first := entry.prev_hash;
              ELSIF entry.prev_hash IS DISTINCT FROM run_last THEN
                run_whole := false;
              END IF;
              run_count := run_count + 1;
              run_last := entry.hash;
              run_id := entry.id;
              CONTINUE;
            END IF;
            IF run_count > 0 THEN
              id := run_id; prev_hash := run_first; hidden := run_count;
              hash := CASE WHEN run_whole THEN run_last END;
              RETURN NEXT;
              emitted := emitted + 1;
              run_count := 0; run_whole := true;
            END IF;
            IF emitted >= size THEN
              RETURN;
            END IF;
            id := entry.id; prev_hash := entry.prev_hash; hash := entry.hash; hidden := 0;
            RETURN NEXT;
            emitted := emitted + 1;
          END LOOP;
          IF run_count > 0 THEN
            id := run_id; prev_hash := run_first; hidden := run_count;
            hash := CASE WHEN run_whole THEN run_last END;
            RETURN NEXT;
          END IF;
        END $$"""


def _drop_policies(table: str) -> list[str]:
    return [
        f"DROP POLICY IF EXISTS casefile_owner ON {table}",
        f"DROP POLICY IF EXISTS casefile_staff ON {table}",
        f"DROP POLICY IF EXISTS casefile_staff_read ON {table}",
        f"DROP POLICY IF EXISTS casefile_staff_add ON {table}",
        f"DROP POLICY IF EXISTS casefile_admin_add ON {table}",
        f"DROP POLICY IF EXISTS casefile_admin_change ON {table}",
        f"DROP POLICY IF EXISTS casefile_admin_remove ON {table}",
    ]


def row_security(owner: str, staff: str) -> list[str]:
    """Enable and force row security on every guarded table, with its two policies.

    ``owner`` and ``staff`` are quoted role names."""
    out: list[str] = []
    screens = {"cases": f"{_visible('id')} OR casefile_on_my_team(id)"}
    screens["people"] = VISIBLE_PERSON
    screens.update({table: VISIBLE_CASE for table in CASE_TABLES})
    screens.update(LINK_TABLES)
    for table, condition in screens.items():
        out += _drop_policies(table)
        out += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",
            f"CREATE POLICY casefile_owner ON {table} TO {owner} USING (true) WITH CHECK (true)",
            f"CREATE POLICY casefile_staff ON {table} TO {staff}"
            f" USING ({condition}) WITH CHECK ({condition})",
        ]
    # The trail: read what one may see; append only in one's own name; never change.
    out += _drop_policies("audit_log")
    out += [
        "ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY",
        "ALTER TABLE audit_log FORCE ROW LEVEL SECURITY",
        f"CREATE POLICY casefile_owner ON audit_log TO {owner} USING (true) WITH CHECK (true)",
        f"CREATE POLICY casefile_staff_read ON audit_log FOR SELECT TO {staff}"
        f" USING ({VISIBLE_ENTRY})",
        # An imported archive's own trail keeps its authors, marked as imported.
        f"CREATE POLICY casefile_staff_add ON audit_log FOR INSERT TO {staff}"
        f" WITH CHECK (\"user\" = current_user OR starts_with(note, '{IMPORTED_NOTE}'))",
    ]
    return (
        out
        + _office_security(staff)
        + attachment_security(owner, staff)
        + screen.security(owner, staff)
    )


def _office_security(staff: str) -> list[str]:
    """The office tables: everyone reads (teams and walls of the cases they may see);
    admins alone change them. Not forced: the owner's helpers read them whole."""
    reads = {
        "staff": "true",
        "office_policy": "true",
        "case_team": f"{IS_ADMIN} OR {VISIBLE_CASE}",
        "case_walls": f"{IS_ADMIN} OR {VISIBLE_CASE}",
    }
    out: list[str] = []
    for table, read in reads.items():
        out += _drop_policies(table)
        out += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY",
            f"CREATE POLICY casefile_staff_read ON {table} FOR SELECT TO {staff} USING ({read})",
            f"CREATE POLICY casefile_admin_add ON {table} FOR INSERT TO {staff}"
            f" WITH CHECK ({IS_ADMIN})",
            f"CREATE POLICY casefile_admin_change ON {table} FOR UPDATE TO {staff}"
            f" USING ({IS_ADMIN}) WITH CHECK ({IS_ADMIN})",
            f"CREATE POLICY casefile_admin_remove ON {table} FOR DELETE TO {staff}"
            f" USING ({IS_ADMIN})",
        ]
    return out


def triggers() -> list[str]:
    return screen.triggers() + [
        "DROP TRIGGER IF EXISTS casefile_join_new_case ON cases",
        "CREATE TRIGGER casefile_join_new_case BEFORE INSERT ON cases"
        " FOR EACH ROW EXECUTE FUNCTION casefile_join_new_case()",
        "DROP TRIGGER IF EXISTS casefile_guard_audit_head ON audit_head",
        "CREATE TRIGGER casefile_guard_audit_head BEFORE UPDATE ON audit_head"
        " FOR EACH ROW EXECUTE FUNCTION casefile_guard_audit_head()",
    ]


def grants(owner: str, staff: str, database: str) -> list[str]:
    """What the staff group may do; nothing else (PUBLIC loses what it had)."""
    data = ", ".join(["cases", "people", *CASE_TABLES, *LINK_TABLES])
    office = ", ".join(OFFICE_TABLES)
    helpers = (
        "casefile_office_role(name), casefile_visible_cases(name), "
        "casefile_in_a_case(integer), casefile_on_my_team(integer), "
        "casefile_search_top(text, tsquery, integer, integer), "
        "casefile_can_see(integer, name), casefile_people_in_cases(), "
        "casefile_case_exists(integer), casefile_audit_trail(integer, integer), "
        "casefile_screened_conflicts(text[], text[]), casefile_taken_uids(text, text[])"
    )
    return [
        f"REVOKE ALL ON DATABASE {database} FROM PUBLIC",
        f"GRANT CONNECT, TEMPORARY ON DATABASE {database} TO {staff}",
        f"GRANT CONNECT ON DATABASE {database} TO {owner}",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {staff}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, {staff}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {data} TO {staff}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {office} TO {staff}",
        f"GRANT SELECT, INSERT ON audit_log TO {staff}",
        f"GRANT SELECT, UPDATE ON audit_head TO {staff}",
        f"GRANT SELECT ON workspace_settings, alembic_version TO {staff}",
        f"GRANT SELECT, INSERT, UPDATE ON attachment_chunks TO {staff}",
        f"GRANT SELECT, INSERT ON attachment_blobs TO {staff}",
        "REVOKE ALL ON FUNCTION casefile_blob_added_by_me(text) FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION casefile_blob_added_by_me(text) TO {staff}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {staff}",
        f"REVOKE ALL ON FUNCTION {helpers} FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {helpers} TO {staff}",
        *screen.grants(staff),
    ]


# Attachments in the database (app/core/storage/db_store.py). A blob and its chunks are
# seen through the documents that use them: a chunk is visible when a document the login
# may see (``documents`` is itself screened) has its SHA-256 (``ix_documents_file_sha256``
# finds it). A write streams its chunks under a placeholder name, then renames them to
# the SHA-256 in the same transaction; staff never change or remove a stored blob.
UPLOADING = "starts_with(sha256, 'upload-')"
USED_BY_A_VISIBLE_DOCUMENT = (
    "EXISTS (SELECT 1 FROM documents d WHERE d.file_sha256 = {table}.sha256)"
)


def attachment_security(owner: str, staff: str) -> list[str]:
    """Row security on the attachment tables: read through a visible document; add
    new bytes in one's own name; nothing else."""
    chunk_seen = USED_BY_A_VISIBLE_DOCUMENT.format(table="attachment_chunks")
    blob_seen = USED_BY_A_VISIBLE_DOCUMENT.format(table="attachment_blobs")
    out: list[str] = []
    for table in ("attachment_blobs", "attachment_chunks"):
        out += _drop_policies(table)
        out += [
            f"DROP POLICY IF EXISTS casefile_staff_name ON {table}",
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",
            f"CREATE POLICY casefile_owner ON {table} TO {owner} USING (true) WITH CHECK (true)",
        ]
    # The bytes one stored oneself (one has them): the rename of a write's chunks must
    # still see its rows, before any document uses them.
    out.append(
        f"""CREATE OR REPLACE FUNCTION casefile_blob_added_by_me(wanted text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER {SEARCH_PATH} AS $$
          SELECT EXISTS (SELECT 1 FROM attachment_blobs b
                         WHERE b.sha256 = wanted AND b.added_by = session_user)
        $$"""
    )
    mine = "casefile_blob_added_by_me(sha256)"
    return out + [
        f"CREATE POLICY casefile_staff_read ON attachment_blobs FOR SELECT TO {staff}"
        f" USING ({blob_seen} OR added_by = current_user)",
        f"CREATE POLICY casefile_staff_add ON attachment_blobs FOR INSERT TO {staff}"
        " WITH CHECK (added_by = current_user)",
        # The placeholder rows of a write under way are its own (uncommitted, so no one
        # else's transaction sees them); the rename must read them.
        f"CREATE POLICY casefile_staff_read ON attachment_chunks FOR SELECT TO {staff}"
        f" USING ({UPLOADING} OR {chunk_seen} OR {mine})",
        f"CREATE POLICY casefile_staff_add ON attachment_chunks FOR INSERT TO {staff}"
        f" WITH CHECK ({UPLOADING})",
        f"CREATE POLICY casefile_staff_name ON attachment_chunks FOR UPDATE TO {staff}"
        f" USING ({UPLOADING}) WITH CHECK (sha256 ~ '^[0-9a-f]{{64}}$')",
    ]
