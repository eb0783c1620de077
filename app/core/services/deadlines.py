"""Deadlines staff add by hand. Deadlines computed from rules are never stored: they
follow their inputs (``app.core.schedule``)."""

from __future__ import annotations

from app.core import vocab
from app.core.services import fields as f
from app.core.services import records
from app.core.services.case_record import CaseRecordService
from app.core.storage.models import Deadline

DEADLINE = records.Entity(
    model=Deadline,
    noun="deadline",
    fields={
        "title": f.Field("Title", f.text(500, required=True)),
        "kind": f.Field("Kind", f.code(vocab.DEADLINE_KINDS), "other", vocab.DEADLINE_KINDS),
        "date": f.Field("Due", f.day, None),
        "time": f.Field("Time", f.time_of_day, None),
        "met_on": f.Field("Met on", f.optional_day, None),
        "notes": f.Field("Notes", f.text(multiline=True)),
    },
)

_service = CaseRecordService(DEADLINE)
add_deadline = _service.add
update_deadline = _service.update
get_deadline = _service.get
delete_deadline = _service.delete
deadlines_of_case = _service.list_for_case
