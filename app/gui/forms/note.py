"""The note form: a note or to-do on the case."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout

from app.gui.forms.record import EntityForm
from app.gui.widgets.basic import CheckBox, PlainTextEdit


class NoteForm(EntityForm):
    kind = "note"
    default_size = (560, 330)

    def build(self) -> None:
        form = self.new_form()
        self.add(form, "body", PlainTextEdit("Write the note…", 7, grow=True))
        todo = self.bind("is_todo", CheckBox("To-do"), "To-do")
        done = self.bind("done", CheckBox("Done"), "Done")
        staff = self.bind("staff_only", CheckBox("Staff only (never in a brief)"), "Staff only")
        row = QHBoxLayout()
        row.setSpacing(18)
        for box in (todo, done, staff):
            row.addWidget(box)
        row.addStretch(1)
        self.add_row(form, "", row, ["is_todo", "done", "staff_only"])
        todo.changed.connect(lambda: done.setEnabled(todo.value()))
        done.setEnabled(False)

    def load_values(self, values):  # type: ignore[no-untyped-def]
        super().load_values(values)
        self.fields["done"].setEnabled(bool(values.get("is_todo")))
