"""One search over everything in a workspace: FTS5 on SQLite, tsvector on PostgreSQL.

``search(ws, "megaph")`` returns :class:`Hit` records grouped by kind (cases,
people, statements, charges, documents, events, issues, notes, court appearances,
filings, deadlines), best first in
each kind, with the matched words marked in a short snippet. The CLI, the GUI
search panel and anything else call this one function. What is indexed, and how
the index is built and kept current, is :mod:`app.core.search.schema`.

People type words, not query syntax: :mod:`app.core.search.terms` turns whatever was
typed into quoted terms (a search never raises because of what was typed). The last
word is a prefix (``megaph`` finds *megaphone*) and accents are folded (``Jose``
finds *José*).

How a search runs on SQLite. It runs on every keystroke, so it goes straight to
the driver, on a connection and cursor each thread keeps (:func:`_kept_connection`),
with SQL text built once per shape so sqlite3 reuses its prepared statements, and
its rows become hits in :mod:`app.core.search.hits`. A rare word costs about 1.2x
the one hand-written FTS5 statement for the same hits, most of which is FTS5's
``snippet()`` (``benchmarks/bench_search.py``, search_overhead):

1. One statement covers every wanted kind (a ``UNION ALL`` of one arm each). A
   kind with at most ``limit`` matches - a rare word - comes back complete in it:
   every match is a hit, ranked with ``bm25()``, with its snippet, title and case
   caption, from one FTS5 lookup. A kind with more comes back as its ``limit + 1``
   oldest matches, flagged, without snippets or scores.
2. Only for the flagged kinds (a common word), a second statement ranks with
   ``MATCH ... ORDER BY rank LIMIT n``, which FTS5 runs as a sorted query, so
   ``snippet()`` and the joins run for the ``n`` hits, not for every match.
   Preparing that sorted query costs ~20 µs, which is why a rare word never
   takes this shape.

``bm25`` reads each matching row's column sizes (~1.5 µs a row), so ranking every
match of a word in 15,000 statements takes ~20 ms, a third of a ``LIKE`` scan of
the table. A kind with many matches therefore ranks its :data:`RANK_WINDOW` most
recently added ones; below that many, ranking is exact. Prefix terms cost more
for common words: FTS5 merges every matching word's postings before the first
row (~0.35 ms for a word in 15,000 statements), once per lookup.

On PostgreSQL one statement covers every wanted kind; it runs on a connection each
thread keeps for searching, prepared there, so it is planned once per connection
(:mod:`app.core.search.pg_kept`: planning it took longer than running it).
"""

from __future__ import annotations

import functools
import operator
import re
import threading
import weakref
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Engine, TextClause, text

from app.core.search import pg_kept
from app.core.search.hits import (  # noqa: F401 - re-exported
    MARK_END,
    MARK_START,
    Hit,
    date_label,
    hits_from_rows,
    split_marks,
)
from app.core.search.kept import KeptConnections

# Re-exported: callers import the index's maintenance from here, as before the split.
from app.core.search.schema import (  # noqa: F401
    BY_KIND,
    KIND_LABELS,
    KINDS,
    PG_CONFIG,
    SOURCES,
    Source,
    drop_sqlite_index,
    ensure_sqlite_index,
    forget_index_check,
    index_checked,
    index_suspended,
    install_sqlite_index,
    pg_drop_ddl,
    pg_index_ddl,
    pg_vector_ddl,
    rebuild_index,
    sources_of,
    sqlite_index_ddl,
    sqlite_trigger_ddl,
    suspend_index,
    trigger_names,
    widened_in,
)
from app.core.search.terms import (  # noqa: F401 - re-exported
    fts5_match,
    fts5_query,
    parse_query,
    tsquery,
)
from app.core.storage.workspace import Workspace

SNIPPET_TOKENS = 24
RANK_WINDOW = 1000


# --------------------------------------------------------------------------- search


