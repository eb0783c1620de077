"""Running the desktop lists' queries: count, keys in order, rows by key, positions.

The lists themselves are described in :mod:`app.core.lists.specs`. Sorting, filtering
and paging all happen in SQL so a list of 50,000 rows never has to be loaded into
Python to be shown. No Qt here: the same queries are tested without a display.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    case,
    cast,
    collate,
    false,
    func,
    or_,
    select,
)

from app.core.lists.specs import (
    EXCERPT,
    SPECS,
    Column,
    ListQuery,
    ListSpec,
    excerpt,
    iso_column,
    next_court_date,
)
from app.core.storage.workspace import Workspace

# The lists are described in app/core/lists/specs.py; callers reach both through this module.
__all__ = [
    "EXCERPT",
    "SPECS",
    "Column",
    "ListQuery",
    "ListSpec",
    "count_keys",
    "count_rows",
    "excerpt",
    "fetch_by_keys",
    "fetch_keys",
    "fetch_rows",
    "iso_column",
    "next_court_date",
    "row_position",
]


# -- running a list query -----------------------------------------------------


def _source(ws: Workspace, query: ListQuery, wanted: frozenset[str] | None = None) -> Any:
    # The query may name its list by the layout alone (a window lays out its table
    # before this module is loaded): its SELECT is the spec of that name.
    spec = query.spec if isinstance(query.spec, ListSpec) else SPECS[query.spec.name]
    if spec.case_scoped and query.case_id is None:
        raise ValueError(f"the {spec.name} list needs a case")
    if wanted is not None and spec.narrows:
        return spec.build(query.case_id, query.today, wanted).subquery("rows")
    return spec.build(query.case_id, query.today).subquery("rows")


def _needed(query: ListQuery) -> frozenset[str]:
    """The columns the ordered key list of ``query`` reads: key, sort, and filter columns."""
    if query.text.strip():
        return frozenset(c.key for c in query.spec.columns) | set(query.spec.key) | {"time"}
    return frozenset({*query.spec.key, _sort_key(query), "time"})


def _sort_key(query: ListQuery) -> str:
    keys = {c.key for c in query.spec.columns}
    return query.sort if query.sort in keys else query.spec.default_sort


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _word_matches(src: Any, spec: ListSpec, word: str) -> ColumnElement[bool]:
    """Any shown column contains ``word``; coded columns match on their labels too."""
    pattern = f"%{_escape_like(word)}%"
    lowered = word.lower()
    tests: list[ColumnElement[bool]] = []
    for col in spec.columns:
        expr = src.c[col.key]
        if col.kind in {"vocab", "roles", "todo"} and col.vocabulary is not None:
            codes = [code for code, text in col.vocabulary.items() if lowered in text.lower()]
            if col.kind == "roles":
                tests.extend(expr.like(f'%"{code}"%') for code in codes)
            elif codes:
                tests.append(expr.in_(codes))
            continue
        if col.kind in {"int", "size", "flag", "stamp"}:
            continue
        tests.append(cast(expr, String).ilike(pattern, escape="\\"))
    return or_(*tests) if tests else false()


def _where(src: Any, query: ListQuery) -> list[ColumnElement[bool]]:
    return [_word_matches(src, query.spec, word) for word in query.text.split()]


def _order(
    ws: Workspace, src: Any, query: ListQuery, *, dated: bool = False, reverse: bool = False
) -> list[Any]:
    """The ORDER BY of ``query``. ``dated``: for rows whose date (the sort column) is
    known, where the blanks-last wrapper is not needed and an ascending date sort can
    follow a ``(case_id, date)`` index instead of sorting. ``reverse``: the exact opposite
    order (blanks first, ties on the key descending), to read the end of a list first."""
    spec = query.spec
    col = spec.column(_sort_key(query))
    expr: Any = src.c[col.key]
    descending = query.descending != reverse
    if dated and col.kind == "date":
        if not ws.is_sqlite:
            expr = collate(expr, "C")
        order = [expr.desc() if descending else expr.asc()]
        return order + _order(ws, src, query, reverse=reverse)[1:]
    if col.kind in {"vocab", "todo"} and col.vocabulary:
        # Sort by what people read, not by the stored code.
        expr = case(dict(col.vocabulary), value=expr, else_=expr)
    if col.kind in {"text", "vocab", "roles", "todo"}:
        # Case-insensitive, with blanks last whichever way the list is sorted.
        expr = func.nullif(func.lower(expr), "")
    elif col.kind in {"date", "time"}:
        expr = func.nullif(expr, "")
        if not ws.is_sqlite:
            # ISO dates sort chronologically only byte by byte, not under a locale collation.
            expr = collate(expr, "C")

    def blanks(term: Any) -> Any:
        return term.nulls_first() if reverse else term.nulls_last()

    order = [blanks(expr.desc() if descending else expr.asc())]
    if col.kind == "date" and "time" in src.c:
        time = func.nullif(src.c.time, "")
        order.append(blanks(time.desc() if descending else time.asc()))
    # Ties break on the row key so paging with LIMIT/OFFSET is stable.
    order.extend(src.c[name].desc() if reverse else src.c[name] for name in spec.key)
    return order


def count_rows(ws: Workspace, query: ListQuery) -> int:
    src = _source(ws, query)
    with ws.reader() as session:
        return int(session.scalar(select(func.count()).select_from(src).where(*_where(src, query))))


def fetch_rows(ws: Workspace, query: ListQuery, offset: int, limit: int) -> list[dict[str, Any]]:
    """One page of rows as plain dicts, in the query's order."""
    src = _source(ws, query)
    stmt = (
        select(src)
        .where(*_where(src, query))
        .order_by(*_order(ws, src, query))
        .offset(offset)
        .limit(limit)
    )
    with ws.reader() as session:
        return [dict(row) for row in session.execute(stmt).mappings()]


