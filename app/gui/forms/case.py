"""The case form: caption, client, court, status and dates of a whole case file.

A new case names its client here: someone already in the workspace (completion, and
near matches for a name typed a little differently), or a new person. The client
is saved as a person in the case with the client role, in the same unit of work and
undo step as the case. Editing a case, the client is changed in People instead.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from app.core import vocab
from app.core.services import choices, people
from app.core.services import restore as rs
from app.core.services.operations import MAIN, SavePlan
from app.gui import style
from app.gui.forms.near_matches import NearMatches
from app.gui.forms.record import EntityForm
from app.gui.widgets.accessible import describe, name_editors
from app.gui.widgets.basic import ChoiceCombo, LineEdit, PlainTextEdit, VocabCombo
from app.gui.widgets.date_edit import PartialDateEdit
from app.gui.widgets.person_chooser import PersonChooser, PersonPick

COMMENCED_HINT = "The day the first accusatory instrument was filed; empty = arraignment."
CLIENT_HINT = "The person we represent: pick someone in the workspace or type a new name."


class CaseForm(EntityForm):
    kind = "case"
    default_size = (680, 600)

    def build(self) -> None:
        form = self.new_form()
        self.add(form, "caption", LineEdit("People v. …"))
        self.client: PersonChooser | None = None
        if self.record_id is None:
            self._add_client(form)
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

    def _add_client(self, form) -> None:  # type: ignore[no-untyped-def]
        self.client = PersonChooser(
            [],
            choices.people(self.ws),
            new_role=None,
            placeholder="Client's full name (optional)",
        )
        self.client.setToolTip(CLIENT_HINT)
        self.client_matches = NearMatches(self.ws, self.client, "client")
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(self.client)
        box.addWidget(self.client_matches)
        self.bind("client", self.client, "Client")
        self.add_row(form, "Client", box, ["client"], [self.client])
        describe(self.client, CLIENT_HINT)

    def plan(self) -> SavePlan:
        plan = super().plan()
        if self.client is None:
            return plan
        refusal = self.client_matches.refusal()
        if refusal is not None:
            raise refusal
        client_plan(self.client.value(), plan)
        return plan


def client_plan(pick: PersonPick | None, plan: SavePlan) -> None:
    """Add to a new case's ``plan`` its client: a new person, or one already known."""
    if pick is None:
        return
    party = {"roles": ["client"], "notes": ""}
    if pick.person_id is not None:
        plan.then.append(
            rs.Create("client", people.PARTY, {**party, "person_id": pick.person_id}, case_ref=MAIN)
        )
        return
    plan.creates.append(rs.Create("client_person", people.PERSON, {"name": pick.name}))
    plan.then.append(
        rs.Create("client", people.PARTY, party, refs={"person_id": "client_person"}, case_ref=MAIN)
    )
