"""The charge form: one count of the accusatory instrument and what became of it."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel

from app.core import vocab
from app.core.services import choices
from app.gui.forms.record import EntityForm
from app.gui.widgets.basic import LineEdit, PlainTextEdit, SpinBox, VocabCombo
from app.gui.widgets.date_edit import PartialDateEdit


class ChargeForm(EntityForm):
    kind = "charge"
    default_size = (640, 470)

    def build(self) -> None:
        form = self.new_form()
        count = self.bind("count_number", SpinBox(1, 999), "Count")
        statute = self.bind("statute", LineEdit("e.g. PL 120.00"), "Statute")
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(count)
        row.addSpacing(10)
        statute_label = QLabel("Statute:")
        statute_label.setBuddy(statute)
        row.addWidget(statute_label)
        row.addWidget(statute, 1)
        self.add_row(form, "Count", row, ["count_number", "statute"])
        self.add(form, "description", LineEdit("e.g. Assault in the third degree"))
        self.add(form, "offense_class", LineEdit("e.g. A misdemeanor"))
        self.add(form, "offense_date", PartialDateEdit())
        self.add(form, "status", VocabCombo(vocab.CHARGE_STATUSES))
        self.add(form, "disposition", PlainTextEdit("Plea, dismissal, verdict, sentence…", 2))
        self.add(form, "disposition_date", PartialDateEdit())
        self.add(form, "notes", PlainTextEdit(lines=3))

    def load_defaults(self) -> None:
        super().load_defaults()
        # The next count number, so a run of charges can be typed without thinking.
        if self.case_id is not None:
            self.fields["count_number"].set_value(choices.next_count_number(self.ws, self.case_id))
