"""A record form bound to one entity of the core: labels from its field table, values
to and from its snapshot, and what to save as a ``SavePlan``."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QWidget

from app.context import AppContext
from app.core import kinds
from app.core.services import choices
from app.core.services.operations import SavePlan
from app.gui.forms.base import RecordDialog


class EntityForm(RecordDialog):
    kind = "record"

    def __init__(
        self,
        ctx: AppContext,
        case_id: int | None,
        record_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.services = kinds.services(self.kind)
        self.noun = self.services.noun
        self.form_key = self.kind
        noun = self.services.noun
        title = f"Edit {noun}" if record_id is not None else f"New {noun}"
        super().__init__(ctx, title, parent)
        self.ws = ctx.workspace
        self.record_id = record_id
        self.snapshot: dict[str, Any] = (
            self.services.get(self.ws, record_id) if record_id is not None else {}
        )
        if case_id is None and record_id is not None and self.services.entity.case_scoped:
            case_id = choices.case_of(self.ws, self.services.entity.model, record_id)
        self.case_id = case_id
        self.build()
        if self.snapshot:
            self.load_values(self.snapshot)
        else:
            self.load_defaults()
        self.finish()

    # -- for subclasses ------------------------------------------------------------

    def build(self) -> None:
        raise NotImplementedError

    def load_defaults(self) -> None:
        for name, spec in self.services.entity.fields.items():
            if name in self.fields:
                empty = spec.empty() if callable(spec.empty) else spec.empty
                self.fields[name].set_value(empty)

    def plan(self) -> SavePlan:
        values = self.collect()
        return SavePlan({k: v for k, v in values.items() if k in self.services.entity.fields})

    # -- helpers -------------------------------------------------------------------

    def label_of(self, name: str) -> str:
        return self.services.entity.fields[name].label

    def add(self, form: QFormLayout, name: str, widget: Any, label: str | None = None) -> Any:
        return self.field(form, name, widget, label or self.label_of(name))