def fetch_keys(
    ws: Workspace, query: ListQuery, limit: int | None = None, *, from_end: bool = False
) -> list[Any]:
    """Every matching row's key, in the query's order: the row id for most lists, a tuple
    (``("event", 7)``) where the key has several columns.

    This is the one query a list runs per case, sort or filter change. It selects only
    the key, so the database computes just the filter and the sort value of each row
    (for the default sort of statements, an index-only scan); 50,000 ids are ~2 MB in
    Python. The rows themselves come a window at a time with :func:`fetch_by_keys`.

    ``limit``: only the first ``limit`` keys (for the default sort of statements, a walk
    of 100 index entries), or with ``from_end`` the last ``limit`` keys, still in the
    list's order (read by walking the order backwards).
    """
    sql = _compiled(
        ws, ("keys", query, limit, from_end), lambda: _key_statements(ws, query, limit, from_end)
    )
    rows: list[Any] = []
    with ws.engine.connect() as connection:
        for group in sql:
            found = [row for text, args in group for row in _run(connection, text, args)]
            if len(group) > 1:  # the undated rows, read in two parts: in key order again
                found.sort(reverse=from_end and limit is not None)
            rows.extend(found)
            if limit is not None and len(rows) >= limit:
                del rows[limit:]
                break
    if from_end and limit is not None:
        rows.reverse()
    if len(query.spec.key) == 1:
        return [row[0] for row in rows]
    return [tuple(row) for row in rows]


def _key_statements(
    ws: Workspace, query: ListQuery, limit: int | None, from_end: bool
) -> list[list[Select[Any]]]:
    """The key statements of :func:`fetch_keys`, in groups run in turn; the rows of a
    group of several statements are merged in key order."""
    src = _source(ws, query, _needed(query))
    key_columns = [src.c[name] for name in query.spec.key]
    where = _where(src, query)
    col = query.spec.column(_sort_key(query))
    reverse = from_end and limit is not None
    if col.kind == "date":
        # Dated rows first, then the undated: two queries, so the first needs no
        # blanks-last wrapper and can walk the date index in order instead of sorting.
        date = src.c[col.key]
        undated_order = _order(ws, src, query, reverse=reverse)
        if len(key_columns) == 1 and "time" not in src.c:
            # Undated rows tie on the date, so they come in key order. SQLite scans the
            # whole case in its date index for ``date IS NULL OR date = ''`` (~7 ms for
            # 50,000 statements, undated or not); each half alone is one index look-up.
            undated = [
                select(*key_columns).where(*where, test).order_by(*undated_order)
                for test in (date.is_(None), date == "")
            ]
        else:
            undated = [
                select(*key_columns)
                .where(*where, or_(date.is_(None), date == ""))
                .order_by(*undated_order)
            ]
        groups = [
            [
                select(*key_columns)
                .where(*where, date > "")
                .order_by(*_order(ws, src, query, dated=True, reverse=reverse))
            ],
            undated,
        ]
        if reverse:
            groups.reverse()
    else:
        groups = [
            [select(*key_columns).where(*where).order_by(*_order(ws, src, query, reverse=reverse))]
        ]
    if limit is not None:
        # Each statement takes up to ``limit``; fetch_keys stops once it has enough.
        groups = [[stmt.limit(limit) for stmt in group] for group in groups]
    return groups


