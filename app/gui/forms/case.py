"""The case form: caption, court, status and dates of a whole case file."""

from __future__ import annotations

from app.core import vocab
from app.gui.forms.record import EntityForm
from app.gui.widgets.basic import LineEdit, PlainTextEdit, VocabCombo
from app.gui.widgets.date_edit import PartialDateEdit


class CaseForm(EntityForm):
    kind = "case"
    default_size = (680, 540)

    def build(self) -> None:
        form = self.new_form()
        self.add(form, "caption", LineEdit("People v. …"))
        self.add(form, "docket_number", LineEdit("e.g. CR-012345-20NY"), "Docket / index no.")
        self.add(form, "court", LineEdit("e.g. Criminal Court of the City of New York"))
        self.add(form, "jurisdiction", LineEdit("e.g. New York County"))
        self.add(form, "status", VocabCombo(vocab.CASE_STATUSES))
        self.add(form, "opened_on", PartialDateEdit())
        self.add(form, "closed_on", PartialDateEdit())
        self.add(form, "assigned_staff", LineEdit("Attorney, investigator, paralegal"))
        self.add(
            form, "summary", PlainTextEdit("What the case is about, in a few lines", 4, grow=True)
        )
        self.add(form, "notes", PlainTextEdit(lines=3, grow=True))
