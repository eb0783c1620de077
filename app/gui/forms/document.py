"""The document form: what the document is, where it came from, and its file."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel

from app.core import vocab
from app.core.services import choices, documents
from app.core.services.operations import SavePlan
from app.gui.forms.record import EntityForm
from app.gui.widgets.basic import CheckBox, LineEdit, PlainTextEdit, VocabCombo
from app.gui.widgets.check_list import CheckList
from app.gui.widgets.date_edit import PartialDateEdit
from app.gui.widgets.file_field import FileField


class DocumentForm(EntityForm):
    kind = "document"
    default_size = (720, 620)

    def build(self) -> None:
        form = self.new_form()
        self.add(form, "title", LineEdit("e.g. Criminal complaint"))
        self.add(form, "kind", VocabCombo(vocab.DOCUMENT_KINDS))
        self.add(form, "date", PartialDateEdit())
        self.add(form, "author", LineEdit("Who wrote or published it"))
        self.file = self.field(form, "file", FileField(self.interaction), "File")
        self.add(form, "provenance", PlainTextEdit("How we got it: from whom, when, how", 2))
        start = self.bind("bates_start", LineEdit("DEF-000001"), "Bates start")
        end = self.bind("bates_end", LineEdit("DEF-000014"), "Bates end")
        privileged = self.bind("privileged", CheckBox("Privileged"), "Privileged")
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(start, 1)
        dash = QLabel("to")
        row.addWidget(dash)
        row.addWidget(end, 1)
        row.addSpacing(14)
        row.addWidget(privileged)
        self.add_row(form, "Bates range", row, ["bates_start", "bates_end", "privileged"])
        issue_rows = choices.issues(self.ws, self.case_id) if self.case_id else []
        self.add(
            form,
            "issue_ids",
            CheckList(
                ((i["id"], i["title"]) for i in issue_rows), "No legal issues in this case yet"
            ),
        )
        self.add(form, "notes", PlainTextEdit(lines=3))

    def load_values(self, values):  # type: ignore[no-untyped-def]
        super().load_values(values)
        self.file.show_attached(values.get("file_name"), values.get("file_size"))

    def plan(self) -> SavePlan:
        values = self.collect()
        path = values.pop("file")
        plan = SavePlan({k: v for k, v in values.items() if k in self.services.entity.fields})
        if path is not None:
            if self.record_id is None:
                plan.service_kwargs["file"] = path
            else:
                # The file is stored before the row refers to it (the store's rule);
                # the row's file fields then change with the rest, in one undo step.
                plan.values.update(documents.file_fields(self.ws.store.add_file(path)))
        return plan
