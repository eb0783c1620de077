"""Many rows into one table at once, for imports: one ``executemany`` on SQLite.

SQLAlchemy's Core INSERT of many rows prepares every row's parameters in Python (column
defaults, type conversion) before the driver sees them: on SQLite that is more than the
inserting itself (a 50,000-statement import: ~1.5 s of 2.5). :func:`insert_rows` does
the same preparation once per column - each column's own bind processor and Python-side
default, as SQLAlchemy would apply them - and hands the driver plain tuples.

SQLite cannot tell which RETURNING id belongs to which row of a many-row INSERT, so the
ids are given here: the caller's transaction must already hold the write lock (it has
written a row), so the next free ids cannot be taken by anyone else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> list[int]:
    """INSERT ``rows`` into ``table``; the new ids, in the order of ``rows``."""
    if not rows:
        return []
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return list(session.scalars(statement, list(rows)))
    last = session.execute(select(func.max(table.c.id))).scalar_one() or 0
    ids = list(range(last + 1, last + 1 + len(rows)))
    given = set().union(*rows) | {"id"}
    columns, makers = [], []
    for column in table.columns:
        maker = _maker(column, column.name in given, connection.dialect)
        if maker is not None:
            columns.append(column.name)
            makers.append(maker)
    sql = (
        f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    )
    params = [
        tuple(make({**row, "id": i}) for make in makers) for row, i in zip(rows, ids, strict=True)
    ]
    connection.exec_driver_sql(sql, params)
    return ids


def _maker(column: Any, given: bool, dialect: Any) -> Callable[[dict[str, Any]], Any] | None:
    """How to get ``column``'s value from a row: the row's own value or the column's
    Python-side default, through the column type's bind processor. None leaves the
    column to the database (no value and no Python-side default)."""
    name = column.name
    process = column.type.bind_processor(dialect)
    default = column.default
    if default is not None and not (default.is_scalar or default.is_callable):
        raise TypeError(f"{column} has a SQL expression default; insert it with Core")
    if not given and default is None:
        return None

    def value(row: dict[str, Any]) -> Any:
        if name in row:
            v = row[name]
        elif default is None:
            v = None
        elif default.is_callable:
            v = default.arg(None)
        else:
            v = default.arg
        return process(v) if process is not None else v

    return value
