"""The event form: one entry of the chronology."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel

from app.core import vocab
from app.core.services import choices
from app.gui.forms.record import EntityForm
from app.gui.widgets.basic import LineEdit, OptionalLineEdit, PlainTextEdit, VocabCombo
from app.gui.widgets.check_list import CheckList
from app.gui.widgets.date_edit import PartialDateEdit
from app.gui.widgets.source_chooser import SourceChooser


class EventForm(EntityForm):
    kind = "event"
    default_size = (800, 620)

    def build(self) -> None:
        case_id = self.case_id or 0
        form = self.new_form()
        self.add(form, "title", LineEdit("What happened, in a line"))
        self.add(form, "kind", VocabCombo(vocab.EVENT_KINDS))
        date = self.bind("date", PartialDateEdit(), "Date")
        time = self.bind("time", OptionalLineEdit("14:30"), "Time")
        time.setMaximumWidth(80)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(date, 1)
        time_label = QLabel("Time:")
        time_label.setBuddy(time)
        row.addWidget(time_label)
        row.addWidget(time)
        self.add_row(form, "Date", row, ["date", "time"])
        self.add(form, "place", LineEdit("e.g. 9th Avenue and 42nd Street, Manhattan"))
        self.add(form, "description", PlainTextEdit(lines=4))
        parties = choices.parties(self.ws, case_id)
        self.add(
            form,
            "party_ids",
            CheckList(
                ((p["id"], p["name"]) for p in parties),
                "Nobody is part of this case yet",
                max_rows=4,
                columns=3,
            ),
        )
        source = SourceChooser(choices.documents(self.ws, case_id))
        self.bind("source_document_id", source.document, "Source document")
        self.bind("pin_cite", source.pin, "Pin cite")
        self.add_row(form, "Source", source, ["source_document_id", "pin_cite"])
        issue_rows = choices.issues(self.ws, case_id)
        self.add(
            form,
            "issue_ids",
            CheckList(((i["id"], i["title"]) for i in issue_rows), "No legal issues yet"),
        )
