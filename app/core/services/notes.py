"""Notes and to-dos on a case."""

from __future__ import annotations

from app.core.services import fields as f
from app.core.services import records
from app.core.services.case_record import CaseRecordService
from app.core.storage.models import Note

NOTE = records.Entity(
    model=Note,
    noun="note",
    fields={
        "body": f.Field("Note", f.text(required=True, multiline=True)),
        "is_todo": f.Field("To-do", f.boolean, False),
        "done": f.Field("Done", f.boolean, False),
        "staff_only": f.Field("Staff only", f.boolean, False),
    },
)

_service = CaseRecordService(NOTE)
add_note = _service.add
update_note = _service.update
get_note = _service.get
delete_note = _service.delete
notes_of_case = _service.list_for_case
