"""The filing form: what is filed off calendar (readiness, a certificate of compliance,
a motion, a decision)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from app.core import vocab
from app.core.services.operations import SavePlan
from app.gui.forms.record import EntityForm
from app.gui.widgets.accessible import name_editors
from app.gui.widgets.basic import CheckBox, LineEdit, PlainTextEdit, VocabCombo
from app.gui.widgets.date_edit import PartialDateEdit


class FilingForm(EntityForm):
    kind = "filing"
    default_size = (620, 400)

    def build(self) -> None:
        form = self.new_form()
        self.add(form, "date", PartialDateEdit())
        self.add(form, "kind", VocabCombo(vocab.FILING_KINDS))
        with_coc = CheckBox("Filed with a certificate of compliance (CPL 245.50)")
        self.bind("with_coc", with_coc, self.label_of("with_coc"))
        self.add_row(form, "", with_coc, ["with_coc"])
        self.add(form, "title", LineEdit("e.g. Statement of readiness and COC"))
        self.add(form, "notes", PlainTextEdit(lines=3, grow=True))
        self.fields["kind"].changed.connect(self._update_enabled)
        name_editors(self.fields, self.labels)
        self._update_enabled()

    def _update_enabled(self) -> None:
        # Only readiness is filed together with a certificate; a certificate filed by
        # itself is its own kind.
        self.fields["with_coc"].setEnabled(self.fields["kind"].value() == "readiness")

    def load_values(self, values: Mapping[str, Any]) -> None:
        super().load_values(values)
        self._update_enabled()

    def load_defaults(self) -> None:
        super().load_defaults()
        self.fields["date"].set_value(dt.date.today().isoformat())
        self._update_enabled()

    def plan(self) -> SavePlan:
        plan = super().plan()
        if plan.values.get("kind") != "readiness":
            plan.values["with_coc"] = False
        return plan