def search(
    ws: Workspace,
    query: str,
    case_id: int | None = None,
    limit: int = 50,
    kinds: Iterable[str] | None = None,
) -> list[Hit]:
    """Search everything (or one case) for what was typed. Returns at most ``limit``
    hits of each kind, grouped in the order of :data:`KINDS`, best first. Never
    raises because of the query text; an empty query finds nothing."""
    engine = ws.engine
    on_sqlite = engine.dialect.name == "sqlite"
    match = fts5_match(query) if on_sqlite else tsquery(parse_query(query))
    if not match:
        return []
    wanted = KINDS if kinds is None else _wanted(kinds)
    if not wanted:
        return []
    limit = max(1, min(int(limit), 1000))
    if on_sqlite:
        rows = _sqlite_rows(engine, match, wanted, case_id, limit)
        if len(rows) > 1:
            rows.sort(key=_SQLITE_ORDER)  # kind, then bm25 (lower is better), then id
        return hits_from_rows(rows, -1.0)
    params: dict[str, Any] = {"q": match, "n": limit}
    if case_id is not None:
        params["case_id"] = int(case_id)
    screened = _SCREENED.get(engine)
    if screened is None:
        with engine.connect() as connection:
            screened = _screened(connection)
    by_case = case_id is not None
    rows = pg_kept.fetch(engine, _pg_driver_sql(wanted, by_case, screened), params)
    if rows is None:  # the kept connection failed: the pooled way (its errors are SQLAlchemy's)
        with engine.connect() as connection:
            rows = connection.execute(_pg_statement(wanted, by_case, screened), params).all()
    hits = hits_from_rows(rows, 1.0)
    hits.sort(key=_order_key)
    return hits


_KIND_ORDER = {kind: i for i, kind in enumerate(KINDS)}
_WANTED: dict[tuple[Any, ...], tuple[str, ...]] = {}


def _wanted(kinds: Iterable[str]) -> tuple[str, ...]:
    """The kinds asked for, in the order of KINDS; unknown ones are left out.
    Remembered per argument (the same one or two lists come every keystroke)."""
    key = tuple(kinds)
    wanted = _WANTED.get(key)
    if wanted is None:
        chosen = set(key)
        wanted = tuple([kind for kind in KINDS if kind in chosen])
        if len(_WANTED) >= 256:
            _WANTED.clear()
        _WANTED[key] = wanted
    return wanted


def _order_key(hit: Hit) -> tuple[int, float, int]:
    return (_KIND_ORDER[hit.kind], -hit.rank, hit.id)


_SQLITE_ORDER = operator.itemgetter(9, 7, 1)


def _sqlite_rows(
    engine: Engine, match: str, kinds: tuple[str, ...], case_id: int | None, limit: int
) -> list[Any]:
    by_case = case_id is not None
    params = (match, limit) if case_id is None else (match, limit, int(case_id))
    cursor = _kept_cursor(engine)
    rows = cursor.execute(_first_sql(kinds, by_case), params).fetchall()
    # A kind's rows all have ``more`` set, or none has.
    if rows and (rows[0][8] if len(kinds) == 1 else max(map(_MORE, rows))):
        flagged = {row[0] for row in rows if row[8]}
        many = tuple(kind for kind in kinds if kind in flagged)
        rows = [row for row in rows if not row[8]]
        rows += cursor.execute(_many_sql(many, by_case), params).fetchall()
    return rows


_MORE = operator.itemgetter(8)


class _Kept(threading.local):
    pooled: Any = None  # this thread's connection, checked out of the engine's pool
    connection: Any = None  # and the sqlite3 connection inside it
    cursor: Any = None  # and a cursor on that, reused by every search


# The engine of the last search and its _Kept: the same workspace is searched over
# and over, and comparing with it is cheaper than looking the engine up in _KEPT.
_LAST: tuple[weakref.ref[Engine], _Kept] | None = None


def _kept_cursor(engine: Engine) -> Any:
    """A cursor on :func:`_kept_connection`, kept with it (making a cursor for each
    statement costs ~0.3 µs)."""
    last = _LAST
    if last is not None and last[0]() is engine:
        cursor = last[1].cursor
        if cursor is not None:
            return cursor
    local = _kept(engine)
    if local.cursor is None:
        local.cursor = local.connection.cursor()
    return local.cursor


