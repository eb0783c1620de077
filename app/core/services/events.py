"""Events: the chronology of a case."""

from __future__ import annotations

from app.core import vocab
from app.core.services import fields as f
from app.core.services import records
from app.core.services.case_record import CaseRecordService
from app.core.storage.models import Document, Event, Issue, Party

EVENT = records.Entity(
    model=Event,
    noun="event",
    fields={
        "kind": f.Field("Kind", f.code(vocab.EVENT_KINDS), "other", vocab.EVENT_KINDS),
        "date": f.Field("Date", f.date, None),
        "time": f.Field("Time", f.time_of_day, None),
        "title": f.Field("Title", f.text(500, required=True)),
        "description": f.Field("Description", f.text(multiline=True)),
        "place": f.Field("Place", f.text(300)),
        "source_document_id": f.Field("Source document", f.optional_id, None),
        "pin_cite": f.Field("Pin cite", f.text(100)),
        "party_ids": f.Field("People involved", f.id_list, list),
        "issue_ids": f.Field("Legal issues", f.id_list, list),
    },
    same_case_refs={"source_document_id": Document},
    links={
        "party_ids": records.Link("people", Party),
        "issue_ids": records.Link("issues", Issue),
    },
)

_service = CaseRecordService(EVENT)
add_event = _service.add
update_event = _service.update
get_event = _service.get
delete_event = _service.delete
events_of_case = _service.list_for_case
