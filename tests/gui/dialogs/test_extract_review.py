"""The review dialog over a transcript's proposals: the source snippet with both
highlights (said in words too), confidence in words, the reason, the editable
setting, date, speech and pin cite, keyboard use, the Speakers mapping applied once
through one transaction and one undo step, and thousands of rows in a model."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from sqlalchemy import select

from app.context import AppContext
from app.core.services import people
from app.core.storage.models import Party, Person, Statement
from app.gui.dialogs.extract import ExtractDialog, merged_pin, review_extraction
from app.gui.dialogs.extract_model import DATE, KEEP, PIN, SETTING, SPEECH
from app.gui.dialogs.extract_speakers import IS, NAME
from tests.core.intake.transcript_proposals import TRANSCRIPT, transcript_proposals
from tests.gui.recording import RecordingInteraction


def _dialog(qtbot: Any, ctx: AppContext, case_id: int) -> ExtractDialog:
    dialog = ExtractDialog(ctx, case_id, TRANSCRIPT, "hearing.txt", None, transcript_proposals())
    qtbot.addWidget(dialog)
    return dialog


def _speakers(dialog: ExtractDialog) -> dict[str, int]:
    return {row.key: number for number, row in enumerate(dialog.speakers.rows)}


def test_the_pane_shows_both_highlights_in_colour_and_in_words(
    qtbot: Any, ctx: AppContext, sample_case_id: int
) -> None:
    dialog = _dialog(qtbot, ctx, sample_case_id)
    dialog.table.setCurrentIndex(dialog.model.index(2, 0))  # "What did you see?" by Q
    pane = dialog.pane
    said = pane.source.accessibleDescription()
    assert "Highlighted as the statement: “What did you see?”" in said
    assert "Highlighted as naming the speaker: “MS. JONES”" in said
    page = pane.source.toHtml()
    assert "#fff1a8" in page and "#cfe3ff" in page  # two different marks
    assert pane.confidence.text() == "High (92%)"
    assert pane.reason.text() == "Q in the direct examination of Officer Walsh by Ms. Jones"
    dialog.table.setCurrentIndex(dialog.model.index(5, 0))  # OFFICER 1 on the body camera
    assert pane.confidence.text() == "Low (40%)"
    assert "“OFFICER 1”" in pane.source.accessibleDescription()
    assert dialog.cell(5, PIN) == "[00:03:12]" and dialog.cell(5, SETTING) == "Police encounter"


def test_setting_date_speech_and_pin_are_edited_and_accepted(
    qtbot: Any, ctx: AppContext, sample_case_id: int
) -> None:
    dialog = _dialog(qtbot, ctx, sample_case_id)
    dialog.table.setCurrentIndex(dialog.model.index(1, 0))  # the witness's answer
    assert dialog.cell(1, SETTING) == "Sworn testimony" and dialog.cell(1, DATE) == "2026-03-10"
    pane = dialog.pane
    pane.date.setText("2026-03-11")
    pane.date.editingFinished.emit()
    pane.pin.setText("12:3-4")
    pane.pin.editingFinished.emit()
    pane.speech.setCurrentIndex(pane.speech.findData("reported"))
    pane.speech.activated.emit(pane.speech.currentIndex())
    dialog.set_cell(0, SETTING, "interview")  # in place, as the table's combo does
    items = dialog.accepted_items()
    answer = next(i for i in items if i.text.startswith("I was on patrol"))
    assert (answer.date, answer.pin_cite, answer.reported) == ("2026-03-11", "12:3-4", True)
    assert answer.setting == "sworn_testimony" and answer.sworn
    question = items[0]
    assert question.setting == "interview" and not question.sworn
    assert dialog.cell(1, SPEECH) == "Reported (in substance)"


def test_space_keeps_and_drops_rows_from_the_keyboard(
    qtbot: Any, ctx: AppContext, sample_case_id: int
) -> None:
    dialog = _dialog(qtbot, ctx, sample_case_id)
    dialog.show()
    dialog.table.setFocus()
    dialog.select_rows([0, 2])
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert [dialog.model.rows[r].kept for r in (0, 1, 2)] == [False, True, False]
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert dialog.model.rows[0].kept and dialog.model.rows[2].kept
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert not dialog.model.rows[0].kept
    keep = dialog.model.index(0, KEEP).data(Qt.ItemDataRole.AccessibleTextRole)
    assert keep == "Not kept"


def test_each_label_is_mapped_once_and_added_in_one_undo_step(
    qtbot: Any, ctx: AppContext, sample_case_id: int
) -> None:
    ws = ctx.workspace
    walsh = people.add_person_to_case(ws, sample_case_id, ["police_officer"], name="John Walsh")

    def map_and_accept(dialog: QDialog) -> int:
        assert isinstance(dialog, ExtractDialog)
        rows = _speakers(dialog)
        assert set(rows) == {"Ms. Jones", "Officer Walsh", "THE COURT", "OFFICER 1", "SPEAKER 2"}
        assert "Say who THE COURT, OFFICER 1, SPEAKER 2 are" in dialog.intro.text()
        model = dialog.speakers
        model.setData(model.index(rows["OFFICER 1"], IS), walsh)
        model.setData(model.index(rows["Officer Walsh"], IS), walsh)
        model.setData(model.index(rows["SPEAKER 2"], NAME), "Luis Reyes")
        model.setData(model.index(rows["THE COURT"], NAME), "Hon. Ana Cruz")
        assert dialog.speakers.to_map() == []
        dialog.accept()
        return int(dialog.result())

    ctx.interaction = RecordingInteraction(dialogs=[map_and_accept])
    stack = QUndoStack()
    applied = review_extraction(ctx, stack, sample_case_id, TRANSCRIPT, "hearing.txt", None,
                                transcript_proposals())  # fmt: skip
    assert applied is not None and stack.count() == 1 and len(applied.statement_ids) == 8
    added = select(Statement).where(Statement.id.in_(applied.statement_ids))
    with ws.reader() as session:
        spoke = {
            s.text: session.scalar(select(Person.name).join(Party).where(Party.id == s.speaker_id))
            for s in session.scalars(added)
        }
        judge_roles = session.scalar(
            select(Party.roles).join(Person).where(Person.name == "Hon. Ana Cruz")
        )
    assert spoke["Stop right there, hands where I can see them."] == "John Walsh"
    assert spoke["Turn around."] == "John Walsh"
    assert spoke["I was on patrol on Fulton Street."] == "John Walsh"
    assert spoke["I didn't do anything, man."] == "Luis Reyes"
    assert spoke["What did you see?"] == "Ms. Jones"
    assert judge_roles == ["judge"]
    # Three new people (Luis Reyes, the judge, Ms. Jones), each once.
    assert len(applied.person_ids) == 3
    stack.undo()
    with ws.reader() as session:
        assert not session.scalars(
            select(Statement).where(Statement.id.in_(applied.statement_ids))
        ).all()


def test_thousands_of_proposals_open_in_a_model_not_a_widget_per_row(
    qtbot: Any, ctx: AppContext, sample_case_id: int
) -> None:
    proposals = transcript_proposals() * 500  # 4,000 rows
    started = time.perf_counter()
    dialog = ExtractDialog(ctx, sample_case_id, TRANSCRIPT, "long.txt", None, proposals)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.row_count() == 4000
    assert time.perf_counter() - started < 5  # a widget per row took far longer
    assert len(dialog.findChildren(QWidget)) < 300
    assert dialog.speakers.rows[0].count == 1000  # Ms. Jones: two questions a copy


def test_merged_pins_span_the_rows() -> None:
    assert merged_pin(["¶ 4", "¶ 5"]) == "¶¶ 4–5"
    assert merged_pin(["¶ 4", "¶ 4"]) == "¶ 4"
    assert merged_pin(["12:4-9", "12:10-13:2"]) == "12:4-13:2"
    assert merged_pin(["12:4", "12:5"]) == "12:4-5"
    assert merged_pin(["[00:03:12]", "[00:03:20]"]) == "[00:03:12]-[00:03:20]"


def test_unnamed_labels_are_asked_about_before_they_become_people(
    qtbot: Any, ctx: AppContext, sample_case_id: int
) -> None:
    visits: list[int] = []

    def accept(dialog: QDialog) -> int:
        assert isinstance(dialog, ExtractDialog)
        visits.append(dialog.tabs.currentIndex())
        dialog.accept()
        return int(dialog.result())

    talk = RecordingInteraction(dialogs=[accept, accept], yes_no=[False, True])
    ctx.interaction = talk
    applied = review_extraction(ctx, None, sample_case_id, TRANSCRIPT, "bodycam.txt", None,
                                transcript_proposals())  # fmt: skip
    assert applied is not None
    [first, _second] = talk.of_kind("question")
    assert "THE COURT, OFFICER 1, SPEAKER 2 are labels" in first.text
    assert visits == [0, 1]  # No: the dialog came back on the Speakers tab


def test_the_speakers_table_is_edited_from_the_keyboard(
    qtbot: Any, ctx: AppContext, sample_case_id: int
) -> None:
    dialog = _dialog(qtbot, ctx, sample_case_id)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.tabs.setCurrentIndex(1)
    table = dialog.speakers_table
    row = _speakers(dialog)["SPEAKER 2"]
    table.setFocus()
    table.setCurrentIndex(dialog.speakers.index(row, NAME))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()  # type: ignore[union-attr]
    qtbot.keyClicks(editor, "Luis Reyes")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn
    qtbot.waitUntil(lambda: dialog.speakers.rows[row].name == "Luis Reyes", timeout=3000)
    table.setCurrentIndex(dialog.speakers.index(row, IS))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert combo is not None and combo.accessibleName() == "Is"
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.speakers.rows[row].party_id != 0, timeout=3000)


def test_an_organisation_stays_an_organisation_through_the_mapping() -> None:
    from app.core.intake.proposal import Proposal
    from app.gui.dialogs.extract_speakers import SpeakersModel

    model = SpeakersModel([])
    nypd = Proposal(text="We are reviewing it.", speaker="NYPD", speaker_kind="org")
    model.refresh([("NYPD", nypd)])
    speaker = model.mapping()["NYPD"]
    assert speaker.kind == "organization" and list(speaker.roles) == ["organization"]
