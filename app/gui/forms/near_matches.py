"""Near matches for a name that matches nobody: "Did you mean …?", before a new person is made.

A speaker or client typed with a small difference ("Ken Thomas" for Kenneth Thomas)
used to become a second person without a word. Under a :class:`PersonChooser` this
strip offers the people the conflict matcher finds close to the typed name (in this
case first, then in other cases), and an explicit "New person" button. Until one
of them is chosen, :meth:`NearMatches.refusal` says why the form cannot save.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.core.errors import ValidationError
from app.core.intake.conflicts import check_person
from app.core.storage.workspace import Workspace
from app.core.vocab import ROLES, label
from app.gui.widgets.person_chooser import PersonChooser, PersonPick

MOST_OFFERED = 3
TYPING_PAUSE_MS = 300


@dataclass(frozen=True)
class NearMatch:
    """Someone close to the typed name: a person in this case, or one in another case."""

    pick: PersonPick
    text: str  # "Kenneth Thomas (in this case · Police officer)"
    score: int


def near_matches(ws: Workspace, name: str, case_id: int | None) -> list[NearMatch]:
    """The people close to ``name``: those in ``case_id`` first, then the best scores."""
    found: dict[int, NearMatch] = {}
    for hit in check_person(ws, name):
        here = case_id is not None and hit.case_id == case_id
        roles = ", ".join(label(ROLES, role) for role in hit.roles_there)
        where = f"in this case · {roles}" if here else f"in {hit.case_caption}"
        pick = (
            PersonPick(hit.person_name, party_id=hit.party_id)
            if here
            else PersonPick(hit.person_name, person_id=hit.person_id)
        )
        match = NearMatch(pick, f"{hit.person_name} ({where})", hit.score + (100 if here else 0))
        if hit.person_id not in found or match.score > found[hit.person_id].score:
            found[hit.person_id] = match
    ranked = sorted(found.values(), key=lambda m: (-m.score, m.text))
    return ranked[:MOST_OFFERED]


def _literal(text: str) -> str:
    """``text`` on a button as written: a lone "&" would mark a shortcut letter."""
    return text.replace("&", "&&")


class NearMatches(QWidget):
    """The strip under a name field: near matches to pick, and "New person" to confirm."""

    def __init__(
        self,
        ws: Workspace,
        chooser: PersonChooser,
        field: str,
        case_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws, self.chooser, self.field, self.case_id = ws, chooser, field, case_id
        self.matches: list[NearMatch] = []
        self.confirmed_new = ""  # the name "New person" was pressed for
        self._checked_name = ""
        self.label = QLabel("Did you mean:")
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(6)
        self.row.addWidget(self.label)
        self.buttons: list[QPushButton] = []
        self.new_button = QPushButton()
        self.new_button.setToolTip("Nobody offered is the one: create a new person on save")
        self.new_button.setAccessibleName("New person")
        self.new_button.clicked.connect(self._confirm_new)
        self.row.addStretch(1)
        self.row.addWidget(self.new_button)
        self.setAccessibleName("Near matches")
        self.setVisible(False)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.refresh)
        chooser.edit.textChanged.connect(self._timer.start)

    def _name(self) -> str:
        return " ".join(self.chooser.edit.text().split())

    def _pending_new(self) -> PersonPick | None:
        pick = self.chooser.value()
        return pick if pick is not None and pick.is_new else None

    def refresh(self) -> None:
        """Look the typed name up now (also done after a pause in typing)."""
        self._timer.stop()
        pick = self._pending_new()
        name = self._name()
        self._checked_name = name
        self.matches = near_matches(self.ws, name, self.case_id) if pick is not None else []
        for button in self.buttons:
            self.row.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        for position, match in enumerate(self.matches, start=1):
            button = QPushButton(_literal(match.text))
            button.setAccessibleName(match.text)
            button.setToolTip(f"Use {match.pick.name}, who is already in the workspace")
            button.clicked.connect(lambda _checked=False, m=match: self._use(m))
            self.row.insertWidget(position, button)
            self.buttons.append(button)
        self.new_button.setText(_literal(f"New person “{name}”"))
        self.new_button.setCheckable(True)
        self.new_button.setChecked(self.confirmed_new == name)
        self.setVisible(bool(self.matches))

    def _use(self, match: NearMatch) -> None:
        self.chooser.set_value(match.pick)
        self.refresh()

    def _confirm_new(self) -> None:
        self.confirmed_new = self._name()
        self.new_button.setChecked(True)

    def refusal(self) -> ValidationError | None:
        """Why the form cannot save yet: a new name with near matches nobody decided on."""
        if self._pending_new() is None:
            return None
        if self._checked_name != self._name() or self._timer.isActive():
            self.refresh()
        if not self.matches or self.confirmed_new == self._name():
            return None
        offered = ", ".join(match.pick.name for match in self.matches)
        return ValidationError(
            self.field,
            f"“{self._name()}” is close to {offered}: choose who it is under the name, "
            "or New person to create someone new",
        )
