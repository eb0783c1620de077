"""The review dialog's pane for the row in hand: where in the text it was found, why,
how sure, and its fields to correct.

The source snippet shows the words around the statement with the statement's words
marked (yellow) and the words naming the speaker marked differently (blue, bold and
underlined, so the two differ without colour too); the same is said in words in the
snippet's accessible description for a screen reader. Below it the confidence in
words ("High (92%)"), the reason ("Q in the direct examination of Officer Walsh by
Ms. Jones") and editors for the speaker, the recipient, the setting, the date, verbatim
or reported speech, and the pin cite, each written back to the row as it is left.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core import vocab
from app.gui.dialogs.extract_model import (
    DATE,
    PIN,
    RECIPIENT,
    SETTING,
    SPEAKER,
    SPEECH,
    SPEECH_KINDS,
    ReviewRow,
    confidence_words,
)

AROUND = 320  # characters of text shown on each side of the statement
STATEMENT_STYLE = "background-color:#fff1a8;color:#000000;"
SPEAKER_STYLE = "background-color:#cfe3ff;color:#000000;font-weight:bold;text-decoration:underline;"


def spans(text: str, row: ReviewRow) -> tuple[tuple[int, int], tuple[int, int]]:
    """Where the statement's words and the speaker's words are in ``text``: the
    proposal's offsets when they hold its words, else the first place the words are
    found; ``(-1, -1)`` for what is not found."""
    proposal = row.proposal
    start, end = proposal.start, proposal.end
    if not (0 <= start < end <= len(text)) or not _same(text[start:end], proposal.text):
        found = text.find(proposal.text[:80]) if proposal.text else -1
        start, end = (found, found + len(proposal.text)) if found >= 0 else (-1, -1)
    s_start, s_end = proposal.speaker_start, proposal.speaker_end
    if not (0 <= s_start < s_end <= len(text)):
        s_start = s_end = -1
    return (start, end), (s_start, s_end)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split())[:60] == " ".join(b.split())[:60]


def snippet(text: str, row: ReviewRow) -> tuple[str, str]:
    """The snippet as HTML with both highlights, and the same said in words."""
    (start, end), (s_start, s_end) = spans(text, row)
    if start < 0:  # the words are not in the text as read: show what the reader saw
        context = row.proposal.context or row.proposal.text
        return (
            f"<p>{html.escape(context)}</p>",
            f"The statement's words were not found in the text. Its context: {context}",
        )
    marks = [(start, end, STATEMENT_STYLE)]
    if s_start >= 0 and (s_end <= start or s_start >= end):
        marks.append((s_start, s_end, SPEAKER_STYLE))
    first = max(0, min(m[0] for m in marks) - AROUND)
    last = min(len(text), max(m[1] for m in marks) + AROUND)
    out, at = [], first
    for m_start, m_end, style in sorted(marks):
        out.append(html.escape(text[at:m_start]))
        anchor = '<a name="said"></a>' if style == STATEMENT_STYLE else ""
        out.append(f'{anchor}<span style="{style}">{html.escape(text[m_start:m_end])}</span>')
        at = m_end
    out.append(html.escape(text[at:last]))
    body = "".join(out)
    body = ("…" if first > 0 else "") + body + ("…" if last < len(text) else "")
    said = f"Highlighted as the statement: “{text[start:end]}”."
    if len(marks) > 1:
        said += f" Highlighted as naming the speaker: “{text[s_start:s_end]}”."
    else:
        said += " No words naming the speaker are highlighted."
    return f'<pre style="white-space:pre-wrap;font-family:inherit;">{body}</pre>', said


class RowPane(QWidget):
    """The current row's source, confidence, reason and editable fields."""

    edited = Signal(int, str)  # column, value: the dialog writes it to the current row

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = text
        self.source = QTextBrowser()
        self.source.setAccessibleName("Where the statement was found")
        self.source.setOpenLinks(False)
        self.source.setMinimumHeight(120)
        legend = QLabel(
            f'<span style="{STATEMENT_STYLE}">&nbsp;the statement&nbsp;</span> &nbsp; '
            f'<span style="{SPEAKER_STYLE}">&nbsp;the words naming the speaker&nbsp;</span>'
        )
        legend.setAccessibleName("Highlight key")
        legend.setAccessibleDescription(
            "Yellow marks the statement; blue, bold and underlined marks the speaker."
        )
        self.confidence = QLabel()
        self.confidence.setAccessibleName("Confidence")
        self.reason = QLabel()
        self.reason.setAccessibleName("Why this speaker")
        self.reason.setWordWrap(True)
        self.speaker = self._line("Speaker", SPEAKER, "Who said it")
        self.recipient = self._line("To / audience", RECIPIENT, "To whom, if the text says")
        self.setting = self._choice("Setting", SETTING, vocab.STATEMENT_SETTINGS)
        self.date = self._line("Date", DATE, "YYYY-MM-DD, or as the statement form takes it")
        self.speech = self._choice("Speech", SPEECH, SPEECH_KINDS)
        self.pin = self._line("Pin cite", PIN, "12:4-9, [00:03:12] or ¶ 3")
        form = QFormLayout()
        form.addRow("Confidence:", self.confidence)
        form.addRow("Found by:", self.reason)
        form.addRow("S&peaker:", self.speaker)
        form.addRow("&To / audience:", self.recipient)
        form.addRow("Setti&ng:", self.setting)
        form.addRow("&Date:", self.date)
        form.addRow("Spee&ch:", self.speech)
        form.addRow("P&in cite:", self.pin)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.source, 1)
        layout.addWidget(legend)
        layout.addLayout(form)
        self._loading = False
        self.show_row(None)

    def _line(self, name: str, column: int, tip: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setToolTip(tip)
        edit.editingFinished.connect(lambda: self._edited(column, edit.text()))
        return edit

    def _choice(self, name: str, column: int, choices: Any) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        for code, label in choices.items():
            combo.addItem(label, code)
        combo.activated.connect(lambda _i: self._edited(column, str(combo.currentData())))
        return combo

    def _edited(self, column: int, value: str) -> None:
        if not self._loading:
            self.edited.emit(column, value)

    def editors(self) -> list[QWidget]:
        """The editors in tab order."""
        return [self.speaker, self.recipient, self.setting, self.date, self.speech, self.pin]

    def show_row(self, row: ReviewRow | None) -> None:
        """Show ``row`` (None: nothing chosen; the editors are disabled)."""
        self._loading = True
        try:
            for editor in self.editors():
                editor.setEnabled(row is not None)
            if row is None:
                self.source.setHtml("<p>Choose a statement to see where it was found.</p>")
                self.source.setAccessibleDescription("No statement chosen.")
                self.confidence.setText("")
                self.reason.setText("")
                return
            page, said = snippet(self.text, row)
            self.source.setHtml(page)
            self.source.scrollToAnchor("said")
            self.source.setAccessibleDescription(said)
            self.confidence.setText(confidence_words(row.proposal.confidence))
            self.reason.setText(row.proposal.how or "(no reason given)")
            self.speaker.setText(row.speaker)
            self.recipient.setText(row.recipient)
            self.date.setText(row.date)
            self.pin.setText(row.pin)
            self.setting.setCurrentIndex(max(0, self.setting.findData(row.setting)))
            self.speech.setCurrentIndex(max(0, self.speech.findData(row.speech)))
        finally:
            self._loading = False
