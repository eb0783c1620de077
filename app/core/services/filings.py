"""Filings: what happens off calendar - readiness, certificates of compliance, motions,
decisions. Readiness counts for the speedy-trial clock only with a certificate."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.core import vocab
from app.core.errors import ValidationError
from app.core.services import fields as f
from app.core.services import records
from app.core.services.case_record import CaseRecordService
from app.core.storage.models import Filing


def _certificate_goes_with_readiness(
    _session: Session, filing: Filing, _cleaned: dict[str, Any]
) -> None:
    if filing.with_coc and filing.kind != "readiness":
        raise ValidationError(
            "with_coc",
            "only a statement of readiness is filed with a certificate of compliance; "
            "file a certificate by itself as kind coc",
        )


FILING = records.Entity(
    model=Filing,
    noun="filing",
    fields={
        "date": f.Field("Date", f.day, None),
        "kind": f.Field("Kind", f.code(vocab.FILING_KINDS), "other", vocab.FILING_KINDS),
        "with_coc": f.Field("Filed with a certificate of compliance", f.boolean, False),
        "title": f.Field("Title", f.text(500)),
        "notes": f.Field("Notes", f.text(multiline=True)),
    },
    validators=(_certificate_goes_with_readiness,),
)

_service = CaseRecordService(FILING)
add_filing = _service.add
update_filing = _service.update
get_filing = _service.get
delete_filing = _service.delete
filings_of_case = _service.list_for_case
