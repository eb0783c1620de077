"""The form of a person in a case: their roles here, and the person's own details.

In the data this is a *party* (a person's part in one case); everything the person
reads calls it a person in the case (``KINDS["party"].shown_noun``): the title, the
prompts, the undo texts.

Adding, the name field offers everyone already in the workspace: picking one links
the party to that person (their details load below, and edits to them change the
person everywhere); a name nobody has is a new person, created on save together
with the party in one unit of work. ``preset_roles`` ticks roles on a new one (Overview's
"Add the client" opens it with the client role chosen).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from app.core import vocab
from app.core.errors import ValidationError
from app.core.kinds import KINDS
from app.core.services import choices, people
from app.core.services import restore as rs
from app.core.services.operations import SavePlan
from app.core.services.role_fields import PARTY_ROLE_FIELDS, PERSON_ROLE_FIELDS
from app.gui.dialogs.person_statements import other_cases_button
from app.gui.forms.party_roles import RoleGroups, scrolling_column
from app.gui.forms.record import EntityForm
from app.gui.widgets.accessible import name_editors
from app.gui.widgets.basic import LineEdit, ListLineEdit, PlainTextEdit, VocabCombo
from app.gui.widgets.check_list import CheckList
from app.gui.widgets.date_edit import PartialDateEdit
from app.gui.widgets.person_chooser import PersonChooser, PersonPick
from app.gui.widgets.style import muted_color, set_label_color

PERSON_FIELDS = (
    "name",
    "kind",
    "aliases",
    "title",
    "affiliation",
    "phone",
    "email",
    "address",
    "date_of_birth",
    *PERSON_ROLE_FIELDS,
)


class _NameChooser(PersonChooser):
    """The person's name; with completion when adding, plain text when editing."""

    def value(self) -> str:  # type: ignore[override]
        return self.edit.text()

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))

    def pick(self) -> PersonPick | None:
        return self._resolve()


