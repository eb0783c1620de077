"""Charges: the counts of the accusatory instrument and what became of each."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.core import vocab
from app.core.errors import ValidationError
from app.core.services import fields as f
from app.core.services import records
from app.core.services.case_record import CaseRecordService
from app.core.storage.models import Charge


def _disposition_after_offense(_session: Session, charge: Charge, _cleaned: dict[str, Any]) -> None:
    offense, disposed = charge.offense_date, charge.disposition_date
    if offense and disposed and disposed.latest() < offense.earliest():
        raise ValidationError("disposition_date", "the disposition is dated before the offense")


CHARGE = records.Entity(
    model=Charge,
    noun="charge",
    fields={
        "count_number": f.Field("Count", f.positive_int, 1),
        "statute": f.Field("Statute", f.text(100, required=True)),
        "description": f.Field("Description", f.text(500)),
        "offense_class": f.Field("Class", f.text(100)),
        "offense_date": f.Field("Offense date", f.date, None),
        "status": f.Field(
            "Status", f.code(vocab.CHARGE_STATUSES), "pending", vocab.CHARGE_STATUSES
        ),
        "disposition": f.Field("Disposition", f.text(multiline=True)),
        "disposition_date": f.Field("Disposition date", f.date, None),
        "notes": f.Field("Notes", f.text(multiline=True)),
    },
    validators=(_disposition_after_offense,),
)

_service = CaseRecordService(CHARGE)
add_charge = _service.add
update_charge = _service.update
get_charge = _service.get
delete_charge = _service.delete
charges_of_case = _service.list_for_case