def _kept_connection(engine: Engine) -> Any:
    """A pooled connection this thread keeps for searching until the engine is
    disposed (``Workspace.close``). A search runs on every keystroke, and checking a
    connection out of SQLAlchemy's pool and back in costs ~7 µs (14 µs measured
    inside a search loop), a quarter of a rare word's whole lookup. Searches only
    read, and the driver opens no transaction for a SELECT, so a kept connection
    holds no lock between searches and sees every commit. When a thread ends, its
    connection is garbage and the pool takes it back."""
    return _kept(engine).connection


def _kept(engine: Engine) -> _Kept:
    """This thread's kept connection for ``engine``, made the first time; the
    search index is checked (and made, for a workspace from before it) before any
    engine's first search, so the fast path in :func:`_kept_cursor` need not ask."""
    global _LAST
    if not index_checked(engine):
        ensure_sqlite_index(engine)
    local = _KEPT.local(engine)
    if local.connection is None:
        pooled = local.pooled = engine.raw_connection()
        _KEPT.remember(engine, pooled)
        local.connection = pooled.driver_connection
    _LAST = (weakref.ref(engine), local)
    return local


def _forget_last(engine: Engine) -> None:
    """The engine's kept connections are being closed: the last search's is one."""
    global _LAST
    if _LAST is not None and _LAST[0]() is engine:
        _LAST = None


def _invalidate(pooled: Any) -> None:
    pooled.invalidate()  # the pool it came from is going


_KEPT = KeptConnections(_Kept, _invalidate, _forget_last)


def _case_join(source: Source) -> tuple[str, str]:
    """The case (and party, for people) a hit belongs to: (joins, case id expression)."""
    if source.kind == "case":
        return "", "t.id"
    if source.kind == "person":
        return "LEFT JOIN parties pp ON pp.person_id = t.id", "pp.case_id"
    return "", "t.case_id"


def _case_filter(source: Source, alias: str, fts_first: bool = False) -> str:
    """The condition that row ``alias`` belongs to the case. ``fts_first`` (SQLite)
    makes SQLite read the FTS index first and check each match's case, rather than
    find the case's rows by their case_id index and look each one up in the FTS
    index: with no statistics it takes a case for a few rows, and on a case of
    50,000 statements that plan took 0.6 s for a rare word, or one found nowhere
    (0.1-0.4 ms the other way round). In a small case it is no faster: the probe
    for an (n+1)th match reads the FTS index first either way."""
    if source.kind == "case":
        return f" AND {alias}.id = :case_id"
    if source.kind == "person":
        return (
            f" AND EXISTS (SELECT 1 FROM parties x WHERE x.person_id = {alias}.id"
            " AND x.case_id = :case_id)"
        )
    return f" AND {'+' if fts_first else ''}{alias}.case_id = :case_id"


# The SQL below is built once per shape (functools.cache) and is constant text with
# bound parameters (:q the MATCH expression, :n the limit, :case_id; numbered on
# SQLite, see _numbered), so sqlite3's
# per-connection statement cache prepares each statement once. Every arm returns
# kind, id, case id, caption, title, detail, snippet, score (bm25: lower is
# better), ``more`` and the kind's place in KINDS.


def _nth(source: Source, by_case: bool, offset: str, newest: bool) -> str:
    """The rowid of the match ``offset`` places after the first one, counting from
    the most recently added match if ``newest`` (else from the oldest), in the case
    if there is one; NULL when there are not that many."""
    fts = source.fts
    tables = f"{fts} JOIN {source.table} r ON r.id = {fts}.rowid" if by_case else fts
    where = f"{fts} MATCH :q{_case_filter(source, 'r', fts_first=True) if by_case else ''}"
    return (
        f"SELECT {fts}.rowid FROM {tables} WHERE {where}"
        f" ORDER BY {fts}.rowid{' DESC' if newest else ''} LIMIT 1 OFFSET {offset}"
    )


