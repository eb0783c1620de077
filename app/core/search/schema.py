"""What the search index holds, and how it is built and kept current on both databases.

:mod:`app.core.search.query` queries the index; this module owns its shape: which tables
and columns are searched (:data:`SOURCES`, with a bm25 weight tier per column), the
SQLite FTS5 tables and triggers, and the PostgreSQL ``tsvector`` columns.

Index shape on SQLite - one external-content FTS5 table per searched table
(``search_statements`` has ``content='statements', content_rowid='id'``):

* the text lives once, in the case file's own tables; the index holds only
  tokens, and ``snippet()`` reads the row back through its rowid;
* ``INSERT INTO search_x(search_x) VALUES('rebuild')`` re-indexes a table in one
  statement after a bulk import, and the migration uses it to index older
  workspaces; an ``'optimize'`` after it merges the index into one segment, so a
  lookup seeks one b-tree instead of a dozen (a rare word: 8 µs instead of 37 µs);
* each kind is ranked by bm25 with its own column weights, so a hit in a
  document's title outranks one deep in its attachment text. The weights are also
  each table's ``rank`` setting, so ``ORDER BY rank`` ranks the same way.

The triggers use the documented external-content idiom (insert the new row; a
``'delete'`` command with the *old* values before an update or delete), so the
index matches the table after every insert, update, delete and cascade. People's
aliases are a JSON list, indexed through the view ``search_people_source`` so
the words, not the JSON escapes, are searched. Rows added one at a time go in
through the triggers and FTS5's automerge keeps the number of segments small.

A single contentless ``search_index`` table over all kinds was the alternative;
it would store every text twice (or lose snippets) and make rebuild a hand-written
multi-table INSERT...SELECT, so it was not chosen.

On PostgreSQL each table gets a stored generated ``search_vector`` column
(weighted ``tsvector`` over the same columns, text search configuration
``casefile_search``: the ``simple`` dictionary behind ``unaccent`` when that
extension is available) with a GIN index; PostgreSQL keeps it current itself, so
:func:`suspend_index` and :func:`rebuild_index` have nothing to do there.

A later migration that rebuilds one of the searched tables on SQLite (Alembic
batch mode copies and drops the table, dropping its triggers with it) must call
:func:`install_sqlite_index` afterwards; :func:`app.core.search.query.search` also
reinstalls missing triggers and rebuilds the index the first time it runs on an
engine (:func:`ensure_sqlite_index`).
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from app.core import vocab
from app.core.storage.db import sqlite_path

PG_CONFIG = "casefile_search"
MAX_ALIASES = 8
BM25_WEIGHTS = {"A": 5.0, "B": 2.0, "C": 1.0}


@dataclass(frozen=True)
class Source:
    """One searched table. ``columns`` maps a column to its weight tier A, B or C."""

    kind: str
    label: str
    table: str
    columns: dict[str, str]
    title_sql: str  # over ``t`` (the row), ``c`` (its case) and the kind's joins
    joins: str = ""
    detail_sql: str = "NULL"  # a PartialDate shown after the title
    case_scoped: bool = True
    # The migration that made the table's index: an older workspace's migrations
    # index only the tables that existed then (0002 runs before 0006 made the court
    # records' tables), and each later migration indexes the tables it adds.
    since: str = "0002"
    # Columns indexed later than the table (column -> the migration that indexed it):
    # the earlier migrations build the index as it was in their day.
    added: Mapping[str, str] = field(default_factory=dict)

    def as_of(self, revision: str) -> Source:
        """The source as migration ``revision`` indexed it, without later columns."""
        later = {column for column, since in self.added.items() if since > revision}
        if not later:
            return self
        kept = {column: tier for column, tier in self.columns.items() if column not in later}
        return replace(self, columns=kept)

    @property
    def fts(self) -> str:
        return f"search_{self.table}"

    @property
    def weights(self) -> str:
        """The bm25 arguments after the table: one weight per column, in order."""
        return ", ".join(str(BM25_WEIGHTS[tier]) for tier in self.columns.values())


def labelled(column: str, vocabulary: Mapping[str, str]) -> str:
    """SQL giving the label of the code in ``column`` (the code itself if unknown)."""
    whens = " ".join(
        f"WHEN '{code}' THEN '{label.replace(chr(39), chr(39) * 2)}'"
        for code, label in vocabulary.items()
    )
    return f"(CASE {column} {whens} ELSE {column} END)"


SOURCES: tuple[Source, ...] = (
    Source(
        "case",
        "Cases",
        "cases",
        {
            "caption": "A",
            "docket_number": "A",
            "court": "B",
            "jurisdiction": "B",
            "assigned_staff": "B",
            "summary": "B",
            "notes": "C",
        },
        "t.caption",
    ),
    Source(
        "person",
        "People",
        "people",
        {
            "name": "A",
            "aliases": "A",
            "nysid": "A",
            "tax_id": "A",
            "title": "B",
            "affiliation": "B",
            "notes": "C",
        },
        "t.name",
        case_scoped=False,
        added={"nysid": "0007", "tax_id": "0007"},
    ),
    Source(
        "statement",
        "Statements",
        "statements",
        {"text": "A", "recipient_text": "B", "pin_cite": "B", "notes": "C"},
        "p.name",
        joins="JOIN parties pa ON pa.id = t.speaker_id JOIN people p ON p.id = pa.person_id",
        detail_sql="t.date",
    ),
    Source(
        "charge",
        "Charges",
        "charges",
        {
            "statute": "A",
            "description": "A",
            "offense_class": "B",
            "disposition": "B",
            "notes": "C",
        },
        "'Count ' || CAST(t.count_number AS VARCHAR(12)) || ': ' || t.statute || ' ' "
        "|| t.description",
    ),
    Source(
        "document",
        "Documents",
        "documents",
        {
            "title": "A",
            "author": "B",
            "file_name": "B",
            "notes": "B",
            "provenance": "B",
            "extracted_text": "C",
        },
        "t.title",
        detail_sql="t.date",
    ),
    Source(
        "event",
        "Events",
        "events",
        {"title": "A", "place": "B", "description": "B"},
        "t.title",
        detail_sql="t.date",
    ),
    Source("issue", "Issues", "issues", {"title": "A", "description": "B"}, "t.title"),
    Source("note", "Notes", "notes", {"body": "A"}, "substr(t.body, 1, 80)"),
    Source(
        "appearance",
        "Court appearances",
        "appearances",
        {"part": "A", "judge": "A", "outcome": "B", "notes": "C"},
        labelled("t.purpose", vocab.APPEARANCE_PURPOSES)
        + " || CASE WHEN t.part <> '' THEN ', Part ' || t.part ELSE '' END",
        detail_sql="t.date",
        since="0006",
    ),
    Source(
        "filing",
        "Filings",
        "filings",
        {"title": "A", "notes": "C"},
        labelled("t.kind", vocab.FILING_KINDS)
        + " || CASE WHEN t.title <> '' THEN ': ' || t.title ELSE '' END",
        detail_sql="t.date",
        since="0006",
    ),
    Source(
        "deadline",
        "Deadlines",
        "deadlines",
        {"title": "A", "notes": "C"},
        "t.title",
        detail_sql="t.date",
        since="0006",
    ),
    # A person's part in one case: an officer's shield and command at the time.
    Source(
        "party",
        "People in cases",
        "parties",
        {"shield_number": "A", "command": "B"},
        "p.name",
        joins="JOIN people p ON p.id = t.person_id",
        since="0007",
    ),
)
BY_KIND = {source.kind: source for source in SOURCES}
KINDS: tuple[str, ...] = tuple(BY_KIND)
KIND_LABELS = {source.kind: source.label for source in SOURCES}


def sources_of(revision: str) -> tuple[Source, ...]:
    """The searched tables whose index the migration ``revision`` installs, as it
    installed them."""
    return tuple(source.as_of(revision) for source in SOURCES if source.since == revision)


def widened_in(revision: str) -> tuple[Source, ...]:
    """The searched tables whose index the migration ``revision`` rebuilds with more
    columns (dropped before it adds them, installed again after)."""
    return tuple(source.as_of(revision) for source in SOURCES if revision in source.added.values())


# --------------------------------------------------------------------------- SQLite index


def _sqlite_value(source: Source, column: str, row: str) -> str:
    if source.kind == "person" and column == "aliases":
        # FTS5 reads external content with table-valued functions disabled, so no
        # json_each: the first aliases one by one, the raw JSON for any beyond.
        value = f"{row}.aliases"
        items = " || ' ' || ".join(
            f"coalesce(json_extract({value}, '$[{i}]'), '')" for i in range(MAX_ALIASES)
        )
        return (
            f"CASE WHEN json_valid({value}) THEN {items} || CASE WHEN json_array_length({value})"
            f" > {MAX_ALIASES} THEN ' ' || {value} ELSE '' END ELSE {value} END"
        )
    return f"{row}.{column}"


def _sqlite_content(source: Source) -> str:
    return "search_people_source" if source.kind == "person" else source.table


def sqlite_index_ddl(sources: Sequence[Source] = SOURCES) -> list[str]:
    """Statements creating the FTS5 tables of ``sources`` (and the people view); no
    triggers."""
    out = []
    people = next((source for source in sources if source.kind == "person"), None)
    if people is not None:
        view_cols = ", ".join(
            f"{_sqlite_value(people, col, 'people')} AS {col}" for col in people.columns
        )
        out.append(
            f"CREATE VIEW IF NOT EXISTS search_people_source AS SELECT id, {view_cols} FROM people"
        )
    for source in sources:
        cols = ", ".join(source.columns)
        out.append(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {source.fts} USING fts5({cols},"
            f" content='{_sqlite_content(source)}', content_rowid='id',"
            " tokenize='unicode61 remove_diacritics 2', prefix='2 3')"
        )
        out.append(
            f"INSERT INTO {source.fts}({source.fts}, rank) VALUES('rank', 'bm25({source.weights})')"
        )
    return out


def sqlite_trigger_ddl(sources: Sequence[Source] = SOURCES) -> list[str]:
    """The AFTER INSERT/UPDATE/DELETE triggers that keep each FTS5 table in step."""
    out = []
    for source in sources:
        fts, table = source.fts, source.table
        cols = ", ".join(source.columns)
        new = ", ".join(_sqlite_value(source, col, "new") for col in source.columns)
        old = ", ".join(_sqlite_value(source, col, "old") for col in source.columns)
        insert = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new});"
        delete = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old});"
        out += [
            f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN {delete} END",
            # Only when an indexed column changes: a version bump costs nothing.
            f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF id, {cols} ON {table}"
            f" BEGIN {delete} {insert} END",
        ]
    return out


REBUILD_HASHSIZE = 64 * 1024 * 1024
DEFAULT_HASHSIZE = 1024 * 1024  # FTS5's own default


def _fts_option(connection: Connection, fts: str, name: str, value: int) -> None:
    connection.exec_driver_sql(f"INSERT INTO {fts}({fts}, rank) VALUES('{name}', {int(value)})")


def trigger_names(sources: Sequence[Source] = SOURCES) -> list[str]:
    """The triggers that keep the SQLite search index current."""
    return [f"{s.fts}_{suffix}" for s in sources for suffix in ("ai", "ad", "au")]


def install_sqlite_index(
    connection: Connection, rebuild: bool = True, sources: Sequence[Source] = SOURCES
) -> None:
    """Create (if missing) the FTS5 tables and triggers of ``sources`` (a migration names
    the tables it indexes; everything else indexes all), then re-index those tables."""
    for statement in sqlite_index_ddl(sources) + sqlite_trigger_ddl(sources):
        connection.exec_driver_sql(statement)
    if rebuild:
        for source in sources:
            fts = source.fts
            # FTS5 gathers new index data in memory and writes a segment each time it
            # passes "hashsize" (1 MB by default), merging segments as they pile up:
            # a 50k-statement rebuild wrote ~100 of them. With room for 64 MB it
            # writes a few, and the rebuild and the merge below take 3 s, not 5.
            # Set back afterwards: everyday edits never come near either size.
            _fts_option(connection, fts, "hashsize", REBUILD_HASHSIZE)
            connection.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES('rebuild')")
            # A rebuild leaves several segments, and every lookup seeks each one;
            # merged into one, a rare word is found 4x faster.
            connection.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES('optimize')")
            _fts_option(connection, fts, "hashsize", DEFAULT_HASHSIZE)
        # FTS5 gathers index data in a hash table per connection, which a rebuild grows
        # to thousands of slots and never shrinks, and every prefix query on that
        # connection walks all of them: ~2.5 µs a lookup after a 50k-statement rebuild,
        # 3 lookups in a rare word's search. So this connection is closed when it is
        # given back, not pooled, and later searches get one with a small table (a
        # memory database lives only as long as its one connection: that one stays).
        if sqlite_path(connection.engine.url) is not None:
            connection.detach()


def drop_sqlite_index(connection: Connection, sources: Sequence[Source] = SOURCES) -> None:
    for name in trigger_names(sources):
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    for source in sources:
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {source.fts}")
    if any(source.kind == "person" for source in sources):
        connection.exec_driver_sql("DROP VIEW IF EXISTS search_people_source")


_CHECKED: weakref.WeakSet[Engine] = weakref.WeakSet()


def index_checked(engine: Engine) -> bool:
    """Whether :func:`ensure_sqlite_index` already ran for ``engine`` (cheap to ask)."""
    return engine in _CHECKED


def forget_index_check(engine: Engine) -> None:
    """Check ``engine``'s index again before its next search (after its triggers changed)."""
    _CHECKED.discard(engine)


