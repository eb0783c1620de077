"""Court appearances: the court dates of a case and the entries of its 30.30 ledger."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.core import vocab
from app.core.errors import ValidationError
from app.core.services import fields as f
from app.core.services import records
from app.core.services.case_record import CaseRecordService
from app.core.storage.models import Appearance


def _adjourned_after_the_appearance(
    _session: Session, appearance: Appearance, _cleaned: dict[str, Any]
) -> None:
    if appearance.adjourned_to is not None and appearance.adjourned_to <= appearance.date:
        raise ValidationError(
            "adjourned_to", "the adjourned date must be after the appearance's own date"
        )


def _other_ground_is_named(
    _session: Session, appearance: Appearance, _cleaned: dict[str, Any]
) -> None:
    if appearance.excludable == "other" and not appearance.excludable_other.strip():
        raise ValidationError("excludable_other", "say what the other excludable ground is")


def _asked_days_only_when_not_ready(
    _session: Session, appearance: Appearance, _cleaned: dict[str, Any]
) -> None:
    if appearance.people_asked_days is not None and appearance.people_ready is not False:
        raise ValidationError(
            "people_asked_days", "the People ask for days only when they are not ready"
        )


APPEARANCE = records.Entity(
    model=Appearance,
    noun="court appearance",
    fields={
        "date": f.Field("Date", f.day, None),
        "time": f.Field("Time", f.time_of_day, None),
        "purpose": f.Field(
            "Purpose", f.code(vocab.APPEARANCE_PURPOSES), "other", vocab.APPEARANCE_PURPOSES
        ),
        "part": f.Field("Part / courtroom", f.text(100)),
        "judge": f.Field("Judge", f.text(300)),
        "outcome": f.Field("What happened", f.text(multiline=True)),
        "custody_after": f.Field(
            "Custody after", f.optional_code(vocab.CUSTODY), None, vocab.CUSTODY
        ),
        "adjourned_to": f.Field("Adjourned to", f.optional_day, None),
        "requested_by": f.Field(
            "Adjournment asked by",
            f.optional_code(vocab.ADJOURNMENT_REQUESTERS),
            None,
            vocab.ADJOURNMENT_REQUESTERS,
        ),
        "people_ready": f.Field("People ready", f.optional_boolean, None),
        "people_asked_days": f.Field("Days the People asked for", f.optional_count, None),
        "excludable": f.Field(
            "Excludable ground",
            f.optional_code(vocab.EXCLUDABLE_GROUNDS),
            None,
            vocab.EXCLUDABLE_GROUNDS,
        ),
        "excludable_other": f.Field("Other ground", f.text(300)),
        "arguable": f.Field("Exclusion arguable", f.boolean, False),
        "notes": f.Field("Notes", f.text(multiline=True)),
    },
    validators=(
        _adjourned_after_the_appearance,
        _other_ground_is_named,
        _asked_days_only_when_not_ready,
    ),
)

_service = CaseRecordService(APPEARANCE)
add_appearance = _service.add
update_appearance = _service.update
get_appearance = _service.get
delete_appearance = _service.delete
appearances_of_case = _service.list_for_case
