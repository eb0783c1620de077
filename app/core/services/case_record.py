"""The add/update/get/delete quartet for a case-scoped record, written once.

Areas whose records need nothing beyond the shared rules build their service
functions with :func:`case_record_service`; areas with extra rules (parties,
documents) write their own on top of ``records``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.core.services import records
from app.core.storage.workspace import Workspace


@dataclass(frozen=True)
class CaseRecordService:
    entity: records.Entity

    def add(
        self, ws: Workspace, case_id: int, *, record_id: int | None = None, **values: Any
    ) -> int:
        with ws.session() as session:
            return records.create(
                session, self.entity, values, case_id=case_id, record_id=record_id
            ).id

    def update(
        self, ws: Workspace, record_id: int, *, expected_version: int | None = None, **values: Any
    ) -> None:
        with ws.session() as session:
            records.update(
                session, self.entity, record_id, values, expected_version=expected_version
            )

    def get(self, ws: Workspace, record_id: int) -> dict[str, Any]:
        with ws.reader() as session:
            return records.snapshot(self.entity, records.get(session, self.entity, record_id))

    def delete(self, ws: Workspace, record_id: int) -> None:
        with ws.session() as session:
            records.delete(session, self.entity, record_id)

    def list_for_case(self, ws: Workspace, case_id: int) -> list[Any]:
        model = self.entity.model
        with ws.reader() as session:
            return list(
                session.scalars(select(model).where(model.case_id == case_id).order_by(model.id))
            )