def ensure_sqlite_index(engine: Engine) -> None:
    """Once per engine: put back triggers a table rebuild dropped, and re-index."""
    if engine in _CHECKED:
        return
    with engine.connect() as connection:
        present = {
            name
            for (name,) in connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type IN ('trigger', 'table')"
            )
        }
    expected = set(trigger_names()) | {s.fts for s in SOURCES}
    if not expected <= present:
        with engine.begin() as connection:
            install_sqlite_index(connection)
    _CHECKED.add(engine)


def suspend_index(session: Session) -> None:
    """Stop keeping the search index current, inside ``session``'s transaction, until
    :func:`rebuild_index` in the same transaction. For bulk imports on SQLite: the
    triggers are dropped (invisible to other connections: SQLite DDL is
    transactional), rows go in at full speed, then one rebuild indexes them. No-op on
    PostgreSQL, which maintains its generated search column itself."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    _open_driver_transaction(connection)
    for name in trigger_names():
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")


def _open_driver_transaction(connection: Connection) -> None:
    """Make sure SQLite itself is inside a transaction before DDL runs.

    The sqlite3 driver begins a transaction only before INSERT/UPDATE/DELETE, so a DROP
    sent first would run in autocommit mode and commit on its own: an import failing or
    killed afterwards would leave the workspace without its triggers, and nothing later
    would be indexed. IMMEDIATE takes the write lock now, as the import writes anyway."""
    driver = connection.connection.dbapi_connection
    if driver is not None and not driver.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def rebuild_index(session: Session) -> None:
    """Re-create the triggers and re-index every searched table (one statement per FTS
    table), in ``session``'s transaction. No-op on PostgreSQL."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    install_sqlite_index(connection, rebuild=True)


