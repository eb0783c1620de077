"""Cases: create, change, find and delete whole case files."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.core import vocab
from app.core.errors import NotFoundError, ValidationError
from app.core.services import fields as f
from app.core.services import records
from app.core.storage.models import Case
from app.core.storage.workspace import Workspace


def _dates_in_order(_session: Session, case: Case, _cleaned: dict[str, Any]) -> None:
    if case.opened_on and case.closed_on and case.closed_on.latest() < case.opened_on.earliest():
        raise ValidationError("closed_on", "the closed date is before the opened date")


CASE = records.Entity(
    model=Case,
    noun="case",
    case_scoped=False,
    fields={
        "caption": f.Field("Caption", f.text(300, required=True)),
        "docket_number": f.Field("Docket / index number", f.text(100)),
        "court": f.Field("Court", f.text(300)),
        "jurisdiction": f.Field("County / jurisdiction", f.text(300)),
        "status": f.Field("Status", f.code(vocab.CASE_STATUSES), "open", vocab.CASE_STATUSES),
        "opened_on": f.Field("Opened", f.date, None),
        "closed_on": f.Field("Closed", f.date, None),
        "assigned_staff": f.Field("Assigned staff", f.text(300)),
        # Day 0 of the speedy-trial clock; empty means the arraignment's date.
        "commenced_on": f.Field("Commenced on", f.optional_day, None),
        "custody": f.Field("Custody", f.optional_code(vocab.CUSTODY), None, vocab.CUSTODY),
        "summary": f.Field("Summary", f.text(multiline=True)),
        "notes": f.Field("Notes", f.text(multiline=True)),
    },
    validators=(_dates_in_order,),
)


def add_case(ws: Workspace, *, record_id: int | None = None, **values: Any) -> int:
    with ws.session() as session:
        return records.create(session, CASE, values, record_id=record_id).id


def update_case(
    ws: Workspace, case_id: int, *, expected_version: int | None = None, **values: Any
) -> None:
    with ws.session() as session:
        records.update(session, CASE, case_id, values, expected_version=expected_version)


def get_case(ws: Workspace, case_id: int) -> dict[str, Any]:
    with ws.reader() as session:
        return records.snapshot(CASE, records.get(session, CASE, case_id))


def delete_case(ws: Workspace, case_id: int) -> None:
    """Delete a case and everything in it. People stay: they may be in other cases."""
    with ws.session() as session:
        records.delete(session, CASE, case_id)


def find_case(session: Session, reference: str | int) -> Case:
    """A case by id or docket number (what the command line accepts as CASE)."""
    text = str(reference).strip()
    case = None
    record_id = f.record_id_in(text)  # None past any id a database holds
    if record_id is not None:
        case = session.get(Case, record_id)
    if case is None and text:
        matches = session.scalars(
            select(Case).where(func.lower(Case.docket_number) == text.lower())
        ).all()
        if len(matches) > 1:
            raise NotFoundError(f"more than one case has docket number {text!r}; use its id")
        case = matches[0] if matches else None
    if case is None:
        raise NotFoundError(f"no case with id or docket number {text!r}")
    return case


def resolve_case_id(ws: Workspace, reference: str | int) -> int:
    with ws.reader() as session:
        return find_case(session, reference).id


def list_cases(ws: Workspace, text_filter: str = "") -> list[Case]:
    with ws.reader() as session:
        query = select(Case).order_by(Case.caption, Case.id)
        if text_filter.strip():
            like = f"%{text_filter.strip()}%"
            query = query.where(or_(Case.caption.ilike(like), Case.docket_number.ilike(like)))
        return list(session.scalars(query))
