"""The case form: caption, court, status and dates of a whole case file."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from app.core import vocab
from app.gui import style
from app.gui.forms.record import EntityForm
from app.gui.widgets.accessible import describe, name_editors
from app.gui.widgets.basic import ChoiceCombo, LineEdit, PlainTextEdit, VocabCombo
from app.gui.widgets.date_edit import PartialDateEdit

COMMENCED_HINT = "The day the first accusatory instrument was filed; empty = arraignment."


class CaseForm(EntityForm):
    kind = "case"
    default_size = (680, 600)

    def build(self) -> None:
        form = self.new_form()
        self.add(form, "caption", LineEdit("People v. …"))
        self.add(form, "docket_number", LineEdit("e.g. CR-012345-20NY"), "Docket / index no.")
        self.add(form, "court", LineEdit("e.g. Criminal Court of the City of New York"))
        self.add(form, "jurisdiction", LineEdit("e.g. New York County"))
        self.add(form, "status", VocabCombo(vocab.CASE_STATUSES))
        self.add(form, "opened_on", PartialDateEdit())
        self.add(form, "closed_on", PartialDateEdit())
        # Day 0 of the speedy-trial clock, with what an empty field means said under it.
        commenced = self.bind("commenced_on", PartialDateEdit(), self.label_of("commenced_on"))
        hint = style.muted(QLabel(COMMENCED_HINT))
        hint.setWordWrap(True)
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(commenced)
        box.addWidget(hint)
        self.add_row(form, self.label_of("commenced_on"), box, ["commenced_on"], [commenced])
        describe(commenced, COMMENCED_HINT)
        self.add(form, "custody", ChoiceCombo(vocab.CUSTODY.items(), "Not recorded"))
        self.add(form, "assigned_staff", LineEdit("Attorney, investigator, paralegal"))
        self.add(
            form, "summary", PlainTextEdit("What the case is about, in a few lines", 4, grow=True)
        )
        self.add(form, "notes", PlainTextEdit(lines=3, grow=True))
        name_editors(self.fields, self.labels)
