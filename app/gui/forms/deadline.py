"""The deadline form: a deadline added by hand (computed ones follow their rules)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout

from app.core import vocab
from app.gui.forms.appearance import inline
from app.gui.forms.record import EntityForm
from app.gui.widgets.accessible import name_editors
from app.gui.widgets.basic import LineEdit, OptionalLineEdit, PlainTextEdit, VocabCombo
from app.gui.widgets.date_edit import PartialDateEdit


class DeadlineForm(EntityForm):
    kind = "deadline"
    default_size = (700, 400)

    def build(self) -> None:
        form = self.new_form()
        self.add(form, "title", LineEdit("e.g. Omnibus motion due"))
        self.add(form, "kind", VocabCombo(vocab.DEADLINE_KINDS))
        due = self.bind("date", PartialDateEdit(), self.label_of("date"))
        time = OptionalLineEdit("17:00")
        time.setMaximumWidth(80)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(due, 1)
        row.addLayout(inline(self, "time", time, self.label_of("time")))
        self.add_row(form, self.label_of("date"), row, ["date", "time"], [due])
        self.add(form, "met_on", PartialDateEdit())
        self.add(form, "notes", PlainTextEdit(lines=3, grow=True))
        name_editors(self.fields, self.labels)
