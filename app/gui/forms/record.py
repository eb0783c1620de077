"""A record form bound to one entity of the core: labels from its field table, values
to and from its snapshot, what to save as a ``SavePlan``, and the field rules that
clear a refused field's message as soon as it is fixed."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from app.context import AppContext
from app.core import kinds
from app.core.errors import ValidationError
from app.core.services import choices, fields
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
        self._tidy_times()
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

    def field_problem(self, name: str) -> str | None:
        """The entity's own rule for the field, run on what the field holds now."""
        spec = self.services.entity.fields.get(name)
        widget = self.fields.get(name)
        if spec is None or widget is None:
            return None
        try:
            spec.clean(name, widget.value())
        except ValidationError as exc:
            return exc.message
        return None

    def _tidy_times(self) -> None:
        # "930" or "9:30 pm" is shown as it will be stored (09:30, 21:30) once the
        # person leaves the field, so what they see is what is saved.
        for name, spec in self.services.entity.fields.items():
            editor = self.fields.get(name)
            if spec.clean is fields.time_of_day and isinstance(editor, QLineEdit):
                editor.editingFinished.connect(lambda e=editor, n=name: _show_as_stored(e, n))

    # -- helpers -------------------------------------------------------------------

    def label_of(self, name: str) -> str:
        return self.services.entity.fields[name].label

    def add(self, form: QFormLayout, name: str, widget: Any, label: str | None = None) -> Any:
        return self.field(form, name, widget, label or self.label_of(name))


def _show_as_stored(editor: QLineEdit, name: str) -> None:
    try:
        cleaned = fields.time_of_day(name, editor.text())
    except ValidationError:
        return  # left as typed; saving says what is wrong with it
    if cleaned is not None and cleaned != editor.text():
        editor.setText(cleaned)
