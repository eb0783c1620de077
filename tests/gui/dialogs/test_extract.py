"""The conflict dock and the statement review dialog (offscreen)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QDockWidget, QMainWindow
from sqlalchemy import func, select

from app.context import AppContext
from app.core.services import cases, people
from app.core.storage.models import Statement
from app.gui.conflict_panel import DOCK_NAME, ConflictPanel, check_and_show
from app.gui.dialogs.extract import TEXT, ExtractDialog, review_extraction, run_extraction
from tests.gui.recording import RecordingInteraction


def _statements(ctx: AppContext) -> int:
    with ctx.workspace.reader() as session:
        return int(session.scalar(select(func.count()).select_from(Statement)) or 0)


def test_check_and_show_docks_the_hits_with_conflicts_marked(
    qtbot: Any, ctx: AppContext, sample_case_id: int
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    other = cases.add_case(ctx.workspace, caption="People v. Someone Else")
    party = people.add_person_to_case(ctx.workspace, other, ["complainant"], name="Ingram, Derrick")
    hits = check_and_show(ctx, party, window)
    assert [(h.case_id, h.adverse) for h in hits] == [(sample_case_id, True)]
    dock = window.findChild(QDockWidget, DOCK_NAME)
    assert dock is not None
    panel = dock.widget()
    assert isinstance(panel, ConflictPanel)
    assert panel.tree.topLevelItemCount() == 1 and panel.conflict_count() == 1
    assert panel.tree.topLevelItem(0).text(0) == "Conflict"
    assert "1 conflict" in panel.summary.text()
    # A second check reuses the same dock.
    check_and_show(ctx, party, window)
    assert len(window.findChildren(QDockWidget, DOCK_NAME)) == 1
    with qtbot.waitSignal(panel.case_activated) as signal:
        panel.tree.itemActivated.emit(panel.tree.topLevelItem(0), 0)
    assert signal.args == [sample_case_id]


def test_review_merge_reject_then_one_undo_step(
    qtbot: Any, ctx: AppContext, sample_case_id: int, article_text: str
) -> None:
    dialog = ExtractDialog(ctx, sample_case_id, article_text, "article copy.txt")
    qtbot.addWidget(dialog)
    rows = dialog.row_count()
    assert rows >= 25
    dialog.set_kept(0, False)  # reject the first
    dialog.merge_rows([2, 3])  # the spokesperson's two quotes in ¶ 4 as one statement
    assert dialog.row_count() == rows - 1
    items = dialog.accepted_items()
    assert len(items) == rows - 2
    assert any(" … " in i.text and i.pin_cite == "¶ 4" for i in items)
    before = _statements(ctx)
    stack = QUndoStack()
    operation = run_extraction(ctx, stack, sample_case_id, article_text, "article copy.txt", items)
    assert operation.applied is not None and stack.count() == 1
    assert _statements(ctx) == before + len(items)
    stack.undo()
    assert _statements(ctx) == before
    stack.redo()
    assert _statements(ctx) == before + len(items)


def test_a_refused_review_comes_back_with_the_edits_then_saves(
    qtbot: Any, ctx: AppContext, sample_case_id: int, article_text: str
) -> None:
    kept_words: list[str] = []

    def blank_the_first_statement(dialog: QDialog) -> int:
        assert isinstance(dialog, ExtractDialog)
        kept_words.append(dialog.cell(1, TEXT))
        dialog.set_cell(1, TEXT, "")
        dialog.accept()
        return int(dialog.result())

    def put_the_words_back(dialog: QDialog) -> int:
        assert isinstance(dialog, ExtractDialog)
        assert dialog.cell(1, TEXT) == ""  # the same dialog, edits kept
        dialog.set_cell(1, TEXT, kept_words[0])
        dialog.accept()
        return int(dialog.result())

    talk = RecordingInteraction(dialogs=[blank_the_first_statement, put_the_words_back])
    ctx.interaction = talk
    before = _statements(ctx)
    stack = QUndoStack()
    applied = review_extraction(ctx, stack, sample_case_id, article_text, "article copy.txt")
    assert applied is not None and stack.count() == 1
    assert _statements(ctx) == before + len(applied.statement_ids)
    [warning] = talk.of_kind("warn")
    assert warning.title == "Statements not added" and "no text" in warning.text
    assert [s.kind for s in talk.log] == ["dialog", "warn", "dialog"]


def test_a_cancelled_review_adds_nothing(
    qtbot: Any, ctx: AppContext, sample_case_id: int, article_text: str
) -> None:
    def cancel(dialog: QDialog) -> int:
        dialog.reject()
        return int(dialog.result())

    ctx.interaction = RecordingInteraction(dialogs=[cancel])
    before = _statements(ctx)
    assert review_extraction(ctx, None, sample_case_id, article_text, "a.txt") is None
    assert _statements(ctx) == before