def _arm(source: Source, by_case: bool, extra: str, snippet: str, score: str) -> str:
    fts = source.fts
    joins, case_expr = _case_join(source)
    if by_case and source.kind == "person":
        joins += " AND pp.case_id = :case_id"
    return (
        f"SELECT '{source.kind}' AS kind, t.id AS id, {case_expr} AS case_id,"
        f" c.caption AS caption, {source.title_sql} AS title, {source.detail_sql} AS detail,"
        f" {snippet} AS snippet, {score}, {KINDS.index(source.kind)} AS ord"
        f" FROM {extra}{fts} JOIN {source.table} t ON t.id = {fts}.rowid"
        f" {source.joins} {joins} LEFT JOIN cases c ON c.id = {case_expr}"
        f" WHERE {fts} MATCH :q{_case_filter(source, 't', fts_first=True) if by_case else ''}"
    )


def _snippet(source: Source) -> str:
    return f"snippet({source.fts}, -1, '{MARK_START}', '{MARK_END}', '…', {SNIPPET_TOKENS})"


def _numbered(sql: str) -> str:
    """The SQL with ?1, ?2, ?3 for :q, :n, :case_id: a tuple binds faster than a dict
    (sqlite3 looks each name up), and the SQL for PostgreSQL keeps the names."""
    return _NAMED.sub(lambda found: _NUMBERS[found[1]], sql)


_NAMED = re.compile(r":(q|n|case_id)\b")
_NUMBERS = {"q": "?1", "n": "?2", "case_id": "?3"}


def _union(arms: list[str]) -> str:
    if len(arms) == 1:
        return arms[0]
    return "\nUNION ALL\n".join(f"SELECT * FROM ({arm})" for arm in arms)


_MAX_ROWID = 2**63 - 1


@functools.cache
def _first_sql(kinds: tuple[str, ...], by_case: bool) -> str:
    """One pass over every kind. A kind with at most :n matches (a rare word) comes
    back complete: every match is a hit, ranked with bm25() and given its snippet,
    all from one FTS5 lookup (``b.hi`` - is there an (n+1)th match? - is a second,
    cheap one). A kind with more returns its n + 1 oldest matches with ``more``
    set and no snippet or score, which keeps this pass cheap for a common word;
    :func:`_many_sql` then ranks that kind. (Oldest, not newest: FTS5 reads a
    doclist forwards, and backwards costs a third more for a common prefix.)"""
    arms = []
    for kind in kinds:
        source = BY_KIND[kind]
        fts = source.fts
        arm = _arm(
            source,
            by_case,
            f"(SELECT ({_nth(source, by_case, ':n', newest=False)}) AS hi) AS b CROSS JOIN ",
            f"CASE WHEN b.hi IS NULL THEN {_snippet(source)} END",
            f"CASE WHEN b.hi IS NULL THEN bm25({fts}, {source.weights}) END AS score,"
            " b.hi IS NOT NULL AS more",
        )
        # No ORDER BY: search() sorts the few hits, and a sorter costs ~2 µs.
        arms.append(f"{arm} AND {fts}.rowid <= coalesce(b.hi, {_MAX_ROWID})")
    return _numbered("\nUNION ALL\n".join(arms))


@functools.cache
def _many_sql(kinds: tuple[str, ...], by_case: bool) -> str:
    """The kinds with more than :n matches. FTS5 runs ``MATCH ... ORDER BY rank`` as
    a sorted query: rows come out best first, so snippet() and the joins run for
    the :n hits only, not for every match (preparing that sorted query costs ~20
    µs, which is why a rare word takes :func:`_first_sql`'s shape). ``rank MATCH``
    names the ranking rather than trusting the table's stored setting. Only the
    :data:`RANK_WINDOW` most recently added matches are ranked."""
    arms = []
    for kind in kinds:
        source = BY_KIND[kind]
        fts = source.fts
        arm = _arm(source, by_case, "", _snippet(source), f"{fts}.rank AS score, 0 AS more")
        window = _nth(source, by_case, str(RANK_WINDOW - 1), newest=True)
        arms.append(
            f"{arm} AND {fts}.rank MATCH 'bm25({source.weights})'"
            f" AND {fts}.rowid >= coalesce(({window}), 0) ORDER BY {fts}.rank LIMIT :n"
        )
    return _numbered(_union(arms))


# --------------------------------------------------------------------------- PostgreSQL


_SCREENED: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()


