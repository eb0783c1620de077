"""The one way records of a case are created, changed, read back and deleted.

Each area (statements, charges, ...) describes its record as an ``Entity``; the
functions here do the work every area shares: clean the input, check that
references stay inside the case, apply it in the caller's unit of work, and
refuse a save made from a stale copy.

A *snapshot* is the plain dict of a record's editable fields (link fields as
lists of ids). It is what forms edit, what undo restores and what ``update``
accepts, so a snapshot fed back to ``update`` or ``create`` is a no-op/restore.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.core.errors import ConflictError, NotFoundError, ValidationError
from app.core.services.fields import Field, clean_values
from app.core.storage import audit
from app.core.storage.models import Base, Case

Validator = Callable[[Session, Any, dict[str, Any]], None]


@dataclass(frozen=True)
class Link:
    """A many-to-many field edited as a list of ids (``issue_ids`` -> ``Statement.issues``)."""

    attribute: str
    target: type[Base]


@dataclass(frozen=True)
class Entity:
    model: type[Base]
    noun: str
    fields: Mapping[str, Field]
    # Id fields that must name a record of the same case: field -> model.
    same_case_refs: Mapping[str, type[Base]] = field(default_factory=dict)
    links: Mapping[str, Link] = field(default_factory=dict)
    # Whole-record checks run after cleaning (e.g. closed date after opened date).
    validators: tuple[Validator, ...] = ()
    case_scoped: bool = True


def get(session: Session, entity: Entity, record_id: int) -> Any:
    record = session.get(entity.model, record_id)
    if record is None:
        raise NotFoundError(f"there is no {entity.noun} with id {record_id}")
    return record


def snapshot(entity: Entity, record: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in entity.fields:
        if name in entity.links:
            data[name] = sorted(item.id for item in getattr(record, entity.links[name].attribute))
        else:
            value = getattr(record, name)
            data[name] = list(value) if isinstance(value, list) else value
    return data


def create(
    session: Session,
    entity: Entity,
    values: Mapping[str, Any],
    *,
    case_id: int | None = None,
    record_id: int | None = None,
) -> Any:
    """Add a record. ``record_id`` restores a deleted record under its old id (undo)."""
    cleaned = clean_values(entity.fields, values, partial=False)
    record = entity.model()
    if record_id is not None:
        # Restoring over a live record would be refused by the primary key as a raw
        # database error; say what happened instead.
        if session.get(entity.model, record_id) is not None:
            raise ConflictError(f"there is already a {entity.noun} with id {record_id}")
        record.id = record_id
    if entity.case_scoped:
        if case_id is None or session.get(Case, case_id) is None:
            raise NotFoundError(f"there is no case with id {case_id}")
        record.case_id = case_id
    _apply(session, entity, record, cleaned)
    session.add(record)
    session.flush()
    return record


def update(
    session: Session,
    entity: Entity,
    record_id: int,
    values: Mapping[str, Any],
    *,
    expected_version: int | None = None,
) -> Any:
    """Change the given fields. With ``expected_version``, refuse if someone saved since."""
    record = get(session, entity, record_id)
    if expected_version is not None and record.version != expected_version:
        raise ConflictError(
            f"this {entity.noun} was changed by someone else since you opened it",
            changed_at=str(record.updated_at),
        )
    cleaned = clean_values(entity.fields, values, partial=True)
    _apply(session, entity, record, cleaned)
    _flush(session, entity, record_id)
    return record


def delete(session: Session, entity: Entity, record_id: int) -> None:
    session.delete(get(session, entity, record_id))
    _flush(session, entity, record_id)


def _flush(session: Session, entity: Entity, record_id: int) -> None:
    # Someone saved or deleted the record between our read and our write (the
    # version column no longer matches): say who and when, from the audit trail.
    try:
        session.flush()
    except StaleDataError:
        raise audit.conflict(session, entity.model.__tablename__, record_id, entity.noun) from None


def _apply(session: Session, entity: Entity, record: Any, cleaned: dict[str, Any]) -> None:
    case_id = getattr(record, "case_id", None)
    for name, target in entity.same_case_refs.items():
        ref = cleaned.get(name)
        if ref is not None:
            other = session.get(target, ref)
            if other is None or getattr(other, "case_id", None) != case_id:
                raise ValidationError(name, f"{_noun(target)} {ref} is not part of this case")
    for name, link in entity.links.items():
        if name in cleaned:
            ids = cleaned[name]
            found = (
                session.scalars(select(link.target).where(link.target.id.in_(ids))).all()
                if ids
                else []
            )
            wrong = set(ids) - {item.id for item in found if item.case_id == case_id}
            if wrong:
                raise ValidationError(
                    name, f"{_noun(link.target)} {min(wrong)} is not part of this case"
                )
            by_id = {item.id: item for item in found}
            current = getattr(record, link.attribute)
            if inspect(record).persistent and sorted(i.id for i in current) != sorted(ids):
                # Link rows live in another table, so SQLAlchemy would not UPDATE this
                # row: touch it, so the version (optimistic lock) and updated_at move too.
                record.updated_at = dt.datetime.now(dt.UTC)
            setattr(record, link.attribute, [by_id[i] for i in ids])
    for name, value in cleaned.items():
        if name not in entity.links:
            setattr(record, name, value)
    for check in entity.validators:
        check(session, record, cleaned)


def _noun(model: type[Base]) -> str:
    return {"parties": "person", "documents": "document", "issues": "issue"}.get(
        model.__tablename__, model.__tablename__.rstrip("s")
    )
