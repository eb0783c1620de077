"""Choosing a person by typing their name: the speaker of a statement, the person of a party.

Completion offers the case's parties first, then everyone else in the workspace.
A name that matches nobody is a new person, created when the form is saved (and
made a party of the case in the same undo step); the line under the field says
which of the three it will be, so nobody creates "Officer Kenneth Thomas" twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core import vocab
from app.gui.widgets.basic import VocabCombo
from app.gui.widgets.style import muted_color, set_label_color

NAME_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
ID_ROLE = Qt.ItemDataRole.UserRole + 3


@dataclass(frozen=True)
class PersonPick:
    """Who the text names: a party of the case, a person not yet in it, or someone new."""

    name: str
    party_id: int | None = None
    person_id: int | None = None
    role: str = "witness"  # for a person who becomes a party on save

    @property
    def is_new(self) -> bool:
        return self.party_id is None and self.person_id is None


def _roles_text(roles: list[str]) -> str:
    return ", ".join(vocab.label(vocab.ROLES, r) for r in roles)


class _Completer(QCompleter):
    def __init__(self, model: QStandardItemModel, parent: QWidget) -> None:
        super().__init__(model, parent)
        self.setCompletionRole(NAME_ROLE)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setMaxVisibleItems(10)


class PersonChooser(QWidget):
    """A name field with completion over parties and people; ``value()`` is a PersonPick."""

    changed = Signal()
    picked = Signal(object)  # PersonPick chosen from the completion list

    def __init__(
        self,
        parties: list[dict[str, Any]],
        people: list[dict[str, Any]],
        *,
        allow_new: bool = True,
        new_role: str | None = "witness",
        placeholder: str = "Type a name…",
        show_hint: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.allow_new = allow_new
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setVisible(show_hint)
        set_label_color(self.hint, muted_color(self.palette()))
        self.role = VocabCombo(vocab.ROLES, self)
        self.role.set_value(new_role or "witness")
        self.role.setToolTip("The role the person takes in this case")
        self._show_role = new_role is not None
        self.model = QStandardItemModel(self)
        self._parties = parties
        in_case = {p["person_id"] for p in parties}
        self._people = [p for p in people if p["id"] not in in_case]
        for party in parties:
            self._add_item(party["name"], _roles_text(party["roles"]), "party", party["id"])
        for person in self._people:
            detail = person.get("affiliation") or "in other cases"
            self._add_item(person["name"], f"not in this case · {detail}", "person", person["id"])
        self.completer = _Completer(self.model, self)
        self.edit.setCompleter(self.completer)
        self.completer.activated[QModelIndex].connect(self._activated)
        self._picked: PersonPick | None = None

        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(8)
        line.addWidget(self.hint, 1)
        line.addWidget(self.role)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.edit)
        layout.addLayout(line)
        self.setFocusProxy(self.edit)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.edit.textChanged.connect(self._refresh)
        self.role.changed.connect(self.changed)
        self._refresh()

    def _add_item(self, name: str, detail: str, kind: str, record_id: int) -> None:
        item = QStandardItem(f"{name}   —   {detail}" if detail else name)
        item.setData(name, NAME_ROLE)
        item.setData(kind, KIND_ROLE)
        item.setData(record_id, ID_ROLE)
        item.setEditable(False)
        self.model.appendRow(item)

    def _activated(self, index: QModelIndex) -> None:
        # ``index`` is in the completion model (a proxy); read the roles through it.
        kind = index.data(KIND_ROLE)
        record_id = index.data(ID_ROLE)
        name = index.data(NAME_ROLE)
        if kind == "party":
            self._picked = PersonPick(name, party_id=record_id)
        else:
            self._picked = PersonPick(name, person_id=record_id)
        self._refresh()
        self.picked.emit(self._picked)

    def _resolve(self) -> PersonPick | None:
        name = " ".join(self.edit.text().split())
        if not name:
            return None
        if self._picked is not None and self._picked.name == name:
            return PersonPick(name, self._picked.party_id, self._picked.person_id, self._role())
        folded = name.casefold()
        for party in self._parties:
            if party["name"].casefold() == folded:
                return PersonPick(party["name"], party_id=party["id"])
        for person in self._people:
            if person["name"].casefold() == folded:
                return PersonPick(person["name"], person_id=person["id"], role=self._role())
        return PersonPick(name, role=self._role())

    def _role(self) -> str:
        return str(self.role.value())

    def _refresh(self) -> None:
        pick = self._resolve()
        show_role = False
        if pick is None:
            text = (
                "Start typing: people in this case and the workspace are offered."
                if self._show_role
                else ""
            )
        elif pick.party_id is not None:
            roles = next((p["roles"] for p in self._parties if p["id"] == pick.party_id), [])
            text = f"In this case · {_roles_text(roles)}" if roles else "In this case"
        elif pick.person_id is not None:
            if self._show_role:
                text = "Already in the workspace; will be added to this case as"
            else:
                text = "Already in the workspace; their details are filled in below."
            show_role = self._show_role
        elif self.allow_new:
            if self._show_role:
                text = "New person; will be created and added to this case as"
            else:
                text = "New person; created when you save."
            show_role = self._show_role
        else:
            text = "Nobody of that name is part of this case."
        self.hint.setText(text)
        self.role.setVisible(show_role)
        self.changed.emit()

    # -- the widget protocol ---------------------------------------------------

    def value(self) -> PersonPick | None:
        return self._resolve()

    def set_value(self, value: Any) -> None:
        """Accepts a party id (an existing speaker) or a PersonPick."""
        if value is None:
            self._picked = None
            self.edit.setText("")
            return
        if isinstance(value, PersonPick):
            self._picked = value
            self.edit.setText(value.name)
            return
        party = next((p for p in self._parties if p["id"] == value), None)
        if party is not None:
            self._picked = PersonPick(party["name"], party_id=party["id"])
            self.edit.setText(party["name"])

    def error_target(self) -> QWidget:
        return self.edit