@contextlib.contextmanager
def index_suspended(session: Session) -> Iterator[None]:
    """``with index_suspended(session): bulk inserts`` - one rebuild at the end."""
    suspend_index(session)
    yield
    rebuild_index(session)


# --------------------------------------------------------------------------- PostgreSQL index


def pg_index_ddl(unaccent: bool, sources: Sequence[Source] = SOURCES) -> list[str]:
    """Text search configuration, then :func:`pg_vector_ddl` of ``sources``."""
    out = [
        f"CREATE TEXT SEARCH CONFIGURATION {PG_CONFIG} (COPY = pg_catalog.simple)",
    ]
    if unaccent:
        out.append(
            f"ALTER TEXT SEARCH CONFIGURATION {PG_CONFIG} ALTER MAPPING FOR hword, hword_part,"
            " word WITH unaccent, simple"
        )
    return out + pg_vector_ddl(sources)


def pg_vector_ddl(sources: Sequence[Source] = SOURCES) -> list[str]:
    """Generated ``search_vector`` columns and GIN indexes of ``sources`` (the text search
    configuration must exist). Adding a stored generated column computes it for every
    existing row."""
    out = []
    for source in sources:
        vectors = []
        for tier in "ABC":
            cols = [c for c, t in source.columns.items() if t == tier]
            if not cols:
                continue
            joined = " || ' ' || ".join(f"coalesce({_pg_indexed(source, c)}, '')" for c in cols)
            # Punctuation becomes space, so words split as parse_query splits them (the
            # parser would read IND-77 as "ind" and "-77"). Past about a megabyte a
            # tsvector overflows; the start of a huge text is enough.
            vectors.append(
                f"setweight(to_tsvector('{PG_CONFIG}'::regconfig, regexp_replace("
                f"left({joined}, 400000), '[[:punct:]]+', ' ', 'g')), '{tier}')"
            )
        out.append(
            f"ALTER TABLE {source.table} ADD COLUMN search_vector tsvector"
            f" GENERATED ALWAYS AS ({' || '.join(vectors)}) STORED"
        )
        out.append(
            f"CREATE INDEX ix_{source.table}_search_vector ON {source.table}"
            " USING gin (search_vector)"
        )
    return out


def _pg_indexed(source: Source, column: str) -> str:
    if source.kind == "person" and column == "aliases":
        return "(aliases::jsonb)::text"
    return column


def pg_drop_ddl(sources: Sequence[Source] = SOURCES) -> list[str]:
    """Drop the search columns of ``sources``; the configuration too if it is all of them."""
    out = [f"ALTER TABLE {s.table} DROP COLUMN IF EXISTS search_vector" for s in sources]
    if any(source.kind == "case" for source in sources):
        out.append(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {PG_CONFIG}")
    return out
