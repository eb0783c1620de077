"""A record's fields as the whole-case readers hand them out, built from its kind's table.

``casefile show --json`` (:mod:`app.core.lists.casedump`) and the archive writer
(:mod:`app.core.archive.write`) turn loaded records into dicts. Both walk the
fields of the kind's field table (the ``Entity`` of its service) in their order,
so a new plain field is shown and exported with no edit there. What is not a
plain field (references, link lists, the document's file) each of them says in a
small table of its own; :func:`arrange` moves the few keys whose place differs
from the table's order.

A plan is a list of (key, getter): the dict of a record is
``{key: get(record) for key, get in plan}``, made once per kind, not per record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from operator import attrgetter
from typing import Any

from sqlalchemy import JSON, inspect

from app.core.dates import iso_or_none
from app.core.storage.models import PartialDateType

Getter = Callable[[Any], Any]
Plan = list[tuple[str, Getter]]

# The document's file columns, as the keys of its "file" object.
FILE_KEYS = {
    "file_sha256": "sha256",
    "file_size": "size",
    "file_media_type": "media_type",
    "file_name": "original_name",
}


def exchanged(model: type[Any], name: str) -> Getter:
    """How the column ``name`` of a record is exchanged: a date as ISO text
    (``2020-06``, ``2020-06-14~``), a list as a copy, anything else as it is."""
    column_type = inspect(model).columns[name].type
    get = attrgetter(name)
    if isinstance(column_type, PartialDateType):
        return lambda record: iso_or_none(get(record))
    if isinstance(column_type, JSON):
        return lambda record: list(get(record) or [])
    return get


def file_object(record: Any) -> dict[str, Any] | None:
    """A document's file as the ``file`` object (None without a file)."""
    if not record.file_sha256:
        return None
    return {key: getattr(record, name) for name, key in FILE_KEYS.items()}


def arrange(plan: Plan, moves: Mapping[str, str]) -> Plan:
    """``plan`` with each key of ``moves`` taken out and put right after the key it maps to."""
    result = list(plan)
    for key, after in moves.items():
        item = next(entry for entry in result if entry[0] == key)
        result.remove(item)
        result.insert(next(i for i, e in enumerate(result) if e[0] == after) + 1, item)
    return result


def on(get_part: Getter, plan: Plan) -> Plan:
    """``plan`` applied to a part of the record (a party's ``person``)."""
    return [(key, _composed(get_part, get)) for key, get in plan]


def _composed(outer: Getter, inner: Getter) -> Getter:
    return lambda record: inner(outer(record))


def as_dicts(plan: Plan, records: Iterable[Any]) -> list[dict[str, Any]]:
    return [{key: get(record) for key, get in plan} for record in records]