class PartyForm(EntityForm):
    kind = "party"
    default_size = (1120, 640)

    def build(self) -> None:
        # "Save the changes to this person?", "New person in the case": never "party".
        self.noun = KINDS["party"].shown_noun
        verb = "Edit" if self.record_id is not None else "New"
        self.setWindowTitle(f"{verb} {self.noun} in the case")
        self.person_id: int | None = self.snapshot.get("person_id")
        self.person_snapshot: dict[str, Any] = (
            people.get_person(self.ws, self.person_id) if self.person_id else {}
        )
        columns = QHBoxLayout()
        columns.setSpacing(28)
        self.body.addLayout(columns, 1)
        left = QVBoxLayout()
        left.setSpacing(8)
        columns.addLayout(left, 1)
        right = scrolling_column(columns, 1)

        spec = people.PERSON.fields
        self.section("Person", left)
        form = self.new_form(left)
        workspace_people = choices.people(self.ws) if self.record_id is None else []
        in_case = choices.parties(self.ws, self.case_id or 0)
        taken = {p["person_id"] for p in in_case}
        self.name = _NameChooser(
            [],
            [p for p in workspace_people if p["id"] not in taken],
            new_role=None,
            placeholder="Full name, or pick someone already in the workspace",
            show_hint=self.record_id is None,
        )
        self.field(form, "name", self.name, spec["name"].label)
        self.alias("person_id", "name")
        self.name.edit.textChanged.connect(self._name_changed)
        self.add(form, "kind", VocabCombo(vocab.PERSON_KINDS), spec["kind"].label)
        self.field(
            form,
            "aliases",
            ListLineEdit("Nicknames, other spellings (comma between)"),
            spec["aliases"].label,
        )
        for name, hint in (
            ("title", "e.g. Detective, Assistant District Attorney"),
            ("affiliation", "e.g. NYPD 10th Precinct"),
            ("phone", ""),
            ("email", ""),
        ):
            self.field(form, name, LineEdit(hint), spec[name].label)
        self.field(form, "address", PlainTextEdit(lines=2), spec["address"].label)
        self.field(form, "date_of_birth", PartialDateEdit(), spec["date_of_birth"].label)
        self.field(form, "person_notes", PlainTextEdit(lines=2), "Notes on the person")
        self.shared_hint = QLabel()
        self.shared_hint.setWordWrap(True)
        set_label_color(self.shared_hint, muted_color(self.palette()))
        left.addWidget(self.shared_hint)
        left.addWidget(other_cases_button(self), 0, Qt.AlignmentFlag.AlignLeft)
        left.addStretch(1)

        self.section("In this case", right)
        form = self.new_form(right)
        self.roles = self.field(
            form,
            "roles",
            CheckList(vocab.ROLES.items(), max_rows=7, columns=2),
            self.label_of("roles"),
        )
        self.roles.setMinimumWidth(300)
        # The fields of the roles ticked, a box per kind of role, under the roles.
        self.role_groups = RoleGroups(self, right)
        self.roles.changed.connect(self._roles_changed)
        form = self.new_form(right)
        self.add(form, "notes", PlainTextEdit("What this person means for the case", 3), "Notes")
        right.addStretch(1)
        name_editors(self.fields, self.labels)
        self._update_hint()

    def load_values(self, values):  # type: ignore[no-untyped-def]
        super().load_values(values)
        self._load_person(self.person_snapshot)
        self._roles_changed()

    def load_defaults(self) -> None:
        super().load_defaults()
        self.fields["kind"].set_value("individual")
        self._roles_changed()

    def preset_roles(self, roles: list[str]) -> None:
        """Tick ``roles`` on a new person, as if the form had opened with them."""
        self.fields["roles"].set_value(roles)
        self._roles_changed()
        self.mark_clean()

    def _roles_changed(self) -> None:
        self.role_groups.show_for(self.fields["roles"].value())

    def field_problem(self, name: str) -> str | None:
        """The rule of the person's field ``name`` (their NYSID) or else the party's."""
        spec = people.PERSON.fields.get(name) if name in PERSON_FIELDS else None
        if spec is None:
            return super().field_problem(name)
        try:
            spec.clean(name, self.fields[name].value())
        except ValidationError as exc:
            return exc.message
        return None

    def _load_person(self, snapshot: dict[str, Any]) -> None:
        for name in PERSON_FIELDS:
            spec = people.PERSON.fields[name]
            empty = spec.empty() if callable(spec.empty) else spec.empty
            self.fields[name].set_value(snapshot.get(name, empty))
        self.fields["person_notes"].set_value(snapshot.get("notes", ""))

    def _name_changed(self) -> None:
        if self.record_id is not None:
            return
        pick = self.name.pick()
        linked = pick.person_id if pick is not None else None
        if linked != self.person_id:
            # Picking someone loads their details; moving off them clears what was theirs.
            typed = self.name.edit.text()
            self.person_id = linked
            self.person_snapshot = people.get_person(self.ws, linked) if linked else {}
            self.name.edit.blockSignals(True)
            self._load_person(self.person_snapshot or {"name": typed})
            self.name.edit.setText(typed)
            self.name.edit.blockSignals(False)
        self._update_hint()

    def _update_hint(self) -> None:
        if self.person_id is None:
            self.shared_hint.setText("")
        else:
            self.shared_hint.setText(
                "Changes to the person's details apply in every case they are part of."
            )

    def person_values(self) -> dict[str, Any]:
        values = {name: self.fields[name].value() for name in PERSON_FIELDS}
        values["notes"] = self.fields["person_notes"].value()
        return values

    def plan(self) -> SavePlan:
        party = {name: self.fields[name].value() for name in ("roles", *PARTY_ROLE_FIELDS, "notes")}
        person = self.person_values()
        plan = SavePlan(party)
        if self.person_id is None:
            plan.creates.append(rs.Create("person", people.PERSON, person))
            plan.refs["person_id"] = "person"
            return plan
        if self.record_id is None:
            plan.values["person_id"] = self.person_id
        if _differs(person, self.person_snapshot):
            plan.related.append(("person", self.person_id, person))
        return plan


def _differs(values: dict[str, Any], snapshot: dict[str, Any]) -> bool:
    """Whether the form changes the person (dates compared in their stored form)."""
    for name, value in values.items():
        old = snapshot.get(name)
        if hasattr(old, "iso"):
            old = old.iso()
        if (value or None) != (old or None):
            return True
    return False
