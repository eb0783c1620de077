"""The review dialog's rows: one per proposed statement, in a model (not a widget per
row), so a 300-page transcript's thousands of proposals open and scroll at once.

Each :class:`ReviewRow` holds the proposal as read and what the person made of it:
kept or not, the speaker, the words, the recipient, the setting (a statement setting
of ``app.core.vocab``), the date, verbatim or reported speech, and the pin cite.
:func:`confidence_words` says a confidence the way the dialog shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.core import vocab
from app.core.intake import apply as intake_apply
from app.core.intake.proposal import Proposal

KEEP, SPEAKER, TEXT, SPEECH, SETTING, DATE, PIN, RECIPIENT, CONFIDENCE = range(9)
HEADERS = (
    "Keep",
    "Speaker",
    "Statement",
    "Speech",
    "Setting",
    "Date",
    "Pin cite",
    "To / audience",
    "Confidence",
)
SPEECH_KINDS = {"verbatim": "Verbatim", "reported": "Reported (in substance)"}
# Which columns a person may edit in place (Keep is a check box; Confidence is read).
EDITABLE = frozenset({SPEAKER, TEXT, SPEECH, SETTING, DATE, PIN, RECIPIENT})
# Columns whose value is a code shown by its label: the editor offers the labels.
CHOICES: dict[int, Any] = {SPEECH: SPEECH_KINDS, SETTING: vocab.STATEMENT_SETTINGS}

Index = QModelIndex | QPersistentModelIndex


def confidence_words(confidence: float) -> str:
    """ "High (92%)", "Medium (60%)" or "Low (35%)": a level a person reads at a glance,
    and the figure behind it."""
    level = "High" if confidence >= 0.8 else "Medium" if confidence >= 0.5 else "Low"
    return f"{level} ({confidence:.0%})"


@dataclass
class ReviewRow:
    """A proposal and the person's decisions about it."""

    proposal: Proposal
    kept: bool
    speaker: str
    text: str
    recipient: str
    setting: str  # a code of vocab.STATEMENT_SETTINGS
    date: str
    speech: str  # verbatim or reported
    pin: str
    sworn: bool

    @classmethod
    def of(cls, proposal: Proposal) -> ReviewRow:
        speaker = intake_apply.speaker_key(proposal)
        return cls(
            proposal=proposal,
            kept=bool(speaker),
            speaker=speaker,
            text=proposal.text,
            recipient=proposal.recipient,
            setting=intake_apply.statement_setting(proposal.setting),
            date=proposal.date,
            speech="reported" if proposal.speech == "reported" else "verbatim",
            pin=proposal.pin_cite,
            sworn=intake_apply.is_sworn(proposal.setting),
        )

    def value(self, column: int) -> str:
        """The text a column shows (codes by their labels)."""
        if column == SPEAKER:
            return self.speaker
        if column == TEXT:
            return self.text
        if column == SPEECH:
            return SPEECH_KINDS.get(self.speech, self.speech)
        if column == SETTING:
            return vocab.label(vocab.STATEMENT_SETTINGS, self.setting)
        if column == DATE:
            return self.date
        if column == PIN:
            return self.pin
        if column == RECIPIENT:
            return self.recipient
        if column == CONFIDENCE:
            return confidence_words(self.proposal.confidence)
        return ""

    def code(self, column: int) -> str:
        """What an editor starts from: a code for the choice columns, else the text."""
        if column == SPEECH:
            return self.speech
        if column == SETTING:
            return self.setting
        return self.value(column)

    def set(self, column: int, value: str) -> None:
        value = value.strip() if column != TEXT else value
        if column == SPEAKER:
            self.speaker = value
        elif column == TEXT:
            self.text = value
        elif column == SPEECH and value in SPEECH_KINDS:
            self.speech = value
        elif column == SETTING and value in vocab.STATEMENT_SETTINGS:
            if value != self.setting:  # testimony is sworn; a chosen other setting is not
                self.sworn = value == "sworn_testimony" or (
                    value == "criminal_complaint" and intake_apply.is_sworn(self.proposal.setting)
                )
            self.setting = value
        elif column == DATE:
            self.date = value
        elif column == PIN:
            self.pin = value
        elif column == RECIPIENT:
            self.recipient = value


class ProposalModel(QAbstractTableModel):
    """The review's rows as a table: Keep is a check box, the rest editable text or
    choices, Confidence read-only. Kept rows say so to a screen reader too."""

    def __init__(self, rows: list[ReviewRow], parent: Any = None) -> None:
        super().__init__(parent)
        self.rows = rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802 (Qt override)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return HEADERS[section]
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == KEEP:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in EDITABLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if column == KEEP:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if row.kept else Qt.CheckState.Unchecked
            if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
                return "Kept" if row.kept else "Not kept"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.value(column)
        if role == Qt.ItemDataRole.EditRole:
            return row.code(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == TEXT:
                return row.proposal.context or row.text
            if column == CONFIDENCE:
                return row.proposal.how
            return row.value(column) or None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        row, column = self.rows[index.row()], index.column()
        if column == KEEP and role == Qt.ItemDataRole.CheckStateRole:
            row.kept = Qt.CheckState(value) == Qt.CheckState.Checked
        elif column in EDITABLE and role == Qt.ItemDataRole.EditRole:
            row.set(column, str(value))
        else:
            return False
        self.dataChanged.emit(index.siblingAtColumn(0), index.siblingAtColumn(len(HEADERS) - 1))
        return True

    # -- what the dialog does to rows ---------------------------------------------------

    def set_kept(self, rows: list[int], kept: bool) -> None:
        for number in rows:
            self.rows[number].kept = kept
        if rows:
            self.dataChanged.emit(self.index(min(rows), KEEP), self.index(max(rows), KEEP))

    def remove(self, numbers: list[int]) -> None:
        for number in sorted(numbers, reverse=True):
            self.beginRemoveRows(QModelIndex(), number, number)
            del self.rows[number]
            self.endRemoveRows()

    def changed(self, number: int) -> None:
        self.dataChanged.emit(self.index(number, 0), self.index(number, len(HEADERS) - 1))
