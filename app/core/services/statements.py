"""Statements: who said what, when, to whom, and where we learned it."""

from __future__ import annotations

from app.core import vocab
from app.core.services import fields as f
from app.core.services import records
from app.core.services.case_record import CaseRecordService
from app.core.storage.models import Document, Issue, Party, Statement

STATEMENT = records.Entity(
    model=Statement,
    noun="statement",
    fields={
        "speaker_id": f.Field("Speaker", f.required_id, None),
        "recipient_party_id": f.Field("Recipient", f.optional_id, None),
        "recipient_text": f.Field("Recipient / audience", f.text(300)),
        "date": f.Field("Date", f.date, None),
        "setting": f.Field(
            "Setting", f.code(vocab.STATEMENT_SETTINGS), "other", vocab.STATEMENT_SETTINGS
        ),
        "text": f.Field("Verbatim text", f.text(required=True, multiline=True)),
        "source_document_id": f.Field("Source document", f.optional_id, None),
        "pin_cite": f.Field("Pin cite", f.text(100)),
        "sworn": f.Field("Sworn", f.boolean, False),
        "reported": f.Field("Reported speech", f.boolean, False),
        "notes": f.Field("Notes", f.text(multiline=True)),
        "issue_ids": f.Field("Legal issues", f.id_list, list),
    },
    same_case_refs={
        "speaker_id": Party,
        "recipient_party_id": Party,
        "source_document_id": Document,
    },
    links={"issue_ids": records.Link("issues", Issue)},
)

_service = CaseRecordService(STATEMENT)
add_statement = _service.add
update_statement = _service.update
get_statement = _service.get
delete_statement = _service.delete
statements_of_case = _service.list_for_case