def count_keys(ws: Workspace, query: ListQuery) -> int:
    """How many rows match ``query``: what :func:`fetch_keys` would return, counted by
    the database (for an unfiltered case list, a count of index entries, 2-7 ms for the
    50,000 statements)."""

    def statement() -> list[list[Select[Any]]]:
        src = _source(ws, query, _needed(query))
        return [[select(func.count()).select_from(src).where(*_where(src, query))]]

    (((text, args),),) = _compiled(ws, ("count", query), statement)
    with ws.engine.connect() as connection:
        return int(_run(connection, text, args)[0][0])


# The SQL text of recent key and count queries: building and compiling one costs 1-3 ms,
# more than running it for the first or last page of a list.
_SQL_CACHE: OrderedDict[tuple[Any, ...], list[list[tuple[str, Any]]]] = OrderedDict()


def _compiled(
    ws: Workspace, what: tuple[Any, ...], build: Callable[[], list[list[Select[Any]]]]
) -> list[list[tuple[str, Any]]]:
    kind, query, *rest = what
    key = (
        ws.engine.dialect.name,
        kind,
        query.spec.name,
        query.case_id,
        query.text,
        query.sort,
        query.descending,
        query.today,
        *rest,
    )
    found = _SQL_CACHE.get(key)
    if found is None:
        found = _SQL_CACHE[key] = [[_compile(ws, stmt) for stmt in group] for group in build()]
        while len(_SQL_CACHE) > 64:
            _SQL_CACHE.popitem(last=False)
    else:
        _SQL_CACHE.move_to_end(key)
    return found


def _compile(ws: Workspace, stmt: Select[Any]) -> tuple[str, Any]:
    compiled = stmt.compile(dialect=ws.engine.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    args: Any = (
        [params[name] for name in compiled.positiontup or ()] if compiled.positional else params
    )
    return str(compiled), args


def _run(connection: Any, text: str, args: Any) -> list[Any]:
    """Rows straight from the driver's cursor: for 50,000 plain keys SQLAlchemy's result
    rows would cost more than the query itself."""
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        cursor.execute(text, args)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def fetch_by_keys(
    ws: Workspace, query: ListQuery, keys: Sequence[Any]
) -> dict[Any, dict[str, Any]]:
    """The rows with ``keys`` (as :func:`fetch_keys` gives them), by key; a key whose row
    is gone (deleted since the keys were read) is missing from the result."""
    if not keys:
        return {}
    src = _source(ws, query)
    names = query.spec.key
    if len(names) == 1:
        condition: ColumnElement[bool] = src.c[names[0]].in_(list(keys))
    else:
        # Group by the leading columns, e.g. ("event", [ids]), ("statement", [ids]).
        groups: dict[tuple[Any, ...], list[Any]] = {}
        for key in keys:
            groups.setdefault(tuple(key[:-1]), []).append(key[-1])
        condition = or_(
            *(
                and_(
                    *(src.c[name] == value for name, value in zip(names, lead, strict=False)),
                    src.c[names[-1]].in_(last),
                )
                for lead, last in groups.items()
            )
        )
    with ws.engine.connect() as connection:  # Core, not a Session: no ORM set-up per page
        rows = connection.execute(select(src).where(condition)).mappings()
        if len(names) == 1:
            return {row[names[0]]: dict(row) for row in rows}
        return {tuple(row[name] for name in names): dict(row) for row in rows}


def row_position(ws: Workspace, query: ListQuery, key: Mapping[str, Any]) -> int | None:
    """Where the row with ``key`` (e.g. ``{"id": 7}``) sits in the list, or None if filtered out."""
    src = _source(ws, query)
    numbered = (
        select(
            *(src.c[name] for name in query.spec.key),
            func.row_number().over(order_by=_order(ws, src, query)).label("position"),
        )
        .where(*_where(src, query))
        .subquery("numbered")
    )
    stmt = select(numbered.c.position).where(
        *(numbered.c[name] == value for name, value in key.items())
    )
    with ws.reader() as session:
        position = session.scalar(stmt)
    return None if position is None else int(position) - 1
