"""The issue form: a legal issue or defense theory of the case."""

from __future__ import annotations

from app.core import vocab
from app.gui.forms.record import EntityForm
from app.gui.widgets.basic import LineEdit, PlainTextEdit, VocabCombo


class IssueForm(EntityForm):
    kind = "issue"
    default_size = (600, 360)

    def build(self) -> None:
        form = self.new_form()
        self.add(form, "title", LineEdit("e.g. Suppression of the identification"))
        self.add(form, "status", VocabCombo(vocab.ISSUE_STATUSES))
        self.add(
            form, "description", PlainTextEdit("The theory, the law, what we need", 6, grow=True)
        )
