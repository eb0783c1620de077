"""The statement form: who said what, when, to whom, and where we learned it.

The speaker is typed with completion; a name nobody in the case has becomes a new
person and party when the statement is saved, in the same unit of work and the
same undo step, so a cancelled or refused save leaves no stray person behind. A new
name close to someone already known ("Ken Thomas") first offers them: the save
waits until one of them, or "New person", is chosen.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from app.core import vocab
from app.core.services import choices, people
from app.core.services import restore as rs
from app.core.services.operations import SavePlan
from app.gui.forms.near_matches import NearMatches
from app.gui.forms.record import EntityForm
from app.gui.guide.fields import STATEMENT_FIELDS, explain_fields
from app.gui.widgets.basic import (
    CheckBox,
    ChoiceCombo,
    LineEdit,
    PlainTextEdit,
    VerbatimEdit,
    VocabCombo,
)
from app.gui.widgets.check_list import CheckList
from app.gui.widgets.date_edit import PartialDateEdit
from app.gui.widgets.person_chooser import PersonChooser, PersonPick
from app.gui.widgets.source_chooser import SourceChooser


def speaker_plan(
    pick: PersonPick | None, case_id: int, field: str, plan: SavePlan, prefix: str
) -> None:
    """Fill ``field`` of ``plan`` from a pick, creating the person/party it needs."""
    if pick is None:
        plan.values[field] = None
        return
    if pick.party_id is not None:
        plan.values[field] = pick.party_id
        return
    party = {"roles": [pick.role], "notes": ""}
    if pick.person_id is not None:
        plan.creates.append(
            rs.Create(
                f"{prefix}_party", people.PARTY, {**party, "person_id": pick.person_id}, case_id
            )
        )
    else:
        plan.creates.append(rs.Create(f"{prefix}_person", people.PERSON, {"name": pick.name}))
        plan.creates.append(
            rs.Create(
                f"{prefix}_party", people.PARTY, party, case_id, {"person_id": f"{prefix}_person"}
            )
        )
    plan.values.pop(field, None)
    plan.refs[field] = f"{prefix}_party"


class StatementForm(EntityForm):
    kind = "statement"
    default_size = (900, 700)

    def build(self) -> None:
        case_id = self.case_id or 0
        parties = choices.parties(self.ws, case_id)
        top = self.new_form()
        speaker_label = self.label_of("speaker_id")
        self.speaker = self.bind(
            "speaker_id",
            PersonChooser(parties, choices.people(self.ws), placeholder="Who said it?"),
            speaker_label,
        )
        # The near matches sit right under the name, above any error about it.
        self.speaker_matches = NearMatches(self.ws, self.speaker, "speaker_id", case_id)
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(self.speaker)
        box.addWidget(self.speaker_matches)
        self.add_row(top, speaker_label, box, ["speaker_id"], [self.speaker])
        self.alias("name", "speaker_id")
        self.alias("person_id", "speaker_id")
        self.alias("roles", "speaker_id")

        date = self.bind("date", PartialDateEdit(), "Date")
        self.add_row(top, "Date", date, ["date"])
        setting = self.bind("setting", VocabCombo(vocab.STATEMENT_SETTINGS), "Setting")
        sworn = self.bind("sworn", CheckBox("Sworn"), "Sworn")
        reported = self.bind(
            "reported", CheckBox("Reported speech (in substance, not verbatim)"), "Reported speech"
        )
        row = QHBoxLayout()
        row.setSpacing(14)
        row.addWidget(setting)
        row.addWidget(sworn)
        row.addWidget(reported)
        row.addStretch(1)
        self.add_row(top, "Setting", row, ["setting", "sworn", "reported"])

        recipient = self.bind(
            "recipient_party_id",
            ChoiceCombo(
                ((p["id"], p["name"]) for p in parties),
                none_label="(nobody in the case)",
                min_chars=18,
            ),
            "Recipient",
        )
        audience = self.bind(
            "recipient_text", LineEdit("or the audience: a reporter, a 911 operator…"), "Audience"
        )
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(recipient)
        row.addWidget(audience, 1)
        self.add_row(top, "Said to", row, ["recipient_party_id", "recipient_text"])

        self.text = self.bind(
            "text",
            VerbatimEdit("Type or paste the words, with the speaker's own spelling and grammar."),
            "Verbatim text",
        )
        self.add_block("Verbatim text — exactly as said or written:", self.text, ["text"])

        bottom = self.new_form()
        source = SourceChooser(choices.documents(self.ws, case_id))
        self.bind("source_document_id", source.document, "Source document")
        self.bind("pin_cite", source.pin, "Pin cite")
        self.add_row(bottom, "Source", source, ["source_document_id", "pin_cite"])
        issue_rows = choices.issues(self.ws, case_id)
        self.add(
            bottom,
            "issue_ids",
            CheckList(
                ((i["id"], i["title"]) for i in issue_rows), "No legal issues in this case yet", 4
            ),
        )
        self.add(bottom, "notes", PlainTextEdit("Our notes: context, doubts, follow-up", 2))
        explain_fields(self.fields, STATEMENT_FIELDS)  # Shift+F1: what to type in each

    def plan(self) -> SavePlan:
        refusal = self.speaker_matches.refusal()
        if refusal is not None:
            raise refusal
        plan = super().plan()
        speaker_plan(
            self.fields["speaker_id"].value(), self.case_id or 0, "speaker_id", plan, "speaker"
        )
        return plan
