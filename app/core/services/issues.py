"""Legal issues and defense theories; statements, events and documents link to them."""

from __future__ import annotations

from app.core import vocab
from app.core.services import fields as f
from app.core.services import records
from app.core.services.case_record import CaseRecordService
from app.core.storage.models import Issue

ISSUE = records.Entity(
    model=Issue,
    noun="issue",
    fields={
        "title": f.Field("Title", f.text(500, required=True)),
        "description": f.Field("Description", f.text(multiline=True)),
        "status": f.Field("Status", f.code(vocab.ISSUE_STATUSES), "open", vocab.ISSUE_STATUSES),
    },
)

_service = CaseRecordService(ISSUE)
add_issue = _service.add
update_issue = _service.update
get_issue = _service.get
delete_issue = _service.delete
issues_of_case = _service.list_for_case