def _screened(connection: Any) -> bool:
    """Whether an office server finds the best matches through ``casefile_search_top``
    (app.core.server.screened_search: the index used under row security). Asked once
    per engine."""
    engine = connection.engine
    found = _SCREENED.get(engine)
    if found is None:
        found = _SCREENED[engine] = bool(
            connection.execute(
                text(
                    "SELECT has_function_privilege(f, 'EXECUTE') FROM to_regprocedure("
                    "'casefile_search_top(text, tsquery, integer, integer)') AS f "
                    "WHERE f IS NOT NULL"
                )
            ).scalar()
        )
    return found


@functools.cache
def _pg_statement(kinds: tuple[str, ...], by_case: bool, screened: bool = False) -> TextClause:
    parts = [
        f"SELECT * FROM ({_pg_select(BY_KIND[kind], by_case, screened)}) AS k{i}"
        for i, kind in enumerate(kinds)
    ]
    sql = "\nUNION ALL\n".join(parts)
    return text(f"WITH q AS (SELECT to_tsquery('{PG_CONFIG}', :q) AS q)\n{sql}")


@functools.cache
def _pg_driver_sql(kinds: tuple[str, ...], by_case: bool, screened: bool) -> str:
    """:func:`_pg_statement` with psycopg's placeholders, for :mod:`pg_kept`."""
    sql = str(_pg_statement(kinds, by_case, screened)).replace("%", "%%")
    return _NAMED.sub(lambda found: f"%({found[1]})s", sql)


def _pg_select(source: Source, by_case: bool, screened: bool = False) -> str:
    table = source.table
    case_filter = _case_filter(source, "r") if by_case else ""
    joins, case_expr = _case_join(source)
    if by_case and source.kind == "person":
        joins += " AND pp.case_id = :case_id"
    shown = (
        "concat_ws(' · ', "
        + ", ".join(f"NULLIF({_pg_clipped(source, col)}, '')" for col in source.columns)
        + ")"
    )
    top = (
        f"(SELECT r.id, ts_rank(r.search_vector, q.q) AS score FROM {table} r, q"
        f" WHERE r.search_vector @@ q.q{case_filter} ORDER BY score DESC, r.id LIMIT :n)"
    )
    options = (
        f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, "
        "ShortWord=1, MaxFragments=1, FragmentDelimiter=…"
    )
    return (
        f"SELECT '{source.kind}' AS kind, t.id AS id, {case_expr} AS case_id,"
        f" c.caption AS caption, {source.title_sql} AS title, {source.detail_sql} AS detail,"
        f" ts_headline('{PG_CONFIG}', {shown}, q.q, '{options}') AS snippet,"
        f" top.score AS score, 0 AS more, {KINDS.index(source.kind)} AS ord"
        f" FROM {_pg_top(source, by_case) if screened else top} AS top"
        f" CROSS JOIN q JOIN {table} t ON t.id = top.id {source.joins} {joins}"
        f" LEFT JOIN cases c ON c.id = {case_expr}"
    )


def _pg_top(source: Source, by_case: bool) -> str:
    """The best :n matches through the office server's search function, which keeps what
    the login may see (the rows are then read as the login, under row security)."""
    case = ":case_id" if by_case else "CAST(NULL AS integer)"
    return (
        f"(SELECT s.hit_id AS id, s.hit_score AS score FROM q,"
        f" casefile_search_top('{source.kind}', q.q, :n, {case}) AS s)"
    )


def _pg_clipped(source: Source, column: str) -> str:
    """The column's first 200,000 letters (a headline of a longer text is slow). Its
    length in bytes is asked first: known without reading the text, where ``left``
    counts its letters (~10% of a statement's headline)."""
    value = _pg_column(source, column, "t")
    if value != f"t.{column}":  # an expression: computed once
        return f"left({value}, 200000)"
    return f"CASE WHEN octet_length({value}) <= 200000 THEN {value} ELSE left({value}, 200000) END"


def _pg_column(source: Source, column: str, alias: str) -> str:
    if source.kind == "person" and column == "aliases":
        # JSON text escapes non-ASCII letters; jsonb's text form does not.
        return f"translate(({alias}.aliases::jsonb)::text, '[]\",', '    ')"
    return f"{alias}.{column}"
