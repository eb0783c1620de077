"""The review dialog's Speakers table: each distinct speaker of the kept statements
once, mapped to a party of the case or a new person.

A transcript names its speakers by labels ("OFFICER 1", "SPEAKER 2", "THE COURT")
or by names the reader resolved ("Ms. Jones" for a Q). Each is one row here, with
the labels as written and how many statements it has: choosing who it is (an
existing party, or a new person whose name and role are editable) applies to every
statement under it when the statements are added (``app.core.intake.apply.Speaker``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.core import vocab
from app.core.intake import apply as intake_apply
from app.core.intake.proposal import Proposal

WHO_SAID, AS_WRITTEN, COUNT, IS, NAME, ROLE = range(6)
HEADERS = (
    "Speaker in the text",
    "Labels as written",
    "Statements",
    "Is",
    "Name of a new person",
    "Role of a new person",
)
NEW = 0  # the "Is" choice meaning: a new person of the case
Index = QModelIndex | QPersistentModelIndex


def guess_roles(proposal: Proposal) -> list[str]:
    """A first role for a new speaker, from what the text calls them; editable."""
    words = (proposal.speaker_title + " " + proposal.speaker + " " + proposal.label).lower()
    if proposal.speaker_kind == "org":
        return ["organization"]
    if re.search(r"spokes(?:man|woman|person)", words):
        return ["spokesperson"]
    if re.search(r"\b(?:officer|det\.?|detective|sgt\.?|sergeant|lt\.?|deputy|sheriff)\b", words):
        return ["police_officer"]
    if re.search(r"\b(?:ada|prosecutor|district attorney)\b", words):
        return ["prosecutor"]
    if re.search(r"\bthe court\b|\bjudge\b", words):
        return ["judge"]
    if re.search(r"\binvestigator\b", words):
        return ["investigator"]
    if re.search(r"\bwitness\b", words):
        return ["witness"]
    return ["other"]


def is_label(proposal: Proposal) -> bool:
    """Whether the speaker is a label, not a person's name ("OFFICER 1", "SPEAKER 2")."""
    return proposal.speaker_kind == "label" or (not proposal.speaker and bool(proposal.label))


@dataclass
class SpeakerRow:
    key: str  # the speaker as proposed: what the statements are mapped by
    labels: list[str] = field(default_factory=list)
    count: int = 0
    party_id: int = NEW
    name: str = ""
    role: str = "other"
    label_only: bool = False  # only labels: the person should say who it is
    kind: str = "individual"  # a new person's kind: an organisation speaks as one


class SpeakersModel(QAbstractTableModel):
    """One row per distinct speaker; "Is", the name and the role are editable."""

    def __init__(self, parties: Sequence[dict[str, Any]], parent: Any = None) -> None:
        super().__init__(parent)
        self.parties = {int(p["id"]): str(p["name"]) for p in parties}
        self.by_name: dict[str, int] = {}
        for p in parties:
            self.by_name.setdefault(intake_apply.name_key(str(p["name"])), int(p["id"]))
        self.rows: list[SpeakerRow] = []
        self._chosen: dict[str, SpeakerRow] = {}  # kept across refreshes

    def refresh(self, kept: Iterable[tuple[str, Proposal]]) -> None:
        """Re-count the speakers of the kept rows ((speaker, proposal) pairs), keeping
        what was chosen for a speaker seen before."""
        found: dict[str, SpeakerRow] = {}
        for key, proposal in kept:
            if not key:
                continue
            row = found.get(key)
            if row is None:
                row = self._chosen.get(key) or self._first(key, proposal)
                row.labels, row.count = [], 0
                found[key] = row
            row.count += 1
            written = proposal.label or proposal.speaker_as_written or proposal.speaker
            if written and written not in row.labels and len(row.labels) < 6:
                row.labels.append(written)
        self.beginResetModel()
        self.rows = list(found.values())
        self._chosen.update(found)
        self.endResetModel()

    def _first(self, key: str, proposal: Proposal) -> SpeakerRow:
        party = self.by_name.get(intake_apply.name_key(key), NEW)
        return SpeakerRow(
            key=key,
            party_id=party,
            name=key,
            role=guess_roles(proposal)[0],
            label_only=is_label(proposal),
            kind="organization" if proposal.speaker_kind == "org" else "individual",
        )

    def to_map(self) -> list[SpeakerRow]:
        """Labels still standing for nobody named: the person should say who they are."""
        return [r for r in self.rows if r.label_only and r.party_id == NEW and r.name == r.key]

    def mapping(self) -> dict[str, intake_apply.Speaker]:
        """Each speaker's choice, as ``apply_proposals(speakers=...)`` takes it."""
        return {
            r.key: intake_apply.Speaker(
                party_id=r.party_id or None, name=r.name, roles=(r.role,), kind=r.kind
            )
            for r in self.rows
        }

    def choices(self, index: Index) -> list[tuple[Any, str]]:
        if index.column() == ROLE:
            return list(vocab.ROLES.items())
        return [(NEW, "A new person"), *self.parties.items()]

    # -- the model ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802 (Qt override)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        new = self.rows[index.row()].party_id == NEW
        if index.column() == IS or (index.column() in (NAME, ROLE) and new):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        new = row.party_id == NEW
        if role == Qt.ItemDataRole.EditRole:
            return {IS: row.party_id, NAME: row.name, ROLE: row.role}.get(column)
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME and row in self.to_map():
            return "A label, not a name: type who this is, or choose a party under Is"
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == WHO_SAID:
            return row.key
        if column == AS_WRITTEN:
            return ", ".join(row.labels)
        if column == COUNT:
            return str(row.count)
        if column == IS:
            return "A new person" if new else self.parties.get(row.party_id, "?")
        if column == NAME:
            if not new:
                return "—"
            return row.name + (" (a label: say who)" if row in self.to_map() else "")
        if column == ROLE:
            return vocab.label(vocab.ROLES, row.role) if new else "—"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row, column = self.rows[index.row()], index.column()
        if column == IS:
            row.party_id = int(value) if int(value) in self.parties else NEW
        elif column == NAME and str(value).strip():
            row.name = str(value).strip()
        elif column == ROLE and value in vocab.ROLES:
            row.role = str(value)
        else:
            return False
        self.dataChanged.emit(index.siblingAtColumn(0), index.siblingAtColumn(len(HEADERS) - 1))
        return True
