"""Rows for the schedule tests, added as ORM objects (no services involved)."""

from __future__ import annotations

from typing import Any

from app.core.dates import PartialDate
from app.core.storage.models import Appearance, Case, Charge, Deadline, Filing
from app.core.storage.workspace import Workspace


def day(text: str) -> PartialDate:
    return PartialDate.from_iso(text)


def add_case(ws: Workspace, **values: Any) -> int:
    values.setdefault("caption", "People v. Doe")
    with ws.session() as session:
        case = Case(**values)
        session.add(case)
        session.flush()
        return case.id


def add_charge(ws: Workspace, case_id: int, offense_class: str, **values: Any) -> int:
    values.setdefault("statute", "PL 120.00")
    with ws.session() as session:
        row = Charge(case_id=case_id, offense_class=offense_class, **values)
        session.add(row)
        session.flush()
        return row.id


def add_appearance(ws: Workspace, case_id: int, date: str, **values: Any) -> int:
    for key in ("adjourned_to",):
        if isinstance(values.get(key), str):
            values[key] = day(values[key])
    values.setdefault("purpose", "conference")
    with ws.session() as session:
        row = Appearance(case_id=case_id, date=day(date), **values)
        session.add(row)
        session.flush()
        return row.id


def add_filing(ws: Workspace, case_id: int, date: str, kind: str, **values: Any) -> int:
    with ws.session() as session:
        row = Filing(case_id=case_id, date=day(date), kind=kind, **values)
        session.add(row)
        session.flush()
        return row.id


def add_deadline(ws: Workspace, case_id: int, date: str, title: str, **values: Any) -> int:
    if isinstance(values.get("met_on"), str):
        values["met_on"] = day(values["met_on"])
    with ws.session() as session:
        row = Deadline(case_id=case_id, date=day(date), title=title, **values)
        session.add(row)
        session.flush()
        return row.id


def update(ws: Workspace, model: type, record_id: int, **values: Any) -> None:
    with ws.session() as session:
        row = session.get(model, record_id)
        for key, value in values.items():
            if isinstance(value, str) and key in ("date", "adjourned_to", "met_on"):
                value = day(value)
            setattr(row, key, value)
